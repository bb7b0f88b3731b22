/**
 * A worker process: extracts the documents the parent sends, one at a time,
 * and writes their outputs. Running documents in child processes lets the
 * parent stop one that hangs or eats memory and carry on with the batch.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { BudgetTablesError } from '../core/errors.js';
import { resolveSettings } from '../core/settings.js';
import { renderOutputs } from '../export/index.js';
import { extractDocument } from '../extract/index.js';
import { nodePdfAssets, writeOutputsAtomically } from './files.js';
import type { JobRequest, JobResult } from './protocol.js';

const assets = nodePdfAssets();
const settings = resolveSettings();

async function run(job: JobRequest): Promise<JobResult> {
  const started = Date.now();
  try {
    const bytes = new Uint8Array(await readFile(job.file));
    const { document, validation } = await extractDocument(bytes, {
      fileName: path.basename(job.file),
      assets,
      pipeline: departmentBudgetPipeline,
      settings,
      tables: job.tables,
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

process.on('message', (message: JobRequest) => {
  void run(message).then((result) => process.send?.(result));
});
