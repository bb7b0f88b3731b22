/**
 * The scanned seed sample (samples/yaan-2025-budget-scanned.pdf: the seed
 * sample rendered at 200 dpi grey, turned 0.7°, noised and JPEG-compressed,
 * no text layer) through the whole pipeline with OCR, compared with the
 * seed's expected content (samples/expected/yaan-2025-budget.json).
 *
 * Slow: every page is OCR'd (about 30 pages; 2 workers). One extraction
 * serves every test of the file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import type { Correction } from '../../src/core/document.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { nodePdfAssets } from '../../src/cli/files.js';
import { toDocumentJson, type DocumentJson } from '../../src/export/index.js';
import { extractDocument } from '../../src/extract/index.js';
import { createNodeOcrEngine } from '../../src/ocr/node.js';
import type { OcrEngine } from '../../src/ocr/types.js';

interface ExpectedTable {
  order: number;
  number: string | null;
  title: string;
  kind: string;
  columns: { key: string }[];
  rows: { cells: Record<string, string> }[];
}
const expected = JSON.parse(readFileSync('samples/expected/yaan-2025-budget.json', 'utf8')) as { tables: ExpectedTable[] };
/** The seed's own printed inconsistencies (ground truth written by hand): they must come out of OCR as printed. */
const inconsistencies = JSON.parse(readFileSync('tests/golden/yaan-2025-budget/inconsistencies.json', 'utf8')) as {
  rows: { table: string; row: number | null }[];
  columns: string[];
}[];

/** Share of amount cells read exactly after correction that the test holds to (see the test). */
const AMOUNT_FLOOR = 0.982;

/** A printed amount (codes such as 206 or 210001 are not amounts). */
const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/u;

/**
 * Amount cells of the expected tables: `order|row|column` → printed text.
 * Cells are named by the column's position: a header word the OCR misreads
 * (合计 as 2合计) changes the column's key, not the amounts under it (header
 * accuracy is another figure). Corrections name columns by key: `columnIndex`
 * maps them.
 */
function expectedAmounts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of expected.tables) {
    const index = new Map(t.columns.map((c, k) => [c.key, k]));
    t.rows.forEach((row, r) => {
      for (const [key, raw] of Object.entries(row.cells)) if (AMOUNT.test(raw)) out.set(`${t.order}|${r + 1}|${index.get(key)}`, raw);
    });
  }
  return out;
}

function columnIndex(order: number, key: string): number {
  return doc.tables.find((t) => t.order === order)!.columns.findIndex((c) => c.key === key);
}

function gotCells(doc: DocumentJson): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of doc.tables) {
    const index = new Map(t.columns.map((c, k) => [c.key, k]));
    t.rows.forEach((row, r) => Object.entries(row.cells).forEach(([key, c]) => out.set(`${t.order}|${r + 1}|${index.get(key)}`, c.raw)));
  }
  return out;
}

function exactShare(want: Map<string, string>, got: Map<string, string>): { exact: number; total: number } {
  let exact = 0;
  for (const [k, raw] of want) if (got.get(k) === raw) exact++;
  return { exact, total: want.size };
}

let engine: OcrEngine;
let doc: DocumentJson;
let corrections: Correction[];
let seconds = 0;

beforeAll(async () => {
  engine = createNodeOcrEngine({ workers: 2 });
  const started = Date.now();
  const result = await extractDocument(new Uint8Array(readFileSync('samples/yaan-2025-budget-scanned.pdf')), {
    fileName: 'yaan-2025-budget-scanned.pdf',
    assets: nodePdfAssets(),
    pipeline: departmentBudgetPipeline,
    settings: DEFAULT_SETTINGS,
    ocr: { mode: 'auto', engine },
  });
  seconds = (Date.now() - started) / 1000;
  doc = toDocumentJson(result.document, result.validation);
  corrections = result.document.corrections ?? [];
}, 900_000);

