import { TOTAL_COLUMN, type CrossTableRule, type MatchedRowsRule, type ProsePatterns, type ProseRule } from '../../src/core/pipeline.js';

/** The 收入 and 支出 halves of a side-by-side table (收入/预算数, 本年收入/预算数 …). */
const INCOME_HALF = /^[^/]*收入\//u;
const EXPENDITURE_HALF = /^[^/]*支出\//u;

/**
 * Identities between the tables of a 部门预算 that the budget rules require.
 * `atMost` where one table holds only a part of another's figure (the general
 * budget part of all funds; “三公” spending inside an economic code).
 */
export const crossTableRules: CrossTableRule[] = [
  {
    id: 'X.summary.revenue=expenditure',
    description: '部门收支总表: 收入总计 = 支出总计',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'revenue_expenditure_summary', column: INCOME_HALF, row: { label: /^收入总计$/u } },
    right: [{ kind: 'revenue_expenditure_summary', column: EXPENDITURE_HALF, row: { label: /^支出总计$/u } }],
  },
  {
    id: 'X.summary.revenue=revenue_summary',
    description: '部门收支总表 收入总计 = 部门收入总表 合计',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'revenue_expenditure_summary', column: INCOME_HALF, row: { label: /^收入总计$/u } },
    right: [{ kind: 'revenue_summary', column: TOTAL_COLUMN, row: { total: true } }],
  },
  {
    id: 'X.summary.expenditure=expenditure_summary',
    description: '部门收支总表 本年支出合计 = 部门支出总表 合计',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'revenue_expenditure_summary', column: EXPENDITURE_HALF, row: { label: /^本年支出合计$|^支出总计$/u } },
    right: [{ kind: 'expenditure_summary', column: TOTAL_COLUMN, row: { total: true } }],
  },
  {
    id: 'X.summary.general=fiscal.general',
    description: '部门收支总表 一般公共预算拨款收入 = 财政拨款收支总表 一般公共预算拨款收入',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'revenue_expenditure_summary', column: INCOME_HALF, row: { label: /一般公共预算拨款/u } },
    // The first such line is this year's (一般公共预算拨款 / 一般公共预算资金); the carry-over lines below repeat the name.
    right: [{ kind: 'fiscal_summary', column: INCOME_HALF, row: { label: /一般公共预算(拨款|资金)/u } }],
  },
  {
    id: 'X.fiscal.general=general_budget',
    description: '财政拨款收支总表 本年支出 一般公共预算 = 一般公共预算支出表 合计',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'fiscal_summary', column: /^[^/]*支出\/(一般公共预算|一般公共预算财政拨款)$/u, row: { label: /本年支出/u } },
    right: [{ kind: 'general_budget_expenditure', column: TOTAL_COLUMN, row: { total: true } }],
  },
  {
    id: 'X.general_budget=basic+project',
    description: '一般公共预算支出表 合计 = 基本支出表 合计 + 项目支出表 合计',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'general_budget_expenditure', column: TOTAL_COLUMN, row: { total: true } },
    right: [
      { kind: 'general_budget_basic_expenditure', column: TOTAL_COLUMN, row: { total: true } },
      { kind: 'general_budget_project_expenditure', column: TOTAL_COLUMN, row: { total: true } },
    ],
  },
  {
    id: 'X.basic<=expenditure_summary.basic',
    description: '一般公共预算基本支出表 合计 ≤ 部门支出总表 基本支出',
    severity: 'error',
    relation: 'atMost',
    left: { kind: 'general_budget_basic_expenditure', column: TOTAL_COLUMN, row: { total: true } },
    right: [{ kind: 'expenditure_summary', column: /(^|\/)基本支出$/u, row: { total: true } }],
  },
  {
    id: 'X.project<=expenditure_summary.project',
    description: '一般公共预算项目支出表 合计 ≤ 部门支出总表 项目支出',
    severity: 'error',
    relation: 'atMost',
    left: { kind: 'general_budget_project_expenditure', column: TOTAL_COLUMN, row: { total: true } },
    right: [{ kind: 'expenditure_summary', column: /(^|\/)项目支出$/u, row: { total: true } }],
  },
  {
    id: 'X.economic_class=fiscal',
    description: '财政拨款支出表(经济分类) 合计 = 财政拨款收支总表 本年支出 合计',
    severity: 'error',
    relation: 'equal',
    left: { kind: 'fiscal_expenditure_by_economic_class', column: TOTAL_COLUMN, row: { total: true } },
    right: [{ kind: 'fiscal_summary', column: /^[^/]*支出\/(合计|总计)$/u, row: { label: /本年支出/u } }],
  },
  {
    id: 'X.three_public.reception<=30217',
    description: '“三公”经费表 公务接待费 ≤ 基本支出表 30217 公务接待费',
    severity: 'warning',
    relation: 'atMost',
    left: { kind: 'general_budget_three_public', column: /公务接待费$/u, row: { total: true } },
    right: [{ kind: 'general_budget_basic_expenditure', column: TOTAL_COLUMN, row: { economic: '30217' } }],
  },
  {
    id: 'X.three_public.vehicles<=30231',
    description: '“三公”经费表 公务用车运行费 ≤ 基本支出表 30231 公务用车运行维护费',
    severity: 'warning',
    relation: 'atMost',
    left: { kind: 'general_budget_three_public', column: /公务用车运行(维护)?费$/u, row: { total: true } },
    right: [{ kind: 'general_budget_basic_expenditure', column: TOTAL_COLUMN, row: { economic: '30231' } }],
  },
];

