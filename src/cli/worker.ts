/**
 * A worker process: extracts the documents the parent sends, one at a time,
 * and writes their outputs. Running documents in child processes lets the
 * parent stop one that hangs or eats memory and carry on with the batch.
 */
// First: takes the built-ins before pdf.js's polyfills replace them (see pdfjs-node.ts).
import { preparePdfjs } from './pdfjs-node.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { BudgetTablesError } from '../core/errors.js';
import { resolveSettings } from '../core/settings.js';
import { renderOutputs } from '../export/index.js';
import { extractDocument } from '../extract/index.js';
import { createNodeOcrEngine } from '../ocr/node.js';
import type { OcrMode } from '../ocr/types.js';
import { nodePdfAssets, writeOutputsAtomically } from './files.js';
import type { JobProgress, JobRequest, JobResult, JobStarted } from './protocol.js';

const assets = nodePdfAssets();
const settings = resolveSettings();
const ready = preparePdfjs();
// One OCR engine for the life of this process, shared by all its documents; its tesseract workers
// start only when a page needs them. Mode from the parent (--ocr); pool size BUDGET_TABLES_OCR_WORKERS, which the
// parent sets to its --jobs shared among the documents running at once (the cores when run alone).
const ocrMode: OcrMode = (['auto', 'always', 'never'] as const).find((m) => m === process.env.BUDGET_TABLES_OCR) ?? 'auto';
const ocrWorkers = Number(process.env.BUDGET_TABLES_OCR_WORKERS) || undefined;
const ocrEngine = ocrMode === 'never' ? null : createNodeOcrEngine(ocrWorkers ? { workers: ocrWorkers } : {});

// The parent is gone (killed, or it closed the channel): stop now rather than
// finish the document and write into a folder a later run may be writing.
process.on('disconnect', () => process.exit(0));
// Stopped by the pool (end of the batch, or replaced): exit normally, so 'exit' handlers run (the OCR
// engine removes its temporary language folder on 'exit'; a default SIGTERM death skips them).
process.on('SIGTERM', () => process.exit(0));

async function run(job: JobRequest): Promise<JobResult> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  try {
    await ready;
    process.send?.({ kind: 'started', id: job.id } satisfies JobStarted);
    const bytes = new Uint8Array(await readFile(job.file));
    const { document, validation, ocrPages } = await extractDocument(bytes, {
      fileName: path.basename(job.file),
      assets,
      pipeline: departmentBudgetPipeline,
      settings,
      tables: job.tables,
      onPage: (done, total) => process.send?.({ kind: 'progress', id: job.id, done, total } satisfies JobProgress),
      ocr: { mode: ocrMode, engine: ocrEngine },
    });
    await writeOutputsAtomically(job.outDir, job.name, renderOutputs(document, validation));
    return {
      kind: 'done',
      id: job.id,
      pages: document.source.pages,
      tables: document.tables.length,
      records: document.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + Object.keys(r.cells).length, 0), 0),
      checks: validation.summary,
      problems: document.pageProblems,
      seconds: (Date.now() - started) / 1000,
      cpuSeconds: cpuSeconds(cpu),
      ocrPages: ocrPages.length,
    };
  } catch (error) {
    const known = error instanceof BudgetTablesError;
    return {
      kind: 'failed',
      id: job.id,
      code: known ? error.code : 'INTERNAL',
      page: known ? error.page : null,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

process.on('message', (message: JobRequest) => {
  void run(message).then((result) => process.send?.(result));
});
