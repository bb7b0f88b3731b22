import { describe, expect, it } from 'vitest';
import type { GridCell, Ruling, TableRegion, TextItem } from '../../../src/core/types.js';
import { readRuledPart, snapRulings } from '../../../src/reconstruct/ruled.js';
import { reconstructTable } from '../../../src/reconstruct/index.js';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import { gridRules, hRule, item, itemCentered, itemRight, part, settings, vRule } from '../../helpers/synthetic.js';

/**
 * A 部门支出总表-like grid, 4 columns × 4 atomic rows:
 *
 *   y=100 ┌────────┬──────┬─────────────────┐
 *         │科目名称│ 合计 │    基本支出      │
 *   y=120 │        │      ├────────┬────────┤
 *         │        │      │人员经费│公用经费│
 *   y=140 ├────────┼──────┼────────┼────────┤
 *         │ 合计   │100.00│  30.00 │  70.00 │
 *   y=160 ├────────┼──────┼────────┼────────┤
 *         │行政运行│100.00│  30.00 │  70.00 │
 *   y=180 └────────┴──────┴────────┴────────┘
 *        x=50     150    250      350      450
 */
const XS = [50, 150, 250, 350, 450] as const;
const YS = [100, 120, 140, 160, 180] as const;

function headerRulings(): Ruling[] {
  return [
    hRule(100, 50, 450),
    hRule(120, 250, 450), // only under 基本支出: 科目名称 and 合计 run down two rows
    hRule(140, 50, 450),
    hRule(160, 50, 450),
    hRule(180, 50, 450),
    vRule(50, 100, 180),
    vRule(150, 100, 180),
    vRule(250, 100, 180),
    vRule(350, 120, 180), // not in the top row: 基本支出 spans two columns
    vRule(450, 100, 180),
  ];
}

function headerItems(): TextItem[] {
  return [
    itemCentered('科目名称', 100, 125),
    itemCentered('合计', 200, 125),
    itemCentered('基本支出', 350, 105),
    itemCentered('人员经费', 300, 125),
    itemCentered('公用经费', 400, 125),
  ];
}

function bodyItems(): TextItem[] {
  return [
    item('合计', 54, 145),
    itemRight('100.00', 246, 145),
    itemRight('30.00', 346, 145),
    itemRight('70.00', 446, 145),
    item('行政运行', 54, 165),
    itemRight('100.00', 246, 165),
    itemRight('30.00', 346, 165),
    itemRight('70.00', 446, 165),
  ];
}

const brief = (cells: readonly GridCell[]) => cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.raw]);

