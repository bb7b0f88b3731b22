/**
 * Page-by-page comparison of the amounts a page prints with the amounts of
 * the tool's records on that page, and the placement test.
 */
import type { BudgetDocument } from '../core/document.js';
import { canonicalAmount, readAmount } from './amounts.js';
import { findText, norm, type Occurrence } from './find.js';
import type { Line } from './layout.js';
import type { PageReading, PrintedNumber } from './printed.js';

type Box = [number, number, number, number];

/** One non-empty body cell of the tool's output, as the check needs it. */
export interface ToolCell {
  table: number;
  tableNumber: string | null;
  tableTitle: string;
  tablePages: number[];
  row: number;
  label: string;
  codes: { function: string | null; economic: string | null; unit: string | null };
  column: string;
  path: string[];
  raw: string;
  /** Canonical amount of the cell (from its value, else its raw text when that reads as an amount). */
  key: string | null;
  /** The tool gives the cell a value (an amount), not text. */
  amount: boolean;
  page: number;
  bbox: Box;
}

export function toolCells(doc: BudgetDocument): ToolCell[] {
  const out: ToolCell[] = [];
  for (const t of doc.tables) {
    const paths = new Map(t.columns.map((c) => [c.key, c.path]));
    t.rows.forEach((row, r) => {
      for (const [column, cell] of Object.entries(row.cells)) {
        const amount = cell.value !== null;
        const key = amount ? canonicalAmount(cell.value!.toFixed(cell.scale)) : readAmount(cell.raw);
        out.push({
          table: t.order,
          tableNumber: t.number,
          tableTitle: t.title,
          tablePages: t.pages,
          row: r + 1,
          label: row.label,
          codes: row.codes,
          column,
          path: paths.get(column) ?? column.split('/'),
          raw: cell.raw,
          key,
          amount,
          page: cell.page,
          bbox: cell.bbox,
        });
      }
    });
  }
  return out;
}

export type ExtraReason = 'not-printed' | `printed-as-${string}`;

export interface Extra {
  cell: ToolCell;
  reason: ExtraReason;
}

export interface Misplaced {
  cell: ToolCell;
  printed: PrintedNumber;
  problems: string[];
}

export interface PageResult {
  page: number;
  tablePage: boolean;
  /** Table amounts printed (counted on table pages only). */
  printed: number;
  /** Of those, found in a tool cell (as an amount or as text). */
  found: number;
  /** Found only as a text cell (value null): the tool kept the text but not the amount. */
  foundAsText: number;
  missed: PrintedNumber[];
  /** Tool amounts on the page. */
  extracted: number;
  /** Of those, matched to a printed table amount. */
  precise: number;
  extras: Extra[];
  placementChecked: number;
  placementOk: number;
  unverified: number;
  misplaced: Misplaced[];
  /** Why placement could not be checked, with counts. */
  unverifiedWhy: Map<string, number>;
}

const center = (b: { x0: number; x1: number; top: number; bottom: number }): [number, number] => [
  (b.x0 + b.x1) / 2,
  (b.top + b.bottom) / 2,
];

function inBox(p: PrintedNumber, box: Box, slack: number): boolean {
  const [cx, cy] = center(p);
  return cx >= box[0] - slack && cx <= box[2] + slack && cy >= box[1] - slack && cy <= box[3] + slack;
}

