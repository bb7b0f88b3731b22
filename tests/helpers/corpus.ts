/**
 * The real corpus (../shared/corpus/real, read-only, never copied here) for the tests that read it:
 * they are skipped where the folder is missing (a clone without ../shared beside it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { nodePdfAssets } from '../../src/cli/files.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { extractDocument, type ExtractResult } from '../../src/extract/index.js';

export const CORPUS = path.resolve('..', 'shared', 'corpus', 'real');
export const CORPUS_PRESENT = existsSync(CORPUS);

const extracted = new Map<string, Promise<ExtractResult>>();

/** A corpus document (path under CORPUS) through the whole pipeline, extracted once per test file. */
export function extractCorpusDocument(document: string): Promise<ExtractResult> {
  let result = extracted.get(document);
  if (!result) {
    const file = path.join(CORPUS, document);
    result = extractDocument(new Uint8Array(readFileSync(file)), {
      fileName: path.basename(file),
      assets: nodePdfAssets(),
      pipeline: departmentBudgetPipeline,
      settings: DEFAULT_SETTINGS,
    });
    extracted.set(document, result);
  }
  return result;
}
