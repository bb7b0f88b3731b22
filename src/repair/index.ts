/**
 * Number repair for OCR'd tables: where a cell the OCR was unsure of breaks
 * the table's identities (row and column sums, cross-table totals) and one
 * value — the one those identities prove — makes every identity it takes
 * part in hold, the cell takes that value. Every change is listed with its
 * proof. Pure: takes the typed document, returns corrected tables and the
 * corrections; nothing else changes.
 *
 * Never without proof: only OCR cells in doubt are touched (below the
 * confidence limit, no number, or other decimals than their column); an
 * identity proves a value only when all its other cells are trusted; the new value must be a plausible misreading of the OCR text
 * (at most two edits apart, exchanges only between look-alike digits,
 * the printed decimals kept); every identity
 * the cell takes part in must hold afterwards and no other check may start
 * failing; and when another cell of the same identities could be changed
 * instead, nothing is changed. A document's own printed inconsistency
 * (read confidently, or not fixable by one plausible change) stays as
 * printed, flagged by validation.
 */
import { Decimal } from 'decimal.js';
import type { BudgetDocument, BudgetTable, Correction, TableCell } from '../core/document.js';
import type { PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { validateDocument, type ValidationCheck } from '../validate/index.js';
import { columnSumChecks, rowIdentityChecks } from '../validate/table-rules.js';

export interface RepairResult {
  /** The document with corrected cells (tables not touched are shared, not copied). */
  document: BudgetDocument;
  corrections: Correction[];
}

/** Rounds of repair: a correction may make a second one provable (two errors in one identity). */
const MAX_ROUNDS = 4;
/** Most characters a correction may change (substitutions, a dropped or extra character). */
const MAX_EDITS = 2;

interface CellAddress {
  table: BudgetTable;
  tableIndex: number;
  row: number;
  column: string;
  cell: TableCell;
}

interface Proposal {
  address: CellAddress;
  value: Decimal;
  scale: number;
  /** Failing checks it makes hold. */
  fixes: ValidationCheck[];
}

export function repairDocument(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): RepairResult {
  const corrections: Correction[] = [];
  const touched = new Set<string>();
  let current = restorePoints(doc, pipeline, settings, corrections, touched);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const report = validateDocument(current, pipeline, settings);
    const failing = report.checks.filter((c) => c.status === 'fail' && c.expected !== null && c.found !== null && c.difference !== null);
    if (failing.length === 0) break;
    const failCount = report.summary.fail;
    const proposals: Proposal[] = [];
    for (const address of candidateCells(current, failing, settings)) {
      if (touched.has(keyOf(address))) continue;
      for (const { value, scale } of proposedValues(address, failing)) {
        const trial = withValue(current, address, value, scale);
        // The table's own identities first (cheap); the whole document only for a value that passes them.
        const own = tableChecks(trial.tables[address.tableIndex]!, pipeline, settings);
        if (!holdsEverywhere(own, address)) continue;
        const after = validateDocument(trial, pipeline, settings);
        if (!holdsEverywhere(after.checks, address) || after.summary.fail >= failCount) continue;
        if (newlyFailing(report.checks, after.checks)) continue;
        const fixed = failing.filter(
          (c) => refersTo(c, address) && after.checks.find((a) => a.id === c.id)?.status === 'pass' && proves(c, address, current, settings),
        );
        if (fixed.length > 0) proposals.push({ address, value, scale, fixes: fixed });
      }
    }
    const accepted = unambiguous(proposals);
    if (accepted.length === 0) break;
    for (const p of accepted) {
      corrections.push(describe(p, current));
      touched.add(keyOf(p.address));
      current = withValue(current, p.address, p.value, p.scale);
    }
  }
  return { document: current, corrections };
}

/**
 * Lost decimal points, proven together. A number printed without a point
 * in a column whose amounts print `s` decimals (150 among 1.50-style
 * amounts) has one reading that keeps every digit the OCR saw: the point
 * put back, `s` places from the right (1.50). Several such cells often sit
 * in one identity (a row whose 合计 and 公用经费 both lost theirs), where no
 * single change can be proven alone: all are put back at once, and a cell
 * keeps its point only if every identity it takes part in then holds and
 * at least one failed before. Cells that do not qualify go back as read.
 */