/** Matches a page's printed numbers with the tool's cells on that page. */
export function matchPage(reading: PageReading, cells: readonly ToolCell[], readings: ReadonlyMap<number, PageReading>): PageResult {
  const numbers = reading.numbers;
  const used = new Array<boolean>(numbers.length).fill(false);
  const byKey = new Map<string, number[]>();
  numbers.forEach((n, i) => {
    const list = byKey.get(n.key) ?? [];
    list.push(i);
    byKey.set(n.key, list);
  });
  const withKey = cells.filter((c) => c.key !== null);
  const pairOf = new Map<ToolCell, { index: number; inside: boolean }>();
  // Pass 1: the printed number inside the cell's box (closest centre). Amount cells first.
  const ordered = [...withKey].sort((a, b) => Number(b.amount) - Number(a.amount));
  for (const cell of ordered) {
    const cands = (byKey.get(cell.key!) ?? []).filter((i) => !used[i] && inBox(numbers[i]!, cell.bbox, 1.5));
    if (cands.length === 0) continue;
    const [bx, by] = [(cell.bbox[0] + cell.bbox[2]) / 2, (cell.bbox[1] + cell.bbox[3]) / 2];
    cands.sort((a, b) => dist(numbers[a]!, bx, by) - dist(numbers[b]!, bx, by));
    used[cands[0]!] = true;
    pairOf.set(cell, { index: cands[0]!, inside: true });
  }
  // Pass 2: any unused printed number of the same value on the page (nearest).
  for (const cell of ordered) {
    if (pairOf.has(cell)) continue;
    const cands = (byKey.get(cell.key!) ?? []).filter((i) => !used[i]);
    if (cands.length === 0) continue;
    const [bx, by] = [(cell.bbox[0] + cell.bbox[2]) / 2, (cell.bbox[1] + cell.bbox[3]) / 2];
    cands.sort((a, b) => dist(numbers[a]!, bx, by) - dist(numbers[b]!, bx, by));
    used[cands[0]!] = true;
    pairOf.set(cell, { index: cands[0]!, inside: false });
  }

  const result: PageResult = {
    page: reading.page,
    tablePage: reading.tablePage,
    printed: 0,
    found: 0,
    foundAsText: 0,
    missed: [],
    extracted: 0,
    precise: 0,
    extras: [],
    placementChecked: 0,
    placementOk: 0,
    unverified: 0,
    misplaced: [],
    unverifiedWhy: new Map(),
  };
  const foundBy = new Map<number, ToolCell>();
  for (const [cell, pair] of pairOf) foundBy.set(pair.index, cell);
  if (reading.tablePage) {
    numbers.forEach((n, i) => {
      if (n.exclusion !== null) return;
      result.printed++;
      const cell = foundBy.get(i);
      if (!cell) result.missed.push(n);
      else {
        result.found++;
        if (!cell.amount) result.foundAsText++;
      }
    });
  }
  for (const cell of cells) {
    if (!cell.amount) continue;
    result.extracted++;
    const pair = pairOf.get(cell);
    if (!pair) {
      result.extras.push({ cell, reason: 'not-printed' });
      continue;
    }
    const n = numbers[pair.index]!;
    if (n.exclusion !== null) {
      result.extras.push({ cell, reason: `printed-as-${n.exclusion}` });
      continue;
    }
    result.precise++;
    const problems: string[] = [];
    let unverified: string | null = null;
    if (!pair.inside) problems.push(`cell box [${cell.bbox.map((v) => v.toFixed(0)).join(',')}] does not hold it`);
    const col = checkColumn(reading, n, cell, readings);
    if (col.status === 'bad') problems.push(col.why);
    else if (col.status === 'unverified') unverified = col.why;
    const row = checkRow(reading, n, cell);
    if (row.status === 'bad') problems.push(row.why);
    else if (row.status === 'unverified') unverified ??= row.why;
    if (problems.length > 0) {
      result.placementChecked++;
      result.misplaced.push({ cell, printed: n, problems });
    } else if (unverified !== null) {
      result.unverified++;
      result.unverifiedWhy.set(unverified, (result.unverifiedWhy.get(unverified) ?? 0) + 1);
    } else {
      result.placementChecked++;
      result.placementOk++;
    }
  }
  return result;
}

function dist(n: PrintedNumber, x: number, y: number): number {
  const [cx, cy] = center(n);
  return Math.hypot(cx - x, cy - y);
}

type Check = { status: 'ok' } | { status: 'bad'; why: string } | { status: 'unverified'; why: string };

