/**
 * What the OCR stage passes around. Browser-safe: no Node imports here or in
 * any module of src/ocr except node.ts.
 */

/** An 8-bit grey raster, row-major, one byte a pixel (0 black … 255 white). */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A word the OCR read, in pixels of the image it was given (origin top-left). */
export interface OcrWord {
  text: string;
  /** 0–1. */
  confidence: number;
  /** `[x0, top, x1, bottom]` in pixels. */
  bbox: [number, number, number, number];
  /** The line the word belongs to, in pixels (words of one line share its height). */
  line: [number, number, number, number];
}

export interface OcrResult {
  words: OcrWord[];
  /** Mean word confidence, 0–1 (0 when nothing was read). */
  meanConfidence: number;
}

export interface RecognizeOptions {
  /** Resolution of the image, for the engine's size heuristics. */
  dpi: number;
  /** Restrict the characters read (re-reading number cells); all when omitted. */
  whitelist?: string;
  /** Page segmentation: `page` (auto layout, the default), `block` (one block of lines) or `line` (one text line). */
  layout?: 'page' | 'block' | 'line';
}

/**
 * An OCR engine: a pool of recognizers. Created once per process and handed
 * to every document (ingest, extract); `terminate` ends its workers.
 */
export interface OcrEngine {
  /** Pages it can read at once (the pool's size). */
  readonly concurrency: number;
  /** Reads an image; queued while every worker is busy. */
  recognize(image: GreyImage, options: RecognizeOptions): Promise<OcrResult>;
  terminate(): Promise<void>;
}

/** `auto`: OCR the pages whose text layer is unusable; `always`: every page with content; `never`: none. */
export type OcrMode = 'auto' | 'always' | 'never';

/** How ingest uses the OCR. */
export interface OcrOptions {
  mode: OcrMode;
  /** Null: pages that need OCR are left as their text layer has them (reported per page). */
  engine: OcrEngine | null;
}

export type { OcrPageInfo } from '../core/types.js';
