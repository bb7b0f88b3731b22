/** Messages between the page and the pipeline worker (structured-clone friendly: plain data only). */
import type { DocumentJson } from '../../src/export/index.js';

export interface PdfAssetUrls {
  cMapUrl: string;
  standardFontDataUrl: string;
}

/** Where tesseract.js finds its files on this page's own host (absolute URLs). */
export interface OcrAssetUrls {
  /** tesseract.js's worker script. */
  workerPath: string;
  /** Folder of the tesseract cores (`tesseract-core-*-lstm.wasm.js`). */
  corePath: string;
  /** Folder of `chi_sim.traineddata.gz`. */
  langPath: string;
}

/** Page → worker: extract one PDF. */
export interface ExtractRequest {
  type: 'extract';
  id: number;
  fileName: string;
  bytes: ArrayBuffer;
  assets: PdfAssetUrls;
  ocr: OcrAssetUrls;
  /** `auto`: OCR the pages whose text layer is unusable (scans); `always`: every page; `never`: none. */
  ocrMode: 'auto' | 'always' | 'never';
}

export type WorkerMessage =
  | { type: 'progress'; id: number; stage: 'pages'; done: number; total: number }
  /** OCR of scanned pages: page images read so far, page images handed to the OCR so far. */
  | { type: 'progress'; id: number; stage: 'ocr'; done: number; total: number }
  | { type: 'progress'; id: number; stage: 'tables'; done: 0; total: 0 }
  | {
      type: 'done';
      id: number;
      /** document.json as the CLI writes it (`toDocumentJson`). */
      json: DocumentJson;
      /** The CLI's output files of this document (`renderOutputs`): path → text. */
      files: Record<string, string>;
      /** Table order → its CSV path in `files` (`tables/NN_TITLE.csv`). */
      tableFiles: Record<number, string>;
      seconds: number;
    }
  | { type: 'failed'; id: number; code: string; message: string };
