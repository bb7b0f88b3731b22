import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { ValidationCheck } from '../../../src/validate/index.js';
import { columnSumChecks, rowIdentityChecks } from '../../../src/validate/table-rules.js';
import { cell, column, row, settings, table } from '../../helpers/synthetic.js';

const TOTAL = departmentBudgetPipeline.totalLabel;
const LABEL = column(['科目名称'], 'label');
const brief = (c: ValidationCheck) => ({ id: c.id, status: c.status, expected: c.expected, found: c.found, difference: c.difference, rounding: c.rounding });

describe('rowIdentityChecks', () => {
  const columns = [LABEL, column(['合计']), column(['基本支出']), column(['项目支出'])];

  it('passes a row where 合计 = 基本支出 + 项目支出, fails one where it does not', () => {
    const t = table(columns, [
      row('合计', { 科目名称: '合计', 合计: '190.00', 基本支出: '120.00', 项目支出: '70.00' }),
      row('行政运行', { 科目名称: '行政运行', 合计: '100.00', 基本支出: '60.00', 项目支出: '30.00' }),
    ]);
    const checks = rowIdentityChecks(t, settings);
    expect(checks.map(brief)).toEqual([
      { id: 'T1-2.row.合计#1', status: 'pass', expected: '190.00', found: '190.00', difference: '0.00', rounding: false },
      { id: 'T1-2.row.合计#2', status: 'fail', expected: '90.00', found: '100.00', difference: '10.00', rounding: false },
    ]);
    const failed = checks[1]!;
    expect(failed.rule).toBe('row: 合计 = 基本支出 + 项目支出');
    expect(failed.severity).toBe('error');
    expect(failed.refs.map((r) => [r.table, r.row, r.label, r.column])).toEqual([
      ['1-2', 2, '行政运行', '合计'],
      ['1-2', 2, '行政运行', '基本支出'],
      ['1-2', 2, '行政运行', '项目支出'],
    ]);
    expect(failed.refs[0]!.kind).toBe('expenditure_summary');
    expect(failed.message).toContain('100.00');
    expect(failed.message).toContain('90.00');
  });

  it('treats an empty term as 0 and skips rows with no amounts at all', () => {
    const t = table(columns, [
      row('行政运行', { 科目名称: '行政运行', 合计: '60.00', 基本支出: '60.00' }),
      row('说明', { 科目名称: '说明' }),
    ]);
    expect(rowIdentityChecks(t, settings).map(brief)).toEqual([
      { id: 'T1-2.row.合计#1', status: 'pass', expected: '60.00', found: '60.00', difference: '0.00', rounding: false },
    ]);
  });

  describe('rounding over three terms (合计 = 人员经费 + 公用经费 + 项目支出)', () => {
    const nested = [LABEL, column(['合计']), column(['基本支出', '人员经费']), column(['基本支出', '公用经费']), column(['项目支出'])];
    const check = (total: string) =>
      rowIdentityChecks(
        table(nested, [row('行政运行', { 合计: total, '基本支出/人员经费': '33.33', '基本支出/公用经费': '33.33', 项目支出: '33.33' })]),
        settings,
      );

    it('uses the leaves of a header group as terms', () => {
      expect(check('99.99')[0]!.rule).toBe('row: 合计 = 基本支出/人员经费 + 基本支出/公用经费 + 项目支出');
    });

    it('a sum off by 0.01 passes, flagged rounding', () => {
      expect(check('100.00').map(brief)).toEqual([
        { id: 'T1-2.row.合计#1', status: 'pass', expected: '99.99', found: '100.00', difference: '0.01', rounding: true },
      ]);
    });

    it('a sum off by 0.02 (beyond 3 × ½ unit) fails', () => {
      expect(check('100.01').map(brief)).toEqual([
        { id: 'T1-2.row.合计#1', status: 'fail', expected: '99.99', found: '100.01', difference: '0.02', rounding: false },
      ]);
    });
  });

  it('a 小计 column stands for its group (合计 = 基本支出/小计 + 项目支出)', () => {
    const cols = [LABEL, column(['合计']), column(['基本支出', '小计']), column(['基本支出', '人员经费']), column(['基本支出', '公用经费']), column(['项目支出'])];
    const t = table(cols, [row('x', { 合计: '10.00', '基本支出/小计': '7.00', '基本支出/人员经费': '4.00', '基本支出/公用经费': '3.00', 项目支出: '3.00' })]);
    const checks = rowIdentityChecks(t, settings);
    expect(checks.map((c) => [c.rule, c.status])).toEqual([
      ['row: 合计 = 基本支出/小计 + 项目支出', 'pass'],
      ['row: 基本支出/小计 = 基本支出/人员经费 + 基本支出/公用经费', 'pass'],
    ]);
  });

  it('uses #order for a table without a number', () => {
    const t = table(columns, [row('a', { 合计: '1.00', 基本支出: '2.00' })], { number: null, order: 7 });
    expect(rowIdentityChecks(t, settings)[0]!.id).toBe('T#7.row.合计#1');
  });
});

