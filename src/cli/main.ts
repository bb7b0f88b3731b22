#!/usr/bin/env node
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { format, parse } from 'fast-csv';
import { RECORD_COLUMNS } from '../export/index.js';
import { runBatch, type BatchOutcome } from './batch.js';
import { collectInputs, completeOutput, sha256File, type InputFile } from './files.js';

/** Exit statuses (output contract). */
const EXIT_OK = 0;
const EXIT_SOME_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_CHECK_FAILED = 3;

/** Heap limit of one worker process, MB. */
const WORKER_MEMORY_MB = 3072;
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
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

async function extract(inputs: string[], flags: ExtractFlags): Promise<number> {
  const log = (line: string): void => {
    if (!flags.quiet) process.stdout.write(`${line}\n`);
  };
  const outDir = path.resolve(flags.out);
  const { files, missing } = await collectInputs(inputs);
  if (files.length === 0 && missing.length > 0) {
    process.stderr.write(`budget-tables: no such file or folder: ${missing.join(', ')}\n`);
    return EXIT_USAGE;
  }
  await mkdir(outDir, { recursive: true });
  const errors: ErrorEntry[] = missing.map((file) => ({
    file,
    name: path.basename(file).replace(/\.pdf$/iu, ''),
    page: null,
    code: 'INPUT_NOT_FOUND',
    message: 'no such file or folder',
  }));

  const todo: InputFile[] = [];
  let failedChecks = 0;
  for (const input of files) {
    const previous = flags.force ? null : await completeOutput(path.join(outDir, input.name), await sha256File(input.file), flags.table);
    if (previous) {
      failedChecks += previous.failedChecks;
      log(`skip  ${input.name}  (output complete, source unchanged; --force redoes it)`);
    } else todo.push(input);
  }
  const started = Date.now();
  const outcomes = await runBatch(
    todo,
    { outDir, tables: flags.table, jobs: flags.jobs, timeoutSeconds: flags.timeout, workerMemoryMb: WORKER_MEMORY_MB },
    ({ input, result }: BatchOutcome) => {
      if (result.kind === 'done') {
        failedChecks += result.checks.fail;
        log(
          `ok    ${input.name}  ${result.pages} pages, ${result.tables} tables, ${result.records} records, ` +
            `checks ${result.checks.pass} pass / ${result.checks.fail} fail / ${result.checks.skipped} skipped  (${result.seconds.toFixed(1)} s)`,
        );
        for (const problem of result.problems) {
          errors.push({ file: input.file, name: input.name, page: problem.page, code: problem.code, message: problem.message });
          process.stderr.write(`budget-tables: ${input.file}: page ${problem.page}: ${problem.code}: ${problem.message}\n`);
        }
      } else {
        errors.push({ file: input.file, name: input.name, page: result.page, code: result.code, message: result.message });
        const where = result.page === null ? '' : ` page ${result.page}:`;
        process.stderr.write(`budget-tables: ${input.file}:${where} ${result.code}: ${result.message}\n`);
      }
    },
  );
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.page ?? 0) - (b.page ?? 0)));
  await writeFile(path.join(outDir, 'errors.json'), `${JSON.stringify(errors, null, 2)}\n`);
  await writeBatchRecords(outDir, files);
  const done = outcomes.filter((o) => o.result.kind === 'done').length;
  log(
    `done  ${done} of ${todo.length} documents extracted (${files.length - todo.length} skipped), ${errors.length} errors, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`,
  );
  if (errors.length > 0) return EXIT_SOME_FAILED;
  if (flags.failOnCheck && failedChecks > 0) return EXIT_CHECK_FAILED;
  return EXIT_OK;
}

/** OUTDIR/records.csv: every document's records.csv in NAME order, rebuilt from the per-document files. */
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
