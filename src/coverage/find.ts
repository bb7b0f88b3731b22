/**
 * Finding a piece of normalized text (a row label, a column header) among a
 * page's tokens, also when it is wrapped over several lines of one cell.
 */
import { RADICAL_TO_IDEOGRAPH } from '../core/radicals.js';
import type { Line } from './layout.js';

/** NFKC, CJK radicals folded to ideographs (Unicode data), whitespace removed. */
export function norm(raw: string): string {
  let out = '';
  for (const ch of raw.normalize('NFKC')) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x2e80 && cp <= 0x2fdf ? (RADICAL_TO_IDEOGRAPH.get(cp) ?? ch) : ch;
  }
  return out.replace(/\s+/gu, '');
}

export interface TokenRef {
  line: number;
  token: number;
}

export interface Occurrence {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  tokens: TokenRef[];
}

interface LineChars {
  text: string;
  /** For each char of `text`, the index of its token. */
  owner: number[];
  /** Char offsets where tokens start / end. */
  starts: Set<number>;
  ends: Set<number>;
}

const cache = new WeakMap<Line, LineChars>();

function charsOf(line: Line): LineChars {
  let lc = cache.get(line);
  if (lc) return lc;
  let text = '';
  const owner: number[] = [];
  const starts = new Set<number>();
  const ends = new Set<number>();
  line.tokens.forEach((t, k) => {
    const n = norm(t.text);
    if (!n) return;
    starts.add(text.length);
    text += n;
    for (let c = 0; c < n.length; c++) owner.push(k);
    ends.add(text.length);
  });
  lc = { text, owner, starts, ends };
  cache.set(line, lc);
  return lc;
}

function boxOf(lines: readonly Line[], refs: readonly TokenRef[]): Occurrence {
  let x0 = Infinity;
  let x1 = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const r of refs) {
    const t = lines[r.line]!.tokens[r.token]!;
    x0 = Math.min(x0, t.x0);
    x1 = Math.max(x1, t.x1);
    top = Math.min(top, t.top);
    bottom = Math.max(bottom, t.bottom);
  }
  return { x0, x1, top, bottom, tokens: [...refs] };
}

function refsOf(lineIndex: number, lc: LineChars, from: number, to: number): TokenRef[] {
  const set = new Set<number>();
  for (let c = from; c < to; c++) set.add(lc.owner[c]!);
  return [...set].sort((a, b) => a - b).map((token) => ({ line: lineIndex, token }));
}

export interface FindOptions {
  /** Lines (indices into `lines`) that may hold the text, top to bottom. */
  candidates: readonly number[];
  /** Wrapped fragments may be this many font sizes apart vertically (gap between lines). */
  maxGapEm?: number;
  /** At most this many lines per occurrence. */
  maxLines?: number;
}

/**
 * Every place where `target` (normalized) is printed: on one line (any span
 * of the line's text), or wrapped: a first fragment ending at a token's end,
 * continued on the next candidate lines by fragments that start at a token's
 * start and overlap it horizontally.
 */
export function findText(lines: readonly Line[], target: string, options: FindOptions): Occurrence[] {
  if (!target) return [];
  const maxGap = options.maxGapEm ?? 1.6;
  const maxLines = options.maxLines ?? 5;
  const cands = options.candidates;
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const push = (refs: TokenRef[]): void => {
    const id = refs.map((r) => `${r.line}:${r.token}`).join(',');
    if (seen.has(id)) return;
    seen.add(id);
    out.push(boxOf(lines, refs));
  };
  for (let ci = 0; ci < cands.length; ci++) {
    const li = cands[ci]!;
    const lc = charsOf(lines[li]!);
    // On one line.
    for (let at = lc.text.indexOf(target); at >= 0; at = lc.text.indexOf(target, at + 1)) {
      push(refsOf(li, lc, at, at + target.length));
    }
    // Wrapped: a proper prefix of the target that ends at a token end.
    for (let p = lc.text.indexOf(target[0]!); p >= 0; p = lc.text.indexOf(target[0]!, p + 1)) {
      const m = commonPrefix(lc.text, p, target, 0);
      for (const end of lc.ends) {
        const len = end - p;
        if (len < 1 || len > m || len >= target.length) continue;
        continueWrapped(lines, cands, ci, target.slice(len), refsOf(li, lc, p, end), maxGap, maxLines - 1, push);
      }
    }
  }
  return out;
}

/** Length of the common prefix of a[i..] and b[j..]. */
function commonPrefix(a: string, i: number, b: string, j: number): number {
  let k = 0;
  while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
  return k;
}

function continueWrapped(
  lines: readonly Line[],
  cands: readonly number[],
  ci: number,
  rest: string,
  refs: TokenRef[],
  maxGap: number,
  linesLeft: number,
  push: (refs: TokenRef[]) => void,
): void {
  if (linesLeft <= 0) return;
  const prevBox = boxOf(lines, refs.filter((r) => r.line === refs[refs.length - 1]!.line));
  const whole = boxOf(lines, refs);
  const size = lines[refs[0]!.line]!.size || 10;
  for (let cj = ci + 1; cj < cands.length; cj++) {
    const lj = cands[cj]!;
    const line = lines[lj]!;
    if (line.top - prevBox.bottom > maxGap * size) break;
    if (line.top < prevBox.top + 0.3 * size) continue;
    const lc = charsOf(line);
    for (const start of lc.starts) {
      if (lc.text[start] !== rest[0]) continue;
      const t = line.tokens[lc.owner[start]!]!;
      // The continuation sits under the first fragments (centred or left-aligned text of one cell).
      if (t.x1 < whole.x0 - 2 * size || t.x0 > whole.x1 + 2 * size) continue;
      const m = commonPrefix(lc.text, start, rest, 0);
      if (m >= rest.length) push([...refs, ...refsOf(lj, lc, start, start + rest.length)]);
      for (const end of lc.ends) {
        const len = end - start;
        if (len < 1 || len > m || len >= rest.length) continue;
        continueWrapped(lines, cands, cj, rest.slice(len), [...refs, ...refsOf(lj, lc, start, end)], maxGap, linesLeft - 1, push);
      }
    }
  }
}
