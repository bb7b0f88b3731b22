import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { BudgetDocument } from '../../../src/core/document.js';
import { crossTableChecks, matchedRowsChecks } from '../../../src/validate/cross-rules.js';
import type { ValidationCheck } from '../../../src/validate/index.js';
import { unitCodeColumnChecks } from '../../../src/validate/names.js';
import { shiftedRowChecks } from '../../../src/validate/structure.js';
import { columnSumChecks, rowIdentityChecks } from '../../../src/validate/table-rules.js';
import { cell, column, row, settings, table } from '../../helpers/synthetic.js';

/**
 * Layouts of the real corpus that the rules first misread (tests/golden/VALIDATION.md):
 * each consistent table passes, and the same table with one number broken fails
 * at that number.
 */
const TOTAL = departmentBudgetPipeline.totalLabel;
const LABEL = column(['科目名称'], 'label');
const failed = (checks: ValidationCheck[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);
const statuses = (checks: ValidationCheck[]) => checks.map((c) => [c.rule, c.status]);

describe('row identities on real layouts', () => {
  // 北京 一般公共预算支出表: 项目支出 / 项目支出总数 | 扣除基建项目后预算数 (the second is part of the first).
  it('a …总数 column stands for its group; the column beside it is not added again', () => {
    const cols = [
      LABEL,
      column(['预算数', '合计']),
      column(['预算数', '基本支出', '小计']),
      column(['预算数', '项目支出', '项目支出总数']),
      column(['预算数', '项目支出', '扣除基建项目后预算数']),
    ];
    const values = { '预算数/合计': '1031.15', '预算数/基本支出/小计': '521.45', '预算数/项目支出/项目支出总数': '509.70', '预算数/项目支出/扣除基建项目后预算数': '509.70' };
    const t = table(cols, [row('其他城乡社区管理事务支出', values)]);
    expect(statuses(rowIdentityChecks(t, settings))).toEqual([['row: 预算数/合计 = 预算数/基本支出/小计 + 预算数/项目支出/项目支出总数', 'pass']]);
    t.rows[0]!.cells['预算数/项目支出/项目支出总数'] = cell('519.70');
    expect(failed(rowIdentityChecks(t, settings))).toEqual(['T1-2.row.预算数/合计#1']);
  });

  // 北京 支出总表: 合计 | 基本支出 | 项目支出 | 其中: 事业单位经营支出 | 上缴上级支出 | 对附属单位补助支出.
  it('columns under a 其中 heading are parts of the columns before them, not further terms', () => {
    const cols = [LABEL, column(['合计']), column(['基本支出']), column(['项目支出']), column(['其中', '事业单位经营支出']), column(['本级财政拨款', '其中:经费拨款'])];
    const t = table(cols, [row('委托业务费', { 合计: '7272.39', 基本支出: '377.97', 项目支出: '6894.42', '其中/事业单位经营支出': '52.20', '本级财政拨款/其中:经费拨款': '10.00' })]);
    expect(statuses(rowIdentityChecks(t, settings))).toEqual([['row: 合计 = 基本支出 + 项目支出', 'pass']]);
    t.rows[0]!.cells['基本支出'] = cell('378.97');
    expect(failed(rowIdentityChecks(t, settings))).toEqual(['T1-2.row.合计#1']);
  });

  // 长沙信访局 项目支出绩效目标表: each project's indicator lines under its merged cells carry the unit's code
  // (from the merged 单位编码) but no name and no figure.
  it('a column sum takes no indicator line (no name, no figure) as a term, even one carrying a unit code', () => {
    const cols = [column(['项目名称'], 'label'), column(['资金总额']), column(['三级指标'], 'text')];
    const project = (name: string, amount: string) => row(name, { 资金总额: amount, 三级指标: '完成率' }, { unit: '126001' });
    const indicator = () => row('', { 三级指标: '满意度' }, { unit: '126001' });
    const t = table(cols, [row('合计', { 资金总额: '46.00' }), project('人民来访', '35.78'), indicator(), indicator(), project('基层信访', '10.22'), indicator()]);
    const checks = columnSumChecks(t, settings, TOTAL);
    expect(statuses(checks)).toEqual([['column: 合计 = Σ top-level rows', 'pass']]);
    expect(checks[0]!.refs.map((r) => r.row)).toEqual([1, 2, 5]);
  });

  // 广州 部门预算基本支出预算表: an unruled header read flat puts 合计 beside 总计 and 财政拨款's parts.
  it('a 合计 beside a 总计 is skipped with a reason; the 总计 still checks it through the nested reading', () => {
    const cols = [LABEL, column(['总计']), column(['合计']), column(['财政拨款', '一般公共预算']), column(['政府性基金预算']), column(['其他资金'])];
    const values = { 总计: '36967.40', 合计: '14049.74', '财政拨款/一般公共预算': '14049.74', 政府性基金预算: '0.00', 其他资金: '22917.66' };
    const t = table(cols, [row('广州市胸科医院', values)]);
    const checks = rowIdentityChecks(t, settings);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['T1-2.row.总计#1', 'pass'],
      ['T1-2.row.合计', 'skipped'],
    ]);
    expect(checks[1]!.reason).toContain('总计');
    t.rows[0]!.cells['合计'] = cell('14059.74');
    expect(failed(rowIdentityChecks(t, settings))).toEqual(['T1-2.row.总计#1']);
  });
});

