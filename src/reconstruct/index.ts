import { groupLines, overlap } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import type { Grid, GridCell, GridColumn, TableRegion } from '../core/types.js';
import { printsNumbers, startsWithTotal } from './cells.js';
import { isRuled, readRuledPart, type PageGrid } from './ruled.js';
import { readUnruledPart } from './unruled.js';

export { isAmountText, isCodeText } from './cells.js';
export { snapRulings } from './ruled.js';

export interface ReconstructOptions {
  /** Labels of total rows (normalized), which start a table's body. */
  totalLabel: RegExp;
  /** Header rows fixed by the table's spec (forms); found from the grid when omitted. */
  headerRows?: number;
}

/** Printed notes that stand for an empty table's body. */
const NOTE_RE = /无.*(数据|支出|收入|预算|经费|安排)|本表.*(空|无)|故本表|此表/u;

/**
 * Rebuilds a table's grid over all its pages: each page part is read as a
 * ruled or an unruled grid; continuation parts drop a repeated header and are
 * mapped onto the first part's columns; columns and rows with nothing
 * printed are dropped.
 */
export function reconstructTable(region: TableRegion, options: ReconstructOptions, settings: Settings): Grid {
  const ruled = region.parts.map((part) => isRuled(part, settings));
  const grids = region.parts.map((part, k) =>
    ruled[k] ? readRuledPart(part, settings) : readUnruledPart(part, options.totalLabel, settings),
  );
  const first = grids[0]!;
  const headerRows = options.headerRows ?? first.headerRows ?? findHeaderRows(first, options.totalLabel);
  const headerTexts = new Set(
    first.cells.filter((c) => c.row < headerRows && c.raw.trim() !== '').map((c) => normalizeText(c.raw)),
  );

  const rows: GridCell[][] = [];
  const firstRows = groupByRow(first.cells, first.ys.length - 1);
  for (const row of firstRows) rows.push(row);
  for (const grid of grids.slice(1)) {
    const map = mapColumns(grid.xs, first.xs);
    const gridRows = groupByRow(grid.cells, grid.ys.length - 1);
    const start = repeatedHeaderRows(grid, gridRows, headerTexts, options.totalLabel, settings);
    for (const row of gridRows.slice(start)) {
      rows.push(row.map((cell) => ({ ...cell, col: map(cell.col), colSpan: Math.max(1, map(cell.col + cell.colSpan - 1) - map(cell.col) + 1) })));
    }
  }

  const columns: GridColumn[] = first.xs.slice(0, -1).map((x0, c) => ({ x0, x1: first.xs[c + 1]! }));
  const compacted = compact(rows, columns, headerRows, settings);
  const placed = grids.reduce((s, g) => s + g.totalItems - g.outside.length, 0);
  const clean = grids.reduce((s, g) => s + g.cleanItems, 0);
  const outsideText = grids.flatMap((g) => groupLines(g.outside, settings).map((l) => l.raw.trim()));
  const note = findNote(compacted.rows.slice(compacted.headerRows), outsideText);
  const sources = new Set(region.parts.flatMap((p) => p.items.map((i) => i.source)));
  return {
    columns: compacted.columns,
    headerRows: compacted.headerRows,
    rows: compacted.rows,
    method: ruled[0] ? 'ruled' : 'unruled',
    source: sources.size > 1 ? 'mixed' : sources.has('ocr') ? 'ocr' : 'text',
    quality: placed > 0 ? Math.min(1, clean / placed) : 1,
    pages: region.parts.map((p) => p.page),
    note,
  };
}

/** Cells grouped by the atomic row they start in (rows without cells stay, empty). */
function groupByRow(cells: readonly GridCell[], nRows: number): GridCell[][] {
  const rows: GridCell[][] = Array.from({ length: Math.max(nRows, 0) }, () => []);
  for (const cell of cells) (rows[cell.row] ??= []).push(cell);
  return rows;
}

/** Leftmost column of row `r` covered by a cell merged down from a row above (Infinity if none). */
function coveredFromAbove(cells: readonly GridCell[], r: number): number {
  return Math.min(...cells.filter((c) => c.row < r && c.row + c.rowSpan > r).map((c) => c.col));
}

/**
 * The body starts at the first row printing an amount or a code. A total
 * label alone (合计 with blank amounts) starts it only in a table that prints
 * no number at all (an empty table); elsewhere such a row is a column header.
 */
function findHeaderRows(grid: PageGrid, totalLabel: RegExp): number {
  const rows = groupByRow(grid.cells, grid.ys.length - 1);
  const numbers = rows.findIndex(printsNumbers);
  if (numbers >= 0) return numbers;
  const total = rows.findIndex((row, r) => startsWithTotal(row, totalLabel, coveredFromAbove(grid.cells, r)));
  if (total >= 0) return total;
  // Nothing but words: a header over an empty body when the table says it has no data.
  const saysEmpty = grid.cells.some((c) => NOTE_RE.test(normalizeText(c.raw))) || grid.outside.some((i) => NOTE_RE.test(normalizeText(i.raw)));
  if (saysEmpty) return rows.filter((row) => !row.some((c) => NOTE_RE.test(normalizeText(c.raw)))).length;
  return rows.length > 1 ? 1 : 0;
}

