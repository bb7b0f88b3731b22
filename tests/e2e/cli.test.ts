/**
 * The command as a user runs it: `node dist/src/cli/main.js extract …` on the
 * main sample, checked against the output contract
 * (/work/shared/spec/output-contract.md). Needs the build (npm test does it).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallTablePdf } from '../helpers/bad-pdfs.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { assertBuilt, REPO_ROOT, SAMPLE_PDF } from '../helpers/paths.js';

/** records.csv header, verbatim from the contract. */
const RECORDS_HEADER =
  'department,year,table_number,table_kind,table_title,page,row,row_label,function_code,economic_code,unit_code,column,value_raw,value,unit';
const NAME = 'yaan-2025-budget';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface ExpectedTable {
  order: number;
  number: string | null;
  title: string;
  kind: string;
  pages: number[];
  rows: unknown[];
}
interface DocumentJson {
  schemaVersion: number;
  source: { file: string; sha256: string; pages: number };
  document: { department: string | null; year: number | null; kind: string; unit: string | null };
  tables: Array<
    Omit<ExpectedTable, 'rows'> & {
      columns: Array<{ key: string; path: string[] }>;
      rows: Array<{ label: string; cells: Record<string, { raw: string; value: string | null }> }>;
    }
  >;
  validation: { summary: { run: number; pass: number; fail: number; skipped: number; rounding: number } };
}

const utf8 = (bytes: Buffer): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

let tmp: string;
let out: string;
let docDir: string;
let first: CliResult;
/** `--table 3-2` and `--fail-on-check` runs, started with the first one (they are independent). */
let onlyTable: CliResult;
let failOnCheck: CliResult;
let expected: { tables: ExpectedTable[] };