afterAll(async () => {
  await engine?.terminate();
});

describe('scanned seed sample (samples/yaan-2025-budget-scanned.pdf), OCR', () => {
  it('finds all 14 numbered tables, each read from OCR', () => {
    expect(doc.tables.map((t) => t.number)).toEqual(expected.tables.map((t) => t.number));
    expect(doc.tables.map((t) => t.kind)).toEqual(expected.tables.map((t) => t.kind));
    for (const t of doc.tables) expect(t.source).toBe('ocr');
  });

  it('reads the amount cells exactly (ratchet; the figures before and after correction are printed)', () => {
    const want = expectedAmounts();
    const after = gotCells(doc);
    const before = new Map(after);
    for (const c of corrections) before.set(`${c.order}|${c.row}|${columnIndex(c.order, c.column)}`, c.ocrText);
    const a = exactShare(want, after);
    const b = exactShare(want, before);
    const pct = (s: { exact: number; total: number }) => ((100 * s.exact) / s.total).toFixed(1);
    console.log(
      `scanned sample: ${seconds.toFixed(0)} s; amount cells exact: before correction ${b.exact}/${b.total} (${pct(b)} %), ` +
        `after ${a.exact}/${a.total} (${pct(a)} %); ${corrections.length} corrections`,
    );
    // Target 98 %. Measured: 721 → 723 of 736 (98.0 % → 98.2 %), 2 corrections (was 716 → 717 before table 6's
    // repeated header on its second page was dropped despite OCR'd header words, runs of doubtful words stopped
    // joining across a rule read into a word, and a lone 。 before an amount was dropped; 693 → 697 before numbers
    // were re-read alone and enlarged, src/ocr/reread.ts). What is left: garbles no re-read cleans (汪.5 for 2.15,
    // 上类/二过 for 1.72, 13./3), digits lost without a trace (5 for 5.37, 4 for 15.71), and numbers whose point was
    // lost in identities that hold other misreads too (so none proves them). A ratchet: the share may not drop
    // below what it reaches today.
    expect(a.exact / a.total).toBeGreaterThanOrEqual(AMOUNT_FLOOR);
  });

  it('makes only right corrections: each restores the printed text, with its proof and confidence', () => {
    const want = expectedAmounts();
    for (const c of corrections) {
      expect({ at: `${c.table} r${c.row} ${c.column}`, raw: c.raw }).toEqual({ at: `${c.table} r${c.row} ${c.column}`, raw: want.get(`${c.order}|${c.row}|${columnIndex(c.order, c.column)}`) });
      expect(c.proof.length).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThan(DEFAULT_SETTINGS.repairMaxConfidence);
      expect(c.ocrText).not.toBe(c.raw);
    }
    expect(doc.corrections).toEqual(JSON.parse(JSON.stringify(corrections)));
  });

  it('never "repairs" the seed’s own printed inconsistencies', () => {
    const printed = new Set(
      inconsistencies.flatMap((i) => i.rows.filter((r) => r.row !== null).flatMap((r) => i.columns.map((col) => `${r.table}|${r.row}|${col}`))),
    );
    const touched = corrections.map((c) => `${c.table}|${c.row}|${c.column}`).filter((k) => printed.has(k));
    // A correction may touch such a cell only to restore its printed (inconsistent) value, checked above.
    for (const k of touched) {
      const c = corrections.find((x) => `${x.table}|${x.row}|${x.column}` === k)!;
      expect(c.raw).toBe(expectedAmounts().get(`${c.order}|${c.row}|${columnIndex(c.order, c.column)}`));
    }
  });

  it('keeps every OCR cell’s confidence in document.json, and reports no page problem', () => {
    for (const t of doc.tables) {
      for (const row of t.rows) for (const c of Object.values(row.cells)) expect(c.confidence).not.toBeNull();
    }
    expect(doc.problems).toEqual([]);
  });
});
