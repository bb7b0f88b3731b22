/**
 * What a page prints, read the coverage check's own way: its lines, the
 * amount-shaped numbers on them (and why some of those are not table
 * amounts: codes, page numbers, 栏次 …), and whether it is a table page.
 */
import { isPlainInteger, isWordy, looksLikeCode, readAmount } from './amounts.js';
import { buildLines, type Line, type Token } from './layout.js';
import type { PageText } from './pdftext.js';

/** Why an amount-shaped number is not a table amount. */
export type Exclusion =
  | 'code' // classification / unit code before its name (201 08 01 行政运行)
  | 'index' // 序号 before a name (1 项目A)
  | 'page-number' // - 18 -, 第 3 页
  | 'column-number' // 栏次 row 1 2 3 4 …
  | 'label-number' // 2026 年, 表 3, 第 2 …
  | 'note'; // in a 注：/说明 line

export interface PrintedNumber {
  /** Canonical amount (see readAmount). */
  key: string;
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Index into the page's lines. */
  line: number;
  exclusion: Exclusion | null;
}

export interface PageReading {
  page: number;
  width: number;
  height: number;
  lines: Line[];
  /** Every amount-shaped token, excluded ones marked. */
  numbers: PrintedNumber[];
  /** Decided from the page alone (see isTablePage). */
  tablePage: boolean;
  /** Number of lines with 2+ table amounts. */
  amountLines: number;
}

const NORM = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** Classifies the amount-shaped tokens of one line. */
export function classifyLine(line: Line, index: number, pageHeight: number): PrintedNumber[] {
  const toks = line.tokens;
  const out: PrintedNumber[] = [];
  const keys = toks.map((t) => readAmount(t.text));
  const pageNumberLine =
    (line.top > pageHeight * 0.88 || line.bottom < pageHeight * 0.08) &&
    /^(?:[-—–]*\d+[-—–]*|第\d+页(?:[,，]?共\d+页)?|\d+\/\d+|共\d+页[,，]?第\d+页)$/u.test(NORM(line.text));
  const columnNumbers = isColumnNumberLine(toks, keys);
  const noteLine = /^(?:注|说明|备注|资料来源)[:：]?/u.test(NORM(toks[0]?.text ?? ''));
  for (let i = 0; i < toks.length; i++) {
    const key = keys[i];
    if (key === null || key === undefined) continue;
    const t = toks[i]!;
    let exclusion: Exclusion | null = null;
    if (pageNumberLine) exclusion = 'page-number';
    else if (columnNumbers) exclusion = 'column-number';
    else if (noteLine) exclusion = 'note';
    else if (isLabelNumber(toks, i)) exclusion = 'label-number';
    else if (isCode(toks, keys, i)) exclusion = 'code';
    else if (isIndex(toks, i)) exclusion = 'index';
    out.push({ key, text: t.text, x0: t.x0, x1: t.x1, top: t.top, bottom: t.bottom, line: index, exclusion });
  }
  return out;
}

/** 栏次 rows: the line says 栏次, or its numbers are 1, 2, 3 … (at least three, all small integers). */
function isColumnNumberLine(toks: readonly Token[], keys: readonly (string | null)[]): boolean {
  if (toks.some((t) => /栏次|^行次$/u.test(NORM(t.text)))) return true;
  const nums = keys.filter((k): k is string => k !== null);
  if (nums.length < 3 || nums.length !== toks.length - toks.filter((t) => isWordy(t.text)).length) return false;
  if (!nums.every((k) => /^\d{1,2}$/u.test(k))) return false;
  return nums.every((k, i) => i === 0 || Number(k) === Number(nums[i - 1]) + 1);
}

/** 2026 年, 表 3, 第 2 页: an integer glued in meaning to the word beside it. */
function isLabelNumber(toks: readonly Token[], i: number): boolean {
  const t = NORM(toks[i]!.text);
  if (!isPlainInteger(t)) return false;
  const next = NORM(toks[i + 1]?.text ?? '');
  const prev = NORM(toks[i - 1]?.text ?? '');
  const close = (a: Token | undefined, b: Token | undefined): boolean => !!a && !!b && b.x0 - a.x1 < 1.5 * a.size;
  if (/^[年月日页号表期]/u.test(next) && close(toks[i], toks[i + 1])) return true;
  if (/(?:表|第|共|附件)$/u.test(prev) && close(toks[i - 1], toks[i])) return true;
  return false;
}

/**
 * Codes before a name: a run of code-shaped whole numbers (201 | 08 | 01,
 * 30101, 2010101, 单位代码 101001) directly followed by a word.
 */
function isCode(toks: readonly Token[], keys: readonly (string | null)[], i: number): boolean {
  let j = i;
  while (j < toks.length && keys[j] !== null && looksLikeCode(NORM(toks[j]!.text))) j++;
  if (j === i) return false;
  const next = toks[j];
  return next !== undefined && isWordy(next.text);
}

/** 序号: a one- or two-digit number first on its line, followed by a word. */
function isIndex(toks: readonly Token[], i: number): boolean {
  if (i !== 0) return false;
  const t = NORM(toks[0]!.text);
  return /^\d{1,3}$/u.test(t) && toks[1] !== undefined && isWordy(toks[1].text);
}

/**
 * A table page: at least two lines hold two or more separated table
 * amounts, or one line holds three or more, or three amounts on different
 * lines share a right edge (a column of one-amount rows).
 */
export function isTablePage(numbers: readonly PrintedNumber[]): { table: boolean; amountLines: number } {
  const perLine = new Map<number, number>();
  for (const n of numbers) if (n.exclusion === null) perLine.set(n.line, (perLine.get(n.line) ?? 0) + 1);
  const counts = [...perLine.values()];
  const multi = counts.filter((c) => c >= 2).length;
  if (multi >= 2 || counts.some((c) => c >= 3)) return { table: true, amountLines: multi };
  const kept = numbers.filter((n) => n.exclusion === null);
  for (const a of kept) {
    const aligned = new Set(kept.filter((b) => Math.abs(b.x1 - a.x1) < 1.5).map((b) => b.line));
    if (aligned.size >= 3) return { table: true, amountLines: multi };
  }
  return { table: false, amountLines: multi };
}

export function readPage(page: PageText): PageReading {
  const lines = buildLines(page.runs);
  const numbers = lines.flatMap((line, k) => classifyLine(line, k, page.height));
  const { table, amountLines } = isTablePage(numbers);
  return { page: page.page, width: page.width, height: page.height, lines, numbers, tablePage: table, amountLines };
}