export const matchedRowsRules: MatchedRowsRule[] = [
  {
    id: 'X.units.revenue=expenditure',
    description: '每个单位: 部门收入总表 合计 = 部门支出总表 合计',
    severity: 'error',
    relation: 'equal',
    key: 'unit',
    left: { kind: 'revenue_summary', column: TOTAL_COLUMN },
    right: { kind: 'expenditure_summary', column: TOTAL_COLUMN },
  },
  {
    id: 'X.codes.general<=expenditure_summary',
    description: '每个功能科目: 一般公共预算支出表 ≤ 部门支出总表',
    severity: 'error',
    relation: 'atMost',
    key: 'function',
    left: { kind: 'general_budget_expenditure', column: TOTAL_COLUMN },
    right: { kind: 'expenditure_summary', column: TOTAL_COLUMN },
  },
  {
    id: 'X.projects.project_table=performance',
    description: '每个项目: 项目支出表 金额 = 绩效目标表 预算数',
    severity: 'warning',
    relation: 'equal',
    key: 'project',
    left: { kind: 'general_budget_project_expenditure', column: TOTAL_COLUMN },
    right: { kind: 'project_performance_targets', column: /预算数|金额/u },
  },
];

/** A printed figure in the narrative: 3296.67 / 2,110.13 (groups keep their names in each rule). */
const NUM = String.raw`\d[\d,]*(?:\.\d+)?`;
const figure = (before: string, after = ''): RegExp => new RegExp(`${before}(?<amount>${NUM})(?<unit>万元|元)${after}`, 'gu');

/**
 * Figures the 情况说明 states, against the tables. The narrative is matched
 * after normalization (NFKC: full-width ，：（） become , : ( ); whitespace removed).
 */
