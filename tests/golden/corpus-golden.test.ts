// Golden tables of published budgets (../shared/corpus/real): the expected content of hard tables,
// written by reading the PDFs (rendered pages and text items), never from the extractor's output.
// Format: tests/golden/README.md. Each document is extracted once; each table is compared cell by cell.
//
// A table the tool reads wrongly today keeps its golden as truth and is listed in KNOWN_FAILURES with
// the bug: its test is `it.fails`, so the suite stays green and the test flips (fails) once the bug is
// fixed — then remove the entry.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDocumentJson, type DocumentJson } from '../../src/export/index.js';
import { CORPUS_PRESENT, extractCorpusDocument } from '../helpers/corpus.js';

const GOLDEN = path.resolve('tests', 'golden');

type GoldenCell = string | { raw: string; anyOf: string[] };

interface GoldenTable {
  document: string;
  table: { number: string | null; title: string; pages: number[] };
  columns: string[];
  rows: Record<string, GoldenCell>[];
}

/**
 * Tables the tool gets wrong today (folder/table → the bug). Their tests are expected to fail;
 * when one starts passing, vitest reports it: remove its entry.
 */
const KNOWN_FAILURES: Record<string, string> = {};

/** Printed text compared without whitespace and with NFKC folding (wrapped cells are joined differently). */
const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

type ToolTable = DocumentJson['tables'][number];

function loadGoldens(): { id: string; golden: GoldenTable }[] {
  const out: { id: string; golden: GoldenTable }[] = [];
  for (const folder of readdirSync(GOLDEN, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'yaan-2025-budget') continue;
    for (const file of readdirSync(path.join(GOLDEN, folder.name)).sort()) {
      if (!file.endsWith('.json')) continue;
      const golden = JSON.parse(readFileSync(path.join(GOLDEN, folder.name, file), 'utf8')) as GoldenTable;
      out.push({ id: `${folder.name}/${file.replace(/\.json$/u, '')}`, golden });
    }
  }
  return out;
}

/** The document as document.json holds it (tables with their column keys and cells). */
const extract = (document: string): Promise<DocumentJson> =>
  extractCorpusDocument(document).then(({ document: doc, validation }) => toDocumentJson(doc, validation));

/** The tool's table for a golden: same normalized title (or number), on the golden's first page. */
function findTable(doc: DocumentJson, golden: GoldenTable): ToolTable | undefined {
  const title = norm(golden.table.title);
  const first = golden.table.pages[0];
  const named = doc.tables.filter(
    (t) => norm(t.title) === title || (golden.table.number !== null && t.number === golden.table.number),
  );
  return named.find((t) => first !== undefined && t.pages.includes(first)) ?? named[0];
}

/** Every difference between the golden and the tool's table, as readable lines (empty when equal). */
export function compareTable(golden: GoldenTable, table: ToolTable | undefined, titles: string[]): string[] {
  if (!table) return [`no table titled "${golden.table.title}" (tool's tables: ${titles.join(' | ')})`];
  const diffs: string[] = [];
  const gotColumns = table.columns.map((c) => c.key);
  if (JSON.stringify(gotColumns) !== JSON.stringify(golden.columns)) {
    const missing = golden.columns.filter((c) => !gotColumns.includes(c));
    const extra = gotColumns.filter((c) => !golden.columns.includes(c));
    diffs.push(`columns differ: missing [${missing.join(' | ')}], unexpected [${extra.join(' | ')}], got order [${gotColumns.join(' | ')}]`);
  }
  // Cells are compared under the tool's key for the same printed column: when only some keys differ
  // (reported once above), the columns are paired by position so their values are still compared.
  const samePlaces = gotColumns.length === golden.columns.length;
  const toolKey = (k: string): string => (samePlaces ? (gotColumns[golden.columns.indexOf(k)] ?? k) : k);
  if (table.rows.length !== golden.rows.length) diffs.push(`rows: expected ${golden.rows.length}, got ${table.rows.length}`);
  const n = Math.max(table.rows.length, golden.rows.length);
  for (let r = 0; r < n; r++) {
    const want = golden.rows[r];
    const got = table.rows[r];
    const label = (want && Object.values(want).map((v) => (typeof v === 'string' ? v : v.raw))[0]) ?? got?.label ?? '';
    if (!want) {
      diffs.push(`row ${r + 1}: unexpected row ${JSON.stringify(Object.fromEntries(Object.entries(got!.cells).map(([k, c]) => [k, c.raw])))}`);
      continue;
    }
    if (!got) {
      diffs.push(`row ${r + 1} "${label}": missing`);
      continue;
    }
    const gotCells = new Map(Object.entries(got.cells).map(([k, c]) => [k, norm(c.raw)]));
    const used = new Set<string>();
    for (const [key, cell] of Object.entries(want)) {
      const raw = norm(typeof cell === 'string' ? cell : cell.raw);
      const keys = (typeof cell === 'string' ? [key] : cell.anyOf).map(toolKey);
      const hit = keys.find((k) => gotCells.get(k) === raw);
      if (hit) {
        used.add(hit);
        continue;
      }
      const found = keys.map((k) => gotCells.get(k)).find((v) => v !== undefined);
      diffs.push(`row ${r + 1} "${label}" / ${key}: expected "${raw}", got ${found === undefined ? 'nothing' : `"${found}"`}`);
      for (const k of keys) used.add(k);
    }
    for (const [key, raw] of gotCells) {
      if (!used.has(key)) diffs.push(`row ${r + 1} "${label}" / ${key}: unexpected "${raw}"`);
    }
  }
  return diffs;
}

const goldens = loadGoldens();
const documents = [...new Set(goldens.map((g) => g.golden.document))];

describe.skipIf(!CORPUS_PRESENT)('golden tables of published budgets', () => {
  it('has golden tables for at least eight documents', () => {
    expect(documents.length).toBeGreaterThanOrEqual(8);
  });

  for (const { id, golden } of goldens) {
    const known = KNOWN_FAILURES[id];
    const test = known ? it.fails : it;
    test(`${id}: ${golden.document} — ${golden.table.title}${known ? ` (known bug: ${known})` : ''}`, async () => {
      const doc = await extract(golden.document);
      const table = findTable(doc, golden);
      const diffs = compareTable(golden, table, doc.tables.map((t) => t.title));
      const shown = diffs.slice(0, 40).join('\n  ') + (diffs.length > 40 ? `\n  … ${diffs.length - 40} more` : '');
      expect(diffs.length, `${id}: ${diffs.length} differences\n  ${shown}\n`).toBe(0);
    });
  }
});
