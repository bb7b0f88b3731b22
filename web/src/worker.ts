/**
 * The pipeline worker: the same stage code as the CLI (src/extract →
 * src/export), run off the page's main thread. pdf.js parses in its own
 * nested worker (same-origin file), so this thread only runs our stages.
 */
import { GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import pdfWorkerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { BudgetTablesError } from '../../src/core/errors.js';
import { resolveSettings } from '../../src/core/settings.js';
import { renderOutputs, tableFileName, type DocumentJson } from '../../src/export/index.js';
import { extractDocument } from '../../src/extract/index.js';
import { createTesseractEngine, type OcrEngine } from '../../src/ocr/index.js';
import type { ExtractRequest, OcrAssetUrls, WorkerMessage } from './protocol.js';

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ExtractRequest>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

// One pdf.js worker for every document of this page (pdf.js re-attaches to the port per document).
GlobalWorkerOptions.workerPort = new Worker(new URL(pdfWorkerUrl, import.meta.url), { type: 'module' });

// Pages the OCR must render (no single embedded scan: vector outlines, banded scans) need a canvas. pdf.js
// makes its canvases with `ownerDocument.createElement('canvas')`, which defaults to `globalThis.document`:
// a worker has none, so it gets one that makes OffscreenCanvases and nothing else. Set after the imports,
// so no library sees a document while it initializes.
if (typeof (globalThis as { document?: unknown }).document === 'undefined' && typeof OffscreenCanvas !== 'undefined') {
  (globalThis as { document?: unknown }).document = {
    createElement(tag: string): OffscreenCanvas {
      if (tag !== 'canvas') throw new Error(`no DOM in the pipeline worker (createElement('${tag}'))`);
      return new OffscreenCanvas(1, 1);
    },
  };
}

const settings = resolveSettings();

/**
 * The OCR engine: one pool of tesseract.js workers for every document of the
 * page, started on the first page that needs OCR (a text PDF starts none).
 * The wrapper counts the images read, for the progress of the current document.
 */
let engine: OcrEngine | null = null;
let current: { id: number; started: number; done: number } | null = null;

/** wasm-feature-detect's SIMD probe: a tiny module using a v128 instruction. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/**
 * The tesseract core, named explicitly: the SIMD build that the CLI's Node
 * (20) runs too, so the page reads a scan exactly as the CLI does. Left to
 * itself tesseract.js would pick the relaxed-SIMD build in Chromium, whose
 * arithmetic differs slightly and changes a few OCR readings. Browsers
 * without SIMD get the plain build.
 */
function corePath(folder: string): string {
  const simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return `${folder.replace(/\/?$/u, '/')}${simd ? 'tesseract-core-simd-lstm.wasm.js' : 'tesseract-core-lstm.wasm.js'}`;
}

function ocrEngine(urls: OcrAssetUrls): OcrEngine {
  if (engine) return engine;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const inner = createTesseractEngine({
    workerPath: urls.workerPath,
    corePath: corePath(urls.corePath),
    langPath: urls.langPath,
    workers: Math.max(1, Math.min(4, cores)),
    // Languages: the engine's default (OCR_LANGUAGES), as in the CLI.
  });
  engine = {
    concurrency: inner.concurrency,
    async recognize(image, options) {
      const job = current;
      if (job) {
        job.started++;
        scope.postMessage({ type: 'progress', id: job.id, stage: 'ocr', done: job.done, total: job.started });
      }
      try {
        return await inner.recognize(image, options);
      } finally {
        if (job) {
          job.done++;
          scope.postMessage({ type: 'progress', id: job.id, stage: 'ocr', done: job.done, total: job.started });
        }
      }
    },
    terminate: () => inner.terminate(),
  };
  return engine;
}

/** Documents run one at a time, in the order they were dropped. */
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type !== 'extract') return;
  queue = queue.then(() => run(request));
});

async function run(request: ExtractRequest): Promise<void> {
  const started = performance.now();
  const { id } = request;
  current = { id, started: 0, done: 0 };
  try {
    const { document, validation } = await extractDocument(new Uint8Array(request.bytes), {
      fileName: request.fileName,
      assets: request.assets,
      pipeline: departmentBudgetPipeline,
      settings,
      onPage: (done, total) => scope.postMessage({ type: 'progress', id, stage: 'pages', done, total }),
      ocr: { mode: request.ocrMode, engine: request.ocrMode === 'never' ? null : ocrEngine(request.ocr) },
    });
    scope.postMessage({ type: 'progress', id, stage: 'tables', done: 0, total: 0 });
    const outputs = renderOutputs(document, validation);
    const files = Object.fromEntries(outputs);
    const json = JSON.parse(files['document.json'] ?? 'null') as DocumentJson;
    const tableFiles = Object.fromEntries(document.tables.map((t) => [t.order, `tables/${tableFileName(t)}`]));
    scope.postMessage({ type: 'done', id, json, files, tableFiles, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    const known = error instanceof BudgetTablesError;
    scope.postMessage({
      type: 'failed',
      id,
      code: known ? error.code : 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    });
  } finally {
    current = null;
  }
}
