import { centerOf, overlap } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import type { GridCell, RegionPart, Ruling, TextItem } from '../core/types.js';
import { makeCell, splitItemAt } from './cells.js';

/** One page's slice of a table, as cells on an atomic grid. */
export interface PageGrid {
  page: number;
  /** Column boundaries (x), left to right; column c spans xs[c]..xs[c+1]. */
  xs: number[];
  /** Row boundaries (y), top to bottom. */
  ys: number[];
  cells: GridCell[];
  /** Items that fell cleanly into one cell, and all items considered. */
  cleanItems: number;
  totalItems: number;
  /** Text inside the part that is not in the grid (notes under an empty table). */
  outside: TextItem[];
  /** Header rows when the reader could tell them (unruled); null to decide from the cells. */
  headerRows: number | null;
}

/** Merges rules that are one drawn line: same position within the snap tolerance, touching extents. */
export function snapRulings(rulings: readonly Ruling[], settings: Settings): Ruling[] {
  const out: Ruling[] = [];
  for (const orientation of ['h', 'v'] as const) {
    const sorted = rulings.filter((r) => r.orientation === orientation).sort((a, b) => a.position - b.position);
    const clusters: Ruling[][] = [];
    for (const r of sorted) {
      const last = clusters[clusters.length - 1];
      const anchor = last?.[0];
      if (last && anchor && r.position - anchor.position <= settings.rulingSnapTolerance) last.push(r);
      else clusters.push([r]);
    }
    for (const cluster of clusters) {
      const position = cluster.reduce((s, r) => s + r.position, 0) / cluster.length;
      const spans = cluster.map((r) => [r.start, r.end] as [number, number]).sort((a, b) => a[0] - b[0]);
      let [start, end] = spans[0]!;
      for (const [s, e] of spans.slice(1)) {
        if (s <= end + settings.rulingJoinTolerance) end = Math.max(end, e);
        else {
          out.push({ orientation, position, start, end });
          [start, end] = [s, e];
        }
      }
      out.push({ orientation, position, start, end });
    }
  }
  return out;
}

/** Distinct positions of rules of one orientation (already snapped). */
function positions(rulings: readonly Ruling[], orientation: 'h' | 'v', settings: Settings): number[] {
  const values = rulings.filter((r) => r.orientation === orientation).map((r) => r.position).sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of values) {
    if (out.length === 0 || v - out[out.length - 1]! > settings.rulingSnapTolerance) out.push(v);
  }
  return out;
}

function edgeDrawn(
  rulings: readonly Ruling[],
  orientation: 'h' | 'v',
  position: number,
  from: number,
  to: number,
  settings: Settings,
): boolean {
  const need = settings.edgeCoverageRatio * (to - from);
  let covered = 0;
  for (const r of rulings) {
    if (r.orientation !== orientation || Math.abs(r.position - position) > settings.rulingSnapTolerance) continue;
    covered += overlap(r.start, r.end, from, to);
  }
  return covered >= need;
}

/** Does the part carry enough rules to be read as a ruled grid? */
export function isRuled(part: RegionPart, settings: Settings): boolean {
  const snapped = snapRulings(part.rulings, settings);
  const h = positions(snapped, 'h', settings).length;
  const v = positions(snapped, 'v', settings).length;
  return h >= settings.ruledMinRules + 1 && v >= settings.ruledMinRules;
}

/**
 * Rebuilds a ruled grid à la pdfplumber: rule positions give atomic rows and
 * columns; an atomic cell joins its neighbour where no rule separates them
 * (merged cells); text items go to the cell holding their centre, cut at rules
 * they run across.
 */
