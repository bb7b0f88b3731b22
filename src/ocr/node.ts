/**
 * The Node side of the OCR: where the traineddata lives and how the pool is
 * made. The only module of src/ocr that imports Node built-ins; the CLI (and
 * Node tests) import it and hand the engine to extract/ingest.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BudgetTablesError } from '../core/errors.js';
import { createTesseractEngine, OCR_LANGUAGES } from './tesseract.js';
import type { GreyImage, OcrEngine, OcrResult, RecognizeOptions } from './types.js';

/** The traineddata variant used: LSTM-only integer models (the `4.0.0` files add ~300 MB a worker for nothing in LSTM mode). */
export const TRAINEDDATA_VARIANT = '4.0.0_best_int';

/**
 * Installed traineddata files (`@tesseract.js-data/<lang>/4.0.0_best_int/<lang>.traineddata.gz`),
 * or a typed error (OCR_DATA_MISSING) naming what is missing. `resolve` finds a package file
 * (Node's resolution from this module; replaceable in tests).
 */
export function traineddataFiles(resolve: (specifier: string) => string = createRequire(import.meta.url).resolve): Record<string, string> {
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const lang of OCR_LANGUAGES) {
    let file: string | null = null;
    try {
      const root = path.dirname(resolve(`@tesseract.js-data/${lang}/package.json`));
      file = path.join(root, TRAINEDDATA_VARIANT, `${lang}.traineddata.gz`);
    } catch {
      file = null;
    }
    if (file && existsSync(file)) files[lang] = file;
    else missing.push(`@tesseract.js-data/${lang} (${TRAINEDDATA_VARIANT}/${lang}.traineddata.gz)`);
  }
  if (missing.length > 0) {
    throw new BudgetTablesError(
      'OCR_DATA_MISSING',
      `OCR language data not installed: ${missing.join(', ')}; install the npm packages (npm install), or run with --ocr never`,
    );
  }
  return files;
}

/** A temporary folder holding both traineddata files (tesseract.js reads every language from one langPath). */
function languageFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'budget-tables-tessdata-'));
  for (const [lang, file] of Object.entries(files)) {
    const target = path.join(dir, `${lang}.traineddata.gz`);
    try {
      symlinkSync(file, target);
    } catch {
      copyFileSync(file, target);
    }
  }
  return dir;
}

export interface NodeOcrEngineOptions {
  /** Workers in the pool; the number of cores by default. */
  workers?: number;
}

/**
 * The OCR engine for a Node process: tesseract.js workers reading the
 * installed chi_sim data, nothing fetched. Nothing starts until a page
 * needs OCR; the data is looked for then (OCR_DATA_MISSING when absent), so
 * a process that never meets a scan pays nothing. Create one per process,
 * reuse it for every document, `terminate` it at the end.
 */
export function createNodeOcrEngine(options: NodeOcrEngineOptions = {}): OcrEngine {
  const workers = Math.max(1, options.workers ?? os.availableParallelism());
  let inner: OcrEngine | null = null;
  let folder: string | null = null;
  const cleanup = (): void => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  };
  const ensure = (): OcrEngine => {
    if (inner) return inner;
    const files = traineddataFiles();
    folder = languageFolder(files);
    process.once('exit', cleanup);
    inner = createTesseractEngine({ langPath: folder, workers });
    return inner;
  };
  return {
    concurrency: workers,
    recognize(image: GreyImage, recognizeOptions: RecognizeOptions): Promise<OcrResult> {
      return ensure().recognize(image, recognizeOptions);
    },
    async terminate(): Promise<void> {
      const engine = inner;
      inner = null;
      await engine?.terminate();
      cleanup();
    },
  };
}
