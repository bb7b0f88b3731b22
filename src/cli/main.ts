#!/usr/bin/env node
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { format, parse } from 'fast-csv';
import { RECORD_COLUMNS } from '../export/index.js';
import { runBatch, type BatchOutcome, type BatchStats } from './batch.js';
import { collectInputs, completeOutput, removeStalePartials, sha256File, type InputFile } from './files.js';
import { createReporter, duration } from './progress.js';

/** Exit statuses (output contract). */
const EXIT_OK = 0;
const EXIT_SOME_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_CHECK_FAILED = 3;

/**
 * Default memory limit of one worker process, MB (`--memory-limit`): its
 * resident set (polled) and its V8 heap. A document over it is stopped and
 * reported OUT_OF_MEMORY; the batch goes on.
 */
const DEFAULT_MEMORY_LIMIT_MB = 2048;
/** Default per-document time limit, seconds. */
const DEFAULT_TIMEOUT_SECONDS = 600;

interface ErrorEntry {
  file: string;
  name: string;
  page: number | null;
  code: string;
  message: string;
}

interface ExtractFlags {
  out: string;
  table: string[];
  jobs: number;
  force: boolean;
  timeout: number;
  failOnCheck: boolean;
  quiet: boolean;
  memoryLimit: number;
  /** OCR of scanned pages; passed to the worker processes as BUDGET_TABLES_OCR. */
  ocr: 'auto' | 'always' | 'never';
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

async function extract(inputs: string[], flags: ExtractFlags): Promise<number> {
  const runStarted = Date.now();
  const report = createReporter(flags.quiet);
  const outDir = path.resolve(flags.out);
  const { files, missing } = await collectInputs(inputs);
  if (files.length === 0 && missing.length > 0) {
    process.stderr.write(`budget-tables: no such file or folder: ${missing.join(', ')}\n`);
    return EXIT_USAGE;
  }
  await mkdir(outDir, { recursive: true });
  // Half-written folders of an interrupted run (their workers are gone): the documents are redone.
  await removeStalePartials(outDir);
  const errors: ErrorEntry[] = missing.map((file) => ({
    file,
    name: path.basename(file).replace(/\.pdf$/iu, ''),
    page: null,
    code: 'INPUT_NOT_FOUND',
    message: 'no such file or folder',
  }));
  const totals: RunTotals = { extracted: 0, skipped: 0, failed: 0, pages: 0, pagesRead: 0, tables: 0, records: 0, failedChecks: 0, ocrPages: 0, cpuSeconds: 0 };
  const pageProblem = (input: InputFile, problem: { page: number; code: string; message: string }): void => {
    errors.push({ file: input.file, name: input.name, page: problem.page, code: problem.code, message: problem.message });
    report.error(`budget-tables: ${input.file}: page ${problem.page}: ${problem.code}: ${problem.message}`);
  };

  /** Documents whose output is whole and matches their input: the batch records.csv is theirs. */
  const complete = new Set<string>();
  const failed: InputFile[] = [];
  const todo: InputFile[] = [];
  for (const input of files) {
    const previous = flags.force ? null : await completeOutput(path.join(outDir, input.name), await sha256File(input.file), flags.table);
    if (previous) {
      totals.skipped++;
      complete.add(input.name);
      totals.failedChecks += previous.failedChecks;
      totals.pages += previous.pages;
      totals.tables += previous.tables;
      totals.records += previous.records;
      report.info(`skip  ${input.name}  (output complete, source unchanged; --force redoes it)`);
      // Its page problems still stand: list them again, so a resumed run reports what a clean one does.
      for (const problem of previous.problems) pageProblem(input, problem);
    } else todo.push(input);
  }
  const started = Date.now();
  const stats: BatchStats = { peakWorkerRssMb: null, retried: 0 };
  report.begin(await Promise.all(todo.map(async (input) => ({ file: input.file, bytes: (await stat(input.file)).size }))));
  // The worker processes inherit the environment: they read the OCR mode from it (src/cli/worker.ts).
  process.env.BUDGET_TABLES_OCR = flags.ocr;
  const outcomes = await runBatch(
    todo,
    { outDir, tables: flags.table, jobs: flags.jobs, timeoutSeconds: flags.timeout, memoryLimitMb: flags.memoryLimit },
    ({ input, result }: BatchOutcome) => {
      if (result.kind === 'done') {
        totals.extracted++;
        complete.add(input.name);
        totals.failedChecks += result.checks.fail;
        totals.pages += result.pages;
        totals.pagesRead += result.pages;
        totals.tables += result.tables;
        totals.records += result.records;
        totals.ocrPages += result.ocrPages ?? 0;
        totals.cpuSeconds += result.cpuSeconds ?? 0;
        const ocr = result.ocrPages ? `, ${result.ocrPages} page${result.ocrPages === 1 ? '' : 's'} read by OCR` : '';
        const problems = result.problems.length === 0 ? '' : `, ${result.problems.length} page problem${result.problems.length === 1 ? '' : 's'}`;
        report.info(
          `ok    ${input.name}  ${result.pages} pages, ${result.tables} tables, ${result.records} records, ` +
            `checks ${result.checks.pass} pass / ${result.checks.fail} fail / ${result.checks.skipped} skipped  (${result.seconds.toFixed(1)} s)${ocr}${problems}`,
        );
        for (const problem of result.problems) pageProblem(input, problem);
        report.finished(input.file, result.pages, result.problems.length > 0);
      } else {
        totals.failed++;
        failed.push(input);
        errors.push({ file: input.file, name: input.name, page: result.page, code: result.code, message: result.message });
        const where = result.page === null ? '' : ` page ${result.page}:`;
        report.error(`budget-tables: ${input.file}:${where} ${result.code}: ${result.message}`);
        report.finished(input.file, 0, true);
      }
    },
    { onPages: (input, done, total) => report.pages(input.file, done, total) },
    stats,
  );
  report.end();
  await removeStalePartials(outDir);
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.page ?? 0) - (b.page ?? 0)));
  await writeFile(path.join(outDir, 'errors.json'), `${JSON.stringify(errors, null, 2)}\n`);
  await removeStaleOutputs(outDir, failed);
  await writeBatchRecords(outDir, files.filter((f) => complete.has(f.name)));
  const done = outcomes.filter((o) => o.result.kind === 'done').length;
  const seconds = (Date.now() - runStarted) / 1000;
  report.info(
    `done  ${done} of ${todo.length} documents extracted (${files.length - todo.length} skipped), ${errors.length} errors, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`,
  );
  for (const line of summaryLines(totals, seconds, stats, flags.memoryLimit)) report.info(line);
  if (errors.length > 0) return EXIT_SOME_FAILED;
  if (flags.failOnCheck && totals.failedChecks > 0) return EXIT_CHECK_FAILED;
  return EXIT_OK;
}

