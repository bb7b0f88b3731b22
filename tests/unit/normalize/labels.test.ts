import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import type { TableRegion } from '../../../src/core/types.js';
import { normalizeTable } from '../../../src/normalize/table.js';
import { gridOfTexts } from '../../helpers/synthetic.js';

describe('row names', () => {
  // 长沙 文化广电旅游体育局 2025年文化和旅游项目资金安排表: 项目单位 | 项目内容 | 支出功能科目 | … | 金额, 合计 under 项目单位.
  it('合计 printed in a text column names the row when its name columns are blank', () => {
    const region: TableRegion = { number: null, title: '资金安排表', titleRaw: '资金安排表', unit: '万元', departmentLine: null, kind: 'other', parts: [] };
    const grid = gridOfTexts(1, [
      ['项目单位', '项目内容', '支出功能科目', '金额'],
      ['市文旅广电局', '户外大屏宣传项目', '2070113旅游宣传', '10.2714'],
      ['市文旅广电局', '招标代理费', '2070113旅游宣传', '0.3116'],
      ['合 计', '', '', '10.5830'],
    ]);
    const table = normalizeTable({ region, grid, order: 1, spec: null, pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
    expect(table.rows.map((r) => r.label === '合计')).toEqual([false, false, true]);
  });
});