describe('column sums on real layouts', () => {
  const half = [column(['收入', '项目'], 'label'), column(['收入', '预算数'])];
  const line = (label: string, amount?: string) => row(label, amount === undefined ? { '收入/项目': label } : { '收入/项目': label, '收入/预算数': amount }, {}, 0);

  // 西安 宣传部 表1: (1)一般公共预算拨款 258596001.79 / 其中：专项资金列入部门预算的项目 200000000.00.
  it('其中 rows under a numbered row are at most that row, not its sum', () => {
    const t = table(half, [
      line('一、部门预算', '300.00'),
      line('(1)一般公共预算拨款', '250.00'),
      line('其中:专项资金列入部门预算的项目', '200.00'),
      line('(2)政府性基金拨款', '50.00'),
    ]);
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual([]);
    t.rows[2]!.cells['收入/预算数'] = cell('260.00');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T1-2.col.收入/预算数#2']);
  });

  // 长春 财政拨款收支总表: 一、本年支出 over 一、一般公共服务支出 二、… numbered in the same style.
  it('numbered rows nested under a row numbered alike are read through the figures', () => {
    const t = table(half, [
      line('一、本年支出', '1682.76'),
      line('一、一般公共服务支出', '1378.41'),
      line('二、社会保障和就业支出', '178.42'),
      line('三、卫生健康支出', '125.93'),
      line('二、结转下年支出'),
      line('支出总计', '1682.76'),
    ]);
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual([]);
    t.rows[5]!.cells['收入/预算数'] = cell('1692.76');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T1-2.col.收入/预算数#6']);
  });

  // 西安 卫健委 决算 收入支出决算总表 p146: the 收入 half runs out of items before the 支出 half, its rows then print only their 行次.
  it('rows that print only a 行次 (no name, no amount) are no parts of the row above them', () => {
    const numbered = (k: string) => ({ ...row('', {}, {}, 0), cells: { '收入/行次': cell(k, { amount: false }) } });
    const t = table(half, [line('七、附属单位上缴收入'), line('八、其他收入', '98870.55'), numbered('9'), numbered('10'), line('本年收入合计', '98870.55')]);
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual([]);
    t.rows[4]!.cells['收入/预算数'] = cell('98870.65');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T1-2.col.收入/预算数#5']);
  });

  // 西安 卫健委 决算 财政拨款收入支出决算总表: 总计 = 本年收入合计 + 年初结转和结余 (whose parts follow it).
  it('a running total keeps the previous total as one term and reads the rows since as nested', () => {
    const t = table(half, [
      line('一、一般公共预算财政拨款', '296030.91'),
      line('二、政府性基金预算财政拨款', '509220.66'),
      line('本年收入合计', '805251.57'),
      line('年初结转和结余', '58926.37'),
      line('一般公共预算财政拨款', '95.39'),
      line('政府性基金预算财政拨款', '58830.98'),
      line('总计', '864177.94'),
    ]);
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual([]);
    t.rows[4]!.cells['收入/预算数'] = cell('96.39');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T1-2.col.收入/预算数#7']);
  });

  // 西安 宣传部 表13 增减变化情况: a unit = Σ its sub-units where one change is negative.
  it('reads unmarked levels in a change column whose parts have either sign', () => {
    const cols = [column(['单位名称'], 'label'), column(['增减变化情况', '合计'])];
    const unit = (label: string, amount: string) => row(label, { 单位名称: label, '增减变化情况/合计': amount });
    const t = table(cols, [unit('合计', '343700.00'), unit('中共西安市委宣传部', '343700.00'), unit('部机关', '654600.00'), unit('讲师团', '-310900.00')]);
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual([]);
    t.rows[3]!.cells['增减变化情况/合计'] = cell('-300900.00');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T1-2.col.增减变化情况/合计#1']);
  });

  // 长春 支出总表: the total row is printed 总计：.
  it('a total printed with a colon is a total', () => {
    const cols = [column(['科目编码'], 'function_code'), LABEL, column(['合计'])];
    const coded = (code: string, amount: string) => row(code, { 科目编码: code, 合计: amount }, { function: code });
    const t = table(cols, [row('总计:', { 科目编码: '总计:', 合计: '30.00' }), coded('201', '20.00'), coded('208', '10.00')]);
    expect(statuses(columnSumChecks(t, settings, TOTAL))).toEqual([['column: 合计 = Σ top-level rows', 'pass']]);
  });
});