function restorePoints(
  doc: BudgetDocument,
  pipeline: PipelineSpec,
  settings: Settings,
  corrections: Correction[],
  touched: Set<string>,
): BudgetDocument {
  const lost: { address: CellAddress; value: Decimal; scale: number }[] = [];
  doc.tables.forEach((table, tableIndex) => {
    table.rows.forEach((row, r) => {
      for (const [column, cell] of Object.entries(row.cells)) {
        if (cell.confidence === null || cell.value === null || !/^\d+$/u.test(cell.raw.replace(/,/gu, ''))) continue;
        if (table.columns.find((c) => c.key === column)?.role !== 'amount') continue;
        const scale = columnScale(table, column, cell);
        if (scale === 0 || cell.raw.replace(/,/gu, '').length <= scale) continue;
        lost.push({ address: { table, tableIndex, row: r, column, cell }, value: cell.value.dividedBy(new Decimal(10).pow(scale)), scale });
      }
    });
  });
  if (lost.length === 0) return doc;
  const before = validateDocument(doc, pipeline, settings);
  let kept = lost;
  for (let pass = 0; pass < 3 && kept.length > 0; pass++) {
    let trial = doc;
    for (const l of kept) trial = withValue(trial, l.address, l.value, l.scale);
    const after = validateDocument(trial, pipeline, settings);
    const next = kept.filter(
      (l) =>
        holdsEverywhere(after.checks, l.address) &&
        before.checks.some((c) => c.status === 'fail' && c.expected !== null && refersTo(c, l.address)),
    );
    if (next.length === kept.length) {
      if (newlyFailing(before.checks, after.checks)) return doc;
      const fixed = (l: (typeof kept)[number]) =>
        before.checks.filter((c) => c.status === 'fail' && refersTo(c, l.address) && after.checks.find((a) => a.id === c.id)?.status === 'pass');
      for (const l of kept) {
        corrections.push(describe({ address: l.address, value: l.value, scale: l.scale, fixes: fixed(l) }, doc));
        touched.add(keyOf(l.address));
      }
      return trial;
    }
    kept = next;
  }
  return doc;
}

function tableChecks(table: BudgetTable, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  return [...rowIdentityChecks(table, settings), ...columnSumChecks(table, settings, pipeline.totalLabel)];
}

function keyOf(a: { tableIndex: number; row: number; column: string }): string {
  return `${a.tableIndex}|${a.row}|${a.column}`;
}

function tableRefOf(table: BudgetTable): string {
  return table.number ?? `#${table.order}`;
}

function refersTo(check: ValidationCheck, a: CellAddress): boolean {
  return check.refs.some((r) => r.table === tableRefOf(a.table) && r.row === a.row + 1 && r.column === a.column);
}

/**
 * Is an OCR cell in doubt? Read below the confidence limit, read as no
 * number at all, or printing other decimals than its column (a dropped
 * point: 215 among 2.15-style amounts), however confident. Text-layer cells
 * are never in doubt.
 */
function doubtful(table: BudgetTable, column: string, cell: TableCell, settings: Settings): boolean {
  if (cell.confidence === null) return false;
  if (cell.confidence < settings.repairMaxConfidence || cell.value === null) return true;
  return cell.scale !== columnScale(table, column, cell);
}

/**
 * May the cell be corrected? In doubt by its confidence, read as no number,
 * or a number without a point where its column prints decimals (the point
 * lost). A confident number with a point but other decimals than its
 * column is only untrusted as proof: a misplaced row, not a misread.
 */
function correctable(table: BudgetTable, column: string, cell: TableCell, settings: Settings): boolean {
  if (cell.confidence === null) return false;
  if (cell.confidence < settings.repairMaxConfidence || cell.value === null) return true;
  return !cell.raw.includes('.') && cell.scale !== columnScale(table, column, cell);
}

