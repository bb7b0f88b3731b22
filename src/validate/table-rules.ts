import { Decimal } from 'decimal.js';
import type { BudgetTable, TableColumn, TableRow } from '../core/document.js';
import type { Settings } from '../core/settings.js';
import { arithmeticCheck, cellRef, isTotalLabel, tableRef, type SumTerm, type ValidationCheck } from './report.js';

/** Header words of a column that holds the sum of its sibling columns. */
const TOTAL_COLUMN = /^(合计|小计|总计)$/u;

/**
 * A column standing for its whole group: a 合计/小计, or a …总数 (项目支出 /
 * 项目支出总数 | 扣除基建项目后预算数: the second is a part of the first, not a
 * sibling to add).
 */
const GROUP_TOTAL_COLUMN = /^(合计|小计|总计|\S*总数)$/u;

/** A row printed as a part of the row above it (其中：…), not one of its terms. */
const OF_WHICH = /^其中[:：]?/u;

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
    // Columns under a 其中 heading are parts of the columns before them, not further terms.
    const siblings = money.filter(
      (c) => c !== totalColumn && startsWith(c.path, prefix) && c.path.length > prefix.length && !c.path.slice(prefix.length).some((p) => OF_WHICH.test(p)),
    );
    const parts = subtreeColumns(siblings, prefix.length);
    if (parts.length < 2) continue;
    const rule = `row: ${totalColumn.key} = ${parts.map((p) => p.key).join(' + ')}`;
    // A 合计 never holds a 总计: one beside it means the header was read flat, and this 合计's
    // own parts are unknown (the 总计's nested reading below still checks its value).
    const grandTotal = parts.find((p) => p.path[p.path.length - 1] === '总计');
    if (grandTotal && totalColumn.path[totalColumn.path.length - 1] !== '总计') {
      checks.push(flatHeader(table, totalColumn.key, rule, grandTotal.key));
      continue;
    }
    // A 合计 among the parts (总计 beside 合计 under a header read flat) may hold the parts after it.
    const nestedParts = parts.some((p) => TOTAL_COLUMN.test(p.path[p.path.length - 1] ?? ''));
    table.rows.forEach((row, r) => {
      const total = term(row, totalColumn.key);
      const flat = parts.map((p) => term(row, p.key));
      if (total === null && flat.every((t) => t === null)) return;
      const flatSum = flat.reduce((acc, t) => acc.plus(t?.value ?? 0), new Decimal(0));
      const nested =
        nestedParts && total && !flatSum.equals(total.value)
          ? nestedTopLevel(
              flat.map((t) => t ?? ZERO),
              total.value,
              settings.roundingHalfUnits,
              settings.nestedReadingMaxSteps,
            )
          : null;
      const terms = nested ?? flat;
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
    const subtotal = members.find((c) => c.path.length === depth + 2 && GROUP_TOTAL_COLUMN.test(c.path[depth + 1]!));
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

type IndexedRow = { row: TableRow; index: number };

function subjectCode(row: TableRow): string | null {
  return row.codes.function ?? row.codes.economic;
}

function subjectCodeCount(rows: readonly IndexedRow[]): number {
  return rows.filter((r) => subjectCode(r.row) !== null).length;
}

/** How a label is numbered: 一、 / （一） / 1. — or not at all. */
type Numbering = 'chinese' | 'bracketed' | 'arabic' | 'none';

function numbering(printed: string): Numbering {
  const label = printed.replace(/^其中[:：]?/u, '');
  if (/^[一二三四五六七八九十]+[、.．]/u.test(label)) return 'chinese';
  if (/^[(（][一二三四五六七八九十\d]+[)）]/u.test(label)) return 'bracketed';
  if (/^\d+[、.．](?!\d)/u.test(label)) return 'arabic';
  return 'none';
}

/**
 * Column sums from the rows' structure: a subject code = Σ its sub-codes
 * (类 = Σ 款, 301 = Σ 301xx); a group row printed right above coded rows
 * (a unit, a category) = Σ its top-level coded rows; a numbered row (一、)
 * = Σ the rows under it; a total printed above the rows = Σ the top level
 * below it; a total printed under the rows (本年收入合计, 收入总计) = the
 * previous total + Σ the top level since.
 */
export function columnSumChecks(table: BudgetTable, settings: Settings, totalLabel: RegExp): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const halves = [...new Set(table.rows.map((r) => r.half))];
  for (const half of halves) {
    // A row with no name, no subject code and no amount is no term and no parent: only its 行次 printed, or an
    // indicator line of a 绩效目标表 under its project's merged cells (which may carry the unit's code).
    const rows = table.rows
      .map((row, index) => ({ row, index }))
      .filter((r) => r.row.half === half && !isUnnamedWithoutFigures(r.row));
    if (rows.length > 0) checks.push(...columnSumsOf(table, rows, settings, totalLabel));
  }
  return checks;
}

/**
 * How a parent relates to the rows given as its terms. `unmarkedLevels`: the
 * rows may nest without marks (read by nestedTopLevel), after the first
 * `standalone` of them, which are terms as they stand (the previous total of a
 * running total). `ofWhich`: the rows are 其中 parts, so they add up to at
 * most the parent.
 */
interface SumShape {
  unmarkedLevels?: boolean;
  standalone?: number;
  ofWhich?: boolean;
}

type AddSum = (parent: IndexedRow, children: readonly IndexedRow[], what: string, shape?: SumShape) => void;

function columnSumsOf(table: BudgetTable, rows: readonly IndexedRow[], settings: Settings, totalLabel: RegExp): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const add: AddSum = (parent, children, what, shape = {}) => {
    if (children.length === 0) return;
    checks.push(...sumChecks(table, parent, children, what, settings, shape));
  };
  const isTotal = (r: IndexedRow): boolean => isTotalLabel(r.row.label, totalLabel);
  const totals = rows.filter(isTotal);
  const firstTotal = rows.findIndex(isTotal);
  if (totals.length > 0 && firstTotal > 0) {
    // Totals under their rows.
    let previous: IndexedRow | null = null;
    let start = 0;
    for (const total of totals) {
      const at = rows.indexOf(total);
      const segment = rows.slice(start, at);
      const { top, unmarked } = structure(segment, add);
      add(
        total,
        previous ? [previous, ...top] : top,
        previous ? `${total.row.label} = ${previous.row.label} + Σ rows since` : `${total.row.label} = Σ rows above`,
        { unmarkedLevels: unmarked, standalone: previous ? 1 : 0 },
      );
      previous = total;
      start = at + 1;
    }
    structure(rows.slice(start), add);
    return checks;
  }
  const total = firstTotal === 0 ? rows[0]! : null;
  let body = total ? rows.slice(1) : [...rows];
  // An unnamed row repeating the total right under it (the department's own line).
  const echo = total && body[0] && isBare(body[0].row) ? body[0] : null;
  if (total && echo) {
    add(total, [echo], 'total = the unnamed row under it');
    body = body.slice(1);
  }
  const { top, grouped, unmarked } = structure(body, add);
  if (total) add(total, top, grouped ? '合计 = Σ groups' : '合计 = Σ top-level rows', { unmarkedLevels: unmarked });
  return checks;
}

