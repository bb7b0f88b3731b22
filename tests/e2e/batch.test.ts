/**
 * The batch as a whole: resume (a second run skips everything; a run killed
 * midway and resumed gives the same records.csv as a clean run), the memory
 * limit, the time limit, the run summary and the progress display on a
 * terminal. Inputs: the two text samples plus small PDFs built in code, so
 * this stays a few seconds of work; the same checks on the real corpus are a
 * manual run (README, "Batches").
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallTablePdf, tablePdf, writeMemoryBombPdf } from '../helpers/bad-pdfs.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { assertBuilt, CLI, REPO_ROOT, SAMPLE_PDF } from '../helpers/paths.js';

const UNRULED_PDF = path.join(REPO_ROOT, 'samples', 'yaan-2025-budget-unruled.pdf');

let tmp: string;
/** The resume inputs: small PDFs around the two samples (sorted: a small one first). */
let inputs: string;
let cleanOut: string;
let clean: CliResult;
let again: CliResult;

const sha256 = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');
const folders = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Distinct small one-table PDFs (owner passwords make the bytes differ). */
async function writeSmall(dir: string, names: readonly string[]): Promise<void> {
  for (const [k, name] of names.entries()) await writeFile(path.join(dir, name), await smallTablePdf(k === 0 ? null : { ownerPassword: `owner-${k}` }));
}

