import { charWeight, textWeight } from '../core/glyphs.js';
import { groupLines, unionBox } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import type { GridCell, TextItem } from '../core/types.js';

/** Printed amounts: 1,234.56 / -12.5 / (12.50) / （12.50） / 12.50% / .5 */
const AMOUNT_RE = /^[-−]?[(（]?[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?[)）]?%?$/u;

export function isAmountText(raw: string): boolean {
  const t = raw.replace(/\s+/gu, '');
  return /\d/u.test(t) && AMOUNT_RE.test(t);
}

/** Subject and unit codes as printed: 206, 20601, 2060101, 30101, 210001, 206-01-01. */
export function isCodeText(raw: string): boolean {
  return /^\d{2,}(?:[-.]\d{2,})*$/u.test(raw.replace(/\s+/gu, ''));
}

/** Text of several items in one cell: lines top to bottom, pieces left to right. */
export function cellText(items: readonly TextItem[], settings: Settings): string {
  return groupLines(items, settings).reduce((out, line) => joinCellLines(out, line.raw.trim()), '');
}

/** The next line of a wrapped cell appended to its text: no space between CJK lines, one between words. */
export function joinCellLines(text: string, next: string): string {
  return text !== '' && /[A-Za-z0-9]$/u.test(text) && /^[A-Za-z0-9]/u.test(next) ? `${text} ${next}` : text + next;
}

export function makeCell(
  row: number,
  col: number,
  rowSpan: number,
  colSpan: number,
  items: readonly TextItem[],
  page: number,
  fallbackBox: GridCell['bbox'],
  settings: Settings,
): GridCell {
  const confidences = items.map((i) => i.confidence).filter((c): c is number => c !== null);
  return {
    row,
    col,
    rowSpan,
    colSpan,
    raw: cellText(items, settings),
    page,
    bbox: items.length > 0 ? unionBox(items.map((i) => i.bbox)) : fallbackBox,
    confidence: confidences.length > 0 ? Math.min(...confidences) : null,
  };
}

/**
 * Cuts an item at the given x positions. Some producers print a whole row, or
 * text running over a rule, as one item. Glyph positions are not known, only
 * the item's width: an item whose words are separated by spaces is cut
 * between words, each word going to the side holding its estimated centre (a
 * run `1,000.00 100.00%` over two cells is never cut inside a number);
 * an item without spaces is cut between the characters on either side.
 */
export function splitItemAt(item: TextItem, cuts: readonly number[]): TextItem[] {
  const chars = [...item.raw];
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  const width = item.bbox[2] - item.bbox[0];
  const xAt = (weight: number): number => item.bbox[0] + (weight / total) * width;
  const sortedCuts = [...cuts].filter((c) => c > item.bbox[0] && c < item.bbox[2]).sort((a, b) => a - b);
  // Units that are never cut: words when the item has spaces, else characters.
  const units: Array<{ text: string; from: number; to: number }> = [];
  const spaced = /\S\s+\S/u.test(item.raw.trim());
  let acc = 0;
  for (const token of spaced ? item.raw.split(/(\s+)/u) : chars) {
    const weight = textWeight(token);
    units.push({ text: token, from: acc, to: acc + weight });
    acc += weight;
  }
  const pieces: TextItem[] = [];
  let start: number | null = null;
  let end = 0;
  let buffer = '';
  let cutIndex = 0;
  const flush = (): void => {
    if (buffer.trim() !== '' && start !== null) {
      pieces.push({ ...item, raw: buffer.trim(), bbox: [xAt(start), item.bbox[1], xAt(end), item.bbox[3]] });
    }
    buffer = '';
    start = null;
  };
  for (const unit of units) {
    const blank = unit.text.trim() === '';
    const mid = xAt((unit.from + unit.to) / 2);
    if (!blank) {
      let crossed = false;
      while (cutIndex < sortedCuts.length && mid > sortedCuts[cutIndex]!) {
        cutIndex++;
        crossed = true;
      }
      if (crossed) flush();
      start ??= unit.from;
      end = unit.to;
    }
    if (start !== null) buffer += unit.text;
  }
  flush();
  // The first and last pieces reach the item's own edges (its width may include side bearings).
  if (pieces.length > 0) {
    pieces[0]!.bbox = [item.bbox[0], item.bbox[1], pieces[0]!.bbox[2], item.bbox[3]];
    const last = pieces[pieces.length - 1]!;
    last.bbox = [last.bbox[0], item.bbox[1], item.bbox[2], item.bbox[3]];
  }
  return pieces;
}

/**
 * Splits an item at the spaces that stand beside a number: pdf.js joins runs
 * of one font into one item, so an amount and the next column's label can
 * arrive as `3,296.67 一、一般公共服务支出`.
 */
export function splitAtNumberSpaces(item: TextItem): TextItem[] {
  const tokens = item.raw.split(/(\s+)/u);
  if (tokens.length < 3 || !tokens.some((t) => isAmountText(t))) return [item];
  const weights = [...item.raw].map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  const xAt = (weight: number): number => item.bbox[0] + (weight / total) * (item.bbox[2] - item.bbox[0]);
  const pieces: TextItem[] = [];
  let text = '';
  let start = 0;
  let acc = 0;
  let offset = 0;
  tokens.forEach((token, k) => {
    const length = [...token].length;
    const tokenWeight = weights.slice(offset, offset + length).reduce((a, b) => a + b, 0);
    const cut =
      /^\s+$/u.test(token) && k > 0 && k < tokens.length - 1 && (isAmountText(tokens[k - 1]!) || isAmountText(tokens[k + 1]!));
    if (cut) {
      // The space stays between the pieces, as the gap it is on the page.
      pieces.push({ ...item, raw: text, bbox: [xAt(start), item.bbox[1], xAt(acc), item.bbox[3]] });
      text = '';
      start = acc + tokenWeight;
    } else text += token;
    acc += tokenWeight;
    offset += length;
  });
  pieces.push({ ...item, raw: text, bbox: [xAt(start), item.bbox[1], item.bbox[2], item.bbox[3]] });
  return pieces.filter((p) => p.raw.trim() !== '');
}

/** 栏次 1 2 3 …: the column numbers a 决算 table prints under its header, part of the header. */
export function isColumnNumberRow(texts: readonly string[]): boolean {
  const filled = texts.map((t) => normalizeText(t)).filter((t) => t !== '');
  if (filled.some((t) => /^(栏次|行次|栏号)$/u.test(t))) return true;
  const numbers = filled.filter((t) => /^\d{1,2}$/u.test(t)).map(Number);
  return numbers.length >= 3 && numbers.length === filled.length && numbers.every((n, k) => k === 0 || n === numbers[k - 1]! + 1);
}

/** Does the row print an amount or a code (a body row, never a header)? */
export function printsNumbers(cells: readonly GridCell[]): boolean {
  if (isColumnNumberRow(cells.map((c) => c.raw))) return false;
  return cells.some((c) => c.raw.trim() !== '' && (isAmountText(c.raw) || isCodeText(c.raw)));
}

/**
 * Is the row's first cell a total label with nothing of a taller header cell
 * to its left (a 合计 under a header group is a column header)?
 * `coveredFrom` is the leftmost column covered by cells merged down from above.
 */
export function startsWithTotal(cells: readonly GridCell[], totalLabel: RegExp, coveredFrom = Infinity): boolean {
  const first = cells.filter((c) => c.raw.trim() !== '').sort((a, b) => a.col - b.col)[0];
  // A 合计 merged over two rows is a column header; a total row's label spans one row.
  return first !== undefined && first.rowSpan === 1 && first.col < coveredFrom && totalLabel.test(normalizeText(first.raw));
}