describe('columnSumChecks', () => {
  const columns = [column(['科目编码'], 'function_code'), LABEL, column(['合计'])];
  const coded = (code: string, label: string, amount: string) => row(label, { 科目编码: code, 科目名称: label, 合计: amount }, { function: code });

  it('a 类 row = Σ its 款 rows, and the total = Σ the 类 rows', () => {
    const t = table(columns, [
      row('合计', { 科目名称: '合计', 合计: '300.00' }),
      coded('206', '科学技术支出', '250.00'),
      coded('20601', '科学技术管理事务', '100.00'),
      coded('20699', '其他科学技术支出', '150.00'),
      coded('208', '社会保障和就业支出', '50.00'),
      coded('20805', '行政事业单位养老支出', '50.00'),
    ]);
    const checks = columnSumChecks(t, settings, TOTAL);
    expect(checks.map((c) => [c.rule, c.status, c.expected, c.found])).toEqual([
      ['column: 206 = Σ its sub-codes', 'pass', '250.00', '250.00'],
      ['column: 208 = Σ its sub-codes', 'pass', '50.00', '50.00'],
      ['column: 合计 = Σ top-level rows', 'pass', '300.00', '300.00'],
    ]);
    expect(checks[0]!.refs.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(checks[0]!.id).toBe('T1-2.col.合计#2');
  });

  it('reports a 类 row that does not add up, with expected, found and difference', () => {
    const t = table(columns, [
      coded('206', '科学技术支出', '250.00'),
      coded('20601', '科学技术管理事务', '100.00'),
      coded('20699', '其他科学技术支出', '149.50'),
    ]);
    expect(columnSumChecks(t, settings, TOTAL).map(brief)).toEqual([
      { id: 'T1-2.col.合计#1', status: 'fail', expected: '249.50', found: '250.00', difference: '0.50', rounding: false },
    ]);
  });

  it('a unit row printed above its coded rows = Σ those rows; the total = Σ units', () => {
    const t = table(columns, [
      row('合计', { 科目名称: '合计', 合计: '30.00' }),
      row('单位甲', { 科目名称: '单位甲', 合计: '10.00' }),
      coded('2060101', '行政运行', '10.00'),
      row('单位乙', { 科目名称: '单位乙', 合计: '20.00' }),
      coded('2060101', '行政运行', '5.00'),
      coded('2069999', '其他科学技术支出', '15.00'),
    ]);
    expect(columnSumChecks(t, settings, TOTAL).map((c) => [c.rule, c.status, c.expected])).toEqual([
      ['column: 单位甲 = Σ its rows', 'pass', '10.00'],
      ['column: 单位乙 = Σ its rows', 'pass', '20.00'],
      ['column: 合计 = Σ groups', 'pass', '30.00'],
    ]);
  });

  // Regression: the first total label (本年收入合计) used to be taken as the total of every
  // other row, including rows printed after it (七、上年结转) and the grand total 收入总计, so a
  // consistent table failed with expected = 2 × the total (the sample's 表1: 6593.34 vs 3296.67).
  it('does not add rows after the total, nor a second total, into 本年收入合计', () => {
    const cols = [column(['收入', '项目'], 'label'), column(['收入', '预算数'])];
    const t = table(cols, [
      row('一、一般公共预算拨款收入', { '收入/项目': '一、一般公共预算拨款收入', '收入/预算数': '100.00' }, {}, 0),
      row('二、政府性基金预算拨款收入', { '收入/项目': '二、政府性基金预算拨款收入' }, {}, 0),
      row('本年收入合计', { '收入/项目': '本年收入合计', '收入/预算数': '100.00' }, {}, 0),
      row('七、上年结转', { '收入/项目': '七、上年结转' }, {}, 0),
      row('收入总计', { '收入/项目': '收入总计', '收入/预算数': '100.00' }, {}, 0),
    ]);
    const checks = columnSumChecks(t, settings, TOTAL);
    expect(checks.map((c) => [c.rule, c.status, c.expected, c.found, c.refs.map((r) => r.row)])).toEqual([
      ['column: 本年收入合计 = Σ rows above', 'pass', '100.00', '100.00', [3, 1, 2]],
      ['column: 收入总计 = 本年收入合计 + Σ rows since', 'pass', '100.00', '100.00', [5, 3, 4]],
    ]);
    // and a wrong grand total is caught
    t.rows[4]!.cells['收入/预算数'] = cell('120.00');
    expect(columnSumChecks(t, settings, TOTAL).filter((c) => c.status === 'fail').map(brief)).toEqual([
      { id: 'T1-2.col.收入/预算数#5', status: 'fail', expected: '100.00', found: '120.00', difference: '20.00', rounding: false },
    ]);
  });
});