describe('cross-table rules on real layouts', () => {
  // 北京 预算04表 财政拨款收支总表: 一、一般公共预算资金 (this year) … 上年结转结余 / 一、一般公共预算拨款 (carried over).
  it('compares this year’s 一般公共预算 line of the 财政拨款收支总表, not the carry-over line named alike', () => {
    const half = [column(['收入', '项目'], 'label'), column(['收入', '预算数'])];
    const line = (label: string, amount: string) => row(label, { '收入/项目': label, '收入/预算数': amount }, {}, 0);
    const summary = table(half, [line('一、一般公共预算拨款收入', '1431.03'), line('收入总计', '1431.03')], {
      order: 1,
      number: '1',
      title: '收支总表',
      kind: 'revenue_expenditure_summary',
    });
    const fiscal = table(half, [line('一、一般公共预算资金', '1431.03'), line('上年结转结余', '29508.09'), line('一、一般公共预算拨款', '29508.09')], {
      order: 2,
      number: '4',
      title: '财政拨款收支总表',
      kind: 'fiscal_summary',
    });
    const doc: BudgetDocument = {
      source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 2 },
      document: { department: '示例办公室', year: 2026, kind: 'budget', unit: '万元' },
      tables: [summary, fiscal],
      selectedTables: [],
      pageProblems: [],
      prose: [],
    };
    const check = () => crossTableChecks(doc, departmentBudgetPipeline, settings).find((c) => c.id === 'X.summary.general=fiscal.general')!;
    expect(check().status).toBe('pass');
    fiscal.rows[0]!.cells['收入/预算数'] = cell('1432.03');
    expect(check().status).toBe('fail');
  });

  // 深圳 支出总表: 支出总计 | 基本支出 | 项目支出 | … | 2026年政府采购项目/小计 | 其中:… .
  it('takes a table’s top-level 支出总计 as its total column, not a column group’s 小计', () => {
    const coded = (key: string, amount: string, extra: Record<string, string> = {}) =>
      row('行政运行', { 科目编码: '2010501', 科目名称: '行政运行', [key]: amount, ...extra }, { function: '2010501' });
    const code = column(['科目编码'], 'function_code');
    const name = column(['科目名称'], 'label');
    const expenditure = table(
      [code, name, column(['支出总计']), column(['基本支出']), column(['2026年政府采购项目', '小计'])],
      [coded('支出总计', '2357.92', { 基本支出: '2357.92', '2026年政府采购项目/小计': '8.00' })],
      { order: 1, number: '3', title: '支出总表', kind: 'expenditure_summary' },
    );
    const general = table([code, name, column(['支出总计'])], [coded('支出总计', '2357.92')], {
      order: 2,
      number: '7',
      title: '一般公共预算支出表',
      kind: 'general_budget_expenditure',
    });
    const doc: BudgetDocument = {
      source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 2 },
      document: { department: '示例局', year: 2026, kind: 'budget', unit: '万元' },
      tables: [expenditure, general],
      selectedTables: [],
      pageProblems: [],
      prose: [],
    };
    const check = () => matchedRowsChecks(doc, departmentBudgetPipeline, settings).find((c) => c.id === 'X.codes.general<=expenditure_summary#2010501')!;
    expect([check().status, check().found, check().expected]).toEqual(['pass', '2357.92', '2357.92']);
    general.rows[0]!.cells['支出总计'] = cell('2367.92');
    expect(check().status).toBe('fail');
  });
});