beforeAll(async () => {
  assertBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-batch-'));
  inputs = path.join(tmp, 'inputs');
  await mkdir(inputs);
  await writeSmall(inputs, ['a-small.pdf', 'm-small.pdf', 'z-small.pdf']);
  await copyFile(SAMPLE_PDF, path.join(inputs, path.basename(SAMPLE_PDF)));
  await copyFile(UNRULED_PDF, path.join(inputs, path.basename(UNRULED_PDF)));
  cleanOut = path.join(tmp, 'clean');
  clean = await runCli(['extract', inputs, '--out', cleanOut, '--jobs', '2', '--timeout', '120']);
  again = await runCli(['extract', inputs, '--out', cleanOut, '--jobs', '2', '--timeout', '120']);
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('resume', () => {
  it('a clean run extracts the five documents', async () => {
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^done {2}5 of 5 documents extracted \(0 skipped\), 0 errors/mu);
    expect(await folders(cleanOut)).toEqual(['a-small', 'm-small', 'yaan-2025-budget', 'yaan-2025-budget-unruled', 'z-small']);
  });

  it('run twice: the second run skips everything and leaves the same records.csv and errors.json', async () => {
    expect(again.code).toBe(0);
    expect(again.stdout.match(/^skip {2}/gmu)).toHaveLength(5);
    expect(again.stdout).toMatch(/^done {2}0 of 0 documents extracted \(5 skipped\), 0 errors/mu);
    expect(again.stdout).not.toMatch(/^ok /mu);
    // OUTDIR/records.csv is rebuilt from the per-document files: byte for byte what the clean run wrote
    const records = await readFile(path.join(cleanOut, 'records.csv'), 'utf8');
    expect(records.split('\n').length).toBeGreaterThan(4000);
    expect(await readFile(path.join(cleanOut, 'errors.json'), 'utf8')).toBe('[]\n');
  });

  it('the summary of the resumed run counts the skipped documents as the clean run counted them', () => {
    const figures = (out: string): string[] => out.split('\n').filter((l) => /^ {2}(pages|tables|records|failed checks) /u.test(l));
    expect(figures(again.stdout)).toHaveLength(4);
    expect(figures(again.stdout)).toEqual(figures(clean.stdout));
    expect(again.stdout).toMatch(/^ {2}documents +5 \(0 extracted, 5 skipped, 0 failed\)$/mu);
    expect(clean.stdout).toMatch(/^ {2}documents +5 \(5 extracted, 0 skipped, 0 failed\)$/mu);
    expect(clean.stdout).toMatch(/^ {2}pages +61$/mu);
  });

  it('killed midway (SIGKILL after the first document is written) and resumed: the same records.csv as the clean run', async () => {
    const out = path.join(tmp, 'killed');
    const child = spawn(process.execPath, [CLI, 'extract', inputs, '--out', out, '--jobs', '1', '--timeout', '120'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let workers: number[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no document written in 60 s: ${stdout}`)), 60_000);
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        stdout += s;
        if (/^ok /mu.test(stdout) && child.exitCode === null) {
          clearTimeout(timer);
          // The CLI's worker processes, to check they do not go on writing once it is gone (Linux).
          try {
            workers = spawnSync('cat', [`/proc/${child.pid}/task/${child.pid}/children`], { encoding: 'utf8' }).stdout.trim().split(/\s+/u).filter(Boolean).map(Number);
          } catch {
            workers = [];
          }
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');
    // Orphaned workers see their channel close and stop (they must not finish a document into OUTDIR).
    for (let k = 0; k < 100 && workers.some(alive); k++) await sleep(100);
    expect(workers.filter(alive)).toEqual([]);
    const written = (await folders(out)).filter((f) => !f.startsWith('.'));
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.length).toBeLessThan(5);
    expect(existsSync(path.join(out, 'records.csv'))).toBe(false);

    const resumed = await runCli(['extract', inputs, '--out', out, '--jobs', '2', '--timeout', '120']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.match(/^skip {2}/gmu)?.length ?? 0).toBe(written.length);
    expect(resumed.stdout).toMatch(new RegExp(`^done {2}${5 - written.length} of ${5 - written.length} documents extracted \\(${written.length} skipped\\), 0 errors`, 'mu'));
    expect(await sha256(path.join(out, 'records.csv'))).toBe(await sha256(path.join(cleanOut, 'records.csv')));
    expect(await readFile(path.join(out, 'errors.json'), 'utf8')).toBe('[]\n');
    // whatever the kill left half-written is gone
    expect((await readdir(out)).filter((e) => e.startsWith('.'))).toEqual([]);
    for (const name of await folders(cleanOut)) {
      expect(await sha256(path.join(out, name, 'records.csv')), name).toBe(await sha256(path.join(cleanOut, name, 'records.csv')));
    }
  }, 180_000);

  it('a half-written folder of a worker that is gone is removed, and its document redone', async () => {
    const out = path.join(tmp, 'partial');
    const dir = path.join(tmp, 'partial-inputs');
    await mkdir(dir);
    await writeSmall(dir, ['x.pdf']);
    // A pid that is no longer running: a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    await mkdir(path.join(out, `.partial-x-${gone}`, 'tables'), { recursive: true });
    await writeFile(path.join(out, `.partial-x-${gone}`, 'records.csv'), 'half');
    const run = await runCli(['extract', dir, '--out', out, '--quiet']);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['errors.json', 'records.csv', 'x']);
  });

  it('a file replaced by a broken one: its old output is removed and its records leave records.csv', async () => {
    const dir = path.join(tmp, 'replaced-inputs');
    const out = path.join(tmp, 'replaced-out');
    await mkdir(dir);
    await writeSmall(dir, ['a.pdf', 'b.pdf']);
    expect((await runCli(['extract', dir, '--out', out, '--quiet'])).code).toBe(0);
    expect((await readFile(path.join(out, 'records.csv'), 'utf8')).trimEnd().split('\n')).toHaveLength(1 + 2 * 6);
    await writeFile(path.join(dir, 'b.pdf'), 'not a PDF any more');
    const run = await runCli(['extract', dir, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^skip {2}a /mu);
    expect(await folders(out)).toEqual(['a']);
    expect((await readFile(path.join(out, 'records.csv'), 'utf8')).trimEnd().split('\n')).toHaveLength(1 + 6);
    const errors = JSON.parse(await readFile(path.join(out, 'errors.json'), 'utf8')) as Array<{ name: string; code: string }>;
    expect(errors.map((e) => [e.name, e.code])).toEqual([['b', 'PDF_INVALID']]);
  });
});

describe('limits', () => {
  it('a document over the memory limit is stopped, listed as OUT_OF_MEMORY, and the batch goes on', async () => {
    const dir = path.join(tmp, 'memory-inputs');
    const out = path.join(tmp, 'memory-out');
    await mkdir(dir);
    await writeSmall(dir, ['a-small.pdf', 'c-small.pdf']);
    // 12000 × 12000 grey pixels: ~0.3 MB in the file, well over 400 MB once pdf.js decodes it.
    await writeMemoryBombPdf(path.join(dir, 'b-bomb.pdf'));
    const started = Date.now();
    const run = await runCli(['extract', dir, '--out', out, '--jobs', '1', '--memory-limit', '400', '--timeout', '120']);
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(run.code).toBe(1);
    const errors = JSON.parse(await readFile(path.join(out, 'errors.json'), 'utf8')) as Array<{ file: string; name: string; code: string; message: string }>;
    expect(errors.map((e) => [e.name, e.code])).toEqual([['b-bomb', 'OUT_OF_MEMORY']]);
    expect(errors[0]!.file).toBe(path.join(dir, 'b-bomb.pdf'));
    expect(errors[0]!.message).toMatch(/memory limit of 400 MB/u);
    expect(run.stderr).toContain(`${path.join(dir, 'b-bomb.pdf')}: OUT_OF_MEMORY: `);
    expect(await folders(out)).toEqual(['a-small', 'c-small']);
    // it ran after a.pdf on a used worker: tried once more on a fresh one before being given up
    expect(run.stdout).toMatch(/^ {2}memory +peak \d+ MB in one worker \(limit 400 MB\); 1 document retried on a fresh worker$/mu);
    expect(run.stdout).toMatch(/^ {2}documents +3 \(2 extracted, 0 skipped, 1 failed\)$/mu);
  }, 120_000);

  it('a document past --timeout is stopped, named with the page it was on, and the batch goes on', async () => {
    const dir = path.join(tmp, 'timeout-inputs');
    const out = path.join(tmp, 'timeout-out');
    await mkdir(dir);
    await writeFile(path.join(dir, 'a-long.pdf'), await tablePdf({ pagesBefore: 1999 }));
    await writeSmall(dir, ['b-small.pdf']);
    const run = await runCli(['extract', dir, '--out', out, '--jobs', '1', '--timeout', '1']);
    expect(run.code).toBe(1);
    const errors = JSON.parse(await readFile(path.join(out, 'errors.json'), 'utf8')) as Array<{ name: string; page: number | null; code: string; message: string }>;
    expect(errors.map((e) => [e.name, e.code])).toEqual([['a-long', 'TIMEOUT']]);
    expect(errors[0]!.message).toMatch(/^no result after 1 s, (while reading page \d+ of 2000|while opening the document or reading its first page); stopped$/u);
    if (errors[0]!.page !== null) expect(errors[0]!.message).toContain(`page ${errors[0]!.page} of 2000`);
    expect(await folders(out)).toEqual(['b-small']);
  }, 60_000);
});

describe('pdf.js in the workers', () => {
  it('runs with the native Array.prototype.push and JSON functions, not the polyfills its legacy build installs', () => {
    const script = `
      const { preparePdfjs } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'dist', 'src', 'cli', 'pdfjs-node.js')).href)});
      await preparePdfjs();
      const vm = await import('node:vm');
      const source = vm.runInNewContext('Function.prototype.toString');
      const native = (f) => /\\[native code\\]/.test(source.call(f));
      console.log(JSON.stringify({ push: native(Array.prototype.push), stringify: native(JSON.stringify), parse: native(JSON.parse), worker: typeof globalThis.pdfjsWorker?.WorkerMessageHandler }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ push: true, stringify: true, parse: true, worker: 'function' });
  });
});