describe('readRuledPart', () => {
  it('finds the atomic grid from the rules', () => {
    const grid = readRuledPart(part(1, [...headerItems(), ...bodyItems()], headerRulings()), settings);
    expect(grid.xs).toEqual([...XS]);
    expect(grid.ys).toEqual([...YS]);
    expect(grid.totalItems).toBe(13);
    expect(grid.cleanItems).toBe(13);
    expect(grid.outside).toEqual([]);
  });

  it('merges cells across missing rules: colSpan 2 where a vertical is missing, rowSpan 2 where a horizontal is', () => {
    const grid = readRuledPart(part(1, [...headerItems(), ...bodyItems()], headerRulings()), settings);
    expect(brief(grid.cells)).toEqual([
      [0, 0, 2, 1, '科目名称'],
      [0, 1, 2, 1, '合计'],
      [0, 2, 1, 2, '基本支出'],
      [1, 2, 1, 1, '人员经费'],
      [1, 3, 1, 1, '公用经费'],
      [2, 0, 1, 1, '合计'],
      [2, 1, 1, 1, '100.00'],
      [2, 2, 1, 1, '30.00'],
      [2, 3, 1, 1, '70.00'],
      [3, 0, 1, 1, '行政运行'],
      [3, 1, 1, 1, '100.00'],
      [3, 2, 1, 1, '30.00'],
      [3, 3, 1, 1, '70.00'],
    ]);
    const merged = grid.cells.find((c) => c.raw === '基本支出')!;
    expect(merged.page).toBe(1);
    // bbox of a cell with text: the text's box.
    expect(merged.bbox[0]).toBeCloseTo(330, 5);
    expect(merged.bbox[2]).toBeCloseTo(370, 5);
  });

  it('splits an item that runs across a drawn vertical rule into two cells', () => {
    // One text run "30.0070.00" printed from x=300 to x=400, across the rule at x=350.
    const run: TextItem = { ...item('30.0070.00', 300, 165), bbox: [300, 165, 400, 175] };
    const items = [...headerItems(), ...bodyItems().filter((i) => i.bbox[1] !== 165 || i.bbox[0] < 250), run];
    const grid = readRuledPart(part(1, items, headerRulings()), settings);
    const lastRow = grid.cells.filter((c) => c.row === 3);
    expect(lastRow.map((c) => [c.col, c.raw])).toEqual([
      [0, '行政运行'],
      [1, '100.00'],
      [2, '30.00'],
      [3, '70.00'],
    ]);
    // The split item is not counted as clean.
    expect(grid.totalItems).toBe(12);
    expect(grid.cleanItems).toBe(11);
    const left = lastRow.find((c) => c.col === 2)!;
    expect(left.bbox[0]).toBe(300);
    expect(left.bbox[2]).toBeCloseTo(350, 5);
  });

  it('cuts a run of two words across a rule between the words, never inside a number', () => {
    // changsha 国资委 p8: "1,000.00 100.00%" is one run over 实际执行 | 执行率. By character share the
    // rule at x=350 falls on the last 0 of 1,000.00 ("1,000.0" | "0 100.00%").
    const run: TextItem = { ...item('1,000.00 100.00%', 304, 165), bbox: [304, 165, 404, 175] };
    const items = [...headerItems(), ...bodyItems().filter((i) => i.bbox[1] !== 165 || i.bbox[0] < 250), run];
    const grid = readRuledPart(part(1, items, headerRulings()), settings);
    const lastRow = grid.cells.filter((c) => c.row === 3);
    expect(lastRow.map((c) => [c.col, c.raw])).toEqual([
      [0, '行政运行'],
      [1, '100.00'],
      [2, '1,000.00'],
      [3, '100.00%'],
    ]);
  });

  it('snaps doubled rules 0.75 pt apart to one rule', () => {
    const single = headerRulings();
    const doubled = single.flatMap((r) => [r, { ...r, position: r.position + 0.75 }]);
    const grid = readRuledPart(part(1, [...headerItems(), ...bodyItems()], doubled), settings);
    expect(grid.xs).toHaveLength(5);
    expect(grid.ys).toHaveLength(5);
    grid.xs.forEach((x, k) => expect(x).toBeCloseTo(XS[k]! + 0.375, 5));
    expect(brief(grid.cells)).toEqual(brief(readRuledPart(part(1, [...headerItems(), ...bodyItems()], single), settings).cells));
  });

  it('reads rules that come from thin filled rectangles (two edges ~0.5 pt apart, pieces per cell)', () => {
    // A producer that fills one 0.5 pt rectangle per cell edge: short pieces, each reported
    // by ingest at its centre line; here doubled as well and cut at every column.
    const pieces: Ruling[] = [];
    for (const r of headerRulings()) {
      const cuts = r.orientation === 'h' ? XS.filter((x) => x >= r.start && x <= r.end) : YS.filter((y) => y >= r.start && y <= r.end);
      for (let k = 1; k < cuts.length; k++) {
        pieces.push({ ...r, start: cuts[k - 1]!, end: cuts[k]! });
        pieces.push({ ...r, position: r.position + 0.5, start: cuts[k - 1]! + 0.2, end: cuts[k]! - 0.2 });
      }
    }
    const grid = readRuledPart(part(1, [...headerItems(), ...bodyItems()], pieces), settings);
    expect(grid.xs).toHaveLength(5);
    expect(brief(grid.cells).slice(0, 5)).toEqual([
      [0, 0, 2, 1, '科目名称'],
      [0, 1, 2, 1, '合计'],
      [0, 2, 1, 2, '基本支出'],
      [1, 2, 1, 1, '人员经费'],
      [1, 3, 1, 1, '公用经费'],
    ]);
  });

  it('puts text outside the rules aside', () => {
    const note = item('注：本表为示例。', 50, 200);
    const grid = readRuledPart(part(1, [...headerItems(), ...bodyItems(), note], headerRulings()), settings);
    expect(grid.outside.map((i) => i.raw)).toEqual(['注：本表为示例。']);
  });
});

describe('snapRulings', () => {
  it('joins collinear pieces and clusters near positions', () => {
    const out = snapRulings([hRule(100, 50, 150), hRule(100.6, 151, 250), hRule(130, 50, 250), vRule(50, 100, 130)], settings);
    const h = out.filter((r) => r.orientation === 'h');
    expect(h).toHaveLength(2);
    expect(h[0]!.position).toBeCloseTo(100.3, 5);
    expect([h[0]!.start, h[0]!.end]).toEqual([50, 250]);
    expect(out.filter((r) => r.orientation === 'v')).toHaveLength(1);
  });

  it('keeps pieces with a real gap apart', () => {
    const out = snapRulings([hRule(100, 50, 150), hRule(100, 200, 250)], settings);
    expect(out.map((r) => [r.start, r.end])).toEqual([
      [50, 150],
      [200, 250],
    ]);
  });
});

