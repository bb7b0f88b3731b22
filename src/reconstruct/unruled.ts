import { groupLines, makeLine, splitSegments, unionBox } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import type { GridCell, RegionPart, TextItem, TextLine } from '../core/types.js';
import { isAmountText, isCodeText, isColumnNumberRow, makeCell, splitAtNumberSpaces } from './cells.js';
import type { PageGrid } from './ruled.js';

/** A line that starts a note under a table. */
const NOTE_LINE = /^(注|说明|备注|附注)\d*[:：]/u;

/** A piece of a line standing apart from its neighbours, with the columns it covers. */
interface Segment {
  line: TextLine;
  c0: number;
  c1: number;
}

/**
 * Rebuilds a grid without rules, Camelot-stream style. Body lines (from the
 * first line that prints an amount or a code) give the columns by the
 * projection of their pieces on the x axis. Each header line is a header row
 * whose labels span the run of columns they are centred over; each body line
 * is a row, and a line without numbers right under a row whose text it
 * continues is folded into that row (wrapped cells).
 */
export function readUnruledPart(part: RegionPart, totalLabel: RegExp, settings: Settings): PageGrid {
  const allLines = groupLines(part.items.flatMap(splitAtNumberSpaces), settings).sort((a, b) => a.bbox[1] - b.bbox[1]);
  // A note under the grid (注：… / 说明：…) ends it.
  const noteAt = allLines.findIndex((l, k) => k > 0 && NOTE_LINE.test(l.text));
  const lines = noteAt >= 0 ? allLines.slice(0, noteAt) : allLines;
  const outside = noteAt >= 0 ? allLines.slice(noteAt).flatMap((l) => l.items) : [];
  const pieces = lines.map((line) => splitCells(line, settings));
  const bodyStart = findBodyStart(pieces, totalLabel);
  const blocks = headerBlocks(
    lines.slice(0, bodyStart).flatMap((line) => splitSegments(line, settings.headerGapEm, settings)),
    settings,
  );
  const columns = addHeaderOnlyColumns(
    projectColumns(pieces.slice(bodyStart).filter((segs) => segs.length > 1).flat(), settings),
    blocks,
  );
  if (columns.length === 0) return emptyGrid(part);
  const xs = [
    columns[0]![0],
    ...columns.slice(0, -1).map((c, k) => (c[1] + columns[k + 1]![0]) / 2),
    columns[columns.length - 1]![1],
  ];

  const header = headerRowsOf(placeHeaderBlocks(blocks, columns, xs, settings), settings);
  const body = foldWrappedLines(
    pieces.slice(bodyStart).map((segs) => segs.map((line) => placeSegment(line, columns))),
    settings,
  );
  const rows = [...header, ...body].filter((row) => row.length > 0);
  const ys: number[] = [];
  const cells: GridCell[] = [];
  rows.forEach((row, r) => {
    ys.push(unionBox(row.map((s) => s.line.bbox))[1]);
    for (const seg of row) {
      cells.push(makeCell(r, seg.c0, 1, seg.c1 - seg.c0 + 1, seg.line.items, part.page, seg.line.bbox, settings));
    }
  });
  const last = rows[rows.length - 1];
  ys.push(last ? unionBox(last.map((s) => s.line.bbox))[3] : part.bbox[3]);
  const spanningBody = body.flat().filter((s) => s.c1 > s.c0).length;
  return {
    page: part.page,
    xs,
    ys,
    cells,
    cleanItems: part.items.length - outside.length - spanningBody,
    totalItems: part.items.length,
    outside,
    headerRows: header.filter((row) => row.length > 0).length,
  };
}

function emptyGrid(part: RegionPart): PageGrid {
  return { page: part.page, xs: [], ys: [], cells: [], cleanItems: 0, totalItems: part.items.length, outside: part.items, headerRows: 0 };
}

/**
 * Cuts a line into cells: at gaps of `columnGapMin`, and at any visible gap
 * beside a number (an amount right-aligned against the next column's label
 * may stand only a few points from it; labels and amounts never share a cell).
 */
function splitCells(line: TextLine, settings: Settings): TextLine[] {
  const groups: TextItem[][] = [];
  let prev: TextItem | null = null;
  for (const item of line.items) {
    const gap = prev ? item.bbox[0] - prev.bbox[2] : 0;
    const size = prev ? Math.min(prev.fontSize, item.fontSize) : item.fontSize;
    const beside = prev !== null && (isAmountText(prev.raw) || isAmountText(item.raw)) && gap > settings.numberGapEm * size;
    if (prev === null || gap > Math.max(settings.columnGapMin, 0.8 * size) || beside) groups.push([item]);
    else groups[groups.length - 1]!.push(item);
    prev = item;
  }
  return groups.map((items) => makeLine(items, settings));
}

/**
 * The body starts at the first line printing an amount or a code; in a table
 * without any, at a total line standing in the leftmost column (a 合计 in a
 * header stands further right, over its column).
 */
