/**
 * Table titles as the document prints them, found the coverage check's own
 * way: title lines above grids, and the entries of the 目录 (table of
 * contents).
 */
import { norm } from './find.js';
import type { Line } from './layout.js';
import type { PageReading } from './printed.js';

export interface PrintedTitle {
  page: number;
  /** Normalized title text as printed (continuation markers removed). */
  text: string;
  /** Comparison key (see titleKey). */
  key: string;
  /**
   * The title printed right under this one, before any grid (a section
   * heading, 1.项目支出绩效目标表, over a table titled per project): the
   * heading is answered where that title is. Null for a title over its grid.
   */
  over?: PrintedTitle | null;
}

const CONTINUED = /[(（]?续(?:表)?[)）]?$|^续表/u;
const SENTENCE = /[，。；！？]|,\S/u;
const ENUM = /^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+(?:[-.．]\d+)*[、.．\s]|附表|表|公开表|部门公开表)/u;

/**
 * The words of a title that every printing of it shares: table numbers
 * (公开表3-1, 表一, 预算01表, （一）, 一、), years, brackets about the year, 续
 * markers and punctuation removed.
 */
export function titleKey(text: string): string {
  let t = norm(text);
  t = t.replace(CONTINUED, '');
  // 表2 printed right against the year (表22021年…): the number is what comes before the year.
  t = t.replace(/^(?:部门)?(?:公开|附|预算|决算)?表\d{1,3}?(?=(?:19|20)\d\d年)/u, '');
  t = t.replace(/[(（](?:部门)?(?:公开|附|预算|决算)?表[\d一二三四五六七八九十-]+[)）]/gu, '');
  t = t.replace(/^(?:部门)?(?:公开|附|预算|决算)?表[\d一二三四五六七八九十]+(?:-\d+)*[:：、.．]?/u, '');
  t = t.replace(/^(?:预算|决算)?(?:公开)?\d+(?:-\d+)*表[:：]?/u, '');
  t = t.replace(/^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}(?:[-.．]\d+)*[、.．])/u, '');
  t = t.replace(/[(（]?\d{4}年(?:度)?[)）]?/gu, '');
  t = t.replace(/[“”"'‘’·・:：、,，.．()（）[\]【】《》\s-]/gu, '');
  // 收支总体情况表 = 收支总表, 支出情况表 = 支出表 (the 目录 and the title of one table word it both ways).
  return t.replace(/总体情况表$/u, '总表').replace(/情况表$/u, '表');
}

/** Do two titles name the same table? Equal keys, or one key holds the other (at least 4 characters). */
export function sameTitle(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.includes(short);
}

function isTitleText(t: string): boolean {
  const s = t.replace(CONTINUED, '');
  if (s.length < 4 || s.length > 60) return false;
  if (SENTENCE.test(s) || /^注|单位[:：]|^目录/u.test(s)) return false;
  if (/部分|^附件|报表$/u.test(s)) return false;
  // A heading over a set of tables (五、部门预算表, …2024年度部门决算表), or a cell of a form ((10分)标调查表).
  if (/(?:部门|单位)(?:预算|决算)(?:公开)?表$/u.test(s) || /^[(（]\d/u.test(s)) return false;
  return /表$|表[(（][^)）]{1,16}[)）]$|表\d{4}年度?$/u.test(s);
}

/** Is this page a 目录? A line that reads 目录 near its top. */
export function isContentsPage(reading: PageReading): boolean {
  return reading.lines.some((l) => l.top < reading.height * 0.45 && /^目录$/u.test(norm(l.text)));
}

/**
 * Printed table titles: a short line (at most three tokens) ending in 表
 * (or 表(…)), not a sentence, with a grid below it (within eight lines a
 * line of three or more separated pieces), and not in a table's body (see
 * {@link inTableBody}). A short line just above (the first half of a title
 * wrapped onto two lines) is joined to it. A title followed by another one
 * before any grid is a section heading over that one (`over`).
 */
export function printedTitles(readings: readonly PageReading[], contentsPages: ReadonlySet<number> = new Set()): PrintedTitle[] {
  const out: PrintedTitle[] = [];
  for (const r of readings) {
    if (contentsPages.has(r.page) || isContentsPage(r)) continue;
    const lines = r.lines;
    // The page's titles with the lines they start and end on.
    const found: { title: PrintedTitle; first: number; last: number }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.tokens.length > 3) continue;
      let text = norm(line.text);
      if (!isTitleText(text)) continue;
      if (!gridBelow(lines, i)) continue;
      const prev = lines[i - 1];
      let first = i;
      if (
        prev &&
        prev.tokens.length <= 2 &&
        line.top - prev.bottom < 0.8 * line.size &&
        Math.abs(prev.size - line.size) < 0.5 &&
        !/表|单位[:：]|^\d+$/u.test(norm(prev.text)) &&
        !ENUM.test(text)
      ) {
        text = norm(prev.text) + text;
        first = i - 1;
      }
      if (inTableBody(r, first, i)) continue;
      const key = titleKey(text);
      // A line that is only a table number (公开01表) names no table by itself.
      if (key.length < 2) continue;
      found.push({ title: { page: r.page, text: text.replace(CONTINUED, ''), key, over: null }, first, last: i });
    }
    for (let k = 0; k + 1 < found.length; k++) {
      const { title, last } = found[k]!;
      const next = found[k + 1]!;
      if (!lines.slice(last + 1, next.first).some(isGridLine)) title.over = next.title;
    }
    out.push(...found.map((f) => f.title));
  }
  return out;
}