export function readRuledPart(part: RegionPart, settings: Settings): PageGrid {
  const rulings = snapRulings(part.rulings, settings);
  const hs = rulings.filter((r) => r.orientation === 'h');
  const vs = rulings.filter((r) => r.orientation === 'v');
  let ys = positions(rulings, 'h', settings);
  let xs = positions(rulings, 'v', settings);
  // Open tables lack outer verticals (or outer horizontals): the rules' extents bound them.
  const left = Math.min(...hs.map((r) => r.start));
  const right = Math.max(...hs.map((r) => r.end));
  if (xs.length === 0 || xs[0]! - left > settings.rulingSnapTolerance * 2) xs = [left, ...xs];
  if (right - xs[xs.length - 1]! > settings.rulingSnapTolerance * 2) xs = [...xs, right];
  const top = Math.min(...vs.map((r) => r.start), ys[0] ?? Infinity);
  const bottom = Math.max(...vs.map((r) => r.end), ys[ys.length - 1] ?? -Infinity);
  if (ys[0]! - top > settings.rulingSnapTolerance * 2) ys = [top, ...ys];
  if (bottom - ys[ys.length - 1]! > settings.rulingSnapTolerance * 2) ys = [...ys, bottom];

  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  // Union-find over atomic cells: joined where the separating edge is not drawn.
  const parent = Array.from({ length: nRows * nCols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (c + 1 < nCols && !edgeDrawn(vs, 'v', xs[c + 1]!, ys[r]!, ys[r + 1]!, settings)) union(r * nCols + c, r * nCols + c + 1);
      if (r + 1 < nRows && !edgeDrawn(hs, 'h', ys[r + 1]!, xs[c]!, xs[c + 1]!, settings)) union(r * nCols + c, (r + 1) * nCols + c);
    }
  }
  const groups = new Map<number, { r0: number; c0: number; r1: number; c1: number; items: TextItem[] }>();
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const root = find(r * nCols + c);
      const g = groups.get(root);
      if (!g) groups.set(root, { r0: r, c0: c, r1: r, c1: c, items: [] });
      else {
        g.r0 = Math.min(g.r0, r);
        g.c0 = Math.min(g.c0, c);
        g.r1 = Math.max(g.r1, r);
        g.c1 = Math.max(g.c1, c);
      }
    }
  }
  const locate = (x: number, y: number): number | null => {
    const c = indexOf(xs, x);
    const r = indexOf(ys, y);
    return c === null || r === null ? null : find(r * nCols + c);
  };

  let clean = 0;
  const outside: TextItem[] = [];
  for (const item of part.items) {
    const [cx, cy] = centerOf(item.bbox);
    const row = indexOf(ys, cy);
    if (row === null || indexOf(xs, cx) === null) {
      outside.push(item);
      continue;
    }
    // Drawn verticals the item runs across in its row: cut it there.
    const cuts = xs.filter(
      (x, k) =>
        k > 0 &&
        k < xs.length - 1 &&
        x > item.bbox[0] + item.fontSize * 0.25 &&
        x < item.bbox[2] - item.fontSize * 0.25 &&
        edgeDrawn(vs, 'v', x, ys[row]!, ys[row + 1]!, settings),
    );
    const pieces = cuts.length > 0 ? splitItemAt(item, cuts) : [item];
    if (cuts.length === 0) clean++;
    for (const piece of pieces) {
      const [px, py] = centerOf(piece.bbox);
      const root = locate(px, py);
      if (root === null) outside.push(piece);
      else groups.get(root)!.items.push(piece);
    }
  }

  const cells: GridCell[] = [];
  for (const g of groups.values()) {
    const box: GridCell['bbox'] = [xs[g.c0]!, ys[g.r0]!, xs[g.c1 + 1]!, ys[g.r1 + 1]!];
    cells.push(makeCell(g.r0, g.c0, g.r1 - g.r0 + 1, g.c1 - g.c0 + 1, g.items, part.page, box, settings));
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page: part.page, xs, ys, cells, cleanItems: clean, totalItems: part.items.length, outside, headerRows: null };
}

/** Index k with bounds[k] <= v < bounds[k+1], or null outside. */
function indexOf(bounds: readonly number[], v: number): number | null {
  if (v < bounds[0]! || v > bounds[bounds.length - 1]!) return null;
  for (let k = 0; k < bounds.length - 1; k++) if (v <= bounds[k + 1]!) return k;
  return null;
}
