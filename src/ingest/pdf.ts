import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy, PDFWorker } from 'pdfjs-dist/types/src/display/api.js';
import { BudgetTablesError } from '../core/errors.js';
import { GLYPH_ASCENT, GLYPH_DESCENT, textWeight } from '../core/glyphs.js';
import type { Settings } from '../core/settings.js';
import type { PageContent, SourceDocument, TextItem } from '../core/types.js';
import { OcrQueue } from '../ocr/ingest.js';
import type { CanvasFactory } from '../ocr/page.js';
import type { OcrOptions } from '../ocr/types.js';
import { clippedTextTest } from './clip.js';
import type { Matrix } from '../core/operators.js';
import { extractRulings } from './rulings.js';

/** Where pdf.js finds its bundled data: folders (Node) or URLs (browser), each ending with `/`. */
export interface PdfAssets {
  cMapUrl: string;
  standardFontDataUrl: string;
  /**
   * pdf.js's image decoders (openjpeg for JPEG 2000 scans, jbig2), a folder
   * or URL ending with `/`; the `wasm/` folder beside `cmaps/` when omitted.
   * Without them a JPX or JBIG2 scan paints nothing.
   */
  wasmUrl?: string;
  /**
   * Makes the pdf.js worker a document is read with (destroyed after it):
   * in Node, a cheaper in-process one (src/cli/pdfjs-node.ts). pdf.js's own
   * when omitted or when it gives none.
   */
  createWorker?: () => PDFWorker | undefined;
}

export interface ReadPdfOptions {
  assets: PdfAssets;
  settings: Settings;
  /** Pages to read (1-based); all when omitted. */
  pages?: readonly number[];
  /** OCR of pages whose text layer is unusable (`auto`), of every page (`always`) or of none; none when omitted. */
  ocr?: OcrOptions;
  /** Called after each page is read: pages done so far, pages to read (progress for the web page and the CLI). */
  onPage?: (done: number, total: number) => void;
}

/** Reads a PDF's text items and ruling lines, page by page, into top-left PDF points. */
export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions): Promise<SourceDocument> {
  if (bytes.length === 0) throw new BudgetTablesError('PDF_EMPTY', 'the file is empty (0 bytes)');
  if (!startsWithPdfHeader(bytes)) {
    throw new BudgetTablesError('PDF_INVALID', 'not a PDF: the file does not start with %PDF-');
  }
  const worker = options.assets.createWorker?.();
  const task = pdfjs.getDocument({
    worker,
    // pdf.js takes ownership of (and may detach) the buffer it is given.
    data: bytes.slice(),
    cMapUrl: options.assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: options.assets.standardFontDataUrl,
    wasmUrl: options.assets.wasmUrl ?? options.assets.cMapUrl.replace(/cmaps([\\/])$/u, 'wasm$1'),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    // Decoded images as raw pixels (not ImageBitmaps) and pdf.js's own JPEG decoder, in browsers as in Node:
    // the OCR reads the same pixels in the web page's worker as in the CLI (and needs no canvas there).
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    worker?.destroy();
    throw openError(error, bytes);
  }
  try {
    const numbers = options.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const pages: PageContent[] = [];
    const ocr = options.ocr ? new OcrQueue(options.ocr, doc.canvasFactory as CanvasFactory, options.settings) : null;
    for (const number of numbers) {
      if (number < 1 || number > doc.numPages) continue;
      pages.push(await readPageSafely(doc, number, options.settings, ocr));
      options.onPage?.(pages.length, numbers.length);
    }
    await ocr?.finish();
    return { pageCount: doc.numPages, pages };
  } finally {
    await doc.destroy();
    worker?.destroy();
  }
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow some junk bytes; readers accept it within the first 1 KB.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** A PDF ends with `%%EOF` (possibly followed by a line break or some padding). */
function hasEndMarker(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF');
}

function openError(error: unknown, bytes: Uint8Array): BudgetTablesError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new BudgetTablesError('PDF_ENCRYPTED', `the PDF is encrypted with a user password (${message})`, { cause: error });
  }
  if (!hasEndMarker(bytes)) {
    return new BudgetTablesError('PDF_TRUNCATED', `the file is cut short (no %%EOF at its end) and pdf.js cannot read it (${message})`, {
      cause: error,
    });
  }
  if (name === 'InvalidPDFException') {
    return new BudgetTablesError('PDF_INVALID', `not a readable PDF (${message})`, { cause: error });
  }
  return new BudgetTablesError('PDF_READ_FAILED', `pdf.js could not open the file (${name || 'error'}: ${message})`, {
    cause: error,
  });
}