/**
 * A line of a table's body (a cell that happens to end in 表: …参会代表):
 * a vertical rule that crosses the title's lines also runs between two
 * pieces of text of those lines or of a line above them. A title above its
 * grid, or in the grid's top cell, meets no rule between its neighbours.
 */
export function inTableBody(reading: PageReading, first: number, last: number): boolean {
  const lines = reading.lines;
  const top = lines[first]!.top;
  const bottom = lines[last]!.bottom;
  const crossing = reading.verticalRules.filter((r) => r.top <= (top + bottom) / 2 && r.bottom >= (top + bottom) / 2);
  return crossing.some((r) =>
    lines.some(
      (line, k) =>
        k <= last &&
        line.bottom >= r.top &&
        line.tokens.some((t) => t.x1 <= r.x) &&
        line.tokens.some((t) => t.x0 >= r.x),
    ),
  );
}

/** A line of a grid: three or more separated pieces (words of two characters, numbers). */
function isGridLine(line: Line): boolean {
  return line.tokens.filter((t) => norm(t.text).length >= 2 || /\d/u.test(t.text)).length >= 3;
}

function gridBelow(lines: readonly Line[], i: number): boolean {
  for (let k = i + 1; k < lines.length && k <= i + 8; k++) if (isGridLine(lines[k]!)) return true;
  return false;
}

/**
 * Does a tool table answer a printed title: one of the same title on its
 * page or the next? A section heading over a title (`over`) is answered
 * where that title is: the tables it heads are there.
 */
export function titleAnswered(t: PrintedTitle, tables: readonly { key: string; pages: readonly number[] }[]): boolean {
  if (tables.some((tt) => sameTitle(tt.key, t.key) && tt.pages.some((p) => p === t.page || p === t.page + 1))) return true;
  return !!t.over && titleAnswered(t.over, tables);
}

/** Consecutive printings of one title (a table's repeated title on its later pages) count once. */
export function collapseRepeats<T extends { page: number; key: string }>(titles: readonly T[]): T[] {
  const out: { item: T; lastPage: number }[] = [];
  for (const t of titles) {
    const last = out[out.length - 1];
    if (last && last.item.key === t.key && t.page - last.lastPage === 1) {
      last.lastPage = t.page;
      continue;
    }
    out.push({ item: t, lastPage: t.page });
  }
  return out.map((o) => o.item);
}

/**
 * The table titles a 目录 lists: its entries that end in 表 (page numbers
 * and dot leaders removed), section headings (第二部分 …) skipped, an entry
 * wrapped onto the next line joined.
 */
export function contentsTitles(readings: readonly PageReading[]): { titles: PrintedTitle[]; pages: Set<number> } {
  const out: PrintedTitle[] = [];
  const contentsPages = new Set<number>();
  const isEntry = (t: string): boolean =>
    !SENTENCE.test(t) && t.length <= 60 && (ENUM.test(t) || /^第[一二三四五六七八九十]+部分/u.test(t) || /表\d*$|[.．·…]{2,}\d+$/u.test(t));
  for (let k = 0; k < readings.length; k++) {
    const r = readings[k]!;
    if (!isContentsPage(r)) continue;
    // The 目录's lines: this page's, then the leading entry lines of the next pages (up to the first sentence).
    const lines: { page: number; text: string }[] = [];
    for (const l of r.lines) lines.push({ page: r.page, text: norm(l.text) });
    contentsPages.add(r.page);
    for (let j = k + 1; j < readings.length && j <= k + 3; j++) {
      const next = readings[j]!;
      if (next.tablePage) break;
      let taken = 0;
      for (const l of next.lines) {
        const t = norm(l.text);
        if (/^[-—–]*\d+[-—–]*$/u.test(t)) continue; // page number
        const prev = lines[lines.length - 1]?.text ?? '';
        const continuesPrev = !isTitleText(prev) && !SENTENCE.test(t) && t.length <= 30 && /表$/u.test(t);
        if (!isEntry(t) && !continuesPrev) break;
        lines.push({ page: next.page, text: t });
        taken++;
      }
      if (taken === 0) break;
      contentsPages.add(next.page);
      if (taken < next.lines.length - 1) break;
    }
    let pending = '';
    for (const line of lines) {
      let t = line.text.replace(/[.．·…_-]{2,}\d*$/u, '').replace(/(?<=表|[)）])\d+$/u, '');
      if (/^目录$/u.test(t)) continue;
      if (pending && !ENUM.test(t)) t = pending + t;
      pending = '';
      if (isTitleText(t)) out.push({ page: line.page, text: t, key: titleKey(t) });
      else if (ENUM.test(t) && t.length < 40 && !/部分/u.test(t)) pending = t;
    }
  }
  // One entry per title.
  const seen = new Set<string>();
  return { titles: out.filter((t) => (seen.has(t.key) ? false : (seen.add(t.key), true))), pages: contentsPages };
}
