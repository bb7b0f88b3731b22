import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { BudgetDocument, BudgetTable } from '../../../src/core/document.js';
import { validateDocument } from '../../../src/validate/index.js';
import { column, row, settings, table } from '../../helpers/synthetic.js';

/**
 * A small consistent document: 部门收支总表 (halves), 部门收入总表 and 部门支出总表
 * with one unit, 类/款/项 codes and the 基本/项目 split. Every check passes;
 * then one printed number at a time is changed and exactly the checks that
 * use that cell must fail.
 */
function consistentDocument(): BudgetDocument {
  const summary = table(
    [column(['收入', '项目'], 'label'), column(['收入', '预算数']), column(['支出', '项目'], 'label'), column(['支出', '预算数'])],
    [
      row('一、一般公共预算拨款收入', { '收入/项目': '一、一般公共预算拨款收入', '收入/预算数': '300.00' }, {}, 0),
      row('二、事业收入', { '收入/项目': '二、事业收入', '收入/预算数': '50.00' }, {}, 0),
      row('本年收入合计', { '收入/项目': '本年收入合计', '收入/预算数': '350.00' }, {}, 0),
      row('收入总计', { '收入/项目': '收入总计', '收入/预算数': '350.00' }, {}, 0),
      row('一、科学技术支出', { '支出/项目': '一、科学技术支出', '支出/预算数': '250.00' }, {}, 1),
      row('二、住房保障支出', { '支出/项目': '二、住房保障支出', '支出/预算数': '100.00' }, {}, 1),
      row('本年支出合计', { '支出/项目': '本年支出合计', '支出/预算数': '350.00' }, {}, 1),
      row('支出总计', { '支出/项目': '支出总计', '支出/预算数': '350.00' }, {}, 1),
    ],
    { order: 1, number: '1', title: '部门收支总表', kind: 'revenue_expenditure_summary' },
  );
  const revenue = table(
    [column(['单位名称'], 'label'), column(['合计']), column(['一般公共预算拨款收入']), column(['事业收入'])],
    [
      row('合计', { 单位名称: '合计', 合计: '350.00', 一般公共预算拨款收入: '300.00', 事业收入: '50.00' }),
      row('示例市科学技术局机关', { 单位名称: '示例市科学技术局机关', 合计: '350.00', 一般公共预算拨款收入: '300.00', 事业收入: '50.00' }, { unit: '210001' }),
    ],
    { order: 2, number: '1-1', title: '部门收入总表', kind: 'revenue_summary' },
  );
  const expenditure = table(
    [column(['单位名称(科目)'], 'label'), column(['合计']), column(['基本支出']), column(['项目支出'])],
    [
      row('合计', { '单位名称(科目)': '合计', 合计: '350.00', 基本支出: '200.00', 项目支出: '150.00' }),
      row('示例市科学技术局机关', { '单位名称(科目)': '示例市科学技术局机关', 合计: '350.00', 基本支出: '200.00', 项目支出: '150.00' }),
      row('行政运行', { '单位名称(科目)': '行政运行', 合计: '180.00', 基本支出: '180.00' }, { function: '2060101', unit: '210001' }),
      row('其他科学技术支出', { '单位名称(科目)': '其他科学技术支出', 合计: '70.00', 基本支出: '20.00', 项目支出: '50.00' }, { function: '2069999', unit: '210001' }),
      row('住房公积金', { '单位名称(科目)': '住房公积金', 合计: '100.00', 项目支出: '100.00' }, { function: '2210201', unit: '210001' }),
    ],
    { order: 3, number: '1-2', title: '部门支出总表', kind: 'expenditure_summary' },
  );
  return {
    source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 3 },
    document: { department: '示例市科学技术局', year: 2025, kind: 'budget', unit: '万元' },
    tables: [summary, revenue, expenditure],
    selectedTables: [],
    pageProblems: [],
    prose: [],
  };
}

function failing(doc: BudgetDocument): string[] {
  return validateDocument(doc, departmentBudgetPipeline, settings)
    .checks.filter((c) => c.status === 'fail')
    .map((c) => c.id)
    .sort();
}

/** Adds 10 to one printed amount. */
function broken(tableNumber: string, rowIndex: number, key: string): BudgetDocument {
  const doc = consistentDocument();
  const t = doc.tables.find((x) => x.number === tableNumber) as BudgetTable;
  const cell = t.rows[rowIndex]!.cells[key]!;
  cell.value = cell.value!.plus(new Decimal(10));
  cell.raw = cell.value.toFixed(2);
  return doc;
}

describe('validation of a consistent document, one number broken at a time', () => {
  it('passes every check of the consistent document', () => {
    const report = validateDocument(consistentDocument(), departmentBudgetPipeline, settings);
    expect(report.summary.fail).toBe(0);
    expect(report.summary.pass).toBeGreaterThan(15);
  });

  it.each([
    // An item's 基本支出: its row identity, the unit's column sum, no other.
    ['1-2', 2, '基本支出', ['T1-2.col.基本支出#2', 'T1-2.row.合计#3']],
    // An item's 合计: its row identity and the unit's 合计 sum; the function-code comparison is ≤ against a table not present.
    ['1-2', 3, '合计', ['T1-2.col.合计#2', 'T1-2.row.合计#4']],
    // The unit row's 项目支出: its row identity, its own sum over the items, the total's sum over units.
    ['1-2', 1, '项目支出', ['T1-2.col.项目支出#1', 'T1-2.col.项目支出#2', 'T1-2.row.合计#2']],
    // The 支出 total: its row identity, its sum over units, and 收支总表 本年支出合计 = 部门支出总表 合计.
    ['1-2', 0, '合计', ['T1-2.col.合计#1', 'T1-2.row.合计#1', 'X.summary.expenditure=expenditure_summary']],
    // 收入总表: the unit's 事业收入 breaks its row, the total's column sum, and the unit comparison with 支出总表.
    ['1-1', 1, '事业收入', ['T1-1.col.事业收入#1', 'T1-1.row.合计#2']],
    ['1-1', 1, '合计', ['T1-1.col.合计#1', 'T1-1.row.合计#2', 'X.units.revenue=expenditure#示例市科学技术局机关']],
    // 收支总表: an income line breaks 本年收入合计; 收入总计 then no longer equals 支出总计 nor 收入总表.
    ['1', 1, '收入/预算数', ['T1.col.收入/预算数#3']],
    ['1', 3, '收入/预算数', ['T1.col.收入/预算数#4', 'X.summary.revenue=expenditure', 'X.summary.revenue=revenue_summary']],
    ['1', 4, '支出/预算数', ['T1.col.支出/预算数#7']],
  ] as const)('table %s row %i %s', (tableNumber, rowIndex, key, expected) => {
    expect(failing(broken(tableNumber, rowIndex, key))).toEqual([...expected].sort());
  });
});
