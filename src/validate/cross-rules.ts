import { Decimal } from 'decimal.js';
import type { BudgetDocument, BudgetTable, TableColumn, TableRow } from '../core/document.js';
import { TOTAL_COLUMN, type CellSelector, type CrossTableRule, type MatchedRowsRule, type PipelineSpec, type RowKey } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { arithmeticCheck, cellRef, isTotalLabel, type CheckRef, type SumTerm, type ValidationCheck } from './report.js';

export interface Resolved {
  term: SumTerm;
  refs: CheckRef[];
  /** Printed cells the value adds up (rounding tolerance counts them). */
  terms: number;
  what: string;
}

type Resolution = Resolved | { missing: string };

/** A whole table's total column printed with its subject (支出总计, 收入合计). */
const NAMED_TOTAL_COLUMN = /(合计|总计)$/u;

/**
 * The first amount column matching. For `TOTAL_COLUMN`, a top-level 合计/总计
 * column (支出总计) comes first, before a 小计 of some column group (2026年政府采购项目/小计);
 * failing both, the table's first amount column (its 合计).
 */
function amountColumn(table: BudgetTable, pattern: RegExp): TableColumn | null {
  const amounts = table.columns.filter((c) => c.role === 'amount');
  if (pattern !== TOTAL_COLUMN) return amounts.find((c) => pattern.test(c.key)) ?? null;
  return amounts.find((c) => c.path.length === 1 && NAMED_TOTAL_COLUMN.test(c.key)) ?? amounts.find((c) => pattern.test(c.key)) ?? amounts[0] ?? null;
}

function valueOf(row: TableRow, column: TableColumn): SumTerm {
  const cell = row.cells[column.key];
  return cell?.value ? { value: cell.value, scale: cell.scale } : { value: new Decimal(0), scale: 0 };
}

function describe(selector: CellSelector): string {
  const row = selector.row;
  const rowText =
    'total' in row ? 'total' : 'label' in row ? row.label.source : 'economic' in row ? `economic ${row.economic}` : `function ${row.function}`;
  return `${selector.kind}[${rowText}].${selector.column.source}`;
}