/** What the run summary adds up: every document of the run, skipped ones (from their outputs) included. */
interface RunTotals {
  extracted: number;
  skipped: number;
  failed: number;
  /** Pages of the extracted and skipped documents. */
  pages: number;
  /** Pages read in this run (extracted documents): the rate is theirs. */
  pagesRead: number;
  tables: number;
  records: number;
  failedChecks: number;
  ocrPages: number;
  /** CPU time of the workers on the documents of this run. */
  cpuSeconds: number;
}

/** The run summary: documents, pages, tables, records, failed checks, OCR pages, time, pages per second. */
function summaryLines(t: RunTotals, seconds: number, stats: BatchStats, memoryLimitMb: number): string[] {
  const documents = t.extracted + t.skipped + t.failed;
  const rows: Array<[string, string]> = [
    ['documents', `${documents} (${t.extracted} extracted, ${t.skipped} skipped, ${t.failed} failed)`],
    ['pages', String(t.pages)],
    ['tables', String(t.tables)],
    ['records', String(t.records)],
    ['failed checks', String(t.failedChecks)],
    ['OCR pages', `${t.ocrPages}${t.skipped > 0 ? ' (read in this run)' : ''}`],
    ['time', `${seconds.toFixed(1)} s${seconds >= 60 ? ` (${duration(seconds)})` : ''}, workers' CPU ${t.cpuSeconds.toFixed(1)} s`],
    ['speed', `${seconds > 0 ? (t.pagesRead / seconds).toFixed(1) : '0.0'} pages/s (${t.pagesRead} pages read in this run)`],
  ];
  if (stats.peakWorkerRssMb !== null) {
    const retried = stats.retried > 0 ? `; ${stats.retried} document${stats.retried === 1 ? '' : 's'} retried on a fresh worker` : '';
    rows.push(['memory', `peak ${Math.round(stats.peakWorkerRssMb)} MB in one worker (limit ${memoryLimitMb} MB)${retried}`]);
  }
  return ['summary', ...rows.map(([k, v]) => `  ${k.padEnd(14)} ${v}`)];
}

