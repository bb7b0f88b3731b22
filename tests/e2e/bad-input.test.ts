/**
 * One CLI batch over broken, hostile and awkward inputs (built in code by
 * tests/helpers/bad-pdfs.ts) plus the good sample: the batch must not stop
 * for one document, every failure must be listed in errors.json with a code
 * (and the page, for a page it could not read), the good documents must be
 * written in full, and nothing may be fetched from the network. The batch
 * runs with a per-document --timeout, and the whole run under a time limit:
 * a hang fails the test instead of stalling it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/errors.js';
import {
  BAD_INPUTS,
  CHINESE_NAME,
  HOSTILE_INPUTS,
  JAVASCRIPT_MARK,
  noNetworkEnv,
  OWNER_ONLY,
  SMALL_TABLE,
  writeBadInputs,
  writeHostileInputs,
} from '../helpers/bad-pdfs.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { assertBuilt, REPO_ROOT, SAMPLE_PDF } from '../helpers/paths.js';

/** Every code of src/core/errors.ts (ErrorCode) plus the worker pool's own (src/cli/batch.ts). */
const PROGRAM_CODES: ReadonlySet<string> = new Set<ErrorCode | 'WORKER_DIED' | 'OUT_OF_MEMORY'>([
  'PDF_EMPTY', 'PDF_INVALID', 'PDF_ENCRYPTED', 'PDF_TRUNCATED', 'PDF_READ_FAILED', 'PAGE_FAILED',
  'OUTPUT_INVALID', 'INPUT_NOT_FOUND', 'TIMEOUT', 'INTERNAL', 'WORKER_DIED', 'OUT_OF_MEMORY',
]);

/** Characters no readable text has: controls, private use, the replacement character. */
const GARBAGE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uE000-\uF8FF\uFFFD]/u;

interface ErrorEntry {
  file: string;
  name: string;
  page: number | null;
  code: string;
  message: string;
}

interface DocumentJson {
  source: { file: string; pages: number };
  tables: Array<{
    number: string | null;
    title: string;
    source: string;
    kind: string;
    unit: string | null;
    pages: number[];
    columns: Array<{ key: string }>;
    rows: Array<{ cells: Record<string, { raw: string }> }>;
  }>;
}

let tmp: string;
let inputs: string;
let out: string;
let run: CliResult;
let runSeconds: number;
let errors: ErrorEntry[];
let networkLog: string;

const nameOf = (file: string): string => file.replace(/\.pdf$/iu, '');
const errorFor = (file: string): ErrorEntry | undefined => errors.find((e) => e.file === path.join(inputs, file) && e.page === null);
const pageErrorsFor = (file: string): ErrorEntry[] => errors.filter((e) => e.file === path.join(inputs, file) && e.page !== null);
const readDoc = async (file: string): Promise<DocumentJson> => JSON.parse(await readFile(path.join(out, nameOf(file), 'document.json'), 'utf8')) as DocumentJson;

async function tableFiles(name: string): Promise<string[]> {
  return (await readdir(path.join(out, name, 'tables'))).sort();
}

/** The tables of a document are exactly SMALL_TABLE, cell by cell. */
function expectSmallTable(doc: DocumentJson, what: string): void {
  expect(doc.tables.map((t) => [t.number, t.title, t.kind, t.unit]), what).toEqual([[SMALL_TABLE.number, SMALL_TABLE.title, 'expenditure_summary', '万元']]);
  const table = doc.tables[0]!;
  expect(table.columns.map((c) => c.key), what).toEqual([...SMALL_TABLE.header]);
  expect(table.rows.map((r) => table.columns.map((c) => r.cells[c.key]?.raw ?? '')), what).toEqual(SMALL_TABLE.body.map((r) => [...r]));
}

beforeAll(async () => {
  assertBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-bad-'));
  inputs = path.join(tmp, 'inputs');
  out = path.join(tmp, 'out');
  await mkdir(inputs);
  await Promise.all([writeBadInputs(inputs), writeHostileInputs(inputs)]);
  const guard = await noNetworkEnv(tmp);
  networkLog = guard.log;
  // One batch: the folder (searched recursively) and the good sample; every node process of it without network.
  const started = Date.now();
  run = await runCli(['extract', inputs, SAMPLE_PDF, '--out', out, '--jobs', '2', '--timeout', '120'], { env: guard.env, timeoutMs: 240_000 });
  runSeconds = (Date.now() - started) / 1000;
  errors = JSON.parse(await readFile(path.join(out, 'errors.json'), 'utf8')) as ErrorEntry[];
}, 300_000);

