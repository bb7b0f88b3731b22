import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { BudgetDocument, BudgetTable, ProseLine } from '../../../src/core/document.js';
import type { ValidationCheck } from '../../../src/validate/index.js';
import { codeNameChecks } from '../../../src/validate/names.js';
import { proseChecks } from '../../../src/validate/prose.js';
import { headerNestingChecks, shiftedSectionRowChecks } from '../../../src/validate/structure.js';
import { columnSumChecks } from '../../../src/validate/table-rules.js';
import { cell, column, row, settings, table } from '../../helpers/synthetic.js';

/**
 * The checks that find the seed's last listed inconsistencies (header groups
 * out of step, a task row moved left, local sub-item names slid one row, a
 * unit count and a listed 类 the tables do not budget), the reading of
 * unmarked nesting to any depth (西安 宣传部 表10) and OCR name readings in
 * doubt: each consistent case raises nothing, each broken one fails where it is.
 */
const TOTAL = departmentBudgetPipeline.totalLabel;
const failed = (checks: ValidationCheck[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);

function documentOf(tables: BudgetTable[], prose: ProseLine[] = []): BudgetDocument {
  return {
    source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 1 },
    document: { department: '雅安市科学技术局', year: 2025, kind: 'budget', unit: '万元' },
    tables,
    selectedTables: [],
    pageProblems: [],
    prose,
  };
}

describe('unmarked nesting read through the figures to any depth', () => {
  // 西安 宣传部 表10: 合计 over unit 201 over sub-units over 专用项目 over 其他履职尽责专项业务费 over projects.
  const cols = [column(['单位(项目)名称'], 'label'), column(['项目金额'])];
  const line = (label: string, amount: string) => row(label, { '单位(项目)名称': label, 项目金额: amount });
  const rows = () => [
    line('合计', '2356.00'),
    line('中共西安市委宣传部', '2356.00'),
    line('中共西安市委宣传部', '2346.00'),
    line('专用项目', '2346.00'),
    line('其他履职尽责专项业务费', '2346.00'),
    line('新时代文明实践中心建设', '5.00'),
    line('城市宣传经费', '170.00'),
    line('大型文化活动、专项资金管理经费', '9.00'),
    line('文化产业发展专项资金', '2000.00'),
    line('舆情信息工作经费', '162.00'),
    line('中共西安市委理论讲师团', '10.00'),
    line('专用项目', '10.00'),
    line('其他履职尽责专项业务费', '10.00'),
    line('讲师团综合工作经费', '6.00'),
    line('市委中心组学习经费', '4.00'),
  ];

  it('passes four unmarked levels that add up, and fails the total when one project is off', () => {
    const t = table(cols, rows(), { number: '10', kind: 'other' });
    const checks = columnSumChecks(t, settings, TOTAL);
    expect(checks.map((c) => [c.id, c.status])).toEqual([['T10.col.项目金额#1', 'pass']]);
    t.rows[8]!.cells['项目金额'] = cell('2001.00');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T10.col.项目金额#1']);
    // a sub-unit's figure off: no reading adds up either
    const u = table(cols, rows(), { number: '10', kind: 'other' });
    u.rows[10]!.cells['项目金额'] = cell('11.00');
    expect(failed(columnSumChecks(u, settings, TOTAL))).toEqual(['T10.col.项目金额#1']);
  });

  it('gives up after the step budget and reports the flat reading', () => {
    const t = table(cols, rows(), { number: '10', kind: 'other' });
    expect(failed(columnSumChecks(t, { ...settings, nestedReadingMaxSteps: 3 }, TOTAL))).toEqual(['T10.col.项目金额#1']);
  });

  // 西安 宣传部 表12: a group (合计) over coded rows: unit 201, its sub-unit 201001, then the purchases, all under one 项.
  it('reads a group’s coded rows as nested when their figures say so', () => {
    const coded = [column(['科目编码'], 'function_code'), column(['采购项目'], 'text'), column(['预算金额'])];
    const purchase = (name: string, amount: string, unit: string | null = null) =>
      row('', { 科目编码: '2013302', 采购项目: name, 预算金额: amount }, { function: '2013302', unit });
    const t = table(coded, [row('', { 采购项目: '合计', 预算金额: '30.00' }), purchase('宣传部', '30.00', '201'), purchase('宣传部', '30.00', '201001'), purchase('台式计算机', '12.00'), purchase('会计服务', '18.00')], {
      number: '12',
      kind: 'other',
    });
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual([]);
    t.rows[4]!.cells['预算金额'] = cell('19.00');
    expect(failed(columnSumChecks(t, settings, TOTAL))).toEqual(['T12.col.预算金额#1']);
  });
});