/** A page that breaks pdf.js becomes an empty page carrying its error, so the rest of the document is still read. */
async function readPageSafely(doc: PDFDocumentProxy, number: number, settings: Settings, ocr: OcrQueue | null): Promise<PageContent> {
  let page: PDFPageProxy | null = null;
  try {
    page = await doc.getPage(number);
    return await readPage(page, number, settings, ocr);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { number, width: 0, height: 0, items: [], rulings: [], error: { code: 'PAGE_FAILED', message } };
  } finally {
    page?.cleanup();
  }
}

async function readPage(page: PDFPageProxy, number: number, settings: Settings, ocr: OcrQueue | null): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const toTopLeft = viewport.transform as Matrix;
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: true });
  const operators = await page.getOperatorList();
  // Text the clip hides is not on the page a reader sees (a merged cell's copy past a page break).
  const clipped = clippedTextTest(operators.fnArray, operators.argsArray, settings.clipVisibleShare);
  const items: TextItem[] = [];
  for (const entry of content.items) {
    if (!('str' in entry) || clipped(entry.transform as Matrix, entry.width)) continue;
    const item = toTextItem(entry.str, entry.transform as Matrix, entry.width, toTopLeft, number);
    if (item) items.push(item);
  }
  const rulings = extractRulings(operators.fnArray, operators.argsArray, toTopLeft, settings);
  const pageContent: PageContent = { number, width: viewport.width, height: viewport.height, items, rulings, error: null };
  // Unusable text layer: the OCR takes the page's pixels now and fills the page in when it is done.
  await ocr?.consider(page, pageContent, operators.fnArray, operators.argsArray, toTopLeft);
  return pageContent;
}

function toTextItem(raw: string, textMatrix: Matrix, width: number, toTopLeft: Matrix, page: number): TextItem | null {
  // pdf.js adds filler items (" ", "") between runs: they carry no text.
  if (raw.trim() === '') return null;
  const m = pdfjs.Util.transform(toTopLeft, textMatrix) as Matrix;
  const fontSize = Math.hypot(m[2], m[3]);
  const advance = Math.hypot(m[0], m[1]);
  if (fontSize === 0 || advance === 0) return null;
  const ux = m[0] / advance;
  const uy = m[1] / advance;
  // Up vector in device space (y grows downwards): perpendicular to the text direction.
  const upx = uy;
  const upy = -ux;
  const x = m[4];
  const y = m[5];
  // Spaces at either end of a run ("0.00 " before the next cell's text) are not printed: the box
  // holds the printed characters only, so it does not reach into the neighbouring cell.
  const text = raw.trim();
  const total = textWeight(raw);
  const start = (width * textWeight(raw.slice(0, raw.length - raw.trimStart().length))) / total;
  const end = width - (width * textWeight(raw.slice(raw.trimEnd().length))) / total;
  const corners: Array<[number, number]> = [];
  for (const along of [start, end]) {
    for (const up of [-GLYPH_DESCENT * fontSize, GLYPH_ASCENT * fontSize]) {
      corners.push([x + ux * along + upx * up, y + uy * along + upy * up]);
    }
  }
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return {
    raw: text,
    page,
    bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    fontSize,
    source: 'text',
    confidence: null,
  };
}
