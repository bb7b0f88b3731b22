// Rows cut by a page break in ruled tables (tests/golden/VALIDATION.md): a project row of a 绩效目标表
// printed again at the top of the next page (长沙信访局 pp. 22–29) was read as a second project, and a
// label wrapped over the break (江苏省人大办公厅2017 p. 7–8: 八、社会保障和就 | 业支出) as two rows.
import { describe, expect, it } from 'vitest';
import type { Ruling, TableRegion, TextItem } from '../../src/core/types.js';
import { reconstructTable } from '../../src/reconstruct/index.js';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { hRule, item, itemRight, part, settings, vRule } from '../helpers/synthetic.js';

/** A printed cell: atomic row and column, spans, text (left-aligned, or right-aligned when an amount). */
type Cell = [row: number, col: number, rowSpan: number, colSpan: number, text: string];

/** A ruled page: every cell drawn with its four edges; texts placed inside their cells. */
function ruledPage(page: number, xs: readonly number[], ys: readonly number[], cells: readonly Cell[]): { page: number; items: TextItem[]; rules: Ruling[] } {
  const items: TextItem[] = [];
  const rules: Ruling[] = [];
  for (const [r, c, rs, cs, text] of cells) {
    const [x0, x1, y0, y1] = [xs[c]!, xs[c + cs]!, ys[r]!, ys[r + rs]!];
    rules.push(hRule(y0, x0, x1), hRule(y1, x0, x1), vRule(x0, y0, y1), vRule(x1, y0, y1));
    if (text === '') continue;
    const top = (y0 + y1) / 2 - 5;
    items.push(/^[\d,.]+$/u.test(text) ? itemRight(text, x1 - 2, top, { page }) : item(text, x0 + 2, top, { page }));
  }
  return { page, items, rules };
}

const region = (pages: Array<ReturnType<typeof ruledPage>>): TableRegion => ({
  number: null,
  title: '项目支出绩效目标表',
  titleRaw: '项目支出绩效目标表',
  unit: '万元',
  departmentLine: null,
  kind: 'project_performance_targets',
  parts: pages.map((p) => part(p.page, p.items, p.rules)),
});

const options = { totalLabel: departmentBudgetPipeline.totalLabel };

describe('a project row reprinted at the top of the next page', () => {
  // 项目名称 | 资金总额 | 一级指标 | 三级指标: the project and its 一级指标 merged down over their indicator rows.
  const XS = [50, 200, 260, 340, 500];
  const YS = [100, 120, 140, 160, 180, 200];
  const header: Cell[] = [
    [0, 0, 1, 1, '项目名称'],
    [0, 1, 1, 1, '资金总额'],
    [0, 2, 1, 1, '一级指标'],
    [0, 3, 1, 1, '三级指标'],
  ];
  const page1 = (): ReturnType<typeof ruledPage> =>
    ruledPage(1, XS, YS, [
      ...header,
      [1, 0, 1, 1, '合计'],
      [1, 1, 1, 1, '50.00'],
      [2, 0, 3, 1, '信访业务工作专项'],
      [2, 1, 3, 1, '50.00'],
      [2, 2, 3, 1, '产出指标'],
      [2, 3, 1, 1, '调解化解信访问题'],
      [3, 3, 1, 1, '转办事项总量'],
      [4, 3, 1, 1, '特护期值班天数'],
    ]);
  const page2 = (amount: string): ReturnType<typeof ruledPage> =>
    ruledPage(2, XS, YS, [
      ...header,
      [1, 0, 3, 1, '信访业务工作专项'],
      [1, 1, 3, 1, amount],
      [1, 2, 1, 1, '产出指标'],
      [1, 3, 1, 1, '一次性化解率'],
      [2, 2, 2, 1, '效益指标'],
      [2, 3, 1, 1, '信访秩序'],
      [3, 3, 1, 1, '群众满意度'],
    ]);

  it('is the same project: its cells are merged over the rows of both pages, the amount counted once', () => {
    const grid = reconstructTable(region([page1(), page2('50.00')]), options, settings);
    const body = grid.rows.slice(grid.headerRows);
    expect(body.map((r) => r.map((c) => c.raw))).toEqual([
      ['合计', '50.00'],
      ['信访业务工作专项', '50.00', '产出指标', '调解化解信访问题'],
      ['转办事项总量'],
      ['特护期值班天数'],
      ['一次性化解率'],
      ['效益指标', '信访秩序'],
      ['群众满意度'],
    ]);
    // The project and its 产出指标 group run on over the page break; 效益指标 is a new group of the second page.
    expect(body[1]!.map((c) => c.rowSpan)).toEqual([6, 6, 4, 1]);
    expect(body[5]![0]!.rowSpan).toBe(2);
  });

  it('a reprint whose amount differs is kept as printed (nothing dropped)', () => {
    const grid = reconstructTable(region([page1(), page2('60.00')]), options, settings);
    const body = grid.rows.slice(grid.headerRows);
    expect(body.map((r) => r.map((c) => c.raw))[4]).toEqual(['信访业务工作专项', '60.00', '产出指标', '一次性化解率']);
    expect(body[1]!.map((c) => c.rowSpan)).toEqual([3, 3, 3, 1]);
  });
});

describe('a row split by the page break', () => {
  // 功能科目名称 | 金额, the name column 8 characters wide (84 pt at 10 pt): longer names wrap.
  const XS = [50, 134, 200];
  const header: Cell[] = [
    [0, 0, 1, 1, '功能科目名称'],
    [0, 1, 1, 1, '金额'],
  ];
  const page1 = (last: string, amount: string): ReturnType<typeof ruledPage> =>
    ruledPage(1, XS, [100, 120, 140, 160], [...header, [1, 0, 1, 1, '七、教育支出'], [1, 1, 1, 1, '10.00'], [2, 0, 1, 1, last], [2, 1, 1, 1, amount]]);
  const page2 = (top: string): ReturnType<typeof ruledPage> =>
    ruledPage(2, XS, [100, 120, 140, 160], [...header, [1, 0, 1, 1, top], [1, 1, 1, 1, ''], [2, 0, 1, 1, '九、卫生健康支出'], [2, 1, 1, 1, '30.00']]);

  const labels = (last: string, top: string, amount = '20.00'): string[][] =>
    reconstructTable(region([page1(last, amount), page2(top)]), options, settings)
      .rows.slice(1)
      .map((r) => r.map((c) => c.raw));

  it('joins the words opening the next page to the cut label above (八、社会保障和就 | 业支出)', () => {
    expect(labels('八、社会保障和就', '业支出')).toEqual([
      ['七、教育支出', '10.00'],
      ['八、社会保障和就业支出', '20.00'],
      ['九、卫生健康支出', '30.00'],
    ]);
  });

  it('keeps a row of its own under a label that ends short of its cell, or when it starts an item', () => {
    expect(labels('八、社保支出', '业支出')[2]).toEqual(['业支出']);
    expect(labels('八、社会保障和就', '其中：就业')[2]).toEqual(['其中：就业']);
  });

  it('keeps a row of its own under a row of words only (a list of labels, each filling its cell)', () => {
    // 江苏省人大办公厅2017 收入预算总表 pp. 9–10: 专户管理教育收费 | 其他非税收入, two items without figures.
    expect(labels('专户管理教育收费', '其他非税收入', '')[1]).toEqual(['专户管理教育收费']);
  });
});