describe('header groups that do not nest', () => {
  const words = ['小计', '基本支出', '项目支出'];
  const leaves = (groups: string[][]) => groups.flatMap(([group, ...under]) => under.map((w) => column(['当年财政拨款安排', group!, w])));

  it('passes groups that each span a whole cycle of the words under them', () => {
    const t = table(leaves([['合计', ...words], ['一般公共预算拨款', ...words], ['政府性基金预算', ...words]]), [], { number: '2-1' });
    expect(headerNestingChecks(documentOf([t]))).toEqual([]);
    // groups one column wide only name their column, whatever words alternate under them
    const single = table(leaves([['一般公共预算', '预算数'], ['政府性基金', '决算数'], ['国有资本经营', '预算数'], ['财政专户', '决算数']]), [], { number: '2-1' });
    expect(headerNestingChecks(documentOf([single]))).toEqual([]);
  });

  // The seed's 表2-1: groups two columns wide over words repeating in threes.
  it('reports groups two columns wide over words repeating in threes, at the first group and the first out of step', () => {
    const t = table(
      leaves([
        ['合计', '小计', '基本支出'],
        ['一般公共预算拨款', '项目支出', '小计'],
        ['政府性基金预算', '基本支出', '项目支出'],
      ]),
      [],
      { number: '2-1' },
    );
    const checks = headerNestingChecks(documentOf([t]));
    expect(checks.map((c) => [c.id, c.status, c.refs.map((r) => r.column)])).toEqual([
      [
        'S.header.T2-1.当年财政拨款安排',
        'fail',
        ['当年财政拨款安排/合计/小计', '当年财政拨款安排/合计/基本支出', '当年财政拨款安排/一般公共预算拨款/项目支出', '当年财政拨款安排/一般公共预算拨款/小计'],
      ],
    ]);
  });
});

describe('a row moved one column off the rows of its section', () => {
  const cols = ['列1', '列2', '列3', '列4'].map((k) => column([k], 'text'));
  const task = (cells: Record<string, string>) => row(cells['列1'] ?? '', cells);
  const rows = () => [
    task({ 列1: '年度主要任务', 列2: '任务名称', 列4: '主要内容' }),
    task({ 列2: '深化创新主体培育工程。', 列4: '新增高新技术企业10家以上' }),
    task({ 列2: '深化优质科技服务工程。', 列4: '实施研发项目30项' }),
    task({ 列2: '深化创新人才引进工程。', 列4: '健全人才评价机制' }),
  ];

  it('passes rows that print in the same columns, and reports the one printed a column left', () => {
    const t = table(cols, rows(), { number: '7', kind: 'overall_performance_targets' });
    const doc = documentOf([t]);
    expect(shiftedSectionRowChecks(doc, departmentBudgetPipeline, settings)).toEqual([]);
    t.rows.push(task({ 列1: '深化核心技术攻关工程。', 列3: '开展关键核心技术攻关' }));
    const checks = shiftedSectionRowChecks(doc, departmentBudgetPipeline, settings);
    expect(checks.map((c) => [c.id, c.status, c.refs[0]!.row, c.refs[0]!.column])).toEqual([['S.shifted.T7#5.section', 'fail', 5, '列1']]);
    // a row that shares a column with its section (a new heading in 列1 beside 列2) is not moved
    t.rows[4] = task({ 列1: '年度绩效指标', 列2: '一级指标' });
    expect(shiftedSectionRowChecks(doc, departmentBudgetPipeline, settings)).toEqual([]);
  });
});

describe('code names: local sub-items by the document’s own usage, OCR readings in doubt', () => {
  const cols = [column(['单位代码'], 'unit_code'), column(['单位名称(科目)'], 'label'), column(['合计'])];
  const line = (code: string, name: string, amount: string) => row(name, { 单位代码: code, '单位名称(科目)': name, 合计: amount }, { economic: code });
  const unit = (names: [string, string, string, string]) => [
    line('30299', names[0], '3.00'),
    line('3029901', names[1], '1.00'),
    line('3029902', names[2], '1.00'),
    line('303', names[3], '1.00'),
  ];
  const right: [string, string, string, string] = ['其他商品和服务支出', '职工教育费', '党费工作经费', '对个人和家庭的补助'];

  it('passes local codes named alike, and fails the ones named otherwise in a block whose names slid', () => {
    const t = table(cols, [...unit(right), ...unit(right)], { number: '3-1', kind: 'general_budget_basic_expenditure' });
    const doc = documentOf([t]);
    // codes the classification does not know stay noted as not judged by it
    expect(codeNameChecks(doc, departmentBudgetPipeline, settings).map((c) => [c.id, c.status])).toEqual([['N.code.T3-1.unknown', 'skipped']]);
    // names slid up one row from 30299 on: the local codes' names are judged by the rows named right
    t.rows.push(...unit(['职工教育费', '党费工作经费', '其他商品和服务支出', '对个人和家庭的补助']));
    expect(failed(codeNameChecks(doc, departmentBudgetPipeline, settings))).toEqual(['N.code.T3-1#9.30299', 'N.code.T3-1#10.3029901', 'N.code.T3-1#11.3029902']);
  });

  it('leaves local codes without agreeing witnesses unjudged (skipped)', () => {
    const t = table(cols, [...unit(right), ...unit(['其他商品和服务支出', '党费工作经费', '职工教育费', '对个人和家庭的补助'])], {
      number: '3-1',
      kind: 'general_budget_basic_expenditure',
    });
    const checks = codeNameChecks(documentOf([t]), departmentBudgetPipeline, settings);
    expect(checks.map((c) => [c.id, c.status])).toEqual([['N.code.T3-1.unknown', 'skipped']]);
  });

  // 长沙 文化广电旅游体育局 (a scan): 2070113 read 旅游宜传 at confidence 0.77.
  it('skips an OCR name one character off read with low confidence; text-layer and confident readings still fail', () => {
    const fcols = [column(['支出功能科目'], 'label'), column(['金额'])];
    const read = (confidence: number | null) => {
      const r = row('2070113旅游宜传', { 支出功能科目: '2070113旅游宜传', 金额: '10.27' }, { function: '2070113' });
      r.cells['支出功能科目']!.confidence = confidence;
      return r;
    };
    const t = table(fcols, [read(0.77), read(null), read(0.95)], { number: null, kind: 'other' });
    const checks = codeNameChecks(documentOf([t]), departmentBudgetPipeline, settings);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['N.code.T#1#1.2070113', 'skipped'],
      ['N.code.T#1#2.2070113', 'fail'],
      ['N.code.T#1#3.2070113', 'fail'],
    ]);
    expect(checks[0]!.reason).toContain('one character, confidence 0.77');
    expect(checks[0]!.refs[0]!.column).toBe('支出功能科目');
  });
});

