import { Decimal } from 'decimal.js';
import type { BudgetTable, TableColumn, TableRow } from '../core/document.js';
import type { Settings } from '../core/settings.js';
import { arithmeticCheck, cellRef, tableRef, type SumTerm, type ValidationCheck } from './report.js';

/** Header words of a column that holds the sum of its sibling columns. */
const TOTAL_COLUMN = /^(合计|小计|总计)$/u;

const ZERO: SumTerm = { value: new Decimal(0), scale: 0 };

function term(row: TableRow, key: string): SumTerm | null {
  const cell = row.cells[key];
  if (!cell || cell.value === null) return null;
  return { value: cell.value, scale: cell.scale };
}

function moneyColumns(table: BudgetTable): TableColumn[] {
  return table.columns.filter((c) => c.role === 'amount');
}

/**
 * Row identities from the header tree: a 合计/小计/总计 column equals the sum
 * of its sibling subtrees, each subtree counted by its own column, its own
 * 合计/小计 column, or the sum of its children (合计 = 基本支出 + 项目支出;
 * 小计 = 公务用车购置费 + 公务用车运行费).
 */
export function rowIdentityChecks(table: BudgetTable, settings: Settings): ValidationCheck[] {
  const money = moneyColumns(table);
  const checks: ValidationCheck[] = [];
  for (const totalColumn of money.filter((c) => TOTAL_COLUMN.test(c.path[c.path.length - 1] ?? ''))) {
    const prefix = totalColumn.path.slice(0, -1);
    const siblings = money.filter((c) => c !== totalColumn && startsWith(c.path, prefix) && c.path.length > prefix.length);
    const parts = subtreeColumns(siblings, prefix.length);
    if (parts.length < 2) continue;
    const rule = `row: ${totalColumn.key} = ${parts.map((p) => p.key).join(' + ')}`;
    table.rows.forEach((row, r) => {
      const total = term(row, totalColumn.key);
      const terms = parts.map((p) => term(row, p.key));
      if (total === null && terms.every((t) => t === null)) return;
      checks.push(
        arithmeticCheck({
          id: `T${tableRef(table)}.row.${totalColumn.key}#${r + 1}`,
          rule,
          severity: 'error',
          refs: [cellRef(table, r, row, totalColumn.key), ...parts.map((p) => cellRef(table, r, row, p.key))],
          total: total ?? ZERO,
          terms: terms.map((t) => t ?? ZERO),
          roundingHalfUnits: settings.roundingHalfUnits,
          message: `${table.title} row ${r + 1} (${row.label || '—'}): ${totalColumn.key}`,
        }),
      );
    });
  }
  return checks;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((p, k) => path[k] === p);
}

/** One column standing for each sibling subtree below `depth`. */
function subtreeColumns(columns: readonly TableColumn[], depth: number): TableColumn[] {
  const groups = new Map<string, TableColumn[]>();
  for (const c of columns) {
    const head = c.path[depth]!;
    groups.set(head, [...(groups.get(head) ?? []), c]);
  }
  const out: TableColumn[] = [];
  for (const members of groups.values()) {
    const own = members.find((c) => c.path.length === depth + 1);
    const subtotal = members.find((c) => c.path.length === depth + 2 && TOTAL_COLUMN.test(c.path[depth + 1]!));
    if (own) out.push(own);
    else if (subtotal) out.push(subtotal);
    else out.push(...subtreeColumns(members, depth + 1));
  }
  return out;
}

interface RowNode {
  index: number;
  row: TableRow;
  children: RowNode[];
}

function subjectCode(row: TableRow): string | null {
  return row.codes.function ?? row.codes.economic;
}

/**
 * Column sums from the rows' structure: a subject code = Σ its sub-codes
 * (类 = Σ 款, 301 = Σ 301xx); a group row printed right above coded rows
 * (a unit, a category) = Σ its top-level coded rows; the total row = Σ the
 * groups, or Σ the top-level rows where there are no groups.
 */
