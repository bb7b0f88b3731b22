import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { BudgetTable } from '../../../src/core/document.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import type { Grid, TableRegion } from '../../../src/core/types.js';
import { normalizeTable } from '../../../src/normalize/table.js';
import { gridOfTexts } from '../../helpers/synthetic.js';

const grid = (rows: ReadonlyArray<readonly string[]>): Grid => gridOfTexts(2, rows);

function normalize(g: Grid): BudgetTable {
  const region: TableRegion = { number: '2', title: '收入总体情况表', titleRaw: '收入总体情况表', unit: '万元', departmentLine: null, kind: 'revenue_summary', parts: [] };
  const spec = departmentBudgetPipeline.tables.find((s) => s.kind === 'revenue_summary') ?? null;
  return normalizeTable({ region, grid: g, order: 1, spec, pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
}

const HEADER = [
  ['科目编码', '', '', '科目名称', '合计'],
  ['类', '款', '项', '', ''],
];

describe('function codes printed in 类 / 款 / 项 columns', () => {
  it('a 款 or 项 printed alone on its row takes its 类 (and 款) from the rows above (烟台 公开表2)', () => {
    const t = normalize(
      grid([
        ...HEADER,
        ['', '', '', '合 计', '138.39'],
        ['205', '', '', '教育支出', '5.50'],
        ['', '08', '', '进修及培训', '5.50'],
        ['', '', '03', '培训支出', '5.50'],
        ['208', '', '', '社会保障和就业支出', '132.89'],
        ['', '05', '', '行政事业单位养老支出', '132.89'],
        ['', '', '01', '行政单位离退休', '3.63'],
        ['', '', '05', '机关事业单位基本养老保险缴费支出', '129.26'],
      ]),
    );
    expect(t.rows.map((r) => r.codes.function)).toEqual([null, '205', '20508', '2050803', '208', '20805', '2080501', '2080505']);
  });

  it('codes printed whole on every row are taken as printed, and a 项 under a 类 with no 款 above it gets no code', () => {
    const t = normalize(
      grid([
        ...HEADER,
        ['206', '99', '99', '其他科学技术支出', '2,110.13'],
        ['206', '06', '99', '其他社会科学支出', '72.00'],
        ['207', '', '', '文化旅游体育与传媒支出', '3.00'],
        ['', '', '02', '图书馆', '3.00'],
      ]),
    );
    expect(t.rows.map((r) => r.codes.function)).toEqual(['2069999', '2060699', '207', null]);
  });
});
