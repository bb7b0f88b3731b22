import { centerOf, groupLines, overlap } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import type { Grid, GridCell, GridColumn, RegionPart, TableRegion } from '../core/types.js';
import { isAmountText, isCodeText, isColumnNumberRow, joinCellLines, printsNumbers, startsWithTotal } from './cells.js';
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
    const continued = gridRows
      .slice(start)
      .map((row) => row.map((cell) => ({ ...cell, col: map(cell.col), colSpan: Math.max(1, map(cell.col + cell.colSpan - 1) - map(cell.col) + 1) })));
    const top = continued[0];
    if (top !== undefined) {
      const rest = joinReprintedCells(rows, headerRows, top);
      // A row whose reprinted cells were joined keeps its place: the joined cells' spans count it.
      if (rest.length < top.length) continued[0] = rest;
      else if (joinSplitRow(rows, headerRows, top, first.xs, region.parts, options.totalLabel, settings)) continued.shift();
    }
    rows.push(...continued);
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
  if (numbers > 1 && isSectionRow(grid, rows[numbers - 1]!, numbers - 1)) return numbers - 1;
  if (numbers >= 0) return numbers;
  const total = rows.findIndex((row, r) => startsWithTotal(row, totalLabel, coveredFromAbove(grid.cells, r)));
  if (total >= 0) return total;
  // Nothing but words: a header over an empty body when the table says it has no data.
  const saysEmpty = grid.cells.some((c) => NOTE_RE.test(normalizeText(c.raw))) || grid.outside.some((i) => NOTE_RE.test(normalizeText(i.raw)));
  if (saysEmpty) return rows.filter((row) => !row.some((c) => NOTE_RE.test(normalizeText(c.raw)))).length;
  return rows.length > 1 ? 1 : 0;
}

const isFilled = (cell: GridCell): boolean => cell.raw.trim() !== '';

/**
 * A row printing only its first cell, with every other column a drawn cell
 * of its own left empty (or one cell across the table), nothing merged down
 * into it from above: under the column headers it is the first section of
 * the body (a unit's name over its projects), not a header row, whose cells
 * name the columns under them.
 */
function isSectionRow(grid: PageGrid, row: readonly GridCell[], r: number): boolean {
  const filled = row.filter(isFilled);
  if (filled.length !== 1 || filled[0]!.col !== 0 || filled[0]!.rowSpan !== 1) return false;
  if (coveredFromAbove(grid.cells, r) !== Infinity) return false;
  const covered = new Set(row.flatMap((c) => Array.from({ length: c.colSpan }, (_, k) => c.col + k)));
  return Array.from({ length: grid.xs.length - 1 }, (_, c) => c).every((c) => covered.has(c));
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

/**
 * A cell merged over rows that run across a page break is printed again at
 * the top of the next page (a project's 单位编码, name, 资金总额 and 绩效目标,
 * or an indicator group, beside the indicators that follow): the reprint is
 * the same cell, so the cell above is extended over the continuation rows and
 * the reprint dropped. Read left to right, the first continuation row's cells
 * that are merged down, or sit under a merged cell reaching the previous
 * page's last printed row, are reprints while they repeat that cell's text
 * exactly; the first one that differs starts new cells (a new project or
 * indicator group at the page top), it and those right of it stay. An amount
 * that differs from the one above means the reprint is not faithful: nothing
 * is joined and the row stays as printed. Returns the row without the
 * reprinted cells.
 */
function joinReprintedCells(previous: readonly GridCell[][], headerRows: number, first: readonly GridCell[]): GridCell[] {
  const at = previous.length;
  const covering = cellsOfLastRow(previous, headerRows);
  const reprinted: Array<{ cell: GridCell; above: { cell: GridCell; row: number } }> = [];
  for (const cell of first.filter(isFilled).sort((a, b) => a.col - b.col)) {
    const above = covering.get(cell.col);
    if (cell.rowSpan === 1 && (above === undefined || above.cell.rowSpan === 1)) continue;
    if (above !== undefined && normalizeText(above.cell.raw) === normalizeText(cell.raw)) {
      reprinted.push({ cell, above });
      continue;
    }
    if (isAmountText(cell.raw) || (above !== undefined && isAmountText(above.cell.raw))) return [...first];
    break;
  }
  for (const { cell, above } of reprinted) above.cell.rowSpan = at + cell.rowSpan - above.row;
  const dropped = new Set(reprinted.map((r) => r.cell));
  return first.filter((cell) => !dropped.has(cell));
}

/** The body cells covering the last printed row of the rows so far, by column, with the row each starts in. */
function cellsOfLastRow(rows: readonly GridCell[][], headerRows: number): Map<number, { cell: GridCell; row: number }> {
  let lastRow = -1;
  rows.forEach((row, r) => {
    if (r < headerRows) return;
    for (const cell of row) if (isFilled(cell)) lastRow = Math.max(lastRow, r + cell.rowSpan - 1);
  });
  const covering = new Map<number, { cell: GridCell; row: number }>();
  rows.forEach((row, r) => {
    if (r < headerRows) return;
    for (const cell of row) if (isFilled(cell) && r + cell.rowSpan - 1 >= lastRow) covering.set(cell.col, { cell, row: r });
  });
  return covering;
}

/** Text that starts a row of its own: an ordinal (一、 （一） 1.), 其中, 第…. */
const ITEM_START_RE = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|其中|第[一二三四五六七八九十\d]+)/u;