/**
 * Reads the hierarchy of a run of rows, reporting each parent = Σ children
 * through `add`, and returns the top level (and whether it is made of groups).
 */
function structure(rows: readonly IndexedRow[], add: AddSum): { top: RowNode[]; grouped: boolean; unmarked?: boolean } {
  // Numbered lines (收支总表 halves): the first line's numbering marks the top level, other
  // lines belong to the top line above them, and so on down (一、 > （一） > 1.).
  // The top level may still nest without marks: 一、本年支出 over 一、一般公共服务支出 … numbered alike.
  if (rows.some((r) => numbering(r.row.label) !== 'none') && subjectCodeCount(rows) === 0) {
    return { top: numberedLevel(rows, add), grouped: false, unmarked: true };
  }
  const groups: RowNode[] = [];
  const codedTop: RowNode[] = [];
  const plain: RowNode[] = [];
  const parents: RowNode[] = [];
  let group: RowNode | null = null;
  let stack: RowNode[] = [];
  for (const r of rows) {
    const node: RowNode = { ...r, children: [] };
    const code = subjectCode(r.row);
    if (code === null) {
      group = node;
      stack = [];
      plain.push(node);
      continue;
    }
    while (stack.length > 0 && !isParentCode(subjectCode(stack[stack.length - 1]!.row)!, code)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      if (parent.children.length === 0) parents.push(parent);
      parent.children.push(node);
    } else if (group) {
      if (group.children.length === 0) groups.push(group);
      group.children.push(node);
    } else codedTop.push(node);
    stack.push(node);
  }
  for (const node of parents) add(node, node.children, `${subjectCode(node.row)} = Σ its sub-codes`);
  // A group's coded rows may still nest by other marks the rows do not carry as subject codes (a unit over its
  // sub-unit over their purchases, all under one function code): read through the figures like unnumbered rows.
  for (const node of groups) add(node, node.children, `${node.row.label || 'group'} = Σ its rows`, { unmarkedLevels: true });
  if (groups.length > 0 && codedTop.length === 0) return { top: groups, grouped: true };
  if (codedTop.length > 0 && plain.length === 0) return { top: codedTop, grouped: false };
  // Rows without codes: one level (units listed under a total), or levels without marks (a unit,
  // then its categories) that only the figures tell apart.
  return { top: plain.every((n) => n.children.length === 0) ? plain : [], grouped: false, unmarked: true };
}

