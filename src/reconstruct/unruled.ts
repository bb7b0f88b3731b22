import { groupLines, splitSegments, unionBox } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import type { GridCell, RegionPart, TextLine } from '../core/types.js';
import { isAmountText, isCodeText, makeCell } from './cells.js';
import type { PageGrid } from './ruled.js';

/** A piece of a line standing apart from its neighbours, with the columns it covers. */
interface Segment {
  line: TextLine;
  c0: number;
  c1: number;
}

/**
 * Rebuilds a grid without rules, Camelot-stream style: body lines (from the
 * first line that prints an amount, a code or a total) give the columns by
 * the projection of their pieces on the x axis; every line is a row, and a
 * line without numbers right under a row whose text it continues is folded
 * into that row (wrapped cells).
 */
export function readUnruledPart(part: RegionPart, settings: Settings): PageGrid {
  const lines = groupLines(part.items, settings).sort((a, b) => a.bbox[1] - b.bbox[1]);
  const pieces = lines.map((line) => splitSegments(line, segmentGapEm(settings, line), settings));
  const firstBody = pieces.findIndex((segs) => segs.some((s) => isAmountText(s.raw) || isCodeText(s.raw)));
  const bodyPieces = firstBody >= 0 ? pieces.slice(firstBody) : pieces;
  const columns = projectColumns(bodyPieces.filter((segs) => segs.length > 1).flat(), settings);
  if (columns.length === 0) return emptyGrid(part);

  const rows: Segment[][] = pieces.map((segs) => segs.map((line) => placeSegment(line, columns)));
  const merged = foldWrappedLines(rows, firstBody < 0 ? rows.length : firstBody, settings);

  const xs = [columns[0]![0], ...columns.slice(0, -1).map((c, k) => (c[1] + columns[k + 1]![0]) / 2), columns[columns.length - 1]![1]];
  const ys: number[] = [];
  const cells: GridCell[] = [];
  merged.forEach((row, r) => {
    const box = unionBox(row.map((s) => s.line.bbox));
    ys.push(box[1]);
    for (const seg of row) {
      cells.push(makeCell(r, seg.c0, 1, seg.c1 - seg.c0 + 1, seg.line.items, part.page, seg.line.bbox, settings));
    }
  });
  const last = merged[merged.length - 1];
  ys.push(last ? unionBox(last.map((s) => s.line.bbox))[3] : part.bbox[3]);
  const totalItems = part.items.length;
  const spanning = cells.filter((c) => c.colSpan > 1).length;
  return { page: part.page, xs, ys, cells, cleanItems: totalItems - spanning, totalItems, outside: [] };
}

function emptyGrid(part: RegionPart): PageGrid {
  return { page: part.page, xs: [], ys: [], cells: [], cleanItems: 0, totalItems: part.items.length, outside: part.items };
}

/** Pieces of one line farther apart than this are in different columns. */
function segmentGapEm(settings: Settings, line: TextLine): number {
  const size = Math.min(...line.items.map((i) => i.fontSize));
  return Math.max(settings.columnGapMin / size, 0.8);
}

/** Column intervals: the union of body pieces' x extents, overlapping ones merged. */
function projectColumns(segments: readonly TextLine[], settings: Settings): Array<[number, number]> {
  const spans = segments.map((s) => [s.bbox[0], s.bbox[2]] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = out[out.length - 1];
    if (last && a < last[1] - settings.columnGapMin / 4) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function placeSegment(line: TextLine, columns: ReadonlyArray<[number, number]>): Segment {
  const covered: number[] = [];
  columns.forEach(([a, b], k) => {
    if (Math.min(b, line.bbox[2]) - Math.max(a, line.bbox[0]) > 0) covered.push(k);
  });
  if (covered.length === 0) {
    // In a gap between columns (a header centred over two): the nearest column.
    const cx = (line.bbox[0] + line.bbox[2]) / 2;
    let best = 0;
    columns.forEach(([a, b], k) => {
      const d = Math.min(Math.abs(cx - a), Math.abs(cx - b));
      const bestD = Math.min(Math.abs(cx - columns[best]![0]), Math.abs(cx - columns[best]![1]));
      if (d < bestD) best = k;
    });
    return { line, c0: best, c1: best };
  }
  return { line, c0: covered[0]!, c1: covered[covered.length - 1]! };
}

/**
 * Folds wrapped lines into the row above: a line below the header that prints
 * no amount or code, sits close under the previous row and only continues
 * columns where that row has text.
 */
function foldWrappedLines(rows: Segment[][], firstBody: number, settings: Settings): Segment[][] {
  const out: Segment[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const prev = out[out.length - 1];
    if (r > firstBody && prev && isContinuation(row, prev, settings)) {
      for (const seg of row) {
        const target = prev.find((p) => p.c0 <= seg.c0 && seg.c1 <= p.c1)!;
        const items = [...target.line.items, ...seg.line.items];
        target.line = { ...target.line, items, bbox: unionBox(items.map((i) => i.bbox)) };
      }
      continue;
    }
    out.push(row.map((s) => ({ ...s })));
  }
  return out;
}

function isContinuation(row: readonly Segment[], prev: readonly Segment[], settings: Settings): boolean {
  if (row.some((s) => isAmountText(s.line.raw) || isCodeText(s.line.raw))) return false;
  const prevBottom = Math.max(...prev.map((s) => s.line.bbox[3]));
  const top = Math.min(...row.map((s) => s.line.bbox[1]));
  const size = Math.max(...row.flatMap((s) => s.line.items.map((i) => i.fontSize)));
  if (top - prevBottom > (settings.wrappedLineGapEm - 1) * size) return false;
  return row.every((s) => prev.some((p) => p.c0 <= s.c0 && s.c1 <= p.c1 && !isAmountText(p.line.raw)));
}