beforeAll(async () => {
  assertBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-cli-'));
  out = path.join(tmp, 'out');
  docDir = path.join(out, NAME);
  expected = await readJson(path.join(REPO_ROOT, 'samples', 'expected', `${NAME}.json`));
  [first, onlyTable, failOnCheck] = await Promise.all([
    runCli(['extract', path.relative(REPO_ROOT, SAMPLE_PDF), '--out', out]),
    runCli(['extract', SAMPLE_PDF, '--out', path.join(tmp, 'table-3-2'), '--table', '3-2', '--quiet']),
    runCli(['extract', SAMPLE_PDF, '--out', path.join(tmp, 'fail-on-check'), '--fail-on-check']),
  ]);
}, 180_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('extract samples/yaan-2025-budget.pdf --out DIR', () => {
  it('exits 0 and reports the document', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^ok {4}yaan-2025-budget {2}29 pages, 14 tables, \d+ records, checks \d+ pass \/ \d+ fail \/ \d+ skipped/mu);
    expect(first.stdout).toMatch(/^done {2}1 of 1 documents extracted/mu);
  });

  it('writes errors.json as []', async () => {
    expect(await readFile(path.join(out, 'errors.json'), 'utf8')).toMatch(/^\[\]\s*$/u);
  });

  it('writes the document folder: document.json, records.csv, tables/, validation.json, validation.md', async () => {
    expect((await readdir(docDir)).sort()).toEqual(['document.json', 'records.csv', 'tables', 'validation.json', 'validation.md']);
    // no temporary folders left behind
    expect((await readdir(out)).sort()).toEqual(['errors.json', 'records.csv', NAME]);
  });

  it('document.json: schema 1, the source, the document and the 14 tables of the sample', async () => {
    const doc = await readJson<DocumentJson>(path.join(docDir, 'document.json'));
    const sha256 = createHash('sha256').update(await readFile(SAMPLE_PDF)).digest('hex');
    expect(doc.schemaVersion).toBe(1);
    expect(doc.source).toEqual({ file: 'yaan-2025-budget.pdf', sha256, pages: 29 });
    expect(doc.document).toEqual({ department: '雅安市科学技术局', year: 2025, kind: 'budget', unit: '万元' });
    const brief = (t: Omit<ExpectedTable, 'rows'> & { rows: readonly unknown[] }) => [t.order, t.number, t.title, t.kind, t.pages, t.rows.length];
    expect(doc.tables.map(brief)).toEqual(expected.tables.map(brief));
    // a spot cell: 表1-2 合计 row as printed, value without separators
    const t12 = doc.tables.find((t) => t.number === '1-2')!;
    const total = t12.rows.find((r) => r.label === '合计')!;
    expect(Object.values(total.cells).map((c) => [c.raw, c.value])).toContainEqual(['3,296.67', '3296.67']);
  });

  it('records.csv: UTF-8 without BOM, the contract header, \\n line ends, one line per non-empty body cell', async () => {
    const bytes = await readFile(path.join(docDir, 'records.csv'));
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(false);
    const text = utf8(bytes);
    expect(text.split('\n')[0]).toBe(RECORDS_HEADER);
    expect(text).not.toContain('\r\n');
    expect(text.endsWith('\n')).toBe(true);
    const doc = await readJson<DocumentJson>(path.join(docDir, 'document.json'));
    const cells = doc.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + Object.keys(r.cells).length, 0), 0);
    expect(cells).toBeGreaterThan(1000);
    // no field of the sample holds a line break, so lines = header + one per cell
    expect(text.trimEnd().split('\n')).toHaveLength(cells + 1);
    expect(first.stdout).toContain(`${cells} records`);
    expect(text).toContain('\n雅安市科学技术局,2025,1,revenue_expenditure_summary,部门收支总表,7,1,一、一般公共预算拨款收入,,,,收入/预算数,"3,296.67",3296.67,万元\n');
  });

  it('tables/: 14 files NN_TITLE.csv in table order, each starting with a BOM and a header of column keys', async () => {
    const files = (await readdir(path.join(docDir, 'tables'))).sort();
    expect(files).toHaveLength(14);
    expect(files).toEqual(expected.tables.map((t) => `${String(t.order).padStart(2, '0')}_${t.title.replace(/[^\p{L}\p{N}]/gu, '')}.csv`));
    expect(files[0]).toBe('01_部门收支总表.csv');
    expect(files[4]).toBe('05_财政拨款支出预算表部门经济分类科目.csv');
    expect(files[8]).toBe('09_一般公共预算三公经费支出预算表.csv');
    const doc = await readJson<DocumentJson>(path.join(docDir, 'document.json'));
    for (const [k, file] of files.entries()) {
      const bytes = await readFile(path.join(docDir, 'tables', file));
      expect(bytes.subarray(0, 3).equals(BOM), file).toBe(true);
      const text = utf8(bytes.subarray(3));
      expect(text).not.toContain('\r\n');
      const header = text.split('\n')[0]!;
      expect(header, file).toBe(doc.tables[k]!.columns.map((c) => (/[",\n]/u.test(c.key) ? `"${c.key.replace(/"/gu, '""')}"` : c.key)).join(','));
    }
  });

  it('validation.json and validation.md agree with document.json', async () => {
    const report = await readJson<{ summary: DocumentJson['validation']['summary']; checks: Array<{ status: string }> }>(path.join(docDir, 'validation.json'));
    const doc = await readJson<DocumentJson>(path.join(docDir, 'document.json'));
    expect(report.summary).toEqual(doc.validation.summary);
    expect(report.summary.run).toBe(report.checks.length);
    expect(report.summary.pass + report.summary.fail + report.summary.skipped).toBe(report.summary.run);
    expect(report.summary.fail).toBeGreaterThan(0); // the sample's data is inconsistent on purpose
    const md = await readFile(path.join(docDir, 'validation.md'), 'utf8');
    expect(md).toContain('# 校验报告');
    expect(md).toContain(`| ${report.summary.run} | ${report.summary.pass} | ${report.summary.fail} |`);
  });

  it('OUTDIR/records.csv is the document records.csv byte for byte (single document)', async () => {
    const batch = await readFile(path.join(out, 'records.csv'));
    const own = await readFile(path.join(docDir, 'records.csv'));
    expect(batch.length).toBe(own.length);
    expect(batch.equals(own)).toBe(true);
  });

  it('a second run without --force skips the document and leaves its outputs unchanged', async () => {
    const files = ['document.json', 'records.csv', 'validation.json', 'validation.md', 'tables/07_一般公共预算基本支出预算表.csv'];
    const before = await Promise.all(files.map(async (f) => ({ mtime: (await stat(path.join(docDir, f))).mtimeMs, bytes: await readFile(path.join(docDir, f)) })));
    const batchBefore = await readFile(path.join(out, 'records.csv'));
    const again = await runCli(['extract', SAMPLE_PDF, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^skip {2}yaan-2025-budget/mu);
    expect(again.stdout).toMatch(/0 of 0 documents extracted \(1 skipped\)/u);
    const after = await Promise.all(files.map(async (f) => ({ mtime: (await stat(path.join(docDir, f))).mtimeMs, bytes: await readFile(path.join(docDir, f)) })));
    after.forEach((a, k) => {
      expect(a.mtime, files[k]).toBe(before[k]!.mtime);
      expect(a.bytes.equals(before[k]!.bytes), files[k]).toBe(true);
    });
    expect((await readFile(path.join(out, 'records.csv'))).equals(batchBefore)).toBe(true);
    expect(await readFile(path.join(out, 'errors.json'), 'utf8')).toMatch(/^\[\]\s*$/u);
  });

  // Known bug (see report): --fail-on-check only counts documents processed in this run;
  // a skipped (already complete) document's failed checks are ignored, so a resumed run
  // exits 0 on a sample whose checks fail. Remove `.fails` when fixed.
  it('--fail-on-check on a resumed run still exits 3 (skipped documents keep their failed checks)', async () => {
    const again = await runCli(['extract', SAMPLE_PDF, '--out', out, '--fail-on-check', '--quiet']);
    expect(again.code).toBe(3);
  });
});

describe('options', () => {
  it('--table 3-2 writes only that table', async () => {
    const dir = path.join(tmp, 'table-3-2');
    const run = onlyTable;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const doc = await readJson<DocumentJson>(path.join(dir, NAME, 'document.json'));
    expect(doc.tables.map((t) => [t.order, t.number, t.title])).toEqual([[8, '3-2', '一般公共预算项目支出预算表']]);
    expect(await readdir(path.join(dir, NAME, 'tables'))).toEqual(['08_一般公共预算项目支出预算表.csv']);
    const lines = (await readFile(path.join(dir, NAME, 'records.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(RECORDS_HEADER);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(',')[2]).toBe('3-2');
  });

  it('--fail-on-check exits 3 on the sample (its checks fail), after writing the outputs', async () => {
    const dir = path.join(tmp, 'fail-on-check');
    const run = failOnCheck;
    expect(run.code).toBe(3);
    expect(existsSync(path.join(dir, NAME, 'document.json'))).toBe(true);
    expect(await readFile(path.join(dir, 'errors.json'), 'utf8')).toMatch(/^\[\]\s*$/u);
  });

  it.each([
    ['an unknown option', ['extract', SAMPLE_PDF, '--out', 'x', '--bogus']],
    ['a missing --out', ['extract', SAMPLE_PDF]],
    ['--jobs 0', ['extract', SAMPLE_PDF, '--out', 'x', '--jobs', '0']],
    ['--timeout abc', ['extract', SAMPLE_PDF, '--out', 'x', '--timeout', 'abc']],
    ['an unknown command', ['frobnicate']],
  ])('%s exits 2 with a message and writes nothing', async (_what, args) => {
    const run = await runCli(args.map((a) => (a === 'x' ? path.join(tmp, 'usage-out') : a)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error:/u);
    expect(existsSync(path.join(tmp, 'usage-out'))).toBe(false);
  });

  it('only missing inputs: exit 2, nothing written', async () => {
    const dir = path.join(tmp, 'missing-out');
    const run = await runCli(['extract', path.join(tmp, 'no-such.pdf'), '--out', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file or folder');
    expect(existsSync(dir)).toBe(false);
  });

  // Known bug (see report): with no command at all, commander prints the help on stderr and
  // signals an error, but src/cli/main.ts maps 'commander.help' to exit 0. Remove `.fails` when fixed.
  it('no command at all is a usage error (exit 2)', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
  });

  it('--help exits 0 and lists every option', async () => {
    const run = await runCli(['extract', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--out', '--table', '--jobs', '--force', '--timeout', '--fail-on-check', '--quiet']) expect(run.stdout).toContain(option);
  });
});

describe('NAME and resume', () => {
  const sha = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');
  const sourceSha = async (dir: string): Promise<string> => (await readJson<DocumentJson>(path.join(dir, 'document.json'))).source.sha256;

  /** Writes small one-table PDFs (distinct bytes) at the given relative paths under a fresh folder. */
  async function smallInputs(folder: string, files: readonly string[]): Promise<string[]> {
    const root = path.join(tmp, folder);
    const out: string[] = [];
    for (const [k, file] of files.entries()) {
      const full = path.join(root, file);
      await mkdir(path.dirname(full), { recursive: true });
      // k = 0 unencrypted; others encrypted with an owner password only (opens without one), distinct bytes
      await writeFile(full, await smallTablePdf(k === 0 ? null : { ownerPassword: `owner-${k}` }));
      out.push(full);
    }
    return out;
  }

  it('two inputs with one file name get NAME and NAME-2, in full-path order', async () => {
    const [a, b] = await smallInputs('same-name', ['a/x.pdf', 'b/x.pdf']);
    const dir = path.join(tmp, 'same-name-out');
    const run = await runCli(['extract', b!, a!, '--out', dir, '--quiet']);
    expect(run.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['errors.json', 'records.csv', 'x', 'x-2']);
    expect(await sourceSha(path.join(dir, 'x'))).toBe(await sha(a!));
    expect(await sourceSha(path.join(dir, 'x-2'))).toBe(await sha(b!));
    // OUTDIR/records.csv: x's records, then x-2's
    const lines = (await readFile(path.join(dir, 'records.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6 + 6);
  });

  // Known bug (see report): the -2 suffix can collide with a real file name. a/x.pdf → x,
  // b/x-2.pdf → x-2, c/x.pdf → x-2 again: the second document overwrites the first (both
  // reported ok, exit 0) and OUTDIR/records.csv holds x-2's records twice.
  // Remove `.fails` when fixed.
  it('a file named x-2.pdf does not collide with the second x.pdf', async () => {
    const inputs = await smallInputs('collide', ['a/x.pdf', 'b/x-2.pdf', 'c/x.pdf']);
    const dir = path.join(tmp, 'collide-out');
    const run = await runCli(['extract', path.join(tmp, 'collide'), '--out', dir, '--quiet']);
    expect(run.code).toBe(0);
    const folders = (await readdir(dir)).filter((e) => !e.endsWith('.json') && !e.endsWith('.csv'));
    expect(folders).toHaveLength(3);
    const shas = await Promise.all(folders.map((f) => sourceSha(path.join(dir, f))));
    expect(shas.sort()).toEqual((await Promise.all(inputs.map(sha))).sort());
    expect((await readFile(path.join(dir, 'records.csv'), 'utf8')).trimEnd().split('\n')).toHaveLength(1 + 3 * 6);
  });

  // Known bug (see report): a document written with --table is later taken as complete
  // (isCompleteOutput compares the sha256 only), so a run without --table skips it and the
  // folder keeps one table. Remove `.fails` when fixed.
  it('a run without --table after a --table run does not skip the document', async () => {
    const dir = path.join(tmp, 'table-3-2');
    expect(onlyTable.code).toBe(0);
    const run = await runCli(['extract', SAMPLE_PDF, '--out', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/^skip/mu);
    expect(await readdir(path.join(dir, NAME, 'tables'))).toHaveLength(14);
  });
});