export function columnSumChecks(table: BudgetTable, settings: Settings, totalLabel: RegExp): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const half of [null, 0, 1] as const) {
    const rows = table.rows.map((row, index) => ({ row, index })).filter((r) => r.row.half === half);
    if (rows.length === 0) continue;
    checks.push(...columnSumsOf(table, rows, settings, totalLabel));
  }
  return checks;
}

function columnSumsOf(
  table: BudgetTable,
  rows: ReadonlyArray<{ row: TableRow; index: number }>,
  settings: Settings,
  totalLabel: RegExp,
): ValidationCheck[] {
  const totalAt = rows.findIndex((r) => totalLabel.test(r.row.label));
  const rest = rows.filter((_, k) => k !== totalAt);
  // An unnamed row repeating the total right under it (the department's own line).
  const echo = totalAt >= 0 && rows[totalAt + 1] && isBare(rows[totalAt + 1]!.row) ? rows[totalAt + 1]! : null;
  const groups: RowNode[] = [];
  const codedTop: RowNode[] = [];
  const plain: RowNode[] = [];
  const sums: RowNode[] = [];
  let group: RowNode | null = null;
  let stack: RowNode[] = [];
  for (const r of rest) {
    if (r === echo) continue;
    const node: RowNode = { index: r.index, row: r.row, children: [] };
    const code = subjectCode(r.row);
    if (code === null) {
      group = node;
      stack = [];
      plain.push(node);
      continue;
    }
    while (stack.length > 0 && !isParentCode(subjectCode(stack[stack.length - 1]!.row)!, code)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else if (group) {
      if (group.children.length === 0) groups.push(group);
      group.children.push(node);
    } else codedTop.push(node);
    stack.push(node);
    if (parent && parent.children.length === 1) sums.push(parent);
  }
  const checks: ValidationCheck[] = [];
  const money = moneyColumns(table);
  const add = (parent: { row: TableRow; index: number }, children: ReadonlyArray<{ row: TableRow; index: number }>, what: string): void => {
    for (const column of money) {
      const total = term(parent.row, column.key);
      const terms = children.map((c) => term(c.row, column.key));
      if (total === null && terms.every((t) => t === null)) continue;
      checks.push(
        arithmeticCheck({
          id: `T${tableRef(table)}.col.${column.key}#${parent.index + 1}`,
          rule: `column: ${what}`,
          severity: 'error',
          refs: [cellRef(table, parent.index, parent.row, column.key), ...children.map((c) => cellRef(table, c.index, c.row, column.key))],
          total: total ?? ZERO,
          terms: terms.map((t) => t ?? ZERO),
          roundingHalfUnits: settings.roundingHalfUnits,
          message: `${table.title}, ${column.key}, row ${parent.index + 1} (${parent.row.label || '—'})`,
        }),
      );
    }
  };
  for (const node of sums) add(node, node.children, `${subjectCode(node.row)} = Σ its sub-codes`);
  for (const node of groups) add(node, node.children, `${node.row.label || 'group'} = Σ its rows`);
  if (totalAt >= 0) {
    const total = rows[totalAt]!;
    if (echo) add(total, [echo], 'total = the unnamed row under it');
    const groupsWithChildren = groups.length > 0 && codedTop.length === 0;
    const parts = groupsWithChildren ? groups : codedTop.length > 0 && plain.length === 0 ? codedTop : onlyLeaves(plain);
    if (parts.length > 0) add(total, parts, groupsWithChildren ? '合计 = Σ groups' : '合计 = Σ top-level rows');
  }
  return checks;
}

/** Rows without codes and without children all stand at one level (units listed under a total). */
function onlyLeaves(plain: readonly RowNode[]): RowNode[] {
  return plain.every((n) => n.children.length === 0) ? [...plain] : [];
}

function isBare(row: TableRow): boolean {
  return row.label === '' && row.codes.function === null && row.codes.economic === null && row.codes.unit === null;
}

function isParentCode(parent: string, child: string): boolean {
  return child.length > parent.length && child.startsWith(parent) && child.length - parent.length === 2;
}
