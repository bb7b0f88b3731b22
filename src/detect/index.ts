import { groupLines, splitSegments } from '../core/lines.js';
import { findTableSpec, type PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import type { BBox, PageContent, RegionPart, SourceDocument, TableRegion, TextLine } from '../core/types.js';
import { bareTitle, classifyLine, type ClassifiedLine } from './anchors.js';

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
}

/** A gap between pieces of one line (in font sizes) that makes the line tabular. */
const TABULAR_GAP_EM = 1.5;

/**
 * Finds the numbered tables: title groups (section heading, 表N line, title,
 * 部门 and unit lines) followed by a grid, each table running on until the
 * next title or until a page that carries no grid.
 */
export function detectTables(doc: SourceDocument, pipeline: PipelineSpec, settings: Settings): TableRegion[] {
  const pageLines = new Map<number, TextLine[]>();
  for (const page of doc.pages) pageLines.set(page.number, bodyLines(page, settings));
  const anchors: Anchor[] = [];
  for (const page of doc.pages) {
    const lines = pageLines.get(page.number) ?? [];
    if (isContentsPage(lines)) continue;
    anchors.push(...findAnchors(page, lines, settings));
  }
  const regions: TableRegion[] = [];
  for (let a = 0; a < anchors.length; a++) {
    const anchor = anchors[a]!;
    const next = anchors[a + 1] ?? null;
    const parts: RegionPart[] = [];
    const pageIndex = doc.pages.findIndex((p) => p.number === anchor.page);
    for (let pi = pageIndex; pi < doc.pages.length; pi++) {
      const page = doc.pages[pi]!;
      const top = pi === pageIndex ? anchor.bottom : 0;
      const stopsHere = next !== null && next.page === page.number;
      const bottom = stopsHere ? next.top : page.height * (1 - settings.footerBand);
      const part = makePart(page, top, bottom, pageLines.get(page.number) ?? []);
      if (pi > pageIndex && (!part || !isTabular(part, pageLines.get(page.number) ?? [], settings))) break;
      if (part) parts.push(part);
      if (stopsHere) break;
    }
    if (parts.length === 0) continue;
    const spec = findTableSpec(pipeline, bareTitle(anchor.title));
    regions.push({
      number: anchor.number,
      title: anchor.title,
      titleRaw: anchor.titleRaw,
      unit: anchor.unit,
      departmentLine: anchor.department,
      kind: spec?.kind ?? 'other',
      parts,
    });
  }
  return regions;
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

function findAnchors(page: PageContent, lines: readonly TextLine[], settings: Settings): Anchor[] {
  const classified = lines.map((l) => classifyLine(l, settings));
  const anchors: Anchor[] = [];
  let i = 0;
  while (i < classified.length) {
    if (classified[i]!.kind !== 'title' && !(classified[i]!.kind === 'number' && classified[i + 1]?.kind === 'title')) {
      i++;
      continue;
    }
    // The group: consecutive title-area lines.
    let j = i;
    while (j < classified.length && isTitleArea(classified[j]!)) j++;
    const group = classified.slice(i, j);
    const anchor = makeAnchor(page.number, group);
    if (anchor && hasGridBelow(page, lines, anchor.bottom, settings)) anchors.push(anchor);
    i = j;
  }
  return anchors;
}

function isTitleArea(line: ClassifiedLine): boolean {
  return line.kind !== 'other';
}

function makeAnchor(page: number, group: ClassifiedLine[]): Anchor | null {
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
  return { page, top: first.bbox[1], bottom: last.bbox[3], title, titleRaw, number, unit, department };
}

/** Is there a grid (rules, or lines of separated pieces) just below `top`? */
function hasGridBelow(page: PageContent, lines: readonly TextLine[], top: number, settings: Settings): boolean {
  const limit = top + settings.titleToGridMaxGap;
  const h = page.rulings.filter((r) => r.orientation === 'h' && r.position >= top - 1 && r.position <= limit);
  if (h.length >= settings.ruledMinRules) return true;
  const below = lines.filter((l) => l.bbox[1] >= top && l.bbox[1] <= limit);
  return below.filter((l) => isTabularLine(l, settings)).length >= 2;
}

function isTabularLine(line: TextLine, settings: Settings): boolean {
  return splitSegments(line, TABULAR_GAP_EM, settings).length >= 2;
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