describe('reconstructTable (ruled)', () => {
  const region = (parts: TableRegion['parts']): TableRegion => ({
    number: '1-2',
    title: '部门支出总表',
    titleRaw: '部门支出总表',
    unit: '万元',
    departmentLine: null,
    kind: 'expenditure_summary',
    parts,
  });
  const options = { totalLabel: departmentBudgetPipeline.totalLabel };

  it('finds two header rows (the body starts at the 合计 row) and keeps spans', () => {
    const grid = reconstructTable(region([part(1, [...headerItems(), ...bodyItems()], headerRulings())]), options, settings);
    expect(grid.headerRows).toBe(2);
    expect(grid.method).toBe('ruled');
    expect(grid.source).toBe('text');
    expect(grid.quality).toBe(1);
    expect(grid.pages).toEqual([1]);
    expect(grid.columns.map((c) => [c.x0, c.x1])).toEqual([
      [50, 150],
      [150, 250],
      [250, 350],
      [350, 450],
    ]);
    expect(grid.rows.map((r) => r.map((c) => c.raw))).toEqual([
      ['科目名称', '合计', '基本支出'],
      ['人员经费', '公用经费'],
      ['合计', '100.00', '30.00', '70.00'],
      ['行政运行', '100.00', '30.00', '70.00'],
    ]);
    expect(grid.rows[0]![0]!.rowSpan).toBe(2);
    expect(grid.rows[0]![2]!.colSpan).toBe(2);
    expect(grid.note).toBeNull();
  });

  it('stitches a continuation page and drops its repeated header rows', () => {
    const page2Items = [...headerItems(), ...bodyItems()].map((i) => ({ ...i, page: 2, raw: i.raw === '行政运行' ? '事业运行' : i.raw }));
    const grid = reconstructTable(
      region([part(1, [...headerItems(), ...bodyItems()], headerRulings()), part(2, page2Items, headerRulings())]),
      options,
      settings,
    );
    expect(grid.pages).toEqual([1, 2]);
    expect(grid.headerRows).toBe(2);
    expect(grid.rows.slice(2).map((r) => [r[0]!.raw, r[0]!.page])).toEqual([
      ['合计', 1],
      ['行政运行', 1],
      ['合计', 2],
      ['事业运行', 2],
    ]);
  });

  it('a first body row printing only its first cell, the other cells drawn and empty, is a section of the body', () => {
    // 广州卫健委 pp. 116–120: 项目 | 预算数 | 绩效目标, then a unit's name on a row of its own over its projects.
    const rules = gridRules([50, 150, 250, 350], [100, 120, 140, 160]);
    const items = [
      itemCentered('项目', 100, 105),
      itemCentered('预算数', 200, 105),
      itemCentered('绩效目标', 300, 105),
      item('卫生健康委员会', 54, 125),
      item('综合业务费', 54, 145),
      itemRight('646.54', 246, 145),
      item('开展业务督导', 254, 145),
    ];
    const grid = reconstructTable(region([part(1, items, rules)]), options, settings);
    expect(grid.headerRows).toBe(1);
    expect(grid.rows.slice(1).map((r) => r.map((c) => c.raw))).toEqual([['卫生健康委员会'], ['综合业务费', '646.54', '开展业务督导']]);
  });

  it('a header row naming only its first column, the others merged down from above, stays a header row', () => {
    const rules = [
      ...[100, 140, 160].map((y) => hRule(y, 50, 350)),
      hRule(120, 50, 150),
      ...[50, 150, 250, 350].map((x) => vRule(x, 100, 160)),
    ];
    const items = [
      itemCentered('项目', 100, 105),
      itemCentered('科目名称', 100, 125),
      itemCentered('预算数', 200, 115),
      itemCentered('绩效目标', 300, 115),
      item('综合业务费', 54, 145),
      itemRight('646.54', 246, 145),
      item('开展业务督导', 254, 145),
    ];
    const grid = reconstructTable(region([part(1, items, rules)]), options, settings);
    expect(grid.headerRows).toBe(2);
    expect(grid.rows.slice(2).map((r) => r[0]!.raw)).toEqual(['综合业务费']);
  });

  it('an empty table keeps its header, no body, and the printed note', () => {
    const ys = [100, 120, 140];
    const rules = gridRules([50, 150, 250], ys);
    const items = [itemCentered('科目名称', 100, 105), itemCentered('合计', 200, 105), item('合 计', 54, 125), item('本单位无政府性基金预算财政拨款支出，故本表无数据。', 50, 150)];
    const grid = reconstructTable(region([part(1, items, rules)]), options, settings);
    expect(grid.note).toBe('本单位无政府性基金预算财政拨款支出，故本表无数据。');
    expect(grid.headerRows).toBe(1);
    expect(grid.rows.slice(1).map((r) => r.map((c) => c.raw))).toEqual([['合 计']]);
  });
});