describe('prose: the unit count and the classes the text lists', () => {
  const units = table(
    [column(['单位代码'], 'unit_code'), column(['单位名称'], 'label'), column(['合计'])],
    ['雅安市科学技术局机关', '雅安市社会科学界联合会', '雅安市科技培训中心'].map((name, k) => row(name, { 单位代码: `21000${k}`, 单位名称: name, 合计: '1.00' }, { unit: `21000${k}` })),
    { number: '1-1', kind: 'revenue_summary' },
  );
  const general = table(
    [column(['科目编码'], 'function_code'), column(['科目名称'], 'label'), column(['合计'])],
    [row('合计', { 科目名称: '合计', 合计: '3.00' }), row('科学技术支出', { 科目编码: '206', 合计: '3.00' }, { function: '206' })],
    { number: '3', kind: 'general_budget_expenditure' },
  );
  const say = (text: string, page = 5) => proseChecks(documentOf([units, general], [{ page, text }]), departmentBudgetPipeline, settings);
  const only = (checks: ValidationCheck[], prefix: string) => checks.filter((c) => c.id.startsWith(prefix)).map((c) => [c.id, c.status, c.found, c.expected]);

  it('compares a stated unit count with the units the 收入总表 lists (本级 counted on top of 所属)', () => {
    expect(only(say('市科技局下属二级预算单位3个,其中行政单位1个。'), 'P.units')).toEqual([['P.units#1', 'pass', '3', '3']]);
    expect(only(say('包括本级及所属2个二级预算单位。'), 'P.units')).toEqual([['P.units#1', 'pass', '3', '3']]);
    const broken = say('市科技局下属二级预算单位2个,其中行政单位0个。');
    expect(only(broken, 'P.units')).toEqual([['P.units#1', 'fail', '2', '3']]);
    expect(broken.find((c) => c.id === 'P.units#1')!.refs[0]).toMatchObject({ table: 'text', page: 5 });
  });

  // 西安 宣传部: the department's own line (201) above its units (201001, 201002) is not one of them.
  it('does not count the department’s line whose code heads the units’ codes', () => {
    const nested = table(
      [column(['单位编码'], 'unit_code'), column(['单位名称'], 'label'), column(['合计'])],
      [
        ['201', '中共西安市委宣传部'],
        ['201001', '中共西安市委宣传部'],
        ['201002', '西安市精神文明建设委员会办公室'],
      ].map(([code, name]) => row(name!, { 单位编码: code!, 单位名称: name!, 合计: '1.00' }, { unit: code! })),
      { number: '1-1', kind: 'revenue_summary' },
    );
    const checks = proseChecks(documentOf([nested], [{ page: 3, text: '本部门下属预算单位2个。' }]), departmentBudgetPipeline, settings);
    expect(only(checks, 'P.units')).toEqual([['P.units#1', 'pass', '2', '2']]);
  });

  it('fails a listed 类 that no table budgets, passes one that a table does', () => {
    const checks = say('收入包括:一般公共预算拨款收入;支出包括:科学技术支出、一般公共服务支出。', 24);
    expect(checks.filter((c) => c.id.startsWith('P.classes')).map((c) => [c.id, c.status])).toEqual([
      ['P.classes.206', 'pass'],
      ['P.classes.201', 'fail'],
    ]);
  });
});
