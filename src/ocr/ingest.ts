import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { BudgetTablesError } from '../core/errors.js';
import type { Matrix } from '../core/operators.js';
import type { Settings } from '../core/settings.js';
import type { PageContent } from '../core/types.js';
import { ocrPage, pageImage, type CanvasFactory } from './page.js';
import type { OcrOptions } from './types.js';
import { findPaints, ocrReason } from './usability.js';

/**
 * Ingest's OCR hook for one document. For each page read, `consider` decides
 * whether its text layer is usable; when not, it takes the page's pixels
 * (before pdf.js cleans the page up) and starts the OCR, which replaces the
 * page's items and rulings when it ends. Pages go on being read meanwhile;
 * at most two pages per OCR worker wait as pixels. `finish` waits for all.
 */
export class OcrQueue {
  readonly #options: OcrOptions;
  readonly #canvasFactory: CanvasFactory;
  readonly #settings: Settings;
  readonly #inflight = new Set<Promise<void>>();
  #fatal: unknown = null;

  constructor(options: OcrOptions, canvasFactory: CanvasFactory, settings: Settings) {
    this.#options = options;
    this.#canvasFactory = canvasFactory;
    this.#settings = settings;
  }

  async consider(page: PDFPageProxy, content: PageContent, fnArray: number[], argsArray: unknown[], toTopLeft: Matrix): Promise<void> {
    const paint = findPaints(fnArray, argsArray, toTopLeft);
    // With OCR off, a page the OCR would have read is still named: its content is missing from the output.
    const reason = ocrReason(this.#options.mode === 'never' ? 'auto' : this.#options.mode, content.items, paint, content.width, content.height, this.#settings);
    if (reason === null) return;
    if (this.#options.mode === 'never') {
      content.error = { code: 'OCR_OFF', message: `the page has no usable text layer (${reason}) and OCR is off (--ocr never): its content is not read` };
      return;
    }
    const engine = this.#options.engine;
    if (!engine) {
      content.error = { code: 'OCR_UNAVAILABLE', message: `the page needs OCR (${reason}) and no OCR engine was given` };
      return;
    }
    if (this.#fatal) return;
    while (this.#inflight.size >= 2 * engine.concurrency) await Promise.race(this.#inflight);
    const image = await pageImage(page, paint, this.#canvasFactory, this.#settings);
    const size = { width: content.width, height: content.height };
    const job = ocrPage(engine, image, content.number, size, reason, this.#settings.ocrRereadConfidence)
      .then((read) => {
        content.width = read.width;
        content.height = read.height;
        content.items = read.items;
        content.rulings = read.rulings;
        content.ocr = read.info;
      })
      .catch((error: unknown) => {
        if (error instanceof BudgetTablesError && error.code === 'OCR_DATA_MISSING') this.#fatal ??= error;
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        content.error = { code: 'OCR_FAILED', message };
      })
      .finally(() => this.#inflight.delete(job));
    this.#inflight.add(job);
  }

  /** Waits for every page's OCR; a missing language pack fails the document. */
  async finish(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
    if (this.#fatal) throw this.#fatal;
  }
}