function findBodyStart(pieces: readonly TextLine[][], totalLabel: RegExp): number {
  const withNumbers = pieces.findIndex(
    (segs) => !isColumnNumberRow(segs.map((s) => s.raw)) && segs.some((s) => isAmountText(s.raw) || isCodeText(s.raw)),
  );
  if (withNumbers >= 0) return withNumbers;
  const left = Math.min(...pieces.flat().map((s) => s.bbox[0]));
  const total = pieces.findIndex((segs) => {
    const first = segs[0];
    return first !== undefined && totalLabel.test(normalizeText(first.raw)) && first.bbox[0] - left < first.items[0]!.fontSize * 2;
  });
  return total >= 0 ? total : Math.min(1, pieces.length);
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

/**
 * Header labels grouped into cells: a label continuing the one just above it
 * (a long label wrapped in its cell: 一般公共预算 / 拨款收入) joins it.
 */
function headerBlocks(labels: readonly TextLine[], settings: Settings): TextLine[] {
  const blocks: TextLine[] = [];
  for (const label of [...labels].sort((a, b) => a.bbox[1] - b.bbox[1])) {
    const size = label.items[0]!.fontSize;
    const above = blocks.find((b) => {
      const gap = label.bbox[1] - b.bbox[3];
      const shared = Math.min(b.bbox[2], label.bbox[2]) - Math.max(b.bbox[0], label.bbox[0]);
      const narrower = Math.min(b.bbox[2] - b.bbox[0], label.bbox[2] - label.bbox[0]);
      return gap >= -size / 2 && gap <= settings.wrappedHeaderGapEm * size && shared >= 0.5 * narrower;
    });
    if (above) {
      const merged = makeLine([...above.items, ...label.items], settings);
      blocks[blocks.indexOf(above)] = merged;
    } else blocks.push(label);
  }
  return blocks;
}

/**
 * Columns printed with a header but no body value (上年结转, 事业收入 … where
 * only a few sources are used). Each body column owns the zone up to the
 * midpoints to its neighbours; of the lowest header cells standing side by
 * side in one zone, the one nearest the column keeps it and each other one is
 * a column of its own.
 */
function addHeaderOnlyColumns(columns: Array<[number, number]>, blocks: readonly TextLine[]): Array<[number, number]> {
  const zoneOf = (x: number): number => {
    for (let k = 0; k < columns.length - 1; k++) if (x < (columns[k]![1] + columns[k + 1]![0]) / 2) return k;
    return columns.length - 1;
  };
  const center = (b: TextLine): number => (b.bbox[0] + b.bbox[2]) / 2;
  const added: Array<[number, number]> = [];
  // Only the lowest cells of the header stand over single columns.
  const leaves = blocks.filter(
    (block) =>
      !blocks.some(
        (b) => b.bbox[1] >= block.bbox[3] && Math.min(b.bbox[2], block.bbox[2]) - Math.max(b.bbox[0], block.bbox[0]) > 0,
      ),
  );
  for (const block of leaves) {
    if (columns.length === 0) {
      added.push([block.bbox[0], block.bbox[2]]);
      continue;
    }
    const zone = zoneOf(center(block));
    const column = columns[zone]!;
    const distance = (b: TextLine): number => Math.abs(center(b) - (column[0] + column[1]) / 2);
    const rival = leaves.find(
      (b) =>
        b !== block &&
        zoneOf(center(b)) === zone &&
        Math.min(b.bbox[3], block.bbox[3]) - Math.max(b.bbox[1], block.bbox[1]) > 0 &&
        distance(b) < distance(block),
    );
    if (rival) added.push([block.bbox[0], block.bbox[2]]);
  }
  return [...columns, ...added].sort((p, q) => p[0] - q[0]);
}

function overlappedColumns(line: TextLine, columns: ReadonlyArray<[number, number]>): number[] {
  const covered: number[] = [];
  columns.forEach(([a, b], k) => {
    if (Math.min(b, line.bbox[2]) - Math.max(a, line.bbox[0]) > 0) covered.push(k);
  });
  return covered;
}

function nearestColumn(line: TextLine, columns: ReadonlyArray<[number, number]>): number {
  const cx = (line.bbox[0] + line.bbox[2]) / 2;
  let best = 0;
  let bestDistance = Infinity;
  columns.forEach(([a, b], k) => {
    const d = cx < a ? a - cx : cx > b ? cx - b : 0;
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  });
  return best;
}

function placeSegment(line: TextLine, columns: ReadonlyArray<[number, number]>): Segment {
  const covered = overlappedColumns(line, columns);
  if (covered.length === 0) {
    const k = nearestColumn(line, columns);
    return { line, c0: k, c1: k };
  }
  return { line, c0: covered[0]!, c1: covered[covered.length - 1]! };
}

/**
 * A header cell spans the widest run of columns it is centred over: runs
 * that contain the columns it touches, none that a cell beside it (at the
 * same height, or merged down from there) touches, and whose centre lies within `headerCentreTolerance`
 * of its own (a label over 类 款 项 covers all three; a label alone stays alone).
 */
function placeHeaderBlocks(
  blocks: readonly TextLine[],
  columns: ReadonlyArray<[number, number]>,
  xs: readonly number[],
  settings: Settings,
): Segment[] {
  const touched = blocks.map((b) => {
    const covered = overlappedColumns(b, columns);
    return covered.length > 0 ? covered : [nearestColumn(b, columns)];
  });
  // A lowest cell printed centred over several header rows (合计 merged down) reaches up to the
  // row it starts in: twice its centre minus the header's bottom.
  const headerBottom = Math.max(...blocks.map((b) => b.bbox[3]));
  const reach = blocks.map((b) => {
    const leaf = !blocks.some((o) => o.bbox[1] >= b.bbox[3] && Math.min(o.bbox[2], b.bbox[2]) - Math.max(o.bbox[0], b.bbox[0]) > 0);
    return leaf ? Math.min(b.bbox[1], b.bbox[1] + b.bbox[3] - headerBottom) : b.bbox[1];
  });
  return blocks.map((block, k) => {
    const own = touched[k]!;
    const beside = blocks.filter((b, j) => j !== k && Math.min(b.bbox[3], block.bbox[3]) - Math.max(reach[j]!, block.bbox[1]) > 0);
    const taken = new Set(beside.flatMap((b) => touched[blocks.indexOf(b)]!));
    const center = (block.bbox[0] + block.bbox[2]) / 2;
    const tolerance = Math.max(settings.headerCentreTolerance * (block.bbox[2] - block.bbox[0]), block.items[0]!.fontSize / 3);
    let best: [number, number] = [own[0]!, own[own.length - 1]!];
    for (let a = own[0]!; a >= 0 && !taken.has(a); a--) {
      for (let b = own[own.length - 1]!; b < columns.length && !taken.has(b); b++) {
        const fits = Math.abs((xs[a]! + xs[b + 1]!) / 2 - center) <= tolerance;
        if (fits && b - a > best[1] - best[0]) best = [a, b];
      }
    }
    return { line: block, c0: best[0], c1: best[1] };
  });
}

/** Header cells in rows by their top edge, so that column paths read top to bottom. */
function headerRowsOf(cells: readonly Segment[], settings: Settings): Segment[][] {
  const rows: Segment[][] = [];
  let rowTop = -Infinity;
  for (const cell of [...cells].sort((a, b) => a.line.bbox[1] - b.line.bbox[1] || a.c0 - b.c0)) {
    const size = cell.line.items[0]!.fontSize;
    if (cell.line.bbox[1] - rowTop > settings.wrappedHeaderGapEm * size) {
      rows.push([]);
      rowTop = cell.line.bbox[1];
    }
    rows[rows.length - 1]!.push(cell);
  }
  return rows;
}

/**
 * Rows of an unruled body. A line printing an amount or a code is a row; a
 * line of words only is part of a wrapped cell and joins the row whose band it
 * lies in (bands split at the midpoints between numbered lines), so a label
 * wrapped above and below its row's centred amounts is one cell. A words-only
 * line far from every numbered line (a group heading) is a row of its own.
 */
function foldWrappedLines(rows: Segment[][], settings: Settings): Segment[][] {
  const centre = (row: readonly Segment[]): number => {
    const box = unionBox(row.map((s) => s.line.bbox));
    return (box[1] + box[3]) / 2;
  };
  const anchors = rows.map((row, k) => (row.some((s) => isAmountText(s.line.raw) || isCodeText(s.line.raw)) ? k : -1)).filter((k) => k >= 0);
  if (anchors.length === 0) return rows.map((row) => row.map((s) => ({ ...s })));
  const size = Math.max(...rows.flat().flatMap((s) => s.line.items.map((i) => i.fontSize)));
  const reach = settings.wrappedLineGapEm * size;
  const out = new Map<number, Segment[]>(anchors.map((k) => [k, rows[k]!.map((s) => ({ ...s }))]));
  const own: Array<[number, Segment[]]> = [];
  rows.forEach((row, k) => {
    if (out.has(k)) return;
    const y = centre(row);
    const above = [...anchors].reverse().find((a) => a < k);
    const below = anchors.find((a) => a > k);
    const dAbove = above === undefined ? Infinity : y - centre(rows[above]!);
    const dBelow = below === undefined ? Infinity : centre(rows[below]!) - y;
    const target = dAbove <= dBelow ? above : below;
    if (target === undefined || Math.min(dAbove, dBelow) > reach) {
      own.push([k, row.map((s) => ({ ...s }))]);
      return;
    }
    const into = out.get(target)!;
    for (const seg of row) {
      const cell = into.find((p) => p.c0 <= seg.c0 && seg.c1 <= p.c1) ?? into.find((p) => p.c0 === seg.c0);
      if (cell) {
        const items = [...cell.line.items, ...seg.line.items];
        cell.line = { ...cell.line, items, bbox: unionBox(items.map((i) => i.bbox)) };
      } else into.push({ ...seg });
    }
  });
  return [...out.entries(), ...own].sort((a, b) => a[0] - b[0]).map(([, row]) => row.sort((a, b) => a.c0 - b.c0));
}