describe('on a terminal', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
  /** Runs the CLI under `script` (util-linux), so its stdout is a pseudo-terminal. */
  const onTerminal = (args: readonly string[]): { raw: string; text: string } => {
    const raw = spawnSync('script', ['-qec', [process.execPath, CLI, ...args].map(quote).join(' '), '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 }).stdout;
    // what a person reads: without the cursor movements and line clearing, \r\n as \n
    return { raw, text: raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/gu, '\n').replace(/\r/gu, '') };
  };

  it.skipIf(!hasScript)('shows a progress line (documents, pages, rate, ETA, failures) above which the document lines scroll', () => {
    const { raw, text } = onTerminal(['extract', SAMPLE_PDF, path.join(inputs, 'a-small.pdf'), '--out', path.join(tmp, 'tty-out'), '--jobs', '1']);
    expect(text).toMatch(/\d\/2 documents · \d+ pages · [\d.]+ pages\/s · ETA \S+ · 0 failed/u);
    expect(raw).toContain('\x1b['); // drawn in place
    expect(text).toMatch(/^ok {4}a-small {2}1 pages/mu);
    expect(text).toMatch(/^ok {4}yaan-2025-budget {2}29 pages/mu);
    expect(text).toMatch(/^done {2}2 of 2 documents extracted/mu);
    expect(text).toMatch(/^summary$/mu);
  });

  it.skipIf(!hasScript)('--quiet on a terminal prints nothing', () => {
    const { raw } = onTerminal(['extract', path.join(inputs, 'a-small.pdf'), '--out', path.join(tmp, 'tty-quiet'), '--quiet']);
    expect(raw).toBe('');
  });
});
