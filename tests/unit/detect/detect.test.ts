import { describe, expect, it } from 'vitest';
import type { PageContent, Ruling, SourceDocument, TextItem } from '../../../src/core/types.js';
import { detectTables } from '../../../src/detect/index.js';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import { gridRules, item, itemCentered, itemRight, page, settings } from '../../helpers/synthetic.js';

const doc = (...pages: PageContent[]): SourceDocument => ({ pageCount: pages.length, pages });
const detect = (...pages: PageContent[]) => detectTables(doc(...pages), departmentBudgetPipeline, settings);

/** Columns of the synthetic 部门支出总表 grid: 科目名称 | 合计 | 基本支出. */
const XS = [60, 260, 400, 540];
const ROW_H = 20;

/** Text of one grid row whose rule above is at y: label left, amounts right-aligned. */
function gridRow(y: number, cells: readonly string[], pageNumber = 1): TextItem[] {
  const top = y + 5;
  return cells.flatMap((text, c) => {
    if (text === '') return [];
    if (c === 0) return [item(text, XS[0]! + 4, top, { page: pageNumber })];
    return [itemRight(text, XS[c + 1]! - 4, top, { page: pageNumber })];
  });
}

/** Title area of page 1: 表1-2 on the right, the title, then 部门 | 金额单位. */
function titleArea(): TextItem[] {
  return [
    itemRight('表1-2', 540, 60),
    itemCentered('部门支出总表', 297, 80, { size: 16 }),
    item('部门：雅安市科学技术局', 60, 104, { size: 9.5 }),
    itemRight('金额单位：万元', 540, 104, { size: 9.5 }),
  ];
}

function ruledTable(top: number, bodies: readonly (readonly string[])[], withHeader: boolean, pageNumber = 1): { items: TextItem[]; rulings: Ruling[] } {
  const rows = [...(withHeader ? [['科目名称', '合计', '基本支出']] : []), ...bodies];
  const ys = rows.map((_, r) => top + r * ROW_H);
  ys.push(top + rows.length * ROW_H);
  const items = rows.flatMap((cells, r) => gridRow(ys[r]!, cells, pageNumber));
  return { items, rulings: gridRules(XS, ys) };
}

