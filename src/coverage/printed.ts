/**
 * What a page prints, read the coverage check's own way: its lines, the
 * amount-shaped numbers on them (and why some of those are not table
 * amounts: codes, page numbers, 栏次 …), and whether it is a table page.
 */
import { isPlainInteger, isWordy, looksLikeCode, readAmount } from './amounts.js';
import { buildLines, type Line, type Token } from './layout.js';
import type { PageText } from './pdftext.js';
import type { VerticalRule } from './rulings.js';

/** Why an amount-shaped number is not a table amount. */
export type Exclusion =
  | 'code' // classification / unit code before its name (201 08 01 行政运行)
  | 'index' // 序号 before a name (1 项目A)
  | 'page-number' // - 18 -, 第 3 页
  | 'column-number' // 栏次 row 1 2 3 4 …
  | 'label-number' // 2026 年, 表 3, 第 2 …
  | 'note' // in a 注：/说明 line
  | 'prose' // inside a sentence (收入 935,446.79 万元，比…)
  | 'indicator' // a performance indicator's value (≥ 95 %, ＝ 100, 10 个)
  | 'score' // under a 分值 / 得分 / 执行率 / 序号 … header (self-evaluation forms)
  | 'count'; // a small whole number (1–100) on a page whose amounts carry decimals: counts, weights, scores

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
  /** Vertical rules the page paints (header cells, table bodies). */
  verticalRules: VerticalRule[];
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
    else if (isProse(toks, i)) exclusion = 'prose';
    else if (isIndicator(toks, i)) exclusion = 'indicator';
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
  if (nums.length < 3) return false;
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
 * A number inside a sentence: followed closely by a unit word (万元, 元, %,
 * 个 …), or with words printed right against it on both sides.
 */
function isProse(toks: readonly Token[], i: number): boolean {
  const t = toks[i]!;
  const next = toks[i + 1];
  const prev = toks[i - 1];
  const gapNext = next ? next.x0 - t.x1 : Infinity;
  const gapPrev = prev ? t.x0 - prev.x1 : Infinity;
  const em = t.size;
  const after = NORM(next?.text ?? '');
  if (next && gapNext < 0.8 * em && /^(?:元|个|人|名|辆|次|项|家|户|平方米|年|月|日)(?:$|[，。；、,.;)）])/u.test(after)) return true;
  // 万元 / % after the number, also across the wide gaps of justified prose.
  if (next && gapNext < 3 * em && /^(?:万元|千元|亿元|%|％)/u.test(after)) return true;
  return !!next && !!prev && gapNext < 0.8 * em && gapPrev < 0.8 * em && isWordy(next.text) && isWordy(prev.text);
}

/** A performance target's value: after a comparison sign (≥ ≤ ＝ …) or before a unit of measure (%, 个, 次 …). */
function isIndicator(toks: readonly Token[], i: number): boolean {
  const prev = NORM(toks[i - 1]?.text ?? '');
  const next = NORM(toks[i + 1]?.text ?? '');
  if (/[≥≤=＝><≈]$|^(?:大于|小于|不低于|不高于|不少于|不超过|达到|约)$/u.test(prev)) return true;
  const unit = /^(?:%|‰|个|次|册|人|人次|天|日|月|年|家|项|本|场|篇|件|台|套|辆|户|所|条|万条|平方米|公里|小时|期|批|份|类|批次|分|元\/\S+)$/u.test(next);
  if (!unit) return false;
  // A unit in the next cell (度量单位 column) for a whole number; right beside it for any number.
  const t = toks[i]!;
  const gap = (toks[i + 1]?.x0 ?? Infinity) - t.x1;
  return !t.text.includes('.') || gap < 1.5 * t.size;
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
  // Amounts with decimals or separators (not the 1 of a numbered heading) aligned in a column.
  const kept = numbers.filter((n) => n.exclusion === null && /[.,]/u.test(n.text));
  for (const a of kept) {
    const aligned = new Set(kept.filter((b) => Math.abs(b.x1 - a.x1) < 1.5).map((b) => b.line));
    if (aligned.size >= 3) return { table: true, amountLines: multi };
  }
  return { table: false, amountLines: multi };
}