function numberedLevel(rows: readonly IndexedRow[], add: AddSum): RowNode[] {
  const style = numbering(rows[0]!.row.label);
  const top: RowNode[] = [];
  for (const r of rows) {
    const node: RowNode = { ...r, children: [] };
    if (numbering(r.row.label) === style || top.length === 0) top.push(node);
    else top[top.length - 1]!.children.push(node);
  }
  for (const node of top) {
    if (node.children.length === 0) continue;
    const level = numberedLevel(node.children, add);
    if (level.every((n) => OF_WHICH.test(n.row.label))) add(node, level, `${node.row.label} ≥ Σ its 其中 rows`, { ofWhich: true });
    else add(node, level, `${node.row.label} = Σ the rows under it`, { unmarkedLevels: true });
  }
  return top;
}

/**
 * Rows that may nest without marks (a unit, its sub-unit, a category, its
 * projects, none of them coded or numbered), read through the figures to any
 * depth: a row is a parent when the rows after it, read the same way, add up
 * to its value (their running sum never passing it, unless parts may be
 * negative). Returns the top level of the first reading whose top level adds
 * up to `target`, or null when there is none (or the search runs over
 * `maxSteps`), so the flat reading stands.
 */
function nestedTopLevel(terms: readonly SumTerm[], target: Decimal, halfUnits: number, maxSteps: number): SumTerm[] | null {
  const scale = Math.max(0, ...terms.map((t) => t.scale));
  const unit = new Decimal(10).pow(-scale).times(halfUnits);
  // A change column (增减) has parts of either sign: a running sum past the row's value may come back.
  const signed = terms.some((t) => t.value.isNegative());
  // Published figures are rounded: a row and its parts may differ by ½ unit per printed figure.
  const close = (sum: Decimal, goal: Decimal, parts: number): boolean => sum.minus(goal).abs().lessThanOrEqualTo(unit.times(parts + 1));
  const passed = (sum: Decimal, goal: Decimal, parts: number): boolean => !signed && sum.minus(goal).greaterThan(unit.times(parts + 1));
  const shallow = oneLevel(terms, close, signed);
  if (shallow && close(shallow.reduce((acc, t) => acc.plus(t.value), new Decimal(0)), target, shallow.length)) return shallow;
  let steps = 0;
  /** Where a run of rows from `start` adding up to `goal` may end, each row a leaf or the head of a node (`nodeEnds`). */
  const ends = (start: number, goal: Decimal, nodeEnds: ReadonlyArray<readonly number[]>): number[] => {
    const found = new Set<number>();
    const seen = new Set<string>();
    const stack: Array<{ at: number; sum: Decimal; parts: number }> = [{ at: start, sum: new Decimal(0), parts: 0 }];
    while (stack.length > 0 && ++steps <= maxSteps) {
      const { at, sum, parts } = stack.pop()!;
      const state = `${at}|${sum.toString()}`;
      if (seen.has(state)) continue;
      seen.add(state);
      if (parts > 0 && close(sum, goal, parts)) found.add(at);
      if (at >= terms.length || passed(sum, goal, parts)) continue;
      for (const next of nodeEnds[at]!) stack.push({ at: next, sum: sum.plus(terms[at]!.value), parts: parts + 1 });
    }
    return [...found];
  };
  // Where the node each row heads may end: the row alone, or with a run after it adding up to it. Worked out
  // from the last row up, since a node's run lies below it (loops, not recursion: tables run to 1,000s of rows).
  const nodeEnds: number[][] = [];
  for (let at = terms.length - 1; at >= 0; at--) {
    const head = terms[at]!.value;
    nodeEnds[at] = [at + 1, ...(head.isZero() || at + 1 >= terms.length ? [] : ends(at + 1, head, nodeEnds))];
  }
  // The top level: a run over every row adding up to the target, kept as the chain of the nodes' heads.
  interface Step {
    at: number;
    sum: Decimal;
    parts: number;
    heads: HeadChain;
  }
  const seen = new Set<string>();
  const stack: Step[] = [{ at: 0, sum: new Decimal(0), parts: 0, heads: null }];
  while (stack.length > 0 && ++steps <= maxSteps) {
    const { at, sum, parts, heads } = stack.pop()!;
    const state = `${at}|${sum.toString()}`;
    if (seen.has(state)) continue;
    seen.add(state);
    if (at >= terms.length) {
      if (parts > 0 && close(sum, target, parts)) return headsOf(heads).map((index) => terms[index]!);
      continue;
    }
    if (passed(sum, target, parts)) continue;
    for (const next of nodeEnds[at]!) stack.push({ at: next, sum: sum.plus(terms[at]!.value), parts: parts + 1, heads: { index: at, before: heads } });
  }
  return null;
}

