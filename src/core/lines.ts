import type { Settings } from './settings.js';
import { normalizeText } from './text.js';
import type { BBox, TextItem, TextLine } from './types.js';

/** The smallest box holding all the given boxes. */
export function unionBox(boxes: readonly BBox[]): BBox {
  let x0 = Infinity;
  let top = Infinity;
  let x1 = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    top = Math.min(top, b[1]);
    x1 = Math.max(x1, b[2]);
    bottom = Math.max(bottom, b[3]);
  }
  return [x0, top, x1, bottom];
}

export function centerOf(b: BBox): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/** Length of the overlap of [a0, a1] and [b0, b1] (0 when apart). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Groups items into text lines: items whose vertical extents overlap by at
 * least `lineOverlapRatio` of the smaller height share a line. CJK and Latin
 * runs of one row sit about 1 pt apart vertically; the overlap test absorbs that.
 */
export function groupLines(items: readonly TextItem[], settings: Settings): TextLine[] {
  const sorted = [...items].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  const groups: { top: number; bottom: number; items: TextItem[] }[] = [];
  for (const item of sorted) {
    const h = item.bbox[3] - item.bbox[1];
    let placed = false;
    // Only the last few lines can overlap an item sorted by top.
    for (let g = groups.length - 1; g >= 0 && g >= groups.length - 4; g--) {
      const group = groups[g]!;
      const gh = group.bottom - group.top;
      const shared = overlap(item.bbox[1], item.bbox[3], group.top, group.bottom);
      if (shared >= settings.lineOverlapRatio * Math.min(h, gh)) {
        group.items.push(item);
        group.top = Math.min(group.top, item.bbox[1]);
        group.bottom = Math.max(group.bottom, item.bbox[3]);
        placed = true;
        break;
      }
    }
    if (!placed) groups.push({ top: item.bbox[1], bottom: item.bbox[3], items: [item] });
  }
  return groups.map((g) => makeLine(g.items, settings));
}

export function makeLine(items: readonly TextItem[], settings: Settings): TextLine {
  const ordered = [...items].sort((a, b) => a.bbox[0] - b.bbox[0]);
  return {
    page: ordered[0]?.page ?? 0,
    items: ordered,
    bbox: unionBox(ordered.map((i) => i.bbox)),
    raw: joinItems(ordered, settings),
    text: normalizeText(ordered.map((i) => i.raw).join('')),
  };
}

/** Joins items of one line, with a space where they stand apart by more than a word gap. */
export function joinItems(ordered: readonly TextItem[], settings: Settings): string {
  let out = '';
  let prev: TextItem | null = null;
  for (const item of ordered) {
    if (prev) {
      const gap = item.bbox[0] - prev.bbox[2];
      if (gap > settings.wordGapEm * Math.min(prev.fontSize, item.fontSize)) out += ' ';
    }
    out += item.raw;
    prev = item;
  }
  return out;
}

/**
 * Splits a line into segments at gaps wider than `gapEm` font sizes: the
 * pieces printed apart on one line (部门：… left, 金额单位：万元 right).
 */
export function splitSegments(line: TextLine, gapEm: number, settings: Settings): TextLine[] {
  const segments: TextItem[][] = [];
  let current: TextItem[] = [];
  let prev: TextItem | null = null;
  for (const item of line.items) {
    if (prev && item.bbox[0] - prev.bbox[2] > gapEm * Math.min(prev.fontSize, item.fontSize)) {
      segments.push(current);
      current = [];
    }
    current.push(item);
    prev = item;
  }
  if (current.length > 0) segments.push(current);
  return segments.map((s) => makeLine(s, settings));
}
