import type { Ruling } from '../core/types.js';
import { INK_THRESHOLD } from './image.js';
import type { GreyImage } from './types.js';

export interface ImageRulingOptions {
  /** Resolution of the image (lengths below are in points). */
  dpi: number;
  /** Shortest horizontal rule, points (longer than any glyph stroke). */
  minHorizontal: number;
  /** Shortest vertical rule, points; a vertical must also meet a horizontal rule. */
  minVertical: number;
  /** Thickest line, points: anything thicker is a filled shape, not a rule. */
  maxThickness: number;
}

export const DEFAULT_IMAGE_RULING_OPTIONS: Omit<ImageRulingOptions, 'dpi'> = {
  minHorizontal: 24,
  minVertical: 10,
  maxThickness: 3,
};

/** Gaps up to this many pixels inside a dark run are bridged (JPEG noise, broken strokes). */
const BRIDGE_PX = 2;

interface Segment {
  /** Row (h) or column (v) in pixels. */
  at: number;
  start: number;
  end: number;
}

/**
 * The ruling lines of a straightened page image: long horizontal and
 * vertical runs of dark pixels, one-pixel drift tolerated, runs on adjacent
 * rows (a rule 2–3 px thick) merged into one line. Positions in pixels of
 * the image; the caller converts them to points.
 */
export function findImageRulings(image: GreyImage, options: ImageRulingOptions): Ruling[] {
  const pxPerPt = options.dpi / 72;
  const minH = Math.max(20, options.minHorizontal * pxPerPt);
  const minV = Math.max(12, options.minVertical * pxPerPt);
  const maxThick = Math.max(3, options.maxThickness * pxPerPt);
  const { width: w, height: h, data } = image;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i]! < INK_THRESHOLD ? 1 : 0;

  const hSegments: Segment[] = [];
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const next = y + 1 < h ? row + w : row;
    runs(w, (x) => ink[row + x]! === 1 || ink[next + x]! === 1, minH, (start, end) => hSegments.push({ at: y, start, end }));
  }
  const vSegments: Segment[] = [];
  for (let x = 0; x < w; x++) {
    const nextX = x + 1 < w ? x + 1 : x;
    runs(h, (y) => ink[y * w + x]! === 1 || ink[y * w + nextX]! === 1, minV, (start, end) => vSegments.push({ at: x, start, end }));
  }
  const horizontals = mergeAdjacent(hSegments, maxThick);
  const verticals = mergeAdjacent(vSegments, maxThick);
  // A table's verticals meet its horizontals; a long glyph stroke meets none.
  const meet = 2 * maxThick;
  const keptVerticals = verticals.filter((v) =>
    horizontals.some((hz) => hz.start - meet <= v.at && v.at <= hz.end + meet && v.start - meet <= hz.at && hz.at <= v.end + meet),
  );
  return [
    ...horizontals.map((s): Ruling => ({ orientation: 'h', position: s.at, start: s.start, end: s.end })),
    ...keptVerticals.map((s): Ruling => ({ orientation: 'v', position: s.at, start: s.start, end: s.end })),
  ];
}

/** Calls `emit` for each run of `isInk` along 0..length-1 at least `min` long, small gaps bridged. */
function runs(length: number, isInk: (i: number) => boolean, min: number, emit: (start: number, end: number) => void): void {
  let start = -1;
  let lastInk = -1;
  for (let i = 0; i < length; i++) {
    if (!isInk(i)) continue;
    if (start >= 0 && i - lastInk - 1 > BRIDGE_PX) {
      if (lastInk - start + 1 >= min) emit(start, lastInk + 1);
      start = i;
    } else if (start < 0) start = i;
    lastInk = i;
  }
  if (start >= 0 && lastInk - start + 1 >= min) emit(start, lastInk + 1);
}

/**
 * Runs on neighbouring rows (columns) that overlap are one line: its
 * position is their mean, its extent their union. Lines thicker than
 * `maxThick` are filled shapes and dropped.
 */
function mergeAdjacent(segments: Segment[], maxThick: number): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at || a.start - b.start);
  const groups: { first: number; last: number; sum: number; n: number; start: number; end: number }[] = [];
  const open: typeof groups = [];
  for (const s of sorted) {
    let target: (typeof groups)[number] | undefined;
    for (let k = open.length - 1; k >= 0; k--) {
      const g = open[k]!;
      if (s.at - g.last > 1) {
        open.splice(k, 1);
        continue;
      }
      if (s.start <= g.end && s.end >= g.start) {
        target = g;
        break;
      }
    }
    if (target) {
      target.last = s.at;
      target.sum += s.at;
      target.n++;
      target.start = Math.min(target.start, s.start);
      target.end = Math.max(target.end, s.end);
    } else {
      const g = { first: s.at, last: s.at, sum: s.at, n: 1, start: s.start, end: s.end };
      groups.push(g);
      open.push(g);
    }
  }
  return groups.filter((g) => g.last - g.first + 1 <= maxThick).map((g) => ({ at: g.sum / g.n + 0.5, start: g.start, end: g.end }));
}