describe('detectTables', () => {
  it('finds one table from a title, a unit line and a ruled 3×3 grid', () => {
    const grid = ruledTable(120, [['合计', '100.00', '60.00'], ['行政运行', '100.00', '60.00']], true);
    const regions = detect(page(1, [...titleArea(), ...grid.items], grid.rulings));
    expect(regions).toHaveLength(1);
    const region = regions[0]!;
    expect(region).toMatchObject({
      number: '1-2',
      title: '部门支出总表',
      titleRaw: '部门支出总表',
      unit: '万元',
      departmentLine: '雅安市科学技术局',
      kind: 'expenditure_summary',
    });
    expect(region.parts).toHaveLength(1);
    const part = region.parts[0]!;
    expect(part.page).toBe(1);
    // The part starts under the title area and holds the whole grid, not the title lines.
    expect(part.bbox[1]).toBeGreaterThanOrEqual(104);
    expect(part.bbox[1]).toBeLessThanOrEqual(120);
    expect(part.items.map((i) => i.raw).sort()).toEqual(grid.items.map((i) => i.raw).sort());
    expect(part.rulings).toHaveLength(8);
  });

  it('finds nothing on a 目录 page that lists table titles', () => {
    const entries = ['一、部门收支总表', '二、部门收入总表', '三、部门支出总表', '四、财政拨款收支预算总表'];
    const listItems = entries.map((t, k) => item(t, 90, 120 + k * 28, { size: 12 }));
    // Rules under the heading and at the bottom, as some 目录 pages draw.
    const rules: Ruling[] = [
      { orientation: 'h', position: 250, start: 60, end: 540 },
      { orientation: 'h', position: 270, start: 60, end: 540 },
    ];
    const heading = itemCentered('目录', 297, 68, { size: 20 });
    expect(detect(page(2, [heading, ...listItems], rules))).toEqual([]);
    // Control: without the 目录 heading the same lines are read as a title over a grid.
    expect(detect(page(2, listItems, rules)).length).toBeGreaterThan(0);
  });

  it('joins a table continued on the next page (with rules) into one region of two parts', () => {
    const first = ruledTable(120, Array.from({ length: 30 }, (_, k) => [`项目${k + 1}`, '1.00', '1.00']), true);
    const second = ruledTable(60, [['项目31', '1.00', '1.00'], ['项目32', '2.00', '2.00']], false, 2);
    const regions = detect(page(1, [...titleArea(), ...first.items], first.rulings), page(2, second.items, second.rulings));
    expect(regions).toHaveLength(1);
    expect(regions[0]!.parts.map((p) => p.page)).toEqual([1, 2]);
    expect(regions[0]!.parts[1]!.items.map((i) => i.raw)).toContain('项目32');
  });

  it('stops a table at a page of narrative prose', () => {
    const grid = ruledTable(120, [['合计', '100.00', '60.00'], ['行政运行', '100.00', '60.00']], true);
    const prose = [
      item('第三部分 雅安市科学技术局2025年部门预算情况说明', 60, 80, { size: 13, page: 2 }),
      item('一、关于雅安市科学技术局2025年收支预算情况的总体说明', 60, 110, { size: 12, page: 2 }),
      item('按照综合预算的原则，雅安市科学技术局所有收入和支出均纳入部门预算管理。', 84, 130, { size: 12, page: 2 }),
      item('收入包括：一般公共预算拨款收入、政府性基金预算拨款收入。', 60, 150, { size: 12, page: 2 }),
    ];
    const regions = detect(page(1, [...titleArea(), ...grid.items], grid.rulings), page(2, prose));
    expect(regions).toHaveLength(1);
    expect(regions[0]!.parts.map((p) => p.page)).toEqual([1]);
    const texts = regions[0]!.parts.flatMap((p) => p.items.map((i) => i.raw));
    expect(texts.some((t) => t.includes('预算管理'))).toBe(false);
  });

  it('ends a table where the next title starts on the same page', () => {
    const grid = ruledTable(120, [['合计', '100.00', '60.00']], true);
    const nextTitle = itemCentered('部门收入总表', 297, 240, { size: 16 });
    const nextUnit = itemRight('金额单位：万元', 540, 262, { size: 9.5 });
    const next = ruledTable(280, [['合计', '5.00', '5.00']], true);
    const regions = detect(page(1, [...titleArea(), ...grid.items, nextTitle, nextUnit, ...next.items], [...grid.rulings, ...next.rulings]));
    expect(regions.map((r) => [r.title, r.kind])).toEqual([
      ['部门支出总表', 'expenditure_summary'],
      ['部门收入总表', 'revenue_summary'],
    ]);
    const firstTexts = regions[0]!.parts[0]!.items.map((i) => i.raw);
    expect(firstTexts).toContain('100.00');
    expect(firstTexts).not.toContain('5.00');
    expect(regions[1]!.number).toBeNull();
    expect(regions[1]!.unit).toBe('万元');
  });
});

describe('detectTables (untitled tables in the text)', () => {
  /** A 情况说明 page: a part heading, a lead-in sentence, then a ruled grid with no title. */
  function narrativePage(leadIn: string, withRules: boolean): PageContent {
    const grid = ruledTable(140, [['创新能力建设', '809.82', '809.82'], ['党建活动', '6.50', '6.50']], true);
    return page(
      1,
      [item('第七部分 重点项目预算绩效情况说明', 60, 60, { size: 14 }), item(leadIn, 80, 100, { size: 14 }), ...grid.items],
      withRules ? grid.rulings : [],
    );
  }

  it('extracts a ruled grid under a lead-in sentence (…如下：) as a table of kind other, named by the heading above', () => {
    const regions = detect(narrativePage('2026年，本单位重点项目绩效目标情况如下：', true));
    expect(regions).toHaveLength(1);
    expect(regions[0]).toMatchObject({ number: null, title: '重点项目预算绩效情况说明', kind: 'other' });
    expect(regions[0]!.parts[0]!.items.map((i) => i.raw)).toContain('809.82');
    expect(regions[0]!.parts[0]!.items.map((i) => i.raw)).not.toContain('第七部分 重点项目预算绩效情况说明');
  });

  it('takes no untitled table without a lead-in sentence, nor an unruled one', () => {
    expect(detect(narrativePage('2026年，本单位重点项目绩效目标情况见下。', true))).toHaveLength(0);
    expect(detect(narrativePage('2026年，本单位重点项目绩效目标情况如下：', false))).toHaveLength(0);
  });
});
