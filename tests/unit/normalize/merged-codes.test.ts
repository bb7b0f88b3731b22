import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { BudgetTable } from '../../../src/core/document.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import type { Grid, TableRegion } from '../../../src/core/types.js';
import { normalizeTable } from '../../../src/normalize/table.js';
import { gridOfTexts } from '../../helpers/synthetic.js';

/** The grid with the cell starting at each given grid row and column merged down over `rowSpan` rows. */
function merge(grid: Grid, spans: ReadonlyArray<{ row: number; col: number; rowSpan: number }>): Grid {
  for (const { row, col, rowSpan } of spans) {
    const cell = grid.rows[row]?.find((c) => c.col === col);
    if (!cell) throw new Error(`no cell at row ${row}, column ${col}`);
    cell.rowSpan = rowSpan;
  }
  return grid;
}

function normalize(grid: Grid, kind: string, title: string): BudgetTable {
  const region: TableRegion = { number: null, title, titleRaw: title, unit: '万元', departmentLine: null, kind, parts: [] };
  const spec = departmentBudgetPipeline.tables.find((s) => s.kind === kind) ?? null;
  return normalizeTable({ region, grid, order: 1, spec, pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
}

describe('codes of a cell merged over several body rows', () => {
  // 长沙信访局 项目支出绩效目标表: one 单位编码 cell beside all the unit's projects.
  it('a 单位编码 merged down gives its code to every row it covers, and to no row below it', () => {
    const grid = merge(
      gridOfTexts(1, [
        ['单位编码', '单位(项目)名称', '资金总额'],
        ['', '合计', '60.00'],
        ['126001', '基层信访工作经费', '10.00'],
        ['', '人民来访接待专项', '20.00'],
        ['', '信访业务工作专项', '30.00'],
        ['', '注：已剔除涉密部分', ''],
      ]),
      [{ row: 2, col: 0, rowSpan: 3 }],
    );
    const table = normalize(grid, 'project_performance_targets', '项目支出绩效目标表');
    expect(table.rows.map((r) => [r.label, r.codes.unit])).toEqual([
      ['合计', null],
      ['基层信访工作经费', '126001'],
      ['人民来访接待专项', '126001'],
      ['信访业务工作专项', '126001'],
      ['注:已剔除涉密部分', null],
    ]);
    // The merged cell stays a cell of its first row only.
    expect(table.rows.map((r) => r.cells['单位编码']?.rowSpan ?? null)).toEqual([null, 3, null, null, null]);
  });

  it('a code the covered row prints itself is kept', () => {
    const grid = merge(
      gridOfTexts(1, [
        ['单位编码', '单位名称', '资金总额'],
        ['126001', '长沙市信访局', '30.00'],
        ['', '126002 长沙市人民来访接待中心', '20.00'],
      ]),
      [{ row: 1, col: 0, rowSpan: 2 }],
    );
    const table = normalize(grid, 'project_performance_targets', '项目支出绩效目标表');
    expect(table.rows.map((r) => r.codes.unit)).toEqual(['126001', '126002']);
  });

  it('类 / 款 / 项 merged over a code’s several rows give each row the whole code', () => {
    const grid = merge(
      gridOfTexts(2, [
        ['科目编码', '', '', '科目名称', '合计'],
        ['类', '款', '项', '', ''],
        ['201', '03', '01', '行政运行', '5.00'],
        ['', '', '', '其中：基本支出', '3.00'],
        ['', '', '', '项目支出', '2.00'],
        ['201', '03', '02', '一般行政管理事务', '1.00'],
      ]),
      [
        { row: 2, col: 0, rowSpan: 3 },
        { row: 2, col: 1, rowSpan: 3 },
        { row: 2, col: 2, rowSpan: 3 },
      ],
    );
    const table = normalize(grid, 'revenue_summary', '收入总体情况表');
    expect(table.rows.map((r) => r.codes.function)).toEqual(['2010301', '2010301', '2010301', '2010302']);
  });

  it('rows under no merged cell get no code from the rows above', () => {
    const grid = gridOfTexts(1, [
      ['单位编码', '单位(项目)名称', '资金总额'],
      ['126001', '基层信访工作经费', '10.00'],
      ['', '人民来访接待专项', '20.00'],
    ]);
    const table = normalize(grid, 'project_performance_targets', '项目支出绩效目标表');
    expect(table.rows.map((r) => r.codes.unit)).toEqual(['126001', null]);
  });
});