afterAll(async () => {
  // BUDGET_TABLES_KEEP_TMP=1 keeps the inputs and outputs for a look.
  if (tmp && !process.env.BUDGET_TABLES_KEEP_TMP) await rm(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`kept ${tmp}`);
});

describe('a batch with bad inputs', () => {
  it('exits 1 (some documents failed) and goes on with the others, within its time', () => {
    expect(run.signal, `killed after ${runSeconds} s: the batch hung`).toBeNull();
    expect(run.code).toBe(1);
    const total = Object.keys(BAD_INPUTS).length + Object.keys(HOSTILE_INPUTS).length + 3;
    const extracted = total - Object.keys(BAD_INPUTS).length;
    expect(run.stdout).toMatch(new RegExp(`^done {2}${extracted} of ${total} documents extracted \\(0 skipped\\), ${errors.length} errors`, 'mu'));
  });

  it('ends with the run summary', () => {
    expect(run.stdout).toMatch(/^summary\n {2}documents +15 \(9 extracted, 0 skipped, 6 failed\)\n {2}pages +\d+\n {2}tables +\d+\n {2}records +\d+\n {2}failed checks +\d+\n {2}OCR pages +\d+\n {2}time +[\d.]+ s.*\n {2}speed +[\d.]+ pages\/s/mu);
    // 2,000 + 29 + 29 + 1 + 1 + 1 + 1 + 1 + 1 pages were read
    expect(run.stdout).toMatch(/^ {2}pages +2064$/mu);
  });

  it('lists exactly the bad files as failed documents in errors.json, sorted by file', () => {
    const bad = Object.values(BAD_INPUTS).map((b) => path.join(inputs, b.file)).sort();
    expect(errors.filter((e) => e.page === null).map((e) => e.file)).toEqual(bad);
    const files = errors.map((e) => e.file);
    expect(files).toEqual([...files].sort());
  });

  it('reports pages only of the inputs with a page it cannot read (the image, the undecodable fonts)', () => {
    const withPages = new Set(errors.filter((e) => e.page !== null).map((e) => path.basename(e.file)));
    for (const file of withPages) expect([HOSTILE_INPUTS.imageOnly.file, HOSTILE_INPUTS.noToUnicode.file]).toContain(file);
  });

  it.each(Object.entries(BAD_INPUTS))('%s: an error entry with a program code, its NAME and a message', (_key, input) => {
    const entry = errorFor(input.file);
    expect(entry, input.what).toBeDefined();
    expect(PROGRAM_CODES.has(entry!.code), `${input.what}: code ${entry!.code}`).toBe(true);
    expect(entry!.name).toBe(nameOf(input.file));
    expect(entry!.page).toBeNull();
    expect(entry!.message.length).toBeGreaterThan(5);
    // reported on stderr too, with the file and the code
    expect(run.stderr).toContain(`${entry!.file}: ${entry!.code}: `);
    // nothing written for a failed document (not even half of it)
    expect(existsSync(path.join(out, entry!.name))).toBe(false);
  });

  it('gives each kind of bad input the code that names its problem', () => {
    // Truncated files fail as a whole (no partial document), named as cut short.
    expect(Object.fromEntries(Object.entries(BAD_INPUTS).map(([key, b]) => [key, errorFor(b.file)?.code]))).toEqual({
      empty: 'PDF_EMPTY',
      text: 'PDF_INVALID',
      html: 'PDF_INVALID',
      truncated30: 'PDF_TRUNCATED',
      truncated70: 'PDF_TRUNCATED',
      userPassword: 'PDF_ENCRYPTED',
    });
    expect(errorFor(BAD_INPUTS.userPassword.file)!.message).toMatch(/password/u);
    expect(errorFor(BAD_INPUTS.empty.file)!.message).toMatch(/empty/u);
  });

  it('writes the good sample in full: 14 tables and its records', async () => {
    const name = 'yaan-2025-budget';
    expect((await readdir(path.join(out, name))).sort()).toEqual(['document.json', 'records.csv', 'tables', 'validation.json', 'validation.md']);
    expect(await tableFiles(name)).toHaveLength(14);
    const doc = JSON.parse(await readFile(path.join(out, name, 'document.json'), 'utf8')) as { tables: unknown[]; source: { pages: number } };
    expect(doc.tables).toHaveLength(14);
    expect(doc.source.pages).toBe(29);
    expect(run.stdout).toMatch(/^ok {4}yaan-2025-budget {2}29 pages, 14 tables/mu);
  });

  it('extracts the owner-password-only PDF (it opens without a password) with its table', async () => {
    expect(errorFor(OWNER_ONLY.file)).toBeUndefined();
    expectSmallTable(await readDoc(OWNER_ONLY.file), OWNER_ONLY.what);
  });

  it('writes the copy with spaces and Chinese in its name under its own NAME folder', async () => {
    const name = nameOf(CHINESE_NAME.file);
    expect(name).toBe('雅安 2025 部门预算 副本');
    expect(await tableFiles(name)).toEqual(await tableFiles('yaan-2025-budget'));
    const doc = JSON.parse(await readFile(path.join(out, name, 'document.json'), 'utf8')) as { source: { file: string } };
    expect(doc.source.file).toBe(CHINESE_NAME.file);
    // same PDF bytes, same records
    expect((await readFile(path.join(out, name, 'records.csv'))).equals(await readFile(path.join(out, 'yaan-2025-budget', 'records.csv')))).toBe(true);
  });

  it('OUTDIR/records.csv holds the records of the extracted documents, in NAME order', async () => {
    const names = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(names).toHaveLength(9);
    const parts = await Promise.all(names.map(async (n) => (await readFile(path.join(out, n, 'records.csv'), 'utf8')).split('\n')));
    const header = parts[0]![0]!;
    const expected = [header, ...parts.flatMap((lines) => lines.slice(1).filter((l) => l !== ''))].join('\n') + '\n';
    expect(await readFile(path.join(out, 'records.csv'), 'utf8')).toBe(expected);
  });

  it('leaves no temporary folders behind', async () => {
    const entries = (await readdir(out)).sort();
    expect(entries.filter((e) => e.startsWith('.'))).toEqual([]);
    const written = [OWNER_ONLY.file, CHINESE_NAME.file, ...Object.values(HOSTILE_INPUTS).map((h) => h.file)].map(nameOf);
    expect(entries).toEqual(['errors.json', 'records.csv', 'yaan-2025-budget', ...written].sort());
  });
});

