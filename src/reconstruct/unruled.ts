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
  const projected = projectColumns(pieces.slice(bodyStart).filter((segs) => segs.length > 1).flat(), settings);
  // Labels wrapped around their row's numbers may never share a line with another cell (two-line labels
  // beside odd-line 绩效目标 cells): lines of one piece clear of every column make a column of their own.
  const clear = pieces
    .slice(bodyStart)
    .filter((segs) => segs.length === 1)
    .flat()
    .filter((seg) => !projected.some(([a, b]) => seg.bbox[0] < b && seg.bbox[2] > a));
  // Their wrapped lines start at other x (an indented first line): pieces closer than a column gap are one column.
  const labelColumns: Array<[number, number]> = [];
  for (const seg of [...clear].sort((a, b) => a.bbox[0] - b.bbox[0])) {
    const last = labelColumns[labelColumns.length - 1];
    if (last && seg.bbox[0] < last[1] + settings.columnGapMin) last[1] = Math.max(last[1], seg.bbox[2]);
    else labelColumns.push([seg.bbox[0], seg.bbox[2]]);
  }
  const columns = addHeaderOnlyColumns([...projected, ...labelColumns].sort((p, q) => p[0] - q[0]), blocks);
  if (columns.length === 0) return emptyGrid(part);
  const xs = [
    columns[0]![0],
    ...columns.slice(0, -1).map((c, k) => (c[1] + columns[k + 1]![0]) / 2),
    columns[columns.length - 1]![1],
  ];

  const place = (segs: readonly TextLine[]): Segment[] => segs.map((line) => placeSegment(line, columns));
  const folded = foldWrappedLines(pieces.slice(bodyStart).map(place), pieces.slice(0, bodyStart).map(place), settings);
  const body = folded.rows;
  // Top lines of a first row wrapped above its numbers belong to the body, not to the header.
  const bodyAbove =
    bodyStart > 0 ? wrappedAboveFirst(pieces.slice(0, bodyStart).map(place), place(pieces[bodyStart]!), folded.belowFirst, settings) : 0;
  if (bodyAbove > 0) {
    for (const segs of pieces.slice(bodyStart - bodyAbove, bodyStart)) joinInto(body[0]!, place(segs));
    body[0]!.sort((a, b) => a.c0 - b.c0);
  }
  const headerBlocksKept =
    bodyAbove > 0
      ? headerBlocks(
          lines.slice(0, bodyStart - bodyAbove).flatMap((line) => splitSegments(line, settings.headerGapEm, settings)),
          settings,
        )
      : blocks;
  const header = headerRowsOf(placeHeaderBlocks(headerBlocksKept, columns, xs, settings), settings);
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
 * may stand only a few points from it; labels and amounts never share a cell)
 * unless the number stands inside a sentence, words close on both sides.
 */
function splitCells(line: TextLine, settings: Settings): TextLine[] {
  const groups: TextItem[][] = [];
  const items = line.items;
  const apart = (a: TextItem, b: TextItem): boolean =>
    b.bbox[0] - a.bbox[2] > Math.max(settings.columnGapMin, 0.8 * Math.min(a.fontSize, b.fontSize));
  // A number between words of one sentence, a space from each (保护区 12 户企业), is part of the text.
  const inSentence = (k: number): boolean => {
    const before = items[k - 1];
    const after = items[k + 1];
    if (before === undefined || after === undefined || !isWords(before.raw) || !isWords(after.raw)) return false;
    return !apart(before, items[k]!) && !apart(items[k]!, after);
  };
  items.forEach((item, k) => {
    const prev = items[k - 1];
    if (prev === undefined) {
      groups.push([item]);
      return;
    }
    const gap = item.bbox[0] - prev.bbox[2];
    const size = Math.min(prev.fontSize, item.fontSize);
    const number = (isAmountText(prev.raw) && !inSentence(k - 1)) || (isAmountText(item.raw) && !inSentence(k));
    const beside = number && gap > (isWords(item.raw) || isWords(prev.raw) ? settings.numberWordGapEm : settings.numberGapEm) * size;
    if (apart(prev, item) || beside) groups.push([item]);
    else groups[groups.length - 1]!.push(item);
  });
  return groups.map((group) => makeLine(group, settings));
}

