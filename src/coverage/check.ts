/**
 * The coverage check for one document: reads the PDF's text layer its own
 * way, runs the tool's extraction, and compares them page by page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import { extractDocument } from '../extract/index.js';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { matchPage, toolCells, type PageResult, type ToolCell } from './match.js';
import { readPdfText, pdfjsAssetDirs } from './pdftext.js';
import { readPage, type PageReading } from './printed.js';
import { collapseRepeats, contentsTitles, printedTitles, sameTitle, titleAnswered, titleKey, type PrintedTitle } from './titles.js';

export interface TitleCoverage {
  /** Printed titles (repeats on consecutive pages counted once). */
  printed: PrintedTitle[];
  /** Of those, the ones no tool table answers. */
  missing: PrintedTitle[];
  /** 目录 entries that name tables (empty when the document has no 目录). */
  contents: PrintedTitle[];
  contentsMissing: PrintedTitle[];
}

export interface DocumentCoverage {
  file: string;
  pages: number;
  /** Pages with a text layer. */
  textPages: number;
  tablePages: number;
  /** Number of tables the tool returned. */
  toolTables: number;
  printed: number;
  found: number;
  foundAsText: number;
  extracted: number;
  precise: number;
  placementChecked: number;
  placementOk: number;
  unverified: number;
  titles: TitleCoverage;
  pageResults: PageResult[];
  /** The tool failed on this document (message), or null. */
  error: string | null;
  ms: number;
  /** Time spent reading the text layer, extracting with the tool, and comparing (ms). */
  timing: { read: number; extract: number; compare: number };
}

export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export async function checkDocument(file: string): Promise<DocumentCoverage> {
  const t0 = performance.now();
  const bytes = new Uint8Array(fs.readFileSync(file));
  const text = await readPdfText(bytes);
  const readings = text.pages.map(readPage);
  const t1 = performance.now();
  const byPage = new Map<number, PageReading>(readings.map((r) => [r.page, r]));
  let error: string | null = null;
  let cells: ToolCell[] = [];
  let toolTitles: { key: string; pages: number[] }[] = [];
  let toolTables = 0;
  try {
    const { document } = await extractDocument(bytes, {
      fileName: path.basename(file),
      assets: pdfjsAssetDirs(),
      pipeline: departmentBudgetPipeline,
      settings: DEFAULT_SETTINGS,
    });
    cells = toolCells(document);
    toolTables = document.tables.length;
    toolTitles = document.tables.map((t) => ({ key: titleKey(t.title), pages: t.pages }));
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const t2 = performance.now();
  const cellsByPage = new Map<number, ToolCell[]>();
  for (const c of cells) {
    const list = cellsByPage.get(c.page) ?? [];
    list.push(c);
    cellsByPage.set(c.page, list);
  }
  const pageResults = readings.map((r) => matchPage(r, cellsByPage.get(r.page) ?? [], byPage));
  const sum = (f: (p: PageResult) => number): number => pageResults.reduce((a, p) => a + f(p), 0);

  const contentsRead = contentsTitles(readings);
  const contents = contentsRead.titles;
  const printed = collapseRepeats(printedTitles(readings, contentsRead.pages));
  const titles: TitleCoverage = {
    printed,
    missing: printed.filter((t) => !titleAnswered(t, toolTitles)),
    contents,
    contentsMissing: contents.filter((t) => !toolTitles.some((tt) => sameTitle(tt.key, t.key))),
  };
  return {
    file,
    pages: text.pageCount,
    textPages: text.pages.filter((p) => p.runs.length > 0).length,
    tablePages: readings.filter((r) => r.tablePage).length,
    toolTables,
    printed: sum((p) => p.printed),
    found: sum((p) => p.found),
    foundAsText: sum((p) => p.foundAsText),
    extracted: sum((p) => p.extracted),
    precise: sum((p) => p.precise),
    placementChecked: sum((p) => p.placementChecked),
    placementOk: sum((p) => p.placementOk),
    unverified: sum((p) => p.unverified),
    titles,
    pageResults,
    error,
    ms: performance.now() - t0,
    timing: { read: t1 - t0, extract: t2 - t1, compare: performance.now() - t2 },
  };
}