export const proseRules: ProseRule[] = [
  {
    id: 'P.total',
    description: '说明: 收支预算总数 = 部门收支总表 收入总计',
    severity: 'error',
    pattern: figure('收支预算总数'),
    target: { kind: 'revenue_expenditure_summary', column: INCOME_HALF, row: { label: /^收入总计$/u } },
  },
  {
    id: 'P.revenue',
    description: '说明: 收入预算 = 部门收支总表 收入总计',
    severity: 'error',
    pattern: figure(String.raw`(?<=\d{4}年(?:部门)?)收入预算`),
    target: { kind: 'revenue_expenditure_summary', column: INCOME_HALF, row: { label: /^收入总计$/u } },
  },
  {
    id: 'P.expenditure',
    description: '说明: 支出预算 = 部门收支总表 支出总计',
    severity: 'error',
    pattern: figure(String.raw`(?<=\d{4}年(?:部门)?)支出预算`),
    target: { kind: 'revenue_expenditure_summary', column: EXPENDITURE_HALF, row: { label: /^支出总计$/u } },
  },
  {
    id: 'P.general_revenue',
    description: '说明: 一般公共预算拨款收入 = 部门收支总表 一般公共预算拨款收入',
    severity: 'error',
    pattern: figure('一般公共预算拨款收入'),
    target: { kind: 'revenue_expenditure_summary', column: INCOME_HALF, row: { label: /一般公共预算拨款/u } },
  },
  {
    id: 'P.basic',
    description: '说明: 基本支出 (占比) = 部门支出总表 基本支出',
    severity: 'error',
    pattern: figure('(?<!一般公共预算)基本支出', String.raw`,?占(?<percent>\d+(?:\.\d+)?)%`),
    target: { kind: 'expenditure_summary', column: /(^|\/)基本支出$/u, row: { total: true } },
    shareOf: { kind: 'expenditure_summary', column: TOTAL_COLUMN, row: { total: true } },
  },
  {
    id: 'P.project',
    description: '说明: 项目支出 (占比) = 部门支出总表 项目支出',
    severity: 'error',
    pattern: figure('项目支出', String.raw`,?占(?<percent>\d+(?:\.\d+)?)%`),
    target: { kind: 'expenditure_summary', column: /(^|\/)项目支出$/u, row: { total: true } },
    shareOf: { kind: 'expenditure_summary', column: TOTAL_COLUMN, row: { total: true } },
  },
  {
    id: 'P.fiscal_total',
    description: '说明: 财政拨款收支预算总数 = 财政拨款收支总表 本年收入',
    severity: 'error',
    pattern: figure('财政拨款收支预算总数'),
    target: { kind: 'fiscal_summary', column: INCOME_HALF, row: { label: /本年收入/u } },
  },
  {
    id: 'P.general_current',
    description: '说明: 一般公共预算当年拨款 = 一般公共预算支出表 合计',
    severity: 'error',
    pattern: figure(String.raw`(?<=\d{4}年)一般公共预算当年拨款`),
    target: { kind: 'general_budget_expenditure', column: TOTAL_COLUMN, row: { total: true } },
  },
  {
    id: 'P.general_basic',
    description: '说明: 一般公共预算基本支出 = 基本支出表 合计',
    severity: 'error',
    pattern: figure('一般公共预算基本支出'),
    target: { kind: 'general_budget_basic_expenditure', column: TOTAL_COLUMN, row: { total: true } },
  },
  {
    id: 'P.personnel',
    description: '说明: 人员经费 = 基本支出表 人员经费',
    severity: 'error',
    pattern: figure(String.raw`(?<![\u4e00-\u9fff])人员经费`),
    target: { kind: 'general_budget_basic_expenditure', column: /人员经费$/u, row: { total: true } },
  },
  {
    id: 'P.public_funds',
    description: '说明: 公用经费 = 基本支出表 公用经费',
    severity: 'error',
    pattern: figure(String.raw`(?<![\u4e00-\u9fff])公用经费`),
    target: { kind: 'general_budget_basic_expenditure', column: /公用经费$/u, row: { total: true } },
  },
  {
    id: 'P.three_public',
    description: '说明: “三公”经费 = “三公”经费表 合计',
    severity: 'error',
    pattern: figure('“三公”经费财政拨款预算数'),
    target: { kind: 'general_budget_three_public', column: TOTAL_COLUMN, row: { total: true } },
  },
  {
    id: 'P.reception',
    description: '说明: 公务接待费 = “三公”经费表 公务接待费',
    severity: 'error',
    pattern: figure('公务接待费'),
    target: { kind: 'general_budget_three_public', column: /公务接待费$/u, row: { total: true } },
  },
  {
    id: 'P.vehicles',
    description: '说明: 公务用车购置及运行维护费 = “三公”经费表 公务用车购置及运行费',
    severity: 'error',
    pattern: figure('公务用车购置及运行(?:维护)?费'),
    target: { kind: 'general_budget_three_public', column: /公务用车购置及运行(维护)?费(\/小计)?$/u, row: { total: true } },
  },
  {
    id: 'P.vehicle_running',
    description: '说明: 公务用车运行维护费 = “三公”经费表 公务用车运行费',
    severity: 'error',
    pattern: figure('安排公务用车运行(?:维护)?费'),
    target: { kind: 'general_budget_three_public', column: /公务用车运行(维护)?费$/u, row: { total: true } },
  },
  {
    id: 'P.vehicle_purchase',
    description: '说明: 公务用车购置费 = “三公”经费表 公务用车购置费',
    severity: 'error',
    pattern: figure('安排公务用车购置费'),
    target: { kind: 'general_budget_three_public', column: /公务用车购置费$/u, row: { total: true } },
  },
];

export const prosePatterns: ProsePatterns = {
  classShare: new RegExp(String.raw`(?<name>[\u4e00-\u9fff]{2,20}支出)(?<amount>${NUM})万元,?占(?<percent>\d+(?:\.\d+)?)%`, 'gu'),
  itemAmount: new RegExp(
    String.raw`(?<class>[\u4e00-\u9fff]+)\(类\)(?<section>[\u4e00-\u9fff]+)\(款\)(?<item>[\u4e00-\u9fff]+)\(项\):?(?<year>\d{4})年预算数为(?<amount>${NUM})万元`,
    'gu',
  ),
  performanceProjects: new RegExp(String.raw`绩效目标管理的项目(?<count>\d+)个,涉及预算(?<amount>${NUM})万元`, 'gu'),
  unitCount: [
    /(?:下属|所属|下设)(?:二级)?预算单位(?<count>\d+)个/gu,
    /(?<own>本级(?:及|和))?(?:下属|所属|下设|包括|共有)(?<count>\d+)个(?:二级)?预算单位/gu,
    /预算单位共(?<count>\d+)个/gu,
  ],
  spendingList: /支出(?:主要)?包括[:：](?<list>[^。;；]+)/gu,
};