const TITLE_OR_UNIT = /单位[:：]|[^\d]表$|表[(（]?续|续表|^表\d/u;

/** Lines above `from` (exclusive) up to the table's title or unit line that hold no table amount: the header candidates. */
export function headerLines(reading: PageReading, from: number): number[] {
  const withAmount = new Set(reading.numbers.filter((n) => n.exclusion === null).map((n) => n.line));
  const out: number[] = [];
  for (let li = from - 1; li >= 0; li--) {
    const line = reading.lines[li]!;
    if (TITLE_OR_UNIT.test(norm(line.text))) break;
    if (!withAmount.has(li)) out.push(li);
  }
  return out.reverse();
}

/** A header occurrence's x-extent widened halfway to its neighbours on the same header line(s). */
export function gutterSpan(lines: readonly Line[], candidates: readonly number[], occ: Occurrence, pageWidth: number): [number, number] {
  const mine = new Set(occ.tokens.map((r) => `${r.line}:${r.token}`));
  let left = 0;
  let right = pageWidth;
  for (const li of candidates) {
    const line = lines[li]!;
    line.tokens.forEach((t, k) => {
      if (mine.has(`${li}:${k}`)) return;
      const vOverlap = Math.min(t.bottom, occ.bottom) - Math.max(t.top, occ.top);
      if (vOverlap < 0.3 * (t.bottom - t.top)) return;
      if (t.x1 <= occ.x0 + 1) left = Math.max(left, (t.x1 + occ.x0) / 2);
      else if (t.x0 >= occ.x1 - 1) right = Math.min(right, (occ.x1 + t.x0) / 2);
    });
  }
  return [left, right];
}

/** The column test: the amount's x-centre lies under the printed header of its column (leaf label), widened to the gutter. */
export function checkColumn(reading: PageReading, n: PrintedNumber, cell: ToolCell, readings: ReadonlyMap<number, PageReading>): Check {
  const path = cell.path.map((p) => norm(p).replace(/#\d+$/u, '')).filter((p) => p !== '');
  const leaf = path[path.length - 1];
  if (!leaf) return { status: 'unverified', why: 'column has no header path' };
  const cx = (n.x0 + n.x1) / 2;
  // This page's header, then the header of the table's earlier pages (tables without repeated headers).
  const sources: { reading: PageReading; from: number }[] = [{ reading, from: n.line }];
  for (const p of [...cell.tablePages].filter((p) => p < reading.page).sort((a, b) => b - a)) {
    const r = readings.get(p);
    if (!r) continue;
    const first = r.numbers.find((x) => x.exclusion === null);
    if (first) sources.push({ reading: r, from: first.line });
  }
  for (const src of sources) {
    const cands = headerLines(src.reading, src.from);
    const occs = findText(src.reading.lines, leaf, { candidates: cands, maxGapEm: 1.2 });
    if (occs.length === 0) continue;
    const spans = occs.map((o) => ({ occ: o, span: gutterSpan(src.reading.lines, cands, o, src.reading.width) }));
    const hits = spans.filter((s) => cx >= s.span[0] && cx <= s.span[1]);
    if (hits.length === 0) {
      const near = spans.map((s) => `${s.span[0].toFixed(0)}–${s.span[1].toFixed(0)}`).join(', ');
      return { status: 'bad', why: `x ${cx.toFixed(0)} is not under header "${leaf}" (${near}${src.reading === reading ? '' : ` on p${src.reading.page}`})` };
    }
    // A leaf printed more than once (合计 under 收入 and 支出): its parent must stand above it too.
    if (occs.length > 1 && path.length > 1) {
      const parent = path[path.length - 2]!;
      const parents = findText(src.reading.lines, parent, { candidates: cands, maxGapEm: 1.2 });
      if (parents.length > 0) {
        const ok = hits.some((h) =>
          parents.some((p) => {
            const ps = gutterSpan(src.reading.lines, cands, p, src.reading.width);
            const hc = (h.occ.x0 + h.occ.x1) / 2;
            return p.bottom <= h.occ.top + 1 && hc >= ps[0] && hc <= ps[1];
          }),
        );
        if (!ok) return { status: 'bad', why: `x ${cx.toFixed(0)} is under a "${leaf}" header that is not under "${parent}"` };
      }
    }
    return { status: 'ok' };
  }
  return { status: 'unverified', why: 'header not found' };
}

/** The row test: the amount lies on a line of its row's label (or its codes), left of it. */
export function checkRow(reading: PageReading, n: PrintedNumber, cell: ToolCell): Check {
  const label = norm(cell.label);
  const cy = (n.top + n.bottom) / 2;
  const all = reading.lines.map((_, i) => i);
  const targets: string[] = [];
  if (label) targets.push(label);
  const code = cell.codes.function ?? cell.codes.economic ?? cell.codes.unit;
  if (code) targets.push(code);
  if (targets.length === 0) return { status: 'unverified', why: 'row has no label or code' };
  let seen = false;
  for (const target of targets) {
    const occs = findText(reading.lines, target, { candidates: all, maxGapEm: 1.3 });
    if (occs.length > 0) seen = true;
    const h = n.bottom - n.top;
    if (occs.some((o) => o.x0 < n.x0 && cy >= o.top - 0.35 * h && cy <= o.bottom + 0.35 * h)) return { status: 'ok' };
  }
  if (!seen) return { status: 'unverified', why: 'row label not found on the page' };
  return { status: 'bad', why: `not on the line of its row "${label || code}"` };
}
