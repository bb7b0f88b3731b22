import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import type { TableRegion } from '../../../src/core/types.js';
import { normalizeTable } from '../../../src/normalize/table.js';
import { gridOfTexts } from '../../helpers/synthetic.js';

describe('side-by-side 收入 | 支出 halves', () => {
  it('every column left of where 支出 starts is the 收入 half’s, though 收入 is printed over its 项目 column alone', () => {
    const region: TableRegion = { number: '1', title: '收入支出决算总表', titleRaw: '收入支出决算总表', unit: '万元', departmentLine: null, kind: 'revenue_expenditure_summary', parts: [] };
    const spec = departmentBudgetPipeline.tables.find((s) => s.kind === 'revenue_expenditure_summary')!;
    const grid = gridOfTexts(2, [
      ['收入', '', '', '支出', '', ''],
      ['项目', '行次', '决算数', '项目', '行次', '决算数'],
      ['一、一般公共预算财政拨款收入', '1', '296,030.91', '一、一般公共服务支出', '31', '56.00'],
      ['五、事业收入', '5', '1,110,972.11', '五、教育支出', '35', '5,590.29'],
    ]);
    const table = normalizeTable({ region, grid, order: 1, spec, pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
    const amounts = table.rows.map((r) => [r.label, r.half, ...Object.values(r.cells).flatMap((c) => (c.value ? [c.value.toString()] : []))]);
    expect(amounts).toEqual([
      ['一、一般公共预算财政拨款收入', 0, '296030.91'],
      ['五、事业收入', 0, '1110972.11'],
      ['一、一般公共服务支出', 1, '56'],
      ['五、教育支出', 1, '5590.29'],
    ]);
  });
});