/**
 * The common case, read cheaply first: one level, each row heading the rows after it while their running sum
 * stays below its value and reaches it. Null when some row's run passes its value.
 */
function oneLevel(terms: readonly SumTerm[], close: (sum: Decimal, goal: Decimal, parts: number) => boolean, signed: boolean): SumTerm[] | null {
  const top: SumTerm[] = [];
  let k = 0;
  while (k < terms.length) {
    const head = terms[k]!;
    top.push(head);
    let sum = new Decimal(0);
    let j = k + 1;
    while (j < terms.length && !head.value.isZero() && (signed || sum.lessThan(head.value)) && !(j > k + 1 && close(sum, head.value, j - k - 1))) {
      sum = sum.plus(terms[j]!.value);
      j++;
    }
    if (j > k + 1 && !close(sum, head.value, j - k - 1)) return null;
    k = j;
  }
  return top;
}

type HeadChain = { index: number; before: HeadChain } | null;

function headsOf(chain: HeadChain): number[] {
  const out: number[] = [];
  for (let c = chain; c; c = c.before) out.unshift(c.index);
  return out;
}

function sumChecks(
  table: BudgetTable,
  parent: IndexedRow,
  children: readonly IndexedRow[],
  what: string,
  settings: Settings,
  shape: SumShape,
): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const lead = shape.standalone ?? 0;
  for (const column of moneyColumns(table)) {
    const total = term(parent.row, column.key);
    const all = children.map((c) => term(c.row, column.key));
    const flatSum = all.reduce((acc, t) => acc.plus(t?.value ?? 0), new Decimal(0));
    const leading = all.slice(0, lead).reduce((acc, t) => acc.plus(t?.value ?? 0), new Decimal(0));
    const nestedRest =
      shape.unmarkedLevels && total && !flatSum.equals(total.value)
        ? nestedTopLevel(
            all.slice(lead).map((t) => t ?? ZERO),
            total.value.minus(leading),
            settings.roundingHalfUnits,
            settings.nestedReadingMaxSteps,
          )
        : null;
    const terms = nestedRest ? [...all.slice(0, lead), ...nestedRest] : all;
    if (total === null && terms.every((t) => t === null)) continue;
    if (total === null && parent.row.cells[column.key] === undefined && table.rows.length > 0) {
      checks.push(blankTotal(table, parent, column.key, `column: ${what}`));
      continue;
    }
    const check = arithmeticCheck({
      id: `T${tableRef(table)}.col.${column.key}#${parent.index + 1}`,
      rule: `column: ${what}`,
      severity: 'error',
      refs: [cellRef(table, parent.index, parent.row, column.key), ...children.map((c) => cellRef(table, c.index, c.row, column.key))],
      total: total ?? ZERO,
      terms: terms.map((t) => t ?? ZERO),
      roundingHalfUnits: settings.roundingHalfUnits,
      message: `${table.title}, ${column.key}, row ${parent.index + 1} (${parent.row.label || '—'})`,
    });
    const within = shape.ofWhich && check.status === 'fail' && new Decimal(check.difference ?? '0').isPositive();
    checks.push(within ? { ...check, status: 'pass', message: `${check.message} (其中: ${check.expected} ≤ ${check.found})` } : check);
  }
  return checks;
}