describe('hostile and awkward PDFs', () => {
  it.each([HOSTILE_INPUTS.brokenXref, HOSTILE_INPUTS.hugeMediaBox, HOSTILE_INPUTS.javascript])('$what: the table, cell by cell, and no error', async (input) => {
    expect(errors.filter((e) => e.file === path.join(inputs, input.file))).toEqual([]);
    expectSmallTable(await readDoc(input.file), input.what);
  });

  it('2,000 pages: every page read, the table on the last one', async () => {
    const input = HOSTILE_INPUTS.manyPages;
    expect(errors.filter((e) => e.file === path.join(inputs, input.file))).toEqual([]);
    const doc = await readDoc(input.file);
    expect(doc.source.pages).toBe(2000);
    expectSmallTable(doc, input.what);
    expect(doc.tables[0]!.pages).toEqual([2000]);
    expect(run.stdout).toMatch(/^ok {4}pages-2000 {2}2000 pages, 1 tables/mu);
  });

  /** The CLI read this page by OCR (its `ok` line says so; the run summary counts it under OCR pages). */
  const readByOcr = (name: string, page: number): boolean =>
    page === 1 && new RegExp(`^ok {4}${name} {2}\\d+ pages, .*, \\d+ pages? read by OCR`, 'mu').test(run.stdout);

  // A scan without a text layer: read by OCR (the default, --ocr auto), or, where OCR cannot run, the
  // page reported (errors.json and stderr name the file and the page). Never a document passed as
  // complete in silence. The image holds rules and no text: no table may come out of it.
  it('a page that is one big image: written, and the page read by OCR or reported as not read', async () => {
    const input = HOSTILE_INPUTS.imageOnly;
    expect(errorFor(input.file)).toBeUndefined();
    const doc = await readDoc(input.file);
    expect(doc.source.pages).toBe(1);
    expect(doc.tables).toEqual([]);
    const problems = pageErrorsFor(input.file);
    if (readByOcr(nameOf(input.file), 1)) {
      expect(problems).toEqual([]);
    } else {
      expect(problems.map((p) => p.page), 'page 1 must be read by OCR or reported').toEqual([1]);
      expect(problems[0]!.name).toBe(nameOf(input.file));
      expect(problems[0]!.message).toMatch(/OCR/u);
      expect(run.stderr).toContain(`${path.join(inputs, input.file)}: page 1: ${problems[0]!.code}: `);
      expect(run.stdout).toMatch(/^ok {4}image-only {2}1 pages, 0 tables, 0 records.*1 page problem$/mu);
    }
  });

  // pdf.js reads these glyphs as control characters: the text layer is unusable. The page is read by
  // OCR instead (its tables then say source "ocr" and carry confidences), or reported; the control
  // characters never reach a table. (How well the OCR reads it is the OCR tests' business.)
  it('fonts without a ToUnicode map: no crash, no garbage presented as tables; the page read by OCR or reported', async () => {
    const input = HOSTILE_INPUTS.noToUnicode;
    expect(errorFor(input.file)).toBeUndefined();
    const doc = await readDoc(input.file);
    const cells = doc.tables.flatMap((t) => [t.title, ...t.columns.map((c) => c.key), ...t.rows.flatMap((r) => Object.values(r.cells).map((c) => c.raw))]);
    expect(cells.filter((c) => GARBAGE.test(c))).toEqual([]);
    const problems = pageErrorsFor(input.file);
    if (readByOcr(nameOf(input.file), 1)) {
      expect(problems).toEqual([]);
      expect(doc.tables.map((t) => t.source)).toEqual(['ocr']);
      expect(cells.filter((c) => c === '100.00')).toHaveLength(4);
    } else if (problems.length > 0) {
      expect(problems.map((p) => p.page)).toEqual([1]);
      expect(doc.tables).toEqual([]);
      expect(run.stderr).toContain(`${path.join(inputs, input.file)}: page 1: ${problems[0]!.code}: `);
    } else {
      expectSmallTable(doc, input.what);
    }
  });

  it('embedded JavaScript is never run, and nothing in the batch touched the network', async () => {
    expect(existsSync(path.join(inputs, JAVASCRIPT_MARK))).toBe(false);
    expect(existsSync(networkLog) ? await readFile(networkLog, 'utf8') : '').toBe('');
  });

  it('pdf.js runs with eval disabled and its data from the installed package (paths, not URLs)', async () => {
    const ingest = await readFile(path.join(REPO_ROOT, 'dist', 'src', 'ingest', 'pdf.js'), 'utf8');
    expect(ingest).toMatch(/isEvalSupported:\s*false/u);
    const { nodePdfAssets } = (await import(path.join(REPO_ROOT, 'dist', 'src', 'cli', 'files.js'))) as typeof import('../../src/cli/files.js');
    const assets = nodePdfAssets();
    for (const folder of [assets.cMapUrl, assets.standardFontDataUrl]) {
      expect(folder).not.toMatch(/^[a-z]+:\/\//iu);
      expect(existsSync(folder)).toBe(true);
    }
  });

  it('the network guard itself works (a fetch under it is logged and fails)', async () => {
    const log = path.join(tmp, 'guard-check.log');
    const env = { ...process.env, ...(await noNetworkEnv(tmp)).env, BUDGET_TABLES_NETWORK_LOG: log };
    const result = spawnSync(process.execPath, ['-e', "fetch('http://127.0.0.1:9/').then(() => process.exit(0), () => process.exit(3))"], { env, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(await readFile(log, 'utf8')).toContain('fetch');
  });
});
