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
  /** The raw texts of the row's text cells on the same page (row anchors when it has no label). */
  rowTexts: string[];
  /** Header paths of all the table's columns. */
  tableColumns: string[][];
  /** Rows the row's label cell is merged over (1 when not merged). */
  labelSpan: number;
  /** Normalized labels of all the table's rows (another row's label between a label and an amount refutes the row). */
  tableLabels: Set<string>;
}

export function toolCells(doc: BudgetDocument): ToolCell[] {
  const out: ToolCell[] = [];
  for (const t of doc.tables) {
    const paths = new Map(t.columns.map((c) => [c.key, c.path]));
    const tableColumns = t.columns.map((c) => c.path);
    const labelKey = t.columns.find((c) => c.role === 'label')?.key;
    const tableLabels = new Set(t.rows.map((r) => norm(r.label)).filter((l) => l.length >= 2));
    t.rows.forEach((row, r) => {
      const texts = Object.values(row.cells).filter((c) => c.value === null && !readAmount(c.raw));
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
          rowTexts: texts.filter((c) => c.page === cell.page).map((c) => c.raw),
          tableColumns,
          labelSpan: labelKey !== undefined ? (row.cells[labelKey]?.rowSpan ?? 1) : 1,
          tableLabels,
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
  /** Of those, found in a tool cell that holds it as an amount (value). */
  found: number;
  /** Missed, but held by a text cell (value null): the tool kept the text but not the amount. */
  foundAsText: number;
  /** Printed amounts not found as amounts (the ones held as text included). */
  missed: PrintedNumber[];
  asText: { printed: PrintedNumber; cell: ToolCell }[];
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
    asText: [],
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
      if (cell?.amount) result.found++;
      else {
        result.missed.push(n);
        if (cell) {
          result.foundAsText++;
          result.asText.push({ printed: n, cell });
        }
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
    const row = checkRow(reading, n, cell, cell.rowTexts);
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

/**
 * A header occurrence's x-extent widened to the gutters: halfway from its
 * centre to the centres of its neighbours on the same header line(s) (header
 * words are centred over their columns), never narrower than its own text.
 */
export function gutterSpan(lines: readonly Line[], candidates: readonly number[], occ: Occurrence, pageWidth: number): [number, number] {
  const mine = new Set(occ.tokens.map((r) => `${r.line}:${r.token}`));
  const c = (occ.x0 + occ.x1) / 2;
  let left = 0;
  let right = pageWidth;
  for (const li of candidates) {
    const line = lines[li]!;
    line.tokens.forEach((t, k) => {
      if (mine.has(`${li}:${k}`)) return;
      const vOverlap = Math.min(t.bottom, occ.bottom) - Math.max(t.top, occ.top);
      if (vOverlap < 0.3 * (t.bottom - t.top)) return;
      const tc = (t.x0 + t.x1) / 2;
      if (t.x1 <= occ.x0 + 1) left = Math.max(left, Math.min(occ.x0, (tc + c) / 2));
      else if (t.x0 >= occ.x1 - 1) right = Math.min(right, Math.max(occ.x1, (c + tc) / 2));
    });
  }
  return [left, right];
}

/**
 * The columns a group header (a parent) can stand over: it is centred over
 * its children, so its span reaches equally far on both sides, as far as the
 * nearer halfway point to a header word beside it on its own line or on the
 * header lines above (its children further below do not bound it; words that
 * overlap it are its own ancestors). Unbounded when nothing stands beside it.
 */
export function parentSpan(lines: readonly Line[], candidates: readonly number[], occ: Occurrence): [number, number] {
  const mine = new Set(occ.tokens.map((r) => `${r.line}:${r.token}`));
  const c = (occ.x0 + occ.x1) / 2;
  let left = -Infinity;
  let right = Infinity;
  for (const li of candidates) {
    const line = lines[li]!;
    // Its own line and those above; a sibling spanning two header rows is printed half a line lower.
    if (line.top > occ.bottom + 0.5 * (occ.bottom - occ.top)) continue;
    line.tokens.forEach((t, k) => {
      if (mine.has(`${li}:${k}`)) return;
      if (t.x1 > occ.x0 - 1 && t.x0 < occ.x1 + 1) return;
      const tc = (t.x0 + t.x1) / 2;
      if (tc < c) left = Math.max(left, (tc + c) / 2);
      else right = Math.min(right, (tc + c) / 2);
    });
  }
  const half = Math.max(Math.min(c - left, right - c), (occ.x1 - occ.x0) / 2);
  return [c - half, c + half];
}

/**
 * The x the column test uses for a printed amount: the middle of the column
 * of amounts it belongs to (the amounts of the page sharing its right edge,
 * left edge or centre), since amounts sit right-aligned in columns whose
 * header is centred.
 */
export function columnX(reading: PageReading, n: PrintedNumber): number {
  let x0 = n.x0;
  let x1 = n.x1;
  const c = (n.x0 + n.x1) / 2;
  for (const m of reading.numbers) {
    if (m.exclusion !== null || m.line === n.line) continue;
    if (Math.abs(m.x1 - n.x1) < 1.5 || Math.abs(m.x0 - n.x0) < 1.5 || Math.abs((m.x0 + m.x1) / 2 - c) < 1.5) {
      x0 = Math.min(x0, m.x0);
      x1 = Math.max(x1, m.x1);
    }
  }
  return (x0 + x1) / 2;
}

const HEADER_FIND = { maxGapEm: 1.2, maxLines: 12 };

/**
 * The column test: the amount's column lies under the printed header of its
 * column (the last part of the column's path), widened halfway to the
 * neighbouring header words. Where that header word is printed more than once
 * (合计 under 收入 and under 支出), the occurrence the amount lies under must
 * belong to the column's parent: of the parent words the table's columns use
 * above that header word, the one printed nearest above it.
 */
export function checkColumn(reading: PageReading, n: PrintedNumber, cell: ToolCell, readings: ReadonlyMap<number, PageReading>): Check {
  const clean = (p: string): string => norm(p).replace(/#\d+$/u, '');
  const path = cell.path.map(clean).filter((p) => p !== '');
  const leaf = path[path.length - 1];
  if (!leaf) return { status: 'unverified', why: 'column has no header path' };
  const cx = columnX(reading, n);
  // This page's header, then the header of the table's earlier pages (tables without repeated headers).
  const sources: { reading: PageReading; from: number }[] = [{ reading, from: n.line }];
  for (const p of [...cell.tablePages].filter((p) => p < reading.page).sort((a, b) => b - a)) {
    const r = readings.get(p);
    if (!r) continue;
    // The table runs on to the next page from the bottom of this one: its header is the one above its last amounts.
    const last = [...r.numbers].reverse().find((x) => x.exclusion === null);
    if (last) sources.push({ reading: r, from: last.line + 1 });
  }
  let firstMiss: string | null = null;
  for (const src of sources) {
    const cands = headerLines(src.reading, src.from);
    const occs = findText(src.reading.lines, leaf, { candidates: cands, ...HEADER_FIND });
    if (occs.length === 0) continue;
    const spans = occs.map((o) => ({ occ: o, span: gutterSpan(src.reading.lines, cands, o, src.reading.width) }));
    const hits = spans.filter((s) => cx >= s.span[0] && cx <= s.span[1]);
    if (hits.length === 0) {
      // Words of a body row can read like the header; the real header may be on an earlier page.
      const near = spans.map((s) => `${s.span[0].toFixed(0)}–${s.span[1].toFixed(0)}`).join(', ');
      firstMiss ??= `x ${cx.toFixed(0)} is not under header "${leaf}" (${near}${src.reading === reading ? '' : ` on p${src.reading.page}`})`;
      continue;
    }
    if (occs.length > 1 && path.length > 1) {
      const parent = path[path.length - 2]!;
      const parentWords = new Set(
        cell.tableColumns
          .map((cp) => cp.map(clean))
          .filter((cp) => cp.length >= 2 && cp[cp.length - 1] === leaf)
          .map((cp) => cp[cp.length - 2]!),
      );
      const parentOccs = [...parentWords].flatMap((w) =>
        findText(src.reading.lines, w, { candidates: cands, ...HEADER_FIND }).map((o) => ({ word: w, occ: o })),
      );
      // The parent of a header occurrence: of the parent words printed above it, those on the lowest line, then the nearest.
      const parentOf = (o: Occurrence): string | null => {
        const oc = (o.x0 + o.x1) / 2;
        const above = parentOccs.filter((p) => p.occ.bottom <= o.top + 1);
        if (above.length === 0) return null;
        // Parents whose span covers it, the lowest first; else the nearest.
        // A parent covers the header word when its span overlaps the word's printed extent.
        const covering = above.filter((p) => {
          const sp = parentSpan(src.reading.lines, cands, p.occ);
          return o.x1 > sp[0] && o.x0 < sp[1];
        });
        const pool = covering.length > 0 ? covering : above;
        const lowest = Math.max(...pool.map((p) => p.occ.bottom));
        let best: { word: string; d: number } | null = null;
        for (const p of pool) {
          if (covering.length > 0 && p.occ.bottom < lowest - 2) continue;
          const d = Math.abs((p.occ.x0 + p.occ.x1) / 2 - oc);
          if (!best || d < best.d) best = { word: p.word, d };
        }
        return best?.word ?? null;
      };
      if (parentOccs.length > 0) {
        const hit = hits.reduce((a, b) =>
          Math.abs((a.occ.x0 + a.occ.x1) / 2 - cx) <= Math.abs((b.occ.x0 + b.occ.x1) / 2 - cx) ? a : b,
        );
        const owner = parentOf(hit.occ);
        if (owner !== null && owner !== parent) {
          return { status: 'bad', why: `x ${cx.toFixed(0)} is under the "${leaf}" of "${owner}", not of "${parent}"` };
        }
      }
    }
    return { status: 'ok' };
  }
  if (firstMiss !== null) return { status: 'bad', why: firstMiss };
  return { status: 'unverified', why: 'header not found' };
}

/**
 * The row test: the amount lies on a line of its row's label or codes (printed
 * left of it), or, for rows whose label cell is merged over several rows or
 * missing, on a line of another text cell of the row that is printed only
 * once on the page (either side).
 */
export function checkRow(reading: PageReading, n: PrintedNumber, cell: ToolCell, rowTexts: readonly string[] = []): Check {
  const label = norm(cell.label);
  const cy = (n.top + n.bottom) / 2;
  const all = reading.lines.map((_, i) => i);
  const h = n.bottom - n.top;
  const onLine = (o: Occurrence): boolean => cy >= o.top - 0.35 * h && cy <= o.bottom + 0.35 * h;
  // A label merged over several rows is printed centred in its block: the amount's line lies within the block.
  const pitch = cell.labelSpan > 1 ? linePitch(reading) : 0;
  const inBlock = (o: Occurrence): boolean =>
    cell.labelSpan > 1 && Math.abs(cy - (o.top + o.bottom) / 2) <= (cell.labelSpan * pitch) / 2 + 0.5 * h;
  const anchors: string[] = [];
  if (label) anchors.push(label);
  for (const code of [cell.codes.function, cell.codes.economic, cell.codes.unit]) if (code && !anchors.includes(code)) anchors.push(code);
  const texts = rowTexts.map(norm).filter((t) => t.length >= 2 && t.length <= 60 && !anchors.includes(t));
  if (anchors.length === 0 && texts.length === 0) return { status: 'unverified', why: 'row has no label, code or text cell' };
  let seen = false;
  for (const target of anchors) {
    const occs = findCached(reading, target, all);
    if (occs.length > 0) seen = true;
    // Side by side (收入 | 支出 halves): another row's label printed between this label and the amount means the amount belongs to that row.
    const between = (o: Occurrence): boolean =>
      reading.lines[n.line]!.tokens.some((t) => {
        const [a, b] = o.x1 <= n.x0 ? [o.x1, n.x0] : [n.x1, o.x0];
        if (t.x0 < a - 1 || t.x1 > b + 1) return false;
        const tn = norm(t.text);
        return tn.length >= 2 && tn !== target && cell.tableLabels.has(tn);
      });
    // The label is usually left of its amounts; where a row carries two name cells (功能分类 | 支出用途 blocks) it may be right of them.
    if (occs.some((o) => (onLine(o) || (target === label && o.x0 < n.x0 && inBlock(o))) && !between(o))) return { status: 'ok' };
  }
  // Other text cells may be merged over several rows (the tool keeps them on the first): they can confirm, never refute.
  for (const target of texts) {
    const occs = findCached(reading, target, all);
    if (occs.length === 1 && onLine(occs[0]!)) return { status: 'ok' };
  }
  if (!seen) return { status: 'unverified', why: 'row label not found on the page' };
  return { status: 'bad', why: `not on the line of its row "${label || anchors[0] || texts[0]}"` };
}

/** The usual distance between consecutive lines of table amounts on the page. */
function linePitch(reading: PageReading): number {
  const tops = [...new Set(reading.numbers.filter((n) => n.exclusion === null).map((n) => n.line))]
    .sort((a, b) => a - b)
    .map((li) => reading.lines[li]!.top);
  const gaps = tops.slice(1).map((t, i) => t - tops[i]!).filter((g) => g > 2).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

const findCache = new WeakMap<PageReading, Map<string, Occurrence[]>>();

function findCached(reading: PageReading, target: string, candidates: readonly number[], key = target): Occurrence[] {
  let m = findCache.get(reading);
  if (!m) {
    m = new Map();
    findCache.set(reading, m);
  }
  let occs = m.get(key);
  if (!occs) {
    occs = findText(reading.lines, target, { candidates, maxGapEm: 1.3 });
    m.set(key, occs);
  }
  return occs;
}
