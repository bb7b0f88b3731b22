import { describe, expect, it } from 'vitest';
import type { TableRegion, TextItem } from '../../../src/core/types.js';
import { readUnruledPart } from '../../../src/reconstruct/unruled.js';
import { reconstructTable } from '../../../src/reconstruct/index.js';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import { item, itemCentered, itemRight, part, settings } from '../../helpers/synthetic.js';

const TOTAL = departmentBudgetPipeline.totalLabel;

/**
 * No rules at all: labels left-aligned at x=60, amounts right-aligned at
 * x=300, 400 and 500; the header centred over each column.
 *
 *   科目名称            合计      基本支出    项目支出
 *   合计              350.00      100.00      250.00
 *   行政运行          100.00      100.00
 *   其他科学技术支出  250.00                  250.00
 */
function items(): TextItem[] {
  return [
    item('科目名称', 60, 100),
    itemCentered('合计', 275, 100),
    itemCentered('基本支出', 375, 100),
    itemCentered('项目支出', 475, 100),
    item('合计', 60, 120),
    itemRight('350.00', 300, 120),
    itemRight('100.00', 400, 120),
    itemRight('250.00', 500, 120),
    item('行政运行', 60, 140),
    itemRight('100.00', 300, 140),
    itemRight('100.00', 400, 140),
    item('其他科学技术支出', 60, 160),
    itemRight('250.00', 300, 160),
    itemRight('250.00', 500, 160),
  ];
}

describe('readUnruledPart', () => {
  it('finds the columns from the body lines and puts every piece in its column', () => {
    const grid = readUnruledPart(part(1, items(), []), TOTAL, settings);
    expect(grid.xs).toHaveLength(5);
    // Column 0 is the label column (60 … 220), then one column per right-aligned amount.
    expect(grid.xs[0]).toBe(60);
    expect(grid.xs[4]).toBe(500);
    expect(grid.cells.map((c) => [c.row, c.col, c.colSpan, c.raw])).toEqual([
      [0, 0, 1, '科目名称'],
      [0, 1, 1, '合计'],
      [0, 2, 1, '基本支出'],
      [0, 3, 1, '项目支出'],
      [1, 0, 1, '合计'],
      [1, 1, 1, '350.00'],
      [1, 2, 1, '100.00'],
      [1, 3, 1, '250.00'],
      [2, 0, 1, '行政运行'],
      [2, 1, 1, '100.00'],
      [2, 2, 1, '100.00'],
      [3, 0, 1, '其他科学技术支出'],
      [3, 1, 1, '250.00'],
      [3, 3, 1, '250.00'],
    ]);
    expect(grid.cleanItems).toBe(14);
    expect(grid.totalItems).toBe(14);
  });

  it('folds a wrapped label line into the row above', () => {
    const wrapped = [
      ...items().filter((i) => i.bbox[1] < 160),
      item('机关事业单位基本养老', 60, 160),
      itemRight('34.58', 300, 160),
      itemRight('34.58', 400, 160),
      item('保险缴费支出', 60, 171),
    ];
    const grid = readUnruledPart(part(1, wrapped, []), TOTAL, settings);
    const rows = new Map<number, string[]>();
    for (const c of grid.cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c.raw]);
    expect([...rows.values()]).toEqual([
      ['科目名称', '合计', '基本支出', '项目支出'],
      ['合计', '350.00', '100.00', '250.00'],
      ['行政运行', '100.00', '100.00'],
      ['机关事业单位基本养老保险缴费支出', '34.58', '34.58'],
    ]);
  });
});

describe('reconstructTable (unruled)', () => {
  it('gives an unruled grid with one header row and the body rows', () => {
    const region: TableRegion = {
      number: '1-2',
      title: '部门支出总表',
      titleRaw: '部门支出总表',
      unit: '万元',
      departmentLine: null,
      kind: 'expenditure_summary',
      parts: [part(1, items(), [])],
    };
    const grid = reconstructTable(region, { totalLabel: departmentBudgetPipeline.totalLabel }, settings);
    expect(grid.method).toBe('unruled');
    expect(grid.headerRows).toBe(1);
    expect(grid.columns).toHaveLength(4);
    expect(grid.rows.map((r) => r.map((c) => `${c.col}:${c.raw}`))).toEqual([
      ['0:科目名称', '1:合计', '2:基本支出', '3:项目支出'],
      ['0:合计', '1:350.00', '2:100.00', '3:250.00'],
      ['0:行政运行', '1:100.00', '2:100.00'],
      ['0:其他科学技术支出', '1:250.00', '3:250.00'],
    ]);
  });
});