/**
 * A row too tall for the rest of a page is split by the page break: the
 * words that did not fit open the next page as a row of their own
 * (`八、社会保障和就` | `业支出`). The continuation page's first row is the rest
 * of the previous page's last row when it prints words only, none starting
 * an item (ordinal, 其中, total label), each under a text cell whose last line
 * runs to its column's right edge (`splitRowEdgeEm`) in a row that prints
 * figures (a list of labels without figures, each filling its cell, is not
 * one row cut in two): its words are appended to those cells. Returns whether
 * the row was joined.
 */
function joinSplitRow(
  previous: readonly GridCell[][],
  headerRows: number,
  first: readonly GridCell[],
  xs: readonly number[],
  parts: readonly RegionPart[],
  totalLabel: RegExp,
  settings: Settings,
): boolean {
  const cells = first.filter(isFilled);
  if (cells.length === 0 || printsNumbers(cells) || isColumnNumberRow(cells.map((c) => c.raw))) return false;
  const covering = cellsOfLastRow(previous, headerRows);
  const joins: Array<{ cell: GridCell; above: GridCell }> = [];
  for (const cell of cells) {
    const text = normalizeText(cell.raw);
    if (cell.rowSpan > 1 || ITEM_START_RE.test(text) || totalLabel.test(text)) return false;
    const covered = covering.get(cell.col);
    if (covered === undefined || !printsNumbers(previous[covered.row]!)) return false;
    const above = covered.cell;
    if (above.colSpan !== cell.colSpan || isAmountText(above.raw) || isCodeText(above.raw)) return false;
    const edge = xs[cell.col + cell.colSpan];
    const cut = lastLineExtent(above, parts);
    if (edge === undefined || cut === null || cut.right < edge - settings.splitRowEdgeEm * cut.fontSize) return false;
    joins.push({ cell, above });
  }
  for (const { cell, above } of joins) above.raw = joinCellLines(above.raw, cell.raw.trim());
  return true;
}

/** Right end and font size of a cell's last printed line, from the items of its page inside its box. */
function lastLineExtent(cell: GridCell, parts: readonly RegionPart[]): { right: number; fontSize: number } | null {
  const items = parts
    .filter((p) => p.page === cell.page)
    .flatMap((p) => p.items)
    .filter((i) => {
      const [cx, cy] = centerOf(i.bbox);
      return cx >= cell.bbox[0] && cx <= cell.bbox[2] && cy >= cell.bbox[1] && cy <= cell.bbox[3];
    });
  if (items.length === 0) return null;
  const bottom = Math.max(...items.map((i) => centerOf(i.bbox)[1]));
  const line = items.filter((i) => bottom - centerOf(i.bbox)[1] <= i.fontSize / 2);
  return { right: Math.max(...line.map((i) => i.bbox[2])), fontSize: Math.max(...line.map((i) => i.fontSize)) };
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
