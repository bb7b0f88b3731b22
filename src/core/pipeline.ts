/**
 * What a pipeline (a document type such as 部门预算) tells the engine: which
 * tables exist, how their titles read, what their columns mean. The engine
 * holds no table-specific knowledge of its own.
 */

/** What a column holds, decided from its header path. */
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
  /** Which classification a bare 科目编码 column holds in this table; function codes when omitted. */
  subjectCodes?: 'function' | 'economic';
}

export interface PipelineSpec {
  name: string;
  /** Specific titles first: the first matching spec gives the kind. */
  tables: readonly TableSpec[];
  /** First matching rule gives a column's role; unmatched columns are `amount`. */
  columnRoles: readonly ColumnRoleRule[];
  /** Labels of total rows (normalized). */
  totalLabel: RegExp;
  /** Identities between tables. */
  crossTableRules: readonly CrossTableRule[];
  matchedRowsRules: readonly MatchedRowsRule[];
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