/**
 * Long amounts wrapped inside narrow cells (1,496.02000 / 0, 1,264,602 /
 * .38): a line of amounts whose next line holds, right under them, only
 * their continuations (1–3 digits after a decimal amount, or `.dd` after a
 * whole one) besides words. A next line with any other number is a row of
 * its own, not continuations.
 */
export function joinWrappedNumbers(lines: readonly Line[], numbers: PrintedNumber[]): PrintedNumber[] {
  const drop = new Set<PrintedNumber>();
  const byLine = new Map<number, PrintedNumber[]>();
  for (const n of numbers) byLine.set(n.line, [...(byLine.get(n.line) ?? []), n]);
  const decimals = (key: string): number => (key.includes('.') ? key.length - key.indexOf('.') - 1 : 0);
  // The page's usual number of decimals (of amounts printed with a decimal point).
  const counts = new Map<number, number>();
  for (const n of numbers) if (n.exclusion === null && n.key.includes('.')) counts.set(decimals(n.key), (counts.get(decimals(n.key)) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 2;
  for (let li = 0; li < lines.length; li++) {
    const heads = (byLine.get(li) ?? []).filter((n) => n.exclusion === null);
    if (heads.length === 0) continue;
    const h = Math.max(...heads.map((n) => n.bottom - n.top));
    const bottom = Math.max(...heads.map((n) => n.bottom));
    // The next line below (not one sharing the band of this one).
    // The next line below with something under these amounts (a row between, printed on another band, is skipped).
    let below = -1;
    for (let k = li + 1; k < lines.length; k++) {
      if (lines[k]!.top - bottom > 0.7 * h) break;
      if (lines[k]!.top <= heads[0]!.top + 0.5 * h) continue;
      if (lines[k]!.tokens.some((t) => heads.some((n) => t.x1 > n.x0 - 1 && t.x0 < n.x1 + 1))) {
        below = k;
        break;
      }
    }
    if (below < 0) continue;
    const under = (t: { x0: number; x1: number }): boolean => heads.some((n) => t.x1 > n.x0 - 1 && t.x0 < n.x1 + 1);
    const tails = (byLine.get(below) ?? []).filter((t) => (t.exclusion === null || t.exclusion === 'count' || t.exclusion === 'index') && under(t));
    // Numbers of that line that are not under these amounts make it a row of its own.
    if ((byLine.get(below) ?? []).some((t) => t.exclusion === null && !under(t))) continue;
    if (tails.length === 0) continue;
    const pairs: [PrintedNumber, PrintedNumber, string][] = [];
    for (const t of tails) {
      const head = heads.find((n) => t.x0 >= n.x0 - 1 && t.x1 <= n.x1 + 1);
      const ok = head && ((head.text.includes('.') && /^\d{1,3}$/u.test(t.text)) || (!head.text.includes('.') && /^\.\d{1,6}$/u.test(t.text)));
      const key = ok ? readAmount(head.text + t.text) : null;
      if (!head || key === null) break;
      pairs.push([head, t, key]);
    }
    if (pairs.length !== tails.length) continue;
    // A joined amount carries the decimals the page's amounts carry (1682.7 / 6 → 1682.76 among x.xx);
    // 1089.96 over the 300 of the next row would not (1089.96300).
    if (pairs.some(([head, , key]) => decimals(key) !== usual || decimals(head.key) === usual)) continue;
    for (const [head, t, key] of pairs) {
      head.key = key;
      head.text += t.text;
      head.bottom = t.bottom;
      drop.add(t);
    }
  }
  return numbers.filter((n) => !drop.has(n));
}

/** Column headings of code columns (类 | 款 | 项, 科目编码, 单位代码 and their wrapped tails). */
const CODE_HEAD = /^(?:类|款|项)$|编码|代码|编号/u;

/** Column headings whose numbers are not money. */
const NOT_AMOUNT_HEAD = /分值|得分|执行率|权重|备注|指标值|完成值|序号|栏次|行次|比例|占比|增长率|增减率|完成率|%|百分|人数|编制数|实有数|数量$|年度$|评分/u;

/** A title or unit line's words (单位：万元, 部门：…, 表…, …表). */
const TITLE_OR_UNIT = /单位[:：]|部门[:：]|^表|表$/u;

const isWord = (t: Token): boolean => readAmount(t.text) === null && isWordy(t.text);

/** Points a word must overlap a number horizontally to be read as its heading. */
const HEAD_MIN_OVERLAP = 0.5;

/** Points a number may stick out of a header cell's span (rules are drawn over the cell's edge). */
const SPAN_SLACK = 0.5;

/**
 * The heading printed above a number in its column: scanning up to the
 * table's title or unit line, the first word (not a number) that overlaps
 * it horizontally or whose header cell holds it (see {@link cellSpan}: a
 * heading centred left of right-aligned numbers, 备注 over a `10` at its
 * cell's right edge, overlaps nothing). Failing that, the first unruled
 * word whose span between its neighbouring headings holds it (see
 * {@link neighbourSpan}). The heading is joined with the words stacked
 * right above it (a heading wrapped in its cell: 政府/性基/金拨/款), up to
 * a much wider word (a group heading over several columns). Null when none
 * is found below the title or unit line, or when the spans of two headings
 * hold the number.
 */
export function columnHead(lines: readonly Line[], n: PrintedNumber, rules: readonly VerticalRule[] = []): string | null {
  // Overlapping for real: a word of the next column that starts a point after the number (绩效目标 text printed
  // right after 其他资金 `0.00`) is not its heading.
  const overlaps = (t: Token): boolean => t.x1 > n.x0 + HEAD_MIN_OVERLAP && t.x0 < n.x1 - HEAD_MIN_OVERLAP;
  const holds = (span: [number, number] | null): boolean => span !== null && n.x0 >= span[0] - SPAN_SLACK && n.x1 <= span[1] + SPAN_SLACK;
  // The table's title or unit line, where the search stops.
  let top = -1;
  for (let li = n.line - 1; li >= 0; li--) {
    const first = lines[li]!.tokens.find((t) => isWord(t) && (overlaps(t) || holds(cellSpan(t, rules))));
    if (!first) continue;
    if (TITLE_OR_UNIT.test(NORM(first.text))) {
      top = li;
      break;
    }
    return stackedHeading(lines, li, first);
  }
  for (let li = n.line - 1; li > top; li--) {
    const line = lines[li]!;
    const holders = line.tokens.filter((t, k) => isWord(t) && cellSpan(t, rules) === null && holds(neighbourSpan(line, k)));
    if (holders.length > 1 || (holders.length === 1 && TITLE_OR_UNIT.test(NORM(holders[0]!.text)))) return null;
    if (holders.length === 1) return stackedHeading(lines, li, holders[0]!);
  }
  return null;
}

/**
 * The header cell of a word: between the nearest vertical rules crossing
 * its line on its left and on its right; null where the page draws none.
 */
export function cellSpan(t: Token, rules: readonly VerticalRule[]): [number, number] | null {
  const mid = (t.top + t.bottom) / 2;
  let left = -Infinity;
  let right = Infinity;
  for (const r of rules) {
    if (r.top > mid || r.bottom < mid) continue;
    if (r.x <= t.x0 + SPAN_SLACK) left = Math.max(left, r.x);
    if (r.x >= t.x1 - SPAN_SLACK) right = Math.min(right, r.x);
  }
  return left > -Infinity && right < Infinity ? [left, right] : null;
}

/**
 * The span of a heading on an unruled header line (words only, two at
 * least; a data row prints numbers): up to its neighbouring headings, the
 * outermost heading reaching out as far as the gap to its neighbour.
 */
export function neighbourSpan(line: Line, k: number): [number, number] | null {
  if (line.tokens.length < 2 || !line.tokens.every(isWord)) return null;
  const t = line.tokens[k]!;
  const prev = line.tokens[k - 1];
  const next = line.tokens[k + 1];
  const from = prev ? prev.x1 : t.x0 - (next!.x0 - t.x1);
  const to = next ? next.x0 : t.x1 + (t.x0 - prev!.x1);
  return [from, to];
}

/** A heading word found at line `li`, joined with the words of its cell stacked above it. */
function stackedHeading(lines: readonly Line[], li: number, first: Token): string {
  let text = first.text;
  let top = first;
  const width = first.x1 - first.x0;
  for (let k = li - 1; k >= 0; k--) {
    const line = lines[k]!;
    if (top.top - line.bottom > 1.5 * (top.bottom - top.top)) break;
    const t = line.tokens.find((x) => x.x1 >= top.x0 - 1 && x.x0 <= top.x1 + 1);
    if (!t) continue;
    if (!isWordy(t.text) || t.x1 - t.x0 > 2.5 * Math.max(width, 2 * t.size)) break;
    text = t.text + text;
    top = t;
  }
  return text;
}

export function readPage(page: PageText): PageReading {
  const lines = buildLines(page.runs);
  const numbers = joinWrappedNumbers(lines, lines.flatMap((line, k) => classifyLine(line, k, page.height)));
  // A number ending a line of a sentence whose unit opens the next line (结余 210 / 万元在…).
  for (const n of numbers) {
    if (n.exclusion !== null) continue;
    const line = lines[n.line]!;
    const k = line.tokens.findIndex((t) => t.x0 === n.x0);
    const prev = line.tokens[k - 1];
    if (k !== line.tokens.length - 1 || !prev || !/\p{Script=Han}[，,]?\p{Script=Han}*$/u.test(prev.text) || n.x0 - prev.x1 > 0.8 * prev.size) continue;
    const next = lines.slice(n.line + 1).find((l) => l.top > n.top + 0.5 * (n.bottom - n.top));
    const unitStart = /^(?:19|20)\d\d$/u.test(n.text) ? /^(?:万元|千元|亿元|元|%|年)/u : /^(?:万元|千元|亿元|元|%)/u;
    if (next && next.top - n.bottom < 1.5 * (n.bottom - n.top) && next.tokens.some((t) => unitStart.test(NORM(t.text)) && t.x0 < n.x1 && t.x1 > prev.x0)) {
      n.exclusion = 'prose';
    }
  }
  // A code whose name is wrapped onto the lines around it (2080505 | 机关事业单位基本养老保险缴费 / 支出, 50102 / 社会保障缴费 below).
  for (const n of numbers) {
    if (n.exclusion !== null || !looksLikeCode(n.text) || !/^\d{3,7}$/u.test(n.text)) continue;
    const line = lines[n.line]!;
    const k = line.tokens.findIndex((t) => t.x0 === n.x0);
    const after = line.tokens[k + 1];
    if (after && isWordy(after.text) && after.x0 - n.x1 < 12 * (n.bottom - n.top)) continue;
    const h = n.bottom - n.top;
    const near = lines.filter((l, li) => li !== n.line && Math.abs((l.top + l.bottom) / 2 - (n.top + n.bottom) / 2) < 1.3 * h);
    if (near.some((l) => l.tokens[0] && l.tokens[0].x0 > n.x1 && l.tokens[0].x0 < n.x1 + 12 * h && isWordy(l.tokens[0].text))) n.exclusion = 'code';
  }
  const kept = numbers.filter((n) => n.exclusion === null);
  const decimalShare = kept.length === 0 ? 0 : kept.filter((n) => n.text.includes('.')).length / kept.length;
  for (const n of numbers) {
    if (n.exclusion !== null) continue;
    const head = columnHead(lines, n, page.verticalRules);
    if (head !== null && CODE_HEAD.test(NORM(head))) n.exclusion = 'code';
    else if (head !== null && NOT_AMOUNT_HEAD.test(NORM(head))) n.exclusion = 'score';
    // A year alone in a label cell (2026 / 信访专项经费 wrapped): not in any column of amounts.
    else if (/^(?:19|20)\d\d$/u.test(n.text) && !kept.some((m) => m.line !== n.line && !/^(?:19|20)\d\d$/u.test(m.text) && Math.abs(m.x1 - n.x1) < 1.5)) {
      n.exclusion = 'label-number';
    }
    // Small whole numbers among amounts printed with decimals: counts, scores, weights.
    else if (decimalShare >= 0.8 && kept.length >= 10 && /^[1-9]\d?$|^100$/u.test(n.text)) n.exclusion = 'count';
  }
  const { table, amountLines } = isTablePage(numbers);
  return { page: page.page, width: page.width, height: page.height, lines, numbers, tablePage: table, amountLines, verticalRules: page.verticalRules };
}
