/**
 * One CLI batch over broken and awkward inputs (built in code by
 * tests/helpers/bad-pdfs.ts) plus the good sample: the batch must not stop
 * for one document, every failure must be listed in errors.json with a code,
 * and the good documents must be written in full.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/errors.js';
import { BAD_INPUTS, CHINESE_NAME, OWNER_ONLY, SMALL_TABLE, writeBadInputs } from '../helpers/bad-pdfs.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { assertBuilt, SAMPLE_PDF } from '../helpers/paths.js';

/** Every code of src/core/errors.ts (ErrorCode) plus the worker pool's own (src/cli/batch.ts). */
const PROGRAM_CODES: ReadonlySet<string> = new Set<ErrorCode | 'WORKER_DIED' | 'OUT_OF_MEMORY'>([
  'PDF_EMPTY', 'PDF_INVALID', 'PDF_ENCRYPTED', 'PDF_TRUNCATED', 'PDF_READ_FAILED', 'PAGE_FAILED',
  'OUTPUT_INVALID', 'INPUT_NOT_FOUND', 'TIMEOUT', 'INTERNAL', 'WORKER_DIED', 'OUT_OF_MEMORY',
]);

interface ErrorEntry {
  file: string;
  name: string;
  page: number | null;
  code: string;
  message: string;
}

let tmp: string;
let inputs: string;
let out: string;
let run: CliResult;
let errors: ErrorEntry[];

const nameOf = (file: string): string => file.replace(/\.pdf$/iu, '');
const errorFor = (file: string): ErrorEntry | undefined => errors.find((e) => e.file === path.join(inputs, file));

async function tableFiles(name: string): Promise<string[]> {
  return (await readdir(path.join(out, name, 'tables'))).sort();
}

beforeAll(async () => {
  assertBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-bad-'));
  inputs = path.join(tmp, 'inputs');
  out = path.join(tmp, 'out');
  await mkdir(inputs);
  await writeBadInputs(inputs);
  // One batch: the folder (searched recursively) and the good sample.
  run = await runCli(['extract', inputs, SAMPLE_PDF, '--out', out, '--jobs', '2']);
  errors = JSON.parse(await readFile(path.join(out, 'errors.json'), 'utf8')) as ErrorEntry[];
}, 180_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('a batch with bad inputs', () => {
  it('exits 1 (some documents failed) and goes on with the others', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^done {2}3 of 9 documents extracted \(0 skipped\), 6 errors/mu);
  });

  it('lists exactly the bad files in errors.json, sorted by file', () => {
    const bad = Object.values(BAD_INPUTS).map((b) => path.join(inputs, b.file)).sort();
    expect(errors.map((e) => e.file)).toEqual(bad);
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
    const name = nameOf(OWNER_ONLY.file);
    expect(errorFor(OWNER_ONLY.file)).toBeUndefined();
    const doc = JSON.parse(await readFile(path.join(out, name, 'document.json'), 'utf8')) as {
      tables: Array<{ number: string; title: string; kind: string; unit: string; columns: Array<{ key: string }>; rows: Array<{ cells: Record<string, { raw: string }> }> }>;
    };
    expect(doc.tables.map((t) => [t.number, t.title, t.kind, t.unit])).toEqual([[SMALL_TABLE.number, SMALL_TABLE.title, 'expenditure_summary', '万元']]);
    const table = doc.tables[0]!;
    expect(table.columns.map((c) => c.key)).toEqual([...SMALL_TABLE.header]);
    expect(table.rows.map((r) => table.columns.map((c) => r.cells[c.key]?.raw ?? ''))).toEqual(SMALL_TABLE.body.map((r) => [...r]));
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
    const names = [nameOf(OWNER_ONLY.file), 'yaan-2025-budget', nameOf(CHINESE_NAME.file)].sort();
    const parts = await Promise.all(names.map(async (n) => (await readFile(path.join(out, n, 'records.csv'), 'utf8')).split('\n')));
    const header = parts[0]![0]!;
    const expected = [header, ...parts.flatMap((lines) => lines.slice(1).filter((l) => l !== ''))].join('\n') + '\n';
    expect(await readFile(path.join(out, 'records.csv'), 'utf8')).toBe(expected);
  });

  it('leaves no temporary folders behind', async () => {
    const entries = (await readdir(out)).sort();
    expect(entries.filter((e) => e.startsWith('.'))).toEqual([]);
    expect(entries).toEqual(['encrypted-owner-only', 'errors.json', 'records.csv', 'yaan-2025-budget', '雅安 2025 部门预算 副本'].sort());
  });
});