/** Text that is not a number and prints CJK words. */
function isWords(text: string): boolean {
  return !isAmountText(text) && /[\u2E80-\u9FFF\uF900-\uFAFF]/u.test(text);
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
 * (a long label wrapped in its cell: 一般公共预算 / 拨款收入) joins it. Lines
 * of one wrapped cell stand closer than header rows do; where they do not
 * (a spreadsheet's line pitch), a label is still the rest of the one above
 * when it stands within that one's width and is the only label under it (see
 * `aloneUnder`).
 */
function headerBlocks(labels: readonly TextLine[], settings: Settings): TextLine[] {
  const blocks: TextLine[] = [];
  const sorted = [...labels].sort((a, b) => a.bbox[1] - b.bbox[1]);
  for (const label of sorted) {
    const size = label.items[0]!.fontSize;
    // A 栏次 row's words and column numbers (栏次 under 项目, 1 under 决算数) are no part of the label above.
    const columnNumber = /^(栏次|行次|栏号|\d{1,2})$/u.test(label.text);
    const above = columnNumber ? undefined : blocks.find((b) => {
      const gap = label.bbox[1] - b.bbox[3];
      const shared = Math.min(b.bbox[2], label.bbox[2]) - Math.max(b.bbox[0], label.bbox[0]);
      const narrower = Math.min(b.bbox[2] - b.bbox[0], label.bbox[2] - label.bbox[0]);
      if (gap < -size / 2 || shared < 0.5 * narrower) return false;
      if (gap <= settings.wrappedHeaderGapEm * size) return true;
      const within = label.bbox[0] >= b.bbox[0] - size / 2 && label.bbox[2] <= b.bbox[2] + size / 2;
      return within && gap <= settings.wrappedHeaderMaxGapEm * size && aloneUnder(label, b, sorted);
    });
    if (above) {
      const merged = makeLine([...above.items, ...label.items], settings);
      blocks[blocks.indexOf(above)] = merged;
    } else blocks.push(label);
  }
  return blocks;
}

/**
 * Is `label` the only label of its line between the labels beside `above`?
 * A group label has its columns' labels under it, reaching as far as its
 * neighbours (政府性基金预算支出 centred over 小计 | 其中：基本支出 | 项目支出);
 * the rest of a wrapped label stands alone there.
 */
function aloneUnder(label: TextLine, above: TextLine, labels: readonly TextLine[]): boolean {
  const vertical = (a: TextLine, b: TextLine): boolean => Math.min(a.bbox[3], b.bbox[3]) - Math.max(a.bbox[1], b.bbox[1]) > 0;
  const centre = (above.bbox[0] + above.bbox[2]) / 2;
  const beside = labels.filter((o) => o !== label && !above.items.includes(o.items[0]!) && vertical(o, above));
  const left = Math.max(-Infinity, ...beside.filter((o) => o.bbox[2] <= centre).map((o) => o.bbox[2]));
  const right = Math.min(Infinity, ...beside.filter((o) => o.bbox[0] >= centre).map((o) => o.bbox[0]));
  return !labels.some((o) => o !== label && vertical(o, label) && o.bbox[2] > left && o.bbox[0] < right);
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
 * wrapped above and below its row's centred amounts is one cell. A cell of
 * many lines reaches farther than one line pitch from its row: a line also
 * joins when the line next to it, towards the row and in its columns, is a
 * wrapped line that has joined, and a line of its columns stands at its
 * mirror image about the row's centre (cells are centred on their rows: of a
 * long cell between two rows, this tells which row each line belongs to). A
 * words-only line far from every numbered line and not so continuing a cell
 * (a group heading, a label-only row) is a row of its own. The lines `above`
 * the body may mirror lines of the first row (its cell starts above its
 * numbers, under the header). Returns the rows and, for the first numbered
 * line, the body lines joined below it.
 */
function foldWrappedLines(
  rows: Segment[][],
  above: readonly Segment[][],
  settings: Settings,
): { rows: Segment[][]; belowFirst: Segment[][] } {
  const centre = (row: readonly Segment[]): number => {
    const box = unionBox(row.map((s) => s.line.bbox));
    return (box[1] + box[3]) / 2;
  };
  const numbered = (s: Segment): boolean => isAmountText(s.line.raw) || isCodeText(s.line.raw);
  // Rows are the lines printing a number in a column of numbers; a number in a text column (a year or a
  // count in a 绩效目标 sentence, 2027 年底…) is part of that text.
  const withNumbers = rows.map((row, k) => (row.some(numbered) ? k : -1)).filter((k) => k >= 0);
  const perColumn = new Map<number, number>();
  for (const k of withNumbers) {
    for (const c of new Set(rows[k]!.filter(numbered).map((s) => s.c0))) perColumn.set(c, (perColumn.get(c) ?? 0) + 1);
  }
  const numberColumn = (c: number): boolean => (perColumn.get(c) ?? 0) >= Math.max(2, settings.numberColumnMinShare * withNumbers.length);
  const anchors = withNumbers.filter((k) => rows[k]!.some((s) => numbered(s) && numberColumn(s.c0)));
  if (anchors.length === 0) return { rows: rows.map((row) => row.map((s) => ({ ...s }))), belowFirst: [] };
  const size = Math.max(...rows.flat().flatMap((s) => s.line.items.map((i) => i.fontSize)));
  const reach = settings.wrappedLineGapEm * size;
  const shareColumns = (a: Segment, b: Segment): boolean => a.c0 <= b.c1 && b.c0 <= a.c1;
  // Row (anchor) each line joins: anchors join themselves.
  const joined = new Map<number, number>(anchors.map((k) => [k, k]));
  const targets = new Map<number, { anchor: number; distance: number }>();
  rows.forEach((row, k) => {
    if (joined.has(k)) return;
    const y = centre(row);
    const above = [...anchors].reverse().find((a) => a < k);
    const below = anchors.find((a) => a > k);
    const dAbove = above === undefined ? Infinity : y - centre(rows[above]!);
    const dBelow = below === undefined ? Infinity : centre(rows[below]!) - y;
    const anchor = dAbove <= dBelow ? above : below;
    if (anchor !== undefined) targets.set(k, { anchor, distance: Math.min(dAbove, dBelow) });
  });
  const anchorSet = new Set(anchors);
  // A cell centred on its row has a line at the mirror image of each of its lines about the row's centre
  // (a line that is not next to another row: that one would be the other row's).
  const near = (j: number, anchor: number): boolean => {
    const target = targets.get(j);
    return target === undefined || target.distance > reach || target.anchor === anchor;
  };
  const mirrored = (k: number, anchor: number): boolean =>
    rows[k]!.every((seg) => {
      const mirror = 2 * centre(rows[anchor]!) - centre(rows[k]!);
      const at = (other: readonly Segment[]): boolean =>
        Math.abs(centre(other) - mirror) <= size / 2 && other.some((o) => shareColumns(seg, o));
      return (
        rows.some((other, j) => j !== k && !anchorSet.has(j) && near(j, anchor) && at(other)) ||
        (anchor === anchors[0] && above.some(at))
      );
    });
  for (const [k, target] of targets) if (target.distance <= reach) joined.set(k, target.anchor);
  // Does each segment of line k continue a wrapped line of the row's cell in its columns (not the row's own line)?
  const continues = (k: number, anchor: number): boolean => {
    const step = anchor < k ? -1 : 1;
    return rows[k]!.every((seg) => {
      for (let j = k + step; j !== anchor; j += step) {
        if (!rows[j]!.some((other) => shareColumns(seg, other))) continue;
        return joined.get(j) === anchor && Math.abs(centre(rows[j]!) - centre(rows[k]!)) <= reach;
      }
      return false;
    });
  };
  // Long cells grow outwards from their rows, a line at a time, on both sides alike.
  let grew = true;
  while (grew) {
    grew = false;
    for (const [k] of [...targets].sort((a, b) => a[1].distance - b[1].distance)) {
      if (joined.has(k)) continue;
      const above = [...anchors].reverse().find((a) => a < k);
      const below = anchors.find((a) => a > k);
      const byAbove = above !== undefined && continues(k, above) && mirrored(k, above);
      const byBelow = below !== undefined && continues(k, below) && mirrored(k, below);
      if (!byAbove && !byBelow) continue;
      joined.set(k, byAbove && byBelow ? targets.get(k)!.anchor : byAbove ? above! : below!);
      grew = true;
    }
  }
  const out = new Map<number, Segment[]>(anchors.map((k) => [k, rows[k]!.map((s) => ({ ...s }))]));
  const own: Array<[number, Segment[]]> = [];
  rows.forEach((row, k) => {
    if (out.has(k)) return;
    const anchor = joined.get(k);
    if (anchor === undefined) {
      own.push([k, row.map((s) => ({ ...s }))]);
      return;
    }
    joinInto(out.get(anchor)!, row);
  });
  const first = anchors[0]!;
  const belowFirst = rows.filter((_, k) => k > first && joined.get(k) === first);
  return {
    rows: [...out.entries(), ...own].sort((a, b) => a[0] - b[0]).map(([, row]) => row.sort((a, b) => a.c0 - b.c0)),
    belowFirst,
  };
}

/** Adds a wrapped line's segments to the cells of a row (a segment in no cell of the row is a cell of its own). */
function joinInto(into: Segment[], row: readonly Segment[]): void {
  for (const seg of row) {
    const cell = into.find((p) => p.c0 <= seg.c0 && seg.c1 <= p.c1) ?? into.find((p) => p.c0 === seg.c0);
    if (cell) {
      const items = [...cell.line.items, ...seg.line.items];
      cell.line = { ...cell.line, items, bbox: unionBox(items.map((i) => i.bbox)) };
    } else into.push({ ...seg });
  }
}

/**
 * Lines just above the first numbered line that belong to its row: a cell
 * centred on its row prints as many wrapped lines above the row's numbers as
 * below them, so a continuation page that starts with such a row has the top
 * of that cell above the first number, under the repeated header. Of the
 * lines above, nearest first, each is taken while it prints words only, one
 * line pitch from the last taken (or from the first numbered line itself,
 * `first`), and a line joined below stands at its mirror image about `first`.
 */
function wrappedAboveFirst(
  above: readonly Segment[][],
  first: readonly Segment[],
  belowFirst: readonly Segment[][],
  settings: Settings,
): number {
  const size = Math.max(...first.flatMap((s) => s.line.items.map((i) => i.fontSize)));
  const centre = (row: readonly Segment[]): number => {
    const box = unionBox(row.map((s) => s.line.bbox));
    return (box[1] + box[3]) / 2;
  };
  const axis = centre(first);
  let taken = 0;
  let previous = first;
  for (let k = above.length - 1; k >= 0; k--) {
    const row = above[k]!;
    const mirror = 2 * axis - centre(row);
    const fits =
      row.length > 0 &&
      centre(previous) - centre(row) <= settings.wrappedLineGapEm * size &&
      row.every((seg) => !isAmountText(seg.line.raw) && seg.c0 === seg.c1) &&
      belowFirst.some((below) => Math.abs(centre(below) - mirror) <= size / 2);
    if (!fits) break;
    taken++;
    previous = row;
  }
  return taken;
}