/** Correctable OCR cells named by failing checks. */
function candidateCells(doc: BudgetDocument, failing: readonly ValidationCheck[], settings: Settings): CellAddress[] {
  const out = new Map<string, CellAddress>();
  for (const check of failing) {
    for (const ref of check.refs) {
      if (ref.row === null || ref.column === null) continue;
      const tableIndex = doc.tables.findIndex((t) => tableRefOf(t) === ref.table);
      const table = doc.tables[tableIndex];
      const cell = table?.rows[ref.row - 1]?.cells[ref.column];
      if (!table || !cell || !correctable(table, ref.column, cell, settings)) continue;
      const address = { table, tableIndex, row: ref.row - 1, column: ref.column, cell };
      out.set(keyOf(address), address);
    }
  }
  return [...out.values()];
}

/**
 * Does the check prove the cell's value? Only when every other cell it adds
 * up is trusted (not in doubt): else the fault may lie there.
 */
function proves(check: ValidationCheck, a: CellAddress, doc: BudgetDocument, settings: Settings): boolean {
  return check.refs.every((r) => {
    if (r.row === null || r.column === null) return true;
    if (r.table === tableRefOf(a.table) && r.row === a.row + 1 && r.column === a.column) return true;
    const table = doc.tables.find((t) => tableRefOf(t) === r.table);
    const cell = table?.rows[r.row - 1]?.cells[r.column];
    return !table || !cell || !doubtful(table, r.column, cell, settings);
  });
}

/** Values that would make a failing check the cell is in hold exactly (the cell on either side of it). */
function proposedValues(address: CellAddress, failing: readonly ValidationCheck[]): { value: Decimal; scale: number }[] {
  const { cell } = address;
  const current = cell.value ?? new Decimal(0);
  const scale = printedScale(address);
  const out = new Map<string, { value: Decimal; scale: number }>();
  for (const check of failing) {
    if (!refersTo(check, address)) continue;
    const difference = new Decimal(check.difference!);
    for (const value of [current.plus(difference), current.minus(difference)]) {
      if (value.isNegative() && !current.isNegative()) continue;
      if (value.decimalPlaces() > scale) continue;
      if (!plausibleMisreading(cell.raw, format(value, scale, cell.raw))) continue;
      // One digit dropped or added at most: a correction keeps what the OCR saw of the number.
      const digitCount = (t: string): number => (t.match(/\d/gu) ?? []).length;
      if (Math.abs(digitCount(cell.raw) - digitCount(value.toFixed(scale))) > 1) continue;
      out.set(value.toFixed(scale), { value, scale });
    }
  }
  return [...out.values()];
}

/** Decimals the cell prints: its own, or, where the OCR lost the point or read no number, those of its column. */
function printedScale(address: CellAddress): number {
  if (address.cell.value !== null && address.cell.raw.includes('.')) return address.cell.scale;
  return columnScale(address.table, address.column, address.cell);
}

