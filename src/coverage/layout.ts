/**
 * Lines and tokens of a page, for the coverage check. Pure functions over
 * {@link Run}s; no knowledge of tables.
 */
import type { Run } from './pdftext.js';

/** A whitespace-free piece of printed text with its box. */
export interface Token {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
}

/** Runs that share a baseline band, left to right, cut into tokens. */
export interface Line {
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  size: number;
  /** Tokens left to right: runs closer than a small gap are glued, whitespace splits. */
  tokens: Token[];
  /** The line's text, tokens joined by single spaces. */
  text: string;
}

/** Rough advance of a character in ems, to place the pieces of a split run. */
function charEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2e80) return 1;
  if (ch === ' ') return 0.28;
  if (ch === '.' || ch === ',' || ch === ':' || ch === ';') return 0.28;
  return 0.55;
}

/**
 * Groups runs into lines. A run joins the line whose vertical band overlaps
 * it by at least half the smaller height (CJK and Latin runs of one row sit
 * about 1 pt apart).
 */
export function groupRuns(runs: readonly Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const bands: { top: number; bottom: number; runs: Run[] }[] = [];
  for (const run of sorted) {
    const h = run.bottom - run.top;
    let best: (typeof bands)[number] | null = null;
    let bestOverlap = 0;
    for (let k = bands.length - 1; k >= 0 && k >= bands.length - 4; k--) {
      const band = bands[k]!;
      const ov = Math.min(band.bottom, run.bottom) - Math.max(band.top, run.top);
      const need = 0.5 * Math.min(h, band.bottom - band.top);
      if (ov >= need && ov > bestOverlap) {
        best = band;
        bestOverlap = ov;
      }
    }
    if (best) {
      best.runs.push(run);
      // Keep the band anchored on its first run so a tall run does not swallow the next line.
    } else bands.push({ top: run.top, bottom: run.bottom, runs: [run] });
  }
  return bands.map((b) => b.runs.sort((a, b2) => a.x0 - b2.x0));
}

/**
 * Cuts the runs of one line into tokens: runs whose gap is below
 * `glueEm` × font size are one piece of text (digits in another font, Type 3
 * fonts with 1–4 glyphs per run); whitespace inside a run splits it.
 */
export function tokenize(runs: readonly Run[], glueEm = 0.12): Token[] {
  const pieces: Token[] = [];
  for (const run of runs) {
    // Split the run on whitespace, placing each piece proportionally to estimated advances.
    const chars = [...run.text];
    const ems = chars.map(charEm);
    const total = ems.reduce((a, b) => a + b, 0) || 1;
    const scale = (run.x1 - run.x0) / total;
    let x = run.x0;
    let cur = '';
    let start = x;
    chars.forEach((ch, i) => {
      const w = ems[i]! * scale;
      if (/\s/u.test(ch)) {
        if (cur) pieces.push({ text: cur, x0: start, x1: x, top: run.top, bottom: run.bottom, size: run.size });
        cur = '';
        x += w;
        start = x;
        return;
      }
      if (!cur) start = x;
      cur += ch;
      x += w;
    });
    if (cur) pieces.push({ text: cur, x0: start, x1: run.x1, top: run.top, bottom: run.bottom, size: run.size });
  }
  pieces.sort((a, b) => a.x0 - b.x0);
  const spacing = letterSpacing(pieces);
  const tokens: Token[] = [];
  for (const p of pieces) {
    const last = tokens[tokens.length - 1];
    const gap = last ? p.x0 - last.x1 : Infinity;
    if (spacing !== null && last && gap <= spacing) {
      last.text += p.text;
      last.x1 = Math.max(last.x1, p.x1);
      continue;
    }
    if (last && gap < glueEm * Math.min(last.size, p.size) && !apart(last.text, p.text, gap, Math.min(last.size, p.size))) {
      last.text += p.text;
      last.x1 = Math.max(last.x1, p.x1);
      last.top = Math.min(last.top, p.top);
      last.bottom = Math.max(last.bottom, p.bottom);
    } else tokens.push({ ...p });
  }
  return tokens;
}

/**
 * Letter-spaced text (every glyph its own run, evenly apart: 预 算 1 8 1 . 2 9
 * 万 元): most pieces are single characters with gaps of about one value.
 * Returns the largest gap that still joins glyphs of one word, or null.
 */
export function letterSpacing(pieces: readonly Token[]): number | null {
  if (pieces.length < 8) return null;
  const singles = pieces.filter((p) => [...p.text].length === 1).length;
  if (singles < 0.6 * pieces.length) return null;
  const gaps: number[] = [];
  for (let k = 1; k < pieces.length; k++) {
    if ([...pieces[k]!.text].length === 1 && [...pieces[k - 1]!.text].length === 1) gaps.push(pieces[k]!.x0 - pieces[k - 1]!.x1);
  }
  if (gaps.length < 6) return null;
  const g = median(gaps);
  const size = median(pieces.map((p) => p.size));
  if (g < 0.05 * size || g > 0.6 * size) return null;
  // Evenly spaced: most gaps within 40 % of the median.
  if (gaps.filter((x) => Math.abs(x - g) <= 0.4 * g + 0.3).length < 0.7 * gaps.length) return null;
  return g * 1.4 + 0.3;
}

/**
 * Pieces that almost touch but are separate cells: two whole amounts
 * (narrow columns), or an amount and the text of the next cell. Runs of one
 * word (digits in another font, 2026 + 年) touch with no visible gap.
 */
function apart(left: string, right: string, gap: number, size: number): boolean {
  if (gap <= 0.04 * size) return false;
  if (/\d\.\d{2,}$/u.test(left) && /^[-(（]?\d/u.test(right)) return true;
  const digitLeft = /\d$/u.test(left);
  const digitRight = /^[-(（]?\d/u.test(right);
  const hanLeft = /\p{Script=Han}$/u.test(left);
  const hanRight = /^\p{Script=Han}/u.test(right);
  return (digitLeft && hanRight) || (hanLeft && digitRight);
}

export function buildLines(runs: readonly Run[]): Line[] {
  return groupRuns(runs).map((group) => {
    const tokens = tokenize(group);
    return {
      top: Math.min(...group.map((r) => r.top)),
      bottom: Math.max(...group.map((r) => r.bottom)),
      x0: Math.min(...group.map((r) => r.x0)),
      x1: Math.max(...group.map((r) => r.x1)),
      size: median(group.map((r) => r.size)),
      tokens,
      text: tokens.map((t) => t.text).join(' '),
    };
  });
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
