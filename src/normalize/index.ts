import type { BudgetTable, DocumentMeta } from '../core/document.js';
import { groupLines } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import type { PageContent, TextLine } from '../core/types.js';

export { normalizeTable, type NormalizeTableInput } from './table.js';
export { parseAmount, formatAmount, type ParsedAmount } from './amounts.js';
export { codeDigits, codeKind, codeInLabel } from './codes.js';

/** How many leading pages are read for the cover's department, year and kind. */
const COVER_PAGES = 2;

/** 第二部分 … headings of the 目录 and part pages. */
const PART_HEADING = /^第[一二三四五六七八九十]+部分/u;

const ORG_SUFFIX = /(局|委员会|委|办公室|办公厅|厅|院|部|中心|联合会|会|所|馆|站|队|处|政府|署|社|街道办事处|检察院|法院)$/u;

/**
 * Department, year and kind (预算/决算) of a document: from the cover where
 * it says so (雅安市科学技术局 / 2025 年部门预算), else from the tables'
 * 部门 lines and titles. Tables without a unit line take the document's unit.
 */
export function describeDocument(
  pages: readonly PageContent[],
  tables: BudgetTable[],
  settings: Settings,
  fileName: string,
): DocumentMeta {
  const coverLines = pages.slice(0, COVER_PAGES).flatMap((p) =>
    groupLines(p.items, settings).map((line) => ({ ...line, text: line.text.replace(PART_HEADING, '') })),
  );
  const coverText = coverLines.map((l) => l.text).join('\n');
  const titles = tables.map((t) => t.title).join('\n');
  const kind = /决算/u.test(coverText) || (!/预算/u.test(coverText) && /决算/u.test(titles + fileName)) ? 'final' : 'budget';
  const unitCounts = new Map<string, number>();
  for (const t of tables) if (t.unit) unitCounts.set(t.unit, (unitCounts.get(t.unit) ?? 0) + 1);
  const unit = [...unitCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  for (const t of tables) {
    if (t.unit === null) t.unit = unit;
  }
  return {
    department: departmentFrom(coverLines, fileName),
    year: yearFrom(coverText) ?? yearFrom(titles) ?? yearFrom(fileName),
    kind,
    unit,
  };
}

function yearFrom(text: string): number | null {
  const m = /(20\d{2})\s*年/u.exec(text);
  return m ? Number(m[1]) : null;
}

function departmentFrom(lines: readonly TextLine[], fileName: string): string | null {
  const firstPage = lines.filter((l) => l.page === lines[0]?.page);
  for (const line of [...firstPage, ...lines]) {
    const m = /^(\d{4})年度?(.*?)(?:部门|单位)?(?:预算|决算)/u.exec(line.text) ?? /^(.*?)(\d{4})年度?(?:部门|单位)?(?:预算|决算)/u.exec(line.text);
    const name = m ? (/^\d/u.test(m[1] ?? '') ? m[2] : m[1]) : null;
    if (name && name.length >= 2 && ORG_SUFFIX.test(name)) return name;
  }
  for (const line of lines) {
    if (line.text.length >= 3 && line.text.length <= 30 && ORG_SUFFIX.test(line.text) && !/\d|目录|预算|决算/u.test(line.text)) {
      return line.text;
    }
  }
  const fromFile = /(?:\d{4}年度?)?(.+?(?:局|委员会|委|办公室|办公厅|厅|院|部|中心))/u.exec(fileName.normalize('NFKC'));
  return fromFile?.[1] ?? null;
}
