/**
 * Source page images: pdf.js renders a page into a canvas on demand. pdf.js
 * is loaded only when the first table is opened (its own chunk) and parses
 * in its worker (the same same-origin file the pipeline worker uses).
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import pdfWorkerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import type { PdfAssetUrls } from './protocol.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL(pdfWorkerUrl, document.baseURI).href;
    return pdfjs;
  });
  return pdfjsPromise;
}

/** One open PDF per dropped file, kept while the page is open. */
export class PageRenderer {
  #doc: Promise<PDFDocumentProxy> | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly assets: PdfAssetUrls & { wasmUrl: string },
  ) {}

  #open(): Promise<PDFDocumentProxy> {
    this.#doc ??= loadPdfJs().then(
      (pdfjs) =>
        pdfjs.getDocument({
          data: this.bytes.slice(),
          cMapUrl: this.assets.cMapUrl,
          cMapPacked: true,
          standardFontDataUrl: this.assets.standardFontDataUrl,
          wasmUrl: this.assets.wasmUrl,
          isEvalSupported: false,
          verbosity: 0,
        }).promise,
    );
    return this.#doc;
  }

  /** Renders page `number` to fit `cssWidth` pixels; returns the page size in points (the bboxes' frame). */
  async render(number: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<{ width: number; height: number }> {
    const doc = await this.#open();
    const page = await doc.getPage(number);
    const base = page.getViewport({ scale: 1 });
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const scale = (cssWidth / base.width) * ratio;
    const viewport = page.getViewport({ scale });
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvas, viewport }).promise;
    page.cleanup();
    return { width: base.width, height: base.height };
  }
}
