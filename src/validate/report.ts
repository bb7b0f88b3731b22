import { Decimal } from 'decimal.js';
import type { BudgetTable, TableCell, TableRow } from '../core/document.js';
import type { BBox } from '../core/types.js';

export type CheckStatus = 'pass' | 'fail' | 'skipped';
export type CheckSeverity = 'error' | 'warning' | 'info';

export interface CheckRef {
  /** The table's number, `#order` when it has none, or `text` for prose. */
  table: string;
  kind: string;
  row: number | null;
  label: string | null;
  column: string | null;
  page: number | null;
  bbox: BBox | null;
}

export interface ValidationCheck {
  id: string;
  rule: string;
  status: CheckStatus;
  severity: CheckSeverity;
  refs: CheckRef[];
  expected: string | null;
  found: string | null;
  difference: string | null;
  rounding: boolean;
  message: string;
  reason: string | null;
}

export interface ValidationReport {
  summary: { run: number; pass: number; fail: number; skipped: number; rounding: number };
  checks: ValidationCheck[];
}

/** A total row's label, also when printed with a colon (总计：). */
export function isTotalLabel(label: string, totalLabel: RegExp): boolean {
  return totalLabel.test(label.replace(/[:：]$/u, ''));
}

export function tableRef(table: BudgetTable): string {
  return table.number ?? `#${table.order}`;
}

export function cellRef(table: BudgetTable, rowIndex: number | null, row: TableRow | null, column: string | null): CheckRef {
  const cell: TableCell | undefined = row && column ? row.cells[column] : undefined;
  return {
    table: tableRef(table),
    kind: table.kind,
    row: rowIndex === null ? null : rowIndex + 1,
    label: row?.label ?? null,
    column,
    page: cell?.page ?? table.pages[0] ?? null,
    bbox: cell?.bbox ?? null,
  };
}

export interface SumTerm {
  value: Decimal;
  scale: number;
}

export interface ArithmeticCheckInput {
  id: string;
  rule: string;
  severity: CheckSeverity;
  refs: CheckRef[];
  total: SumTerm;
  terms: readonly SumTerm[];
  /** Half units of the last printed decimal allowed per term (rounding of published figures). */
  roundingHalfUnits: number;
  message: string;
}

/**
 * total = Σ terms. Published figures are rounded cell by cell, so a sum of n
 * terms may miss by up to n × ½ unit of the last printed decimal: such a
 * difference passes, flagged `rounding`.
 */
export function arithmeticCheck(input: ArithmeticCheckInput): ValidationCheck {
  const sum = input.terms.reduce((acc, t) => acc.plus(t.value), new Decimal(0));
  const scale = Math.max(input.total.scale, ...input.terms.map((t) => t.scale));
  const difference = input.total.value.minus(sum);
  const unit = new Decimal(10).pow(-scale);
  const tolerance = unit.times(input.roundingHalfUnits).times(Math.max(1, input.terms.length));
  const exact = difference.isZero();
  const withinRounding = !exact && difference.abs().lessThanOrEqualTo(tolerance);
  const status: CheckStatus = exact || withinRounding ? 'pass' : 'fail';
  return {
    id: input.id,
    rule: input.rule,
    status,
    severity: input.severity,
    refs: input.refs,
    expected: sum.toFixed(scale),
    found: input.total.value.toFixed(scale),
    difference: difference.toFixed(scale),
    rounding: withinRounding,
    message:
      status === 'pass'
        ? `${input.message}: ${input.total.value.toFixed(scale)} = ${sum.toFixed(scale)}`
        : `${input.message}: printed ${input.total.value.toFixed(scale)}, the parts add up to ${sum.toFixed(scale)} (difference ${difference.toFixed(scale)})`,
    reason: null,
  };
}

export function summarize(checks: readonly ValidationCheck[]): ValidationReport {
  return {
    summary: {
      run: checks.length,
      pass: checks.filter((c) => c.status === 'pass').length,
      fail: checks.filter((c) => c.status === 'fail').length,
      skipped: checks.filter((c) => c.status === 'skipped').length,
      rounding: checks.filter((c) => c.rounding).length,
    },
    checks: [...checks],
  };
}