/**
 * Leading rows of a continuation page that repeat the first page's header:
 * rows before the body (as the reader saw it, or as the cells tell) whose
 * texts are all header texts, or mostly (`repeatedHeaderTextShare`) where
 * the row prints no number (a few header words misread by the OCR).
 */
function repeatedHeaderRows(
  grid: PageGrid,
  rows: readonly GridCell[][],
  headerTexts: ReadonlySet<string>,
  totalLabel: RegExp,
  settings: Settings,
): number {
  let start = 0;
  const limit = grid.headerRows ?? rows.length;
  while (start < limit) {
    const row = rows[start]!;
    if (grid.headerRows === null && (printsNumbers(row) || startsWithTotal(row, totalLabel, coveredFromAbove(grid.cells, start)))) break;
    const texts = row.map((c) => normalizeText(c.raw)).filter((t) => t !== '');
    const known = texts.filter((t) => headerTexts.has(t)).length;
    const mostly = texts.length > 0 && known >= settings.repeatedHeaderTextShare * texts.length && !printsNumbers(row);
    if (known < texts.length && !mostly) break;
    start++;
  }
  return start;
}

/** Maps a continuation page's column index to the first page's, by the largest x overlap. */
function mapColumns(xs: readonly number[], target: readonly number[]): (c: number) => number {
  const sameCount = xs.length === target.length;
  return (c: number): number => {
    const a = xs[c] ?? 0;
    const b = xs[c + 1] ?? a;
    let best = sameCount ? c : 0;
    let bestOverlap = 0;
    for (let t = 0; t < target.length - 1; t++) {
      const o = overlap(a, b, target[t]!, target[t + 1]!);
      if (o > bestOverlap) {
        bestOverlap = o;
        best = t;
      }
    }
    if (sameCount && bestOverlap < 0.5 * (b - a)) return c;
    return best;
  };
}

/**
 * Drops columns where nothing is printed (slivers between rules that do not
 * line up) and rows without any text; renumbers the rest. An empty column
 * that is a drawn cell of its own in most body rows is printed, and stays.
 */
function compact(
  rows: readonly GridCell[][],
  columns: readonly GridColumn[],
  headerRows: number,
  settings: Settings,
): { rows: GridCell[][]; columns: GridColumn[]; headerRows: number } {
  const used = new Set<number>();
  for (const row of rows) for (const cell of row) if (cell.raw.trim() !== '') used.add(cell.col);
  const body = rows.slice(headerRows);
  columns.forEach((column, c) => {
    if (column.x1 - column.x0 < settings.minEmptyColumnWidth) return;
    const drawn = body.filter((row) => row.some((cell) => cell.col === c && cell.colSpan === 1)).length;
    if (body.length > 0 && drawn >= body.length * settings.emptyColumnRowShare) used.add(c);
  });
  const kept = columns.map((_, c) => c).filter((c) => used.has(c));
  const newIndex = new Map(kept.map((c, k) => [c, k]));
  const remap = (c: number, span: number): [number, number] => {
    const covered = kept.filter((k) => k >= c && k < c + span);
    const start = covered.length > 0 ? newIndex.get(covered[0]!)! : (newIndex.get(kept.find((k) => k > c) ?? -1) ?? 0);
    return [start, Math.max(1, covered.length)];
  };
  const outRows: GridCell[][] = [];
  let outHeader = 0;
  rows.forEach((row, r) => {
    const cells = row.filter((c) => c.raw.trim() !== '' || r < headerRows);
    if (!cells.some((c) => c.raw.trim() !== '')) return;
    if (r < headerRows) outHeader++;
    const index = outRows.length;
    outRows.push(
      cells
        .filter((c) => c.raw.trim() !== '')
        .map((c) => {
          const [col, colSpan] = remap(c.col, c.colSpan);
          return { ...c, row: index, col, colSpan };
        }),
    );
  });
  fixRowSpans(rows, outRows);
  return { rows: outRows, columns: kept.map((c) => columns[c]!), headerRows: outHeader };
}

/** Row spans counted in atomic rows become spans over the rows that were kept. */
function fixRowSpans(before: readonly GridCell[][], after: GridCell[][]): void {
  const keptAtomic: number[] = [];
  before.forEach((row, r) => {
    if (row.some((c) => c.raw.trim() !== '')) keptAtomic.push(r);
  });
  after.forEach((row, k) => {
    const atomic = keptAtomic[k]!;
    for (const cell of row) {
      const original = before[atomic]!.find((c) => c.page === cell.page && c.bbox === cell.bbox);
      const span = original?.rowSpan ?? 1;
      cell.rowSpan = Math.max(1, keptAtomic.filter((a) => a >= atomic && a < atomic + span).length);
    }
  });
}

function findNote(body: readonly GridCell[][], outside: readonly string[]): string | null {
  for (const text of [...body.flat().map((c) => c.raw), ...outside]) {
    if (NOTE_RE.test(normalizeText(text))) return text.trim();
  }
  return null;
}