/** The decimals most of the column's other amounts print (the cell's own when it stands alone). */
function columnScale(table: BudgetTable, column: string, cell: TableCell): number {
  const scales = table.rows
    .map((r) => r.cells[column])
    .filter((c): c is TableCell => c !== undefined && c !== cell && c.value !== null)
    .map((c) => c.scale);
  if (scales.length === 0) return cell.scale;
  const counts = new Map<number, number>();
  for (const s of scales) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

/** The value as the page would print it: thousands grouped where the OCR text (or the value's size) says so. */
function format(value: Decimal, scale: number, ocrRaw: string): string {
  const plain = value.abs().toFixed(scale);
  const [int, frac] = plain.split('.');
  const grouped = ocrRaw.includes(',') || int!.length > 3 ? int!.replace(/\B(?=(\d{3})+(?!\d))/gu, ',') : int!;
  return `${value.isNegative() ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/**
 * Digits OCR takes for one another (shapes that differ by a stroke or a
 * gap). Exchanging one of these costs 1; any other digit for a digit, 2.
 */
const CONFUSABLE = new Set(['1|7', '3|8', '6|8', '0|8', '5|6', '0|6', '8|9', '0|9', '3|5', '1|4', '2|7', '5|8', '6|9', '0|3']);

function substitutionCost(read: string, printed: string): number {
  if (read === printed) return 0;
  // A letter or mark where a digit is printed: the OCR saw no digit there.
  if (!/\d/u.test(read) || !/\d/u.test(printed)) return 1;
  return CONFUSABLE.has(read < printed ? `${read}|${printed}` : `${printed}|${read}`) ? 1 : 2;
}

/**
 * Could the OCR have read `printed` as `ocr`? An edit distance over the
 * characters where a dropped or extra character (a digit, the point, a
 * comma) and an exchange of look-alike digits cost 1, any other digit
 * exchange 2; at most MAX_EDITS in all.
 */
function plausibleMisreading(ocr: string, printed: string): boolean {
  const a = [...ocr.replace(/\s+/gu, '')];
  const b = [...printed];
  if (Math.abs(a.length - b.length) > MAX_EDITS) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + substitutionCost(a[i - 1]!, b[j - 1]!));
    }
    prev = row;
  }
  return prev[b.length]! <= MAX_EDITS;
}

function withValue(doc: BudgetDocument, a: CellAddress, value: Decimal, scale: number): BudgetDocument {
  const table = doc.tables[a.tableIndex]!;
  const row = table.rows[a.row]!;
  const cell = row.cells[a.column]!;
  const cells = { ...row.cells, [a.column]: { ...cell, value, scale, raw: format(value, scale, cell.raw) } };
  const rows = table.rows.map((r, k) => (k === a.row ? { ...r, cells } : r));
  const tables = doc.tables.map((t, k) => (k === a.tableIndex ? { ...t, rows } : t));
  return { ...doc, tables };
}

/** Every arithmetic check that involves the cell holds. */
function holdsEverywhere(checks: readonly ValidationCheck[], a: CellAddress): boolean {
  return checks.every((c) => !(c.expected !== null && refersTo(c, a)) || c.status !== 'fail');
}

function newlyFailing(before: readonly ValidationCheck[], after: readonly ValidationCheck[]): boolean {
  const was = new Map(before.map((c) => [c.id, c.status]));
  return after.some((c) => c.status === 'fail' && was.get(c.id) !== 'fail');
}

/**
 * Keeps a proposal only where it is the one way to make its identities
 * hold: for each failing check it fixes, no proposal for another cell fixes
 * that check too (else which cell is wrong is not proven). One value per cell.
 */
function unambiguous(proposals: readonly Proposal[]): Proposal[] {
  const byCell = new Map<string, Proposal[]>();
  for (const p of proposals) byCell.set(keyOf(p.address), [...(byCell.get(keyOf(p.address)) ?? []), p]);
  const out: Proposal[] = [];
  for (const [key, options] of byCell) {
    if (options.length !== 1) continue;
    const p = options[0]!;
    const rivals = proposals.filter((q) => keyOf(q.address) !== key && q.fixes.some((c) => p.fixes.some((d) => d.id === c.id)));
    if (rivals.length === 0) out.push(p);
  }
  return out;
}

function describe(p: Proposal, doc: BudgetDocument): Correction {
  const { table, row, column, cell } = p.address;
  const tableNow = doc.tables[p.address.tableIndex]!;
  return {
    table: tableRefOf(table),
    order: table.order,
    row: row + 1,
    label: tableNow.rows[row]!.label,
    column,
    page: cell.page,
    bbox: cell.bbox,
    ocrText: cell.raw,
    ocrValue: cell.value === null ? null : cell.value.toFixed(cell.scale),
    value: p.value.toFixed(p.scale),
    raw: format(p.value, p.scale, cell.raw),
    confidence: cell.confidence ?? 0,
    proof: p.fixes.map((c) => ({ id: c.id, rule: c.rule })),
  };
}

export type { Correction } from '../core/document.js';