describe('structure', () => {
  // The seed's 表3-1: economic codes printed in the 单位代码 column, 科目编码 类/款 left empty.
  it('reports a 单位代码 column that prints economic codes, once; unit codes alone pass unreported', () => {
    const cols = [column(['科目编码', '类'], 'function_class'), column(['单位代码'], 'unit_code'), column(['单位名称(科目)'], 'label'), column(['合计'])];
    const line = (code: string, name: string, amount: string) => row(name, { 单位代码: code, '单位名称(科目)': name, 合计: amount }, { unit: code });
    const t = table(cols, [line('210001', '雅安市科学技术局机关', '904.54'), line('210901', '雅安市科技服务中心', '100.00')], { number: '3-1', kind: 'general_budget_basic_expenditure' });
    const doc: BudgetDocument = {
      source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 1 },
      document: { department: '雅安市科学技术局', year: 2025, kind: 'budget', unit: '万元' },
      tables: [t],
      selectedTables: [],
      pageProblems: [],
      prose: [],
    };
    expect(unitCodeColumnChecks(doc, departmentBudgetPipeline)).toEqual([]);
    t.rows.push(line('301', '工资福利支出', '369.00'), line('30101', '基本工资', '321.87'));
    const checks = unitCodeColumnChecks(doc, departmentBudgetPipeline);
    expect(checks.map((c) => [c.id, c.status, c.refs.map((r) => [r.table, r.row, r.column])])).toEqual([
      ['S.unit_code.T3-1.单位代码', 'fail', [['3-1', null, '单位代码']]],
    ]);
    expect(checks[0]!.message).toContain('301, 30101');
  });

  // The seed's 表6/表7: a weight printed under 度量单位, a unit under 权重.
  it('reports rows printed one column left or right of their columns, and no other row', () => {
    const cols = ['三级指标', '指标性质', '指标值', '度量单位', '权重', '指标方向性'].map((name) => column([name], 'text'));
    const indicator = (cells: string[]) => row(cells[0]!, Object.fromEntries(cells.map((raw, i) => [cols[i]!.key, raw]).filter(([, raw]) => raw !== '')));
    const rows = [
      ['项目评审会议', '≥', '5', '次', '20', '正向指标'],
      ['项目验收按时完成率', '=', '100', '%', '10', '正向指标'],
      ['争取省级项目', '≥', '30', '个', '10', '正向指标'],
      ['会议满意度', '≥', '90', '%', '10', '正向指标'],
      ['补助企业', '≥', '5', '家', '20', '正向指标'],
      ['服务对象满意度', '≥', '95', '%', '10', '正向指标'],
      ['解答农业技术咨询', '≥', '7000', '条', '20', '正向指标'],
    ].map(indicator);
    const t = table(cols, rows, { number: '6', kind: 'project_performance_targets' });
    const doc: BudgetDocument = {
      source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 1 },
      document: { department: '示例局', year: 2025, kind: 'budget', unit: '万元' },
      tables: [t],
      selectedTables: [],
      pageProblems: [],
      prose: [],
    };
    expect(shiftedRowChecks(doc, departmentBudgetPipeline, settings)).toEqual([]);
    // one cell left (定性 | 优良中差 | 20 | 正向指标 under 指标性质 … 权重), one cell right (= | 100 | % under 指标值 … 权重)
    t.rows.push(indicator(['促进企业研发投入', '定性', '优良中差', '20', '正向指标', '']), indicator(['时效指标', '补助项目进度按时完成率', '=', '100', '%', '']));
    const checks = shiftedRowChecks(doc, departmentBudgetPipeline, settings);
    expect(checks.map((c) => [c.id, c.status, c.refs[0]!.column])).toEqual([
      ['S.shifted.T6#8', 'fail', '指标值'],
      ['S.shifted.T6#9', 'fail', '指标值'],
    ]);
    expect(checks[0]!.message).toContain('one column off');
    // an unknown table (a form) is not judged by its columns' kinds
    t.kind = 'other';
    expect(shiftedRowChecks(doc, departmentBudgetPipeline, settings)).toEqual([]);
  });
});