/** A total column whose parts the header does not tell: reported skipped, once per table. */
function flatHeader(table: BudgetTable, key: string, rule: string, grandTotal: string): ValidationCheck {
  return {
    id: `T${tableRef(table)}.row.${key}`,
    rule,
    status: 'skipped',
    severity: 'error',
    refs: [cellRef(table, null, null, key)],
    expected: null,
    found: null,
    difference: null,
    rounding: false,
    message: `${table.title}: ${key} = Σ its parts is not checked`,
    reason: `the header puts ${grandTotal} beside ${key}, so it was read flat and ${key}'s parts are unknown`,
  };
}

/** A total printed blank while its parts are not: reported, not judged (the printer left it out). */
function blankTotal(table: BudgetTable, parent: IndexedRow, key: string, rule: string): ValidationCheck {
  return {
    id: `T${tableRef(table)}.col.${key}#${parent.index + 1}`,
    rule,
    status: 'skipped',
    severity: 'warning',
    refs: [cellRef(table, parent.index, parent.row, key)],
    expected: null,
    found: null,
    difference: null,
    rounding: false,
    message: `${table.title}, ${key}, row ${parent.index + 1} (${parent.row.label || '—'}): the total is printed blank`,
    reason: 'the total cell is blank while its parts are not',
  };
}

function isUnnamedWithoutFigures(row: TableRow): boolean {
  return (
    row.label === '' &&
    row.codes.function === null &&
    row.codes.economic === null &&
    Object.values(row.cells).every((c) => c.value === null)
  );
}

function isBare(row: TableRow): boolean {
  return row.label === '' && row.codes.function === null && row.codes.economic === null && row.codes.unit === null;
}

function isParentCode(parent: string, child: string): boolean {
  return child.length - parent.length === 2 && child.startsWith(parent);
}
