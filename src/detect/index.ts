import { groupLines, makeLine, splitSegments } from '../core/lines.js';
import { findTableSpec, type PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import type { BBox, PageContent, RegionPart, SourceDocument, TableRegion, TextLine } from '../core/types.js';
import {
  bareTitle,
  classifyLine,
  isContinuedTitle,
  isTitleText,
  parseTableNumber,
  stripNumbering,
  type ClassifiedLine,
} from './anchors.js';

export { bareTitle, parseTableNumber, stripNumbering, chineseNumeral } from './anchors.js';

/** A title group found on a page: the lines above a grid that name it. */
interface Anchor {
  page: number;
  /** Top of the first line of the group (where the previous table's area ends). */
  top: number;
  /** Bottom of the last line of the group (where this table's area starts). */
  bottom: number;
  title: string;
  titleRaw: string;
  number: string | null;
  unit: string | null;
  department: string | null;
  /** The title carries a (续表) marker. */
  continued: boolean;
  /** Normalized text of the first lines under the group: the repeated header of a continued table. */
  header: string;
  /** The same over `headerRepeatLines` lines, looked for on unruled continuation pages. */
  repeatHeader: string;
  /**
   * A title printed at the foot of a page whose grid starts on the next: where
   * the grid starts there, below the 部门 / unit lines printed above it.
   */
  spillTop: number | null;
  /** No title is printed: the table follows a lead-in sentence (…情况如下：) and is named by the heading above. */
  untitled: boolean;
}

/**
 * Finds the numbered tables: title groups (section heading, 表N line, title,
 * 部门 and unit lines) followed by a grid, each table running on until the
 * next title or until a page that carries no grid. A title printed again at
 * the top of the next page (same number, or the same header under it) starts
 * no new table.
 */
export function detectTables(doc: SourceDocument, pipeline: PipelineSpec, settings: Settings): TableRegion[] {
  const pageLines = new Map<number, TextLine[]>();
  for (const page of doc.pages) pageLines.set(page.number, bodyLines(page, settings));
  const anchors: Anchor[] = [];
  for (let pi = 0; pi < doc.pages.length; pi++) {
    const page = doc.pages[pi]!;
    const lines = pageLines.get(page.number) ?? [];
    if (isContentsPage(lines)) continue;
    const nextPage = doc.pages[pi + 1];
    const next = nextPage && !isContentsPage(pageLines.get(nextPage.number) ?? []) ? nextPage : null;
    const previous = pi > 0 ? (pageLines.get(doc.pages[pi - 1]!.number) ?? []) : [];
    anchors.push(...findAnchors(page, lines, next, next ? (pageLines.get(next.number) ?? []) : [], previous, settings));
  }
  const tables = groupRepeats(anchors);
  const regions: TableRegion[] = [];
  for (let t = 0; t < tables.length; t++) {
    const { anchor, repeats } = tables[t]!;
    const next = tables[t + 1]?.anchor ?? null;
    const parts: RegionPart[] = [];
    const pageIndex = doc.pages.findIndex((p) => p.number === anchor.page);
    for (let pi = pageIndex; pi < doc.pages.length; pi++) {
      const page = doc.pages[pi]!;
      const lines = pageLines.get(page.number) ?? [];
      const repeat = repeats.get(page.number);
      const top =
        pi === pageIndex ? anchor.bottom : (repeat?.bottom ?? (pi === pageIndex + 1 ? (anchor.spillTop ?? 0) : 0));
      const stopsHere = next !== null && next.page === page.number;
      const bottom = stopsHere ? next.top : page.height; // page numbers are dropped from the lines; rows may reach the page edge
      const part = makePart(page, top, bottom, lines);
      if (pi > pageIndex && !repeat && !continuesOnPage(part, lines, anchor, settings)) break;
      if (part && (part.items.length > 0 || (pi === pageIndex && anchor.spillTop === null))) parts.push(part);
      if (stopsHere) break;
    }
    if (parts.length === 0) continue;
    const spec = findTableSpec(pipeline, bareTitle(anchor.title));
    regions.push({
      number: anchor.number,
      title: anchor.title,
      titleRaw: anchor.titleRaw,
      unit: anchor.unit ?? [...repeats.values()].find((r) => r.unit !== null)?.unit ?? null,
      departmentLine: anchor.department,
      kind: anchor.untitled ? 'other' : (spec?.kind ?? 'other'),
      parts,
    });
  }
  return regions;
}

/** A table's first title group and the groups that repeat it on later pages. */
interface TableAnchors {
  anchor: Anchor;
  repeats: Map<number, Anchor>;
}

/**
 * Folds repeated titles into the table they continue: a group on a later page
 * that follows the table's last group directly, with the same title and either
 * the same printed number, a (续表) marker, or the same header lines under it.
 */
function groupRepeats(anchors: readonly Anchor[]): TableAnchors[] {
  const tables: TableAnchors[] = [];
  let lastPage = -1;
  for (const anchor of anchors) {
    const current = tables[tables.length - 1];
    if (current && anchor.page > lastPage && repeatsTitle(current.anchor, anchor)) {
      current.repeats.set(anchor.page, anchor);
    } else {
      tables.push({ anchor, repeats: new Map() });
    }
    lastPage = anchor.page;
  }
  return tables;
}

function repeatsTitle(first: Anchor, later: Anchor): boolean {
  if (later.title !== first.title && !(later.continued && bareTitle(later.title) === bareTitle(first.title))) return false;
  if (later.continued) return true;
  if (first.number !== null && later.number !== null) return first.number === later.number;
  return later.header !== '' && later.header === first.header;
}

/** Lines of a page outside its footer band (page numbers live there). */
function bodyLines(page: PageContent, settings: Settings): TextLine[] {
  const footerTop = page.height * (1 - settings.footerBand);
  const lines = groupLines(page.items, settings);
  return lines.filter((l) => !(l.bbox[1] >= footerTop && /^[-—–\s]*\d+[-—–\s]*$|^第\d+页/u.test(l.text)));
}

function isContentsPage(lines: readonly TextLine[]): boolean {
  return lines.slice(0, 6).some((l) => /^目录$|^目次$/u.test(l.text));
}

function findAnchors(
  page: PageContent,
  rawLines: readonly TextLine[],
  nextPage: PageContent | null,
  nextLines: readonly TextLine[],
  previousLines: readonly TextLine[],
  settings: Settings,
): Anchor[] {
  const joined = joinWrappedTitles(rawLines, settings);
  const lines = joined.map((j) => j.line);
  const classified = joined.map((j) => (j.wrapped ? wrappedTitle(j.line) : classifyLine(j.line, settings)));
  for (const c of classified) {
    if (c.kind === 'title' && insideNarrowCell(c.line, page, settings)) c.kind = 'other';
  }
  const anchors: Anchor[] = [];
  let i = 0;
  while (i < classified.length) {
    if (LEAD_IN_RE.test(classified[i]!.line.text)) {
      const anchor = leadInAnchor(page, classified, i, previousLines, nextPage, nextLines, settings);
      if (anchor) anchors.push(anchor);
      i++;
      continue;
    }
    if (classified[i]!.kind !== 'title' && !(classified[i]!.kind === 'number' && classified[i + 1]?.kind === 'title')) {
      i++;
      continue;
    }
    // The group: consecutive title-area lines.
    let j = i;
    while (j < classified.length && isTitleArea(classified[j]!)) j++;
    const group = classified.slice(i, j);
    const header = signature(lines.slice(j, j + settings.headerSignatureLines));
    const anchor = makeAnchor(page.number, group, header, signature(lines.slice(j, j + settings.headerRepeatLines)));
    const grid = anchor ? hasGrid(page, lines, nextPage, nextLines, anchor.bottom, settings) : 'none';
    if (anchor && grid === 'next') spillOnto(anchor, nextLines, settings);
    if (anchor && grid !== 'none') anchors.push(anchor);
    i = j;
  }
  return anchors;
}

/** A sentence that introduces what follows (2026年，本部门重点项目绩效目标情况如下：). */
const LEAD_IN_RE = /如下[:：]$/u;

/** The numbering of a heading of the report's text: 第七部分, 一、, （一）. */
const HEADING_NUMBER_RE = /^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/u;

/** A heading of the report's text (a numbered line, not a sentence). */
const HEADING_RE = new RegExp(`${HEADING_NUMBER_RE.source}[^，。；]*$`, 'u');

/**
 * A table printed without a title in the report's text (重点项目绩效目标 in the
 * 情况说明 part): a lead-in sentence ending in 如下： with a grid right under it
 * (on this page or at the top of the next) and no title between them. It is
 * named by the nearest heading above (this page or the one before), else by
 * the sentence itself.
 */
function leadInAnchor(
  page: PageContent,
  classified: readonly ClassifiedLine[],
  index: number,
  previousLines: readonly TextLine[],
  nextPage: PageContent | null,
  nextLines: readonly TextLine[],
  settings: Settings,
): Anchor | null {
  const lead = classified[index]!.line;
  const after = classified[index + 1] ?? (nextPage ? classifyLine(nextLines[0] ?? lead, settings) : undefined);
  if (after === undefined || after.kind !== 'other') return null;
  const grid = hasGrid(page, classified.map((c) => c.line), nextPage, nextLines, lead.bbox[3], settings);
  if (grid === 'none') return null;
  // Only ruled grids: without rules, the prose around an untitled table cannot be told from its rows.
  const gridPage = grid === 'here' ? page : nextPage!;
  const from = grid === 'here' ? lead.bbox[3] : 0;
  const rules = gridPage.rulings.filter((r) => (r.orientation === 'h' ? r.position : r.start) >= from - 1);
  const count = (o: 'h' | 'v'): number => new Set(rules.filter((r) => r.orientation === o).map((r) => Math.round(r.position))).size;
  if (count('h') < settings.ruledMinRules + 1 || count('v') < settings.ruledMinRules) return null;
  const lines = classified.map((c) => c.line);
  const above = [...lines.slice(0, index)].reverse();
  const heading = [...above, ...[...previousLines].reverse()].find(
    (l) => HEADING_RE.test(l.text) && l.text.length <= settings.titleMaxChars,
  );
  const title = heading ? heading.text.replace(HEADING_NUMBER_RE, '') : lead.text.replace(LEAD_IN_RE, '');
  const anchor: Anchor = {
    page: page.number,
    top: lead.bbox[1],
    bottom: lead.bbox[3],
    title,
    titleRaw: heading ? heading.raw.trim() : lead.raw.trim(),
    number: null,
    unit: null,
    department: null,
    continued: false,
    header: signature(lines.slice(index + 1, index + 1 + settings.headerSignatureLines)),
    repeatHeader: signature(lines.slice(index + 1, index + 1 + settings.headerRepeatLines)),
    spillTop: null,
    untitled: true,
  };
  if (grid === 'next') spillOnto(anchor, nextLines, settings);
  return anchor;
}

function signature(lines: readonly TextLine[]): string {
  return lines.map((l) => l.text).join('|');
}

/**
 * Joins a title wrapped over two lines (…项目绩 / 效目标表, …（按支出功能分类科 /
 * 目-不含上年结转）): two single-piece lines of one font size, close together,
 * centred on one axis or starting at one x, neither a sentence, the first not a
 * title, number, unit or 部门 line of its own, and together a title.
 */
function joinWrappedTitles(lines: readonly TextLine[], settings: Settings): { line: TextLine; wrapped: boolean }[] {
  const out: { line: TextLine; wrapped: boolean }[] = [];
  for (let k = 0; k < lines.length; k++) {
    const a = lines[k]!;
    const b = lines[k + 1];
    if (b && isWrappedTitle(a, b, settings)) {
      const both = makeLine([...a.items, ...b.items], settings);
      // makeLine orders items by x; the text reads first line, then second.
      out.push({ line: { ...both, raw: `${a.raw}${b.raw}`, text: `${a.text}${b.text}` }, wrapped: true });
      k++;
      continue;
    }
    out.push({ line: a, wrapped: false });
  }
  return out;
}

/** The classification of a title joined from two lines. */
function wrappedTitle(line: TextLine): ClassifiedLine {
  return {
    line,
    kind: 'title',
    title: stripNumbering(line.text),
    titleRaw: line.raw,
    number: parseTableNumber(line.text),
    unit: null,
    department: null,
  };
}

function isWrappedTitle(a: TextLine, b: TextLine, settings: Settings): boolean {
  const sizeA = a.items[0]?.fontSize ?? 0;
  const sizeB = b.items[0]?.fontSize ?? 0;
  if (sizeA <= 0 || Math.abs(sizeA - sizeB) > settings.titleWrapSizeRatio * Math.max(sizeA, sizeB)) return false;
  const gap = b.bbox[1] - a.bbox[3];
  if (gap < -settings.titleWrapOverlapEm * sizeA || gap > settings.titleWrapGapEm * sizeA) return false;
  const centred = Math.abs((a.bbox[0] + a.bbox[2]) / 2 - (b.bbox[0] + b.bbox[2]) / 2) <= settings.titleWrapAlignEm * sizeA;
  const leftAligned = Math.abs(a.bbox[0] - b.bbox[0]) <= settings.titleWrapAlignEm * sizeA;
  if (!centred && !leftAligned) return false;
  if (splitSegments(a, settings.tabularGapEm, settings).length > 1 || splitSegments(b, settings.tabularGapEm, settings).length > 1) return false;
  const first = classifyLine(a, settings);
  if (first.kind !== 'other') return false;
  const second = classifyLine(b, settings);
  if (second.kind !== 'other' && second.kind !== 'title') return false;
  if (/[，。；！？:：]/u.test(a.text) || /[，。；！？:：]/u.test(b.text)) return false;
  // The first line must read as the start of a title: no amount or code in it.
  if (/\d{3,}|\d\.\d/u.test(a.text.replace(/\d{4}年度?/gu, ''))) return false;
  return isTitleText(`${a.text}${b.text}`, settings);
}

/** Is the line the text of a ruled cell (vertical rules close on both sides across its height)? */
function insideNarrowCell(line: TextLine, page: PageContent, settings: Settings): boolean {
  const mid = (line.bbox[1] + line.bbox[3]) / 2;
  const crossing = page.rulings.filter((r) => r.orientation === 'v' && r.start <= mid && r.end >= mid);
  const left = Math.max(-Infinity, ...crossing.filter((r) => r.position <= line.bbox[0] + 1).map((r) => r.position));
  const right = Math.min(Infinity, ...crossing.filter((r) => r.position >= line.bbox[2] - 1).map((r) => r.position));
  return Number.isFinite(left) && Number.isFinite(right) && right - left < settings.titleCellMaxShare * page.width;
}

function isTitleArea(line: ClassifiedLine): boolean {
  return line.kind !== 'other';
}

function makeAnchor(page: number, group: ClassifiedLine[], header: string, repeatHeader: string): Anchor | null {
  let titleIndex = -1;
  for (let k = group.length - 1; k >= 0; k--) {
    if (group[k]!.kind === 'title') {
      titleIndex = k;
      break;
    }
  }
  if (titleIndex < 0) return null;
  const titleLine = group[titleIndex]!;
  let title = titleLine.title ?? '';
  let titleRaw = titleLine.titleRaw ?? '';
  const suffix = group[titleIndex + 1];
  if (suffix?.kind === 'suffix') {
    title += suffix.line.text;
    titleRaw += suffix.titleRaw ?? suffix.line.raw;
  }
  // The number nearest the title wins (表1-2 under a heading that says 公开表 1-2).
  let number: string | null = null;
  for (let d = 0; d < group.length && number === null; d++) {
    number = group[titleIndex - d]?.number ?? group[titleIndex + d]?.number ?? null;
  }
  const unit = group.find((g) => g.unit !== null)?.unit ?? null;
  const department = group.find((g) => g.department !== null)?.department ?? null;
  const first = group[0]!.line;
  const last = group[group.length - 1]!.line;
  const continued = isContinuedTitle(titleLine.line.text);
  return {
    page,
    top: first.bbox[1],
    bottom: last.bbox[3],
    title,
    titleRaw,
    number,
    unit,
    department,
    continued,
    header,
    repeatHeader,
    spillTop: null,
    untitled: false,
  };
}

/**
 * Is there a grid (rules, or lines of separated pieces) just below `top`? A
 * title printed at the foot of a page may have its grid at the top of the next.
 */
function hasGrid(
  page: PageContent,
  lines: readonly TextLine[],
  nextPage: PageContent | null,
  nextLines: readonly TextLine[],
  top: number,
  settings: Settings,
): 'here' | 'next' | 'none' {
  if (hasGridBelow(page, lines, top, top + settings.titleToGridMaxGap, settings)) return 'here';
  const footerTop = page.height * (1 - settings.footerBand);
  const below = lines.filter((l) => l.bbox[1] >= top && l.bbox[3] <= footerTop);
  if (!nextPage || below.length > 0 || top + settings.titleToGridMaxGap <= footerTop) return 'none';
  // Only what stands above the next page's own first title can belong to this one.
  const firstTitle = nextLines.find((l) => classifyLine(l, settings).kind === 'title');
  const start = nextLines[0]?.bbox[1] ?? 0;
  const limit = Math.min(firstTitle?.bbox[1] ?? Infinity, start + settings.titleToGridMaxGap);
  return hasGridBelow(nextPage, nextLines, 0, limit, settings) ? 'next' : 'none';
}

/** Takes the 部门 / unit lines at the top of the next page into a title printed at the foot of a page. */
function spillOnto(anchor: Anchor, nextLines: readonly TextLine[], settings: Settings): void {
  let top: number | null = null;
  for (const line of nextLines) {
    const c = classifyLine(line, settings);
    if (c.kind === 'other' || c.kind === 'title') break;
    anchor.unit ??= c.unit;
    anchor.department ??= c.department;
    anchor.number ??= c.number;
    top = line.bbox[3];
  }
  anchor.spillTop = top;
}

function hasGridBelow(page: PageContent, lines: readonly TextLine[], top: number, limit: number, settings: Settings): boolean {
  const h = page.rulings.filter((r) => r.orientation === 'h' && r.position >= top - 1 && r.position <= limit);
  if (h.length >= settings.ruledMinRules) return true;
  const below = lines.filter((l) => l.bbox[1] >= top && l.bbox[1] <= limit);
  return below.filter((l) => isTabularLine(l, settings)).length >= 2;
}

function isTabularLine(line: TextLine, settings: Settings): boolean {
  return splitSegments(line, settings.tabularGapEm, settings).length >= 2;
}

function makePart(page: PageContent, top: number, bottom: number, lines: readonly TextLine[]): RegionPart | null {
  if (bottom <= top) return null;
  const inside = (y0: number, y1: number): boolean => y0 >= top - 1 && y1 <= bottom + 1;
  const items = lines.filter((l) => inside(l.bbox[1], l.bbox[3])).flatMap((l) => l.items);
  const rulings = page.rulings.filter((r) =>
    r.orientation === 'h' ? inside(r.position, r.position) : r.end > top && r.start < bottom,
  );
  if (items.length === 0 && rulings.length === 0) return null;
  const bbox: BBox = [0, top, page.width, bottom];
  return { page: page.number, bbox, items, rulings };
}

/**
 * Does the table go on in this part of a later page? It must hold text and
 * start with grid content: rules, mostly tabular lines, or the header printed
 * under the table's title again (wrapped 绩效目标 text leaves few tabular lines).
 */
function continuesOnPage(part: RegionPart | null, lines: readonly TextLine[], anchor: Anchor, settings: Settings): boolean {
  if (!part || part.items.length === 0) return false;
  if (isTabular(part, lines, settings)) return true;
  const top = lines.filter((l) => l.bbox[1] >= part.bbox[1] - 1 && l.bbox[3] <= part.bbox[3] + 1);
  const repeated = signature(top.slice(0, settings.headerRepeatLines));
  return anchor.repeatHeader !== '' && similarity(repeated, anchor.repeatHeader) >= settings.headerRepeatSimilarity;
}

/** Dice similarity of the character bigrams of two strings (1: same bigrams). */
function similarity(a: string, b: string): number {
  const grams = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (let k = 0; k + 1 < s.length; k++) m.set(s.slice(k, k + 2), (m.get(s.slice(k, k + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** A continuation page must start with grid content: rules, or tabular lines rather than prose. */
function isTabular(part: RegionPart, lines: readonly TextLine[], settings: Settings): boolean {
  const h = part.rulings.filter((r) => r.orientation === 'h').length;
  const v = part.rulings.filter((r) => r.orientation === 'v').length;
  if (h >= settings.ruledMinRules && v >= settings.ruledMinRules) return true;
  const inPart = lines.filter((l) => l.bbox[1] >= part.bbox[1] - 1 && l.bbox[3] <= part.bbox[3] + 1);
  if (inPart.length === 0) return false;
  const tabular = inPart.filter((l) => isTabularLine(l, settings)).length;
  return tabular >= 3 && tabular >= inPart.length / 2;
}
