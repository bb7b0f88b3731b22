/**
 * What a pipeline (a document type such as 部门预算) tells the engine: which
 * tables exist, how their titles read, what their columns mean. The engine
 * holds no table-specific knowledge of its own.
 */

/** What a column holds, decided from its header path (and, where no rule names it, from its body: src/normalize/roles.ts). */
export type ColumnRole =
  | 'label'
  | 'function_class'
  | 'function_section'
  | 'function_item'
  | 'function_code'
  | 'economic_code'
  | 'unit_code'
  | 'text'
  | 'amount';

export interface ColumnRoleRule {
  role: ColumnRole;
  /** Matched against the normalized header path joined with `/`. */
  path: RegExp;
}

export interface TableSpec {
  /** Contract kind slug (`expenditure_summary` …). */
  kind: string;
  /** Matched against the normalized title with numbering, year and department removed. First match wins. */
  titles: readonly RegExp[];
  /** Header rows of a form-like table the grid cannot tell (0: no header at all). */
  headerRows?: number;
  /** Side-by-side tables: the top header labels of the left and right halves. */
  halves?: readonly [RegExp, RegExp];
  /** Only these columns (header path) hold money; all non-code, non-label columns when omitted. */
  amountColumns?: RegExp;
  /** Columns that hold text whatever they look like (header path). */
  textColumns?: RegExp;
  /** Rows name projects, not subjects (项目支出表, 绩效目标表): their codes are not printed with the subject's name. */
  rowsAreProjects?: boolean;
  /** Which classification a bare 科目编码 column holds in this table; function codes when omitted. */
  subjectCodes?: 'function' | 'economic';
}

export interface PipelineSpec {
  name: string;
  /** Specific titles first: the first matching spec gives the kind. */
  tables: readonly TableSpec[];
  /**
   * First matching rule gives a column's role. A column no rule matches is `amount` when
   * enough of its printed cells read as amounts (`amountColumnMinShare`), `text` otherwise.
   */
  columnRoles: readonly ColumnRoleRule[];
  /** Labels of total rows (normalized). */
  totalLabel: RegExp;
  /** Identities between tables. */
  crossTableRules: readonly CrossTableRule[];
  matchedRowsRules: readonly MatchedRowsRule[];
  proseRules: readonly ProseRule[];
  prosePatterns: ProsePatterns;
  /** Names of subject codes (function and economic) by year, for the code–name check. */
  classification: Classification;
}

/** Subject code → { year → name }. */
export interface Classification {
  function: Readonly<Record<string, Readonly<Record<string, string>>>>;
  economic: Readonly<Record<string, Readonly<Record<string, string>>>>;
  source: string;
}

/** A code's name in a year: that year's, else the nearest year's (codes are renamed now and then). */
export function subjectName(classification: Classification, kind: 'function' | 'economic', code: string, year: number | null): string | undefined {
  const names = classification[kind][code];
  if (!names) return undefined;
  const years = Object.keys(names).map(Number);
  if (years.length === 0) return undefined;
  const target = year ?? Math.max(...years);
  const nearest = years.reduce((best, y) => (Math.abs(y - target) < Math.abs(best - target) || (Math.abs(y - target) === Math.abs(best - target) && y > best) ? y : best));
  return names[String(nearest)];
}

export function findTableSpec(pipeline: PipelineSpec, bareTitle: string): TableSpec | null {
  return pipeline.tables.find((spec) => spec.titles.some((re) => re.test(bareTitle))) ?? null;
}

/** A table's total column: 合计/总计/金额 (last header word), else its first amount column. */
export const TOTAL_COLUMN = /(^|\/)(合计|总计|金额|小计)$/u;

/** Picks one value, or the sum of several rows' values, in a table of a document. */
export interface CellSelector {
  /** Table kind. */
  kind: string;
  /** Column key pattern; the first matching amount column is used. */
  column: RegExp;
  /** `total`: the table's total row; `label`: the first row whose label matches; `economic`/`function`: every row with that code, summed. */
  row: { total: true } | { label: RegExp } | { economic: string } | { function: string };
}

/** An identity between tables: left = Σ right (or left ≤ Σ right). */
export interface CrossTableRule {
  id: string;
  description: string;
  severity: 'error' | 'warning';
  relation: 'equal' | 'atMost';
  left: CellSelector;
  right: readonly CellSelector[];
}

/** Rows of a table keyed for matching: units by name, subject codes, projects by name. */
export type RowKey = 'unit' | 'function' | 'economic' | 'project';

/** Row by row: for every key, left's value (summed over rows sharing it) = (or ≤) right's. */
export interface MatchedRowsRule {
  id: string;
  description: string;
  severity: 'error' | 'warning';
  relation: 'equal' | 'atMost';
  key: RowKey;
  left: { kind: string; column: RegExp };
  right: { kind: string; column: RegExp };
}

/**
 * A figure stated in the narrative (情况说明) checked against a table. The
 * pattern runs over the narrative joined into one normalized string; its
 * named group `amount` is the figure, `unit` (万元/元) its unit when printed,
 * `percent` a share of `shareOf` when the rule has one.
 */
export interface ProseRule {
  id: string;
  description: string;
  severity: 'error' | 'warning';
  pattern: RegExp;
  target: CellSelector;
  shareOf?: CellSelector;
}

/** Patterns of narrative sentences whose checks need the tables' structure (by class, by item, counts). */
export interface ProsePatterns {
  /** 科学技术支出3031.91万元，占91.97%: groups `name`, `amount`, `percent`. */
  classShare: RegExp;
  /** 科学技术支出(类)科学技术管理事务(款)行政运行(项):2025年预算数为263.28万元: groups `class`, `section`, `item`, `year`, `amount`. */
  itemAmount: RegExp;
  /** 开展绩效目标管理的项目9个，涉及预算2110.13万元: groups `count`, `amount`. */
  performanceProjects: RegExp;
  /**
   * How many budget units the narrative says the department has (下属二级预算单位3个, 下设39个预算单位):
   * group `count`; group `own` when the department's own office is counted as one more (本级及所属27个…).
   */
  unitCount: readonly RegExp[];
  /** A list of the classes the spending goes to (支出主要包括：一般公共服务支出、教育支出…): group `list`. */
  spendingList: RegExp;
}
