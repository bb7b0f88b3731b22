import type { BudgetDocument, BudgetTable, ProseLine } from '../core/document.js';
import { groupLines } from '../core/lines.js';
import type { PageContent, TableRegion } from '../core/types.js';
import type { PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { detectTables } from '../detect/index.js';
import { readPdf, type PdfAssets } from '../ingest/index.js';
import type { OcrOptions } from '../ocr/types.js';
import { describeDocument, normalizeTable } from '../normalize/index.js';
import { reconstructTable } from '../reconstruct/index.js';
import { repairDocument } from '../repair/index.js';
import { validateDocument, type ValidationReport } from '../validate/index.js';

export interface ExtractOptions {
  fileName: string;
  assets: PdfAssets;
  pipeline: PipelineSpec;
  settings: Settings;
  /** Keep only these tables (by number such as `3-1`, or kind slug); all when empty. */
  tables?: readonly string[];
  /** Progress: called after each page is read (the web page shows it). */
  onPage?: (done: number, total: number) => void;
  /**
   * OCR of scanned pages: mode (`auto` reads only pages whose text layer is
   * unusable) and the engine, created once per process and shared by every
   * document (`createNodeOcrEngine` in Node). No OCR when omitted.
   */
  ocr?: OcrOptions;
}

export interface ExtractResult {
  document: BudgetDocument;
  validation: ValidationReport;
  /** Pages whose items came from OCR (1-based): the CLI's run summary counts them. */
  ocrPages: number[];
}

/**
 * The whole pipeline for one PDF held in memory: ingest → detect →
 * reconstruct → normalize → validate. No file system: the CLI and the web
 * page both call this.
 */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions): Promise<ExtractResult> {
  const { settings, pipeline } = options;
  const sha256 = await sha256Hex(bytes);
  const source = await readPdf(bytes, {
    assets: options.assets,
    settings,
    ...(options.onPage ? { onPage: options.onPage } : {}),
    ...(options.ocr ? { ocr: options.ocr } : {}),
  });
  const regions = detectTables(source, pipeline, settings);
  const tables: BudgetTable[] = regions.map((region, k) => {
    const spec = pipeline.tables.find((s) => s.kind === region.kind) ?? null;
    const grid = reconstructTable(
      region,
      { totalLabel: pipeline.totalLabel, ...(spec?.headerRows !== undefined ? { headerRows: spec.headerRows } : {}) },
      settings,
    );
    return normalizeTable({ region, grid, order: k + 1, spec, pipeline, settings });
  });
  const meta = describeDocument(source.pages, tables, settings, options.fileName);
  const selected = selectTables(tables, options.tables ?? []);
  const document: BudgetDocument = {
    source: { file: options.fileName, sha256, pages: source.pageCount },
    document: meta,
    tables: selected,
    selectedTables: [...(options.tables ?? [])].sort(),
    prose: proseLines(source.pages, regions, settings),
    pageProblems: source.pages
      .filter((p) => p.error !== null)
      .map((p) => ({ page: p.number, code: p.error!.code, message: p.error!.message })),
  };
  // OCR'd tables: numbers the identities prove are corrected, each correction listed with its proof.
  const repaired = document.tables.some((t) => t.source !== 'text') ? repairDocument(document, pipeline, settings) : null;
  const final = repaired ? { ...repaired.document, corrections: repaired.corrections } : document;
  return {
    document: final,
    validation: validateDocument(final, pipeline, settings),
    ocrPages: source.pages.filter((p) => p.ocr !== undefined).map((p) => p.number),
  };
}

/** Lines of text that lie in no table's area: the narrative the prose checks read. */
function proseLines(pages: readonly PageContent[], regions: readonly TableRegion[], settings: Settings): ProseLine[] {
  const out: ProseLine[] = [];
  for (const page of pages) {
    const parts = regions.flatMap((r) => r.parts.filter((p) => p.page === page.number));
    for (const line of groupLines(page.items, settings)) {
      const inTable = parts.some((p) => line.bbox[1] >= p.bbox[1] - 1 && line.bbox[3] <= p.bbox[3] + 1);
      if (!inTable) out.push({ page: page.number, text: line.text });
    }
  }
  return out;
}

function selectTables(tables: BudgetTable[], wanted: readonly string[]): BudgetTable[] {
  if (wanted.length === 0) return tables;
  return tables.filter((t) => wanted.some((w) => w === t.number || w === t.kind));
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
