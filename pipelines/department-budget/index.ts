import type { ColumnRoleRule, PipelineSpec, TableSpec } from '../../src/core/pipeline.js';
import economicCodes from './classification/economic-codes.json' with { type: 'json' };
import functionCodes from './classification/function-codes.json' with { type: 'json' };
import { crossTableRules, matchedRowsRules, prosePatterns, proseRules } from './rules.js';

/**
 * 部门预算 (department budget) and 部门决算 (final accounts) public tables.
 * Titles are matched after numbering, years and the department name are
 * removed; the most specific titles come first because the first match wins.
 * A 决算 title maps to the kind of its 预算 analogue (see the output contract),
 * and so do the regional wordings seen in the corpus (收支总体情况表 Guangzhou
 * and Changsha, 财务收支预算总表 Shanghai, 本年一般公共预算支出表 Changchun …).
 * Regional tables without an analogue stay `other`: 基本支出总表 / 项目支出总表
 * (all funds, Shenzhen), 财政拨款支出表（功能科目） (Jiangsu), 一般公共预算支出表
 * （按经济分类）, 机关运行经费, 政府采购, 政府购买服务, 绩效自评表.
 */
const tables: TableSpec[] = [
  { kind: 'overall_performance_targets', titles: [/整体支出绩效目标/, /整体绩效目标/], headerRows: 0, rowsAreProjects: true },
  {
    kind: 'project_performance_targets',
    rowsAreProjects: true,
    titles: [/绩效目标/],
    amountColumns: /预算数|金额|资金/,
  },
  {
    kind: 'fiscal_summary',
    titles: [/财政拨款收入?支出?.*总(体情况)?表/],
    halves: [/收入$/, /支出$/],
  },
  {
    kind: 'fiscal_expenditure_by_economic_class',
    titles: [/^财政拨款支出.*经济分类/],
    subjectCodes: 'economic',
  },
  { kind: 'government_fund_three_public', titles: [/政府性基金.*三公/] },
  { kind: 'general_budget_three_public', titles: [/三公/] },
  { kind: 'general_budget_basic_expenditure', titles: [/一般公共预算.*基本支出/], subjectCodes: 'economic' },
  { kind: 'general_budget_project_expenditure', titles: [/一般公共预算.*项目支出/], rowsAreProjects: true },
  { kind: 'general_budget_expenditure', titles: [/^(?!.*(?:经济分类|经济科目|机关运行)).*一般公共预算.*支出/] },
  { kind: 'government_fund_expenditure', titles: [/政府性基金/] },
  { kind: 'state_capital_expenditure', titles: [/国有资本经营/] },
  {
    kind: 'revenue_expenditure_summary',
    titles: [/收支.*总(体情况)?表/, /收入支出.*总表/],
    halves: [/收入$/, /支出$/],
  },
  { kind: 'revenue_summary', titles: [/收入.*总(体情况)?表/, /^(部门|单位)?收入(预算|决算)表/] },
  {
    kind: 'expenditure_summary',
    titles: [
      /^(?!.*(?:基本支出|项目支出|政府采购|购买服务|机关运行)).*支出.*总(体情况)?表/,
      /^(部门|单位)?支出(预算|决算)表/,
    ],
  },
];

/**
 * Header paths → column roles, first match wins; a column no rule speaks for
 * holds money when its body does (src/normalize/roles.ts). The same rules
 * read a form's field names printed in its body (资金总额, 指标值, 分值).
 * What a column's own name (the last header level) says comes before the
 * words of the levels above it: `2026年政府采购项目/小计` and `指标结余` are
 * money although 采购 and 指标 name text columns elsewhere.
 */
const columnRoles: ColumnRoleRule[] = [
  { role: 'function_class', path: /(^|\/)类$/ },
  { role: 'function_section', path: /(^|\/)款$/ },
  { role: 'function_item', path: /(^|\/)项$/ },
  { role: 'unit_code', path: /单位(代码|编码)$/ },
  { role: 'economic_code', path: /经济分类.*(编码|代码)$/ },
  { role: 'function_code', path: /(编码|代码)$/ },
  // 支出功能分类科目 / 部门预算支出经济科目: a code-and-name column (2050803-培训支出, [30101]基本工资).
  {
    role: 'label',
    path: /(^|\/)(项目|科目|年度|.*名称(\(.*\))?|.*(项目|科目)类别(\(.*\))?|[^/]*(分类|经济|功能|分)科目(\(.*\))?|[一二三]级项目)$/,
  },
  // Numbers that are not money: counts, scores, weights, rates, indicator values, row and column numbers.
  { role: 'text', path: /(^|\/)[^/]*(数量|人数|个数|户数|次数|分值|得分|总分|权重|指标值|完成值|完成情况|执行率|完成率|比例|比率|序号|栏次|行次)(\([^/]*\))?$/ },
  // Money: the column's own name is an amount (项目总额, 小计, 项目资金规模, 指标结余, 全年执行数(B)).
  { role: 'amount', path: /(^|\/)[^/]*(总额|金额|资金|资金规模|小计|合计|总计|结余|结转|预算数|决算数|执行数|拨款)(\([^/]*\))?$/ },
  {
    role: 'text',
    path: /年度目标|绩效目标|指标|性质|度量单位|计量单位|方向|主要内容|任务名称|备注|说明|序号|栏次|采购|实施|指导性目录|预算单位|项目单位|简介|规格|型号|执行率|原因/,
  },
];

export const departmentBudgetPipeline: PipelineSpec = {
  name: 'department-budget',
  tables,
  columnRoles,
  totalLabel: /^(合计|总计|(本年|当年)?(收入|支出)(合计|小计)|收入总计|支出总计)$/,
  crossTableRules,
  matchedRowsRules,
  proseRules,
  prosePatterns,
  classification: {
    function: functionCodes.attested,
    economic: { ...economicCodes.government.attested, ...economicCodes.department.attested },
    source: functionCodes.source,
  },
};