export function resolve(doc: BudgetDocument, selector: CellSelector, totalLabel: RegExp): Resolution {
  const table = doc.tables.find((t) => t.kind === selector.kind);
  if (!table) return { missing: `no ${selector.kind} table in the document` };
  if (table.rows.length === 0) return { missing: `table ${table.number ?? `#${table.order}`} (${selector.kind}) has no rows` };
  const column = amountColumn(table, selector.column);
  if (!column) return { missing: `table ${table.number ?? `#${table.order}`} has no column matching ${selector.column.source}` };
  const row = selector.row;
  const indexed = table.rows.map((r, index) => ({ r, index }));
  const matches =
    'total' in row
      ? indexed.filter(({ r }) => isTotalLabel(r.label, totalLabel)).slice(0, 1)
      : 'label' in row
        ? indexed.filter(({ r }) => row.label.test(r.label)).slice(0, 1)
        : 'economic' in row
          ? indexed.filter(({ r }) => r.codes.economic === row.economic)
          : indexed.filter(({ r }) => r.codes.function === row.function);
  if (matches.length === 0) return { missing: `table ${table.number ?? `#${table.order}`} has no row for ${describe(selector)}` };
  if (matches.length === 1 && matches[0]!.r.cells[column.key] === undefined) {
    return { missing: `table ${table.number ?? `#${table.order}`} prints ${describe(selector)} blank` };
  }
  let sum = new Decimal(0);
  let scale = 0;
  for (const { r } of matches) {
    const t = valueOf(r, column);
    sum = sum.plus(t.value);
    scale = Math.max(scale, t.scale);
  }
  return {
    term: { value: sum, scale },
    refs: matches.map(({ r, index }) => cellRef(table, index, r, column.key)),
    terms: matches.length,
    what: `${table.number ?? `#${table.order}`} ${matches.length === 1 ? matches[0]!.r.label || '—' : `${matches.length} rows`} ${column.key}`,
  };
}

function skipped(id: string, rule: string, severity: 'error' | 'warning', reason: string): ValidationCheck {
  return {
    id,
    rule,
    status: 'skipped',
    severity,
    refs: [],
    expected: null,
    found: null,
    difference: null,
    rounding: false,
    message: `${rule}: not checked`,
    reason,
  };
}

/**
 * left = Σ right, or left ≤ Σ right (a part against the whole that holds it).
 * Rounding: each side's printed terms count towards the tolerance.
 */
function compare(
  id: string,
  rule: string,
  severity: 'error' | 'warning',
  relation: 'equal' | 'atMost',
  left: Resolved,
  right: readonly Resolved[],
  settings: Settings,
): ValidationCheck {
  const check = arithmeticCheck({
    id,
    rule,
    severity,
    refs: [...left.refs, ...right.flatMap((r) => r.refs)],
    total: left.term,
    terms: right.map((r) => r.term),
    roundingHalfUnits: settings.roundingHalfUnits * Math.max(1, left.terms + right.reduce((n, r) => n + r.terms, 0) - 1) / Math.max(1, right.length),
    message: `${left.what} vs ${right.map((r) => r.what).join(' + ')}`,
  });
  if (relation === 'atMost' && check.status === 'fail' && new Decimal(check.difference ?? '0').isNegative()) {
    return { ...check, status: 'pass', message: `${check.message} (within: ${check.found} ≤ ${check.expected})` };
  }
  return check;
}

export function crossTableChecks(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  return pipeline.crossTableRules.map((rule: CrossTableRule) => {
    const left = resolve(doc, rule.left, pipeline.totalLabel);
    const right = rule.right.map((s) => resolve(doc, s, pipeline.totalLabel));
    const missing = [left, ...right].find((r): r is { missing: string } => 'missing' in r);
    if (missing) return skipped(rule.id, rule.description, rule.severity, missing.missing);
    return compare(rule.id, rule.description, rule.severity, rule.relation, left as Resolved, right as Resolved[], settings);
  });
}

/** Keys of a table's rows for a matched-rows rule, with the rows that share each key. */
function keyedRows(table: BudgetTable, key: RowKey, totalLabel: RegExp): Map<string, { r: TableRow; index: number }[]> {
  const out = new Map<string, { r: TableRow; index: number }[]>();
  table.rows.forEach((r, index) => {
    if (isTotalLabel(r.label, totalLabel)) return;
    const next = table.rows[index + 1];
    let k: string | null = null;
    if (key === 'function') k = r.codes.function;
    else if (key === 'economic') k = r.codes.economic;
    else if (key === 'unit') {
      const subject = r.codes.function ?? r.codes.economic;
      const headsCodedRows = next !== undefined && (next.codes.function ?? next.codes.economic) !== null;
      if (subject === null && r.label !== '' && (r.codes.unit !== null || headsCodedRows)) k = r.label;
    } else {
      const named = Object.keys(r.cells).some((c) => /项目名称/u.test(c));
      if (named || (r.codes.function !== null && r.codes.function.length === 7)) k = r.label;
    }
    if (k) out.set(k, [...(out.get(k) ?? []), { r, index }]);
  });
  return out;
}

export function matchedRowsChecks(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const rule of pipeline.matchedRowsRules) {
    const leftTable = doc.tables.find((t) => t.kind === rule.left.kind);
    const rightTable = doc.tables.find((t) => t.kind === rule.right.kind);
    const leftColumn = leftTable && amountColumn(leftTable, rule.left.column);
    const rightColumn = rightTable && amountColumn(rightTable, rule.right.column);
    if (!leftTable || !rightTable || !leftColumn || !rightColumn || leftTable.rows.length === 0 || rightTable.rows.length === 0) {
      checks.push(skipped(rule.id, rule.description, rule.severity, `needs ${rule.left.kind} and ${rule.right.kind} tables with rows and the named columns`));
      continue;
    }
    const left = keyedRows(leftTable, rule.key, pipeline.totalLabel);
    const right = keyedRows(rightTable, rule.key, pipeline.totalLabel);
    if (left.size === 0 || right.size === 0) {
      checks.push(skipped(rule.id, rule.description, rule.severity, `no ${rule.key} rows on one side`));
      continue;
    }
    const side = (table: BudgetTable, column: TableColumn, rows: { r: TableRow; index: number }[] | undefined): Resolved => {
      const found = rows ?? [];
      let sum = new Decimal(0);
      let scale = 0;
      for (const { r } of found) {
        const t = valueOf(r, column);
        sum = sum.plus(t.value);
        scale = Math.max(scale, t.scale);
      }
      return {
        term: { value: sum, scale },
        refs: found.length > 0 ? found.map(({ r, index }) => cellRef(table, index, r, column.key)) : [cellRef(table, null, null, column.key)],
        terms: found.length,
        what: `${table.number ?? `#${table.order}`} ${found.length > 0 ? found[0]!.r.label : '(absent)'} ${column.key}`,
      };
    };
    for (const key of new Set([...left.keys(), ...right.keys()])) {
      const l = side(leftTable, leftColumn, left.get(key));
      const r = side(rightTable, rightColumn, right.get(key));
      const absent: BudgetTable | null = !left.has(key) ? leftTable : !right.has(key) ? rightTable : null;
      const check = compare(`${rule.id}#${key}`, `${rule.description} (${key})`, rule.severity, rule.relation, l, [r], settings);
      if (absent && !(rule.relation === 'atMost' && absent === leftTable)) {
        checks.push({
          ...check,
          status: 'fail',
          rounding: false,
          message: `${key} is in table ${(absent === leftTable ? rightTable : leftTable).number ?? ''} but not in table ${absent.number ?? `#${absent.order}`}`,
        });
      } else checks.push(check);
    }
  }
  return checks;
}