/**
 * A document that failed in this run keeps no output of another version of
 * its file: a folder whose document.json names another sha256 is removed
 * (errors.json says why there is none). An output of the same bytes (a
 * `--force` run that failed this time) is left in place.
 */
async function removeStaleOutputs(outDir: string, failed: readonly InputFile[]): Promise<void> {
  for (const input of failed) {
    const dir = path.join(outDir, input.name);
    if (!existsSync(dir)) continue;
    let sha: string | undefined;
    try {
      sha = (JSON.parse(await readFile(path.join(dir, 'document.json'), 'utf8')) as { source?: { sha256?: string } }).source?.sha256;
    } catch {
      sha = undefined;
    }
    if (!existsSync(input.file) || sha !== (await sha256File(input.file))) await rm(dir, { recursive: true, force: true });
  }
}

/** OUTDIR/records.csv: the records.csv of every document extracted or skipped in this run, in NAME order, rebuilt from the per-document files. */
async function writeBatchRecords(outDir: string, files: readonly InputFile[]): Promise<void> {
  const names = files.map((f) => f.name).sort();
  const out = format({ headers: [...RECORD_COLUMNS], writeHeaders: true, includeEndRowDelimiter: true });
  const sink = createWriteStream(path.join(outDir, 'records.csv'));
  const done = pipeline(out, sink);
  for (const name of names) {
    const file = path.join(outDir, name, 'records.csv');
    if (!existsSync(file)) continue;
    await new Promise<void>((resolve, reject) => {
      createReadStream(file)
        .pipe(parse({ headers: true }))
        .on('error', reject)
        .on('data', (row: Record<string, string>) => out.write(row))
        .on('end', () => resolve());
    });
  }
  out.end();
  await done;
}

const program = new Command()
  .name('budget-tables')
  .description('Extract the public tables of Chinese government budget PDFs (部门预算/部门决算) into validated JSON and CSV')
  .exitOverride();

program
  .command('extract')
  .description('extract every numbered table of each PDF into OUTDIR/NAME/')
  .argument('<input...>', 'PDF files or folders (searched recursively for *.pdf)')
  .requiredOption('--out <dir>', 'output folder')
  .addOption(new Option('--table <number|kind>', 'only these tables (repeatable): a number such as 3-1, or a kind').argParser((v: string, prev: string[] = []) => [...prev, v]).default([]))
  .addOption(new Option('--jobs <n>', 'documents processed in parallel').argParser(positiveInt).default(os.availableParallelism()))
  .option('--force', 'redo documents whose output is complete', false)
  .addOption(new Option('--timeout <seconds>', 'time limit per document').argParser(positiveInt).default(DEFAULT_TIMEOUT_SECONDS))
  .option('--fail-on-check', 'exit 3 when any validation check fails', false)
  .option('--quiet', 'print nothing but errors', false)
  .addOption(new Option('--ocr <mode>', 'OCR of scanned pages: auto (pages without a usable text layer), always, never').choices(['auto', 'always', 'never']).default('auto'))
  .addOption(
    new Option('--memory-limit <MB>', 'memory one document may use (worker resident set and heap); over it the document is stopped')
      .argParser(positiveInt)
      .default(DEFAULT_MEMORY_LIMIT_MB),
  )
  .action(async (inputs: string[], flags: ExtractFlags) => {
    process.exitCode = await extract(inputs, flags);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  // `--help` asked for is fine; help shown because no command was given is a usage error.
  if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exitCode = EXIT_OK;
  else if (code?.startsWith('commander.')) process.exitCode = EXIT_USAGE;
  else {
    process.stderr.write(`budget-tables: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_SOME_FAILED;
  }
}
