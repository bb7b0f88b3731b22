import { createWorker, type Worker } from 'tesseract.js';
import { encodePgm } from './image.js';
import type { GreyImage, OcrEngine, OcrResult, OcrWord, RecognizeOptions } from './types.js';

/**
 * The OCR languages. Chinese alone: its model reads the digits, Latin letters and
 * punctuation of budget tables too, and adding English costs accuracy and time. Measured
 * on the scanned seed sample (tests/ocr/scanned-sample.test.ts): amount cells exact
 * 697/736 with `chi_sim`, 572/736 with `eng+chi_sim` (the English model wins on digit
 * groups and misreads them), 83 s against 106 s. (`chi_sim+eng` is no option either:
 * tesseract.js 7 under Node fails to load the second language, "Failed loading language
 * '玂臎'", while the browser loads it, so the CLI and the page would read differently.)
 */
export const OCR_LANGUAGES = ['chi_sim'] as const;

export interface TesseractEngineOptions {
  /**
   * A folder (Node) or URL (browser) holding `chi_sim.traineddata.gz` (the
   * `4.0.0_best_int` data of `@tesseract.js-data/chi_sim`). Nothing is fetched from elsewhere.
   */
  langPath: string;
  /** Workers in the pool (one page each at a time). */
  workers: number;
  /** Tesseract language string; OCR_LANGUAGES joined by `+` by default. */
  languages?: string;
  /** tesseract.js worker script and core, where the defaults do not apply (browser bundles). */
  workerPath?: string;
  corePath?: string;
}

/** LSTM only: the legacy engine's data is not shipped (and costs ~300 MB a worker for no gain). */
const OEM_LSTM_ONLY = 1;
/** Page segmentation: automatic layout (essential on ruled tables) and one text line. */
const PSM_AUTO = '3';
const PSM_SINGLE_BLOCK = '6';
const PSM_SINGLE_LINE = '7';

interface Slot {
  worker: Promise<Worker>;
  busy: boolean;
}

/**
 * A pool of tesseract.js workers. Workers start on the first page that needs
 * them (a document with a usable text layer never starts one) and are reused
 * for every later page and document until `terminate`.
 */
export function createTesseractEngine(options: TesseractEngineOptions): OcrEngine {
  const size = Math.max(1, Math.floor(options.workers));
  const slots: Slot[] = [];
  const waiting: Array<(slot: Slot) => void> = [];
  let terminated = false;

  const start = (): Promise<Worker> =>
    createWorker(options.languages ?? OCR_LANGUAGES.join('+'), OEM_LSTM_ONLY, {
      langPath: options.langPath,
      gzip: true,
      // Caching would write 40 MB of unpacked data into the working folder.
      cacheMethod: 'none',
      ...(options.workerPath ? { workerPath: options.workerPath } : {}),
      ...(options.corePath ? { corePath: options.corePath } : {}),
      // A logger must be a function when given (undefined crashes the worker): none is given.
      errorHandler: () => {},
    });

  const acquire = (): Promise<Slot> => {
    if (terminated) return Promise.reject(new Error('the OCR engine was terminated'));
    const free = slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (slots.length < size) {
      const slot: Slot = { worker: start(), busy: true };
      slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };

  return {
    concurrency: size,
    async recognize(image: GreyImage, recognizeOptions: RecognizeOptions): Promise<OcrResult> {
      const slot = await acquire();
      try {
        const worker = await slot.worker;
        await worker.setParameters({
          tessedit_pageseg_mode: ({ page: PSM_AUTO, block: PSM_SINGLE_BLOCK, line: PSM_SINGLE_LINE }[recognizeOptions.layout ?? 'page']) as never,
          tessedit_char_whitelist: recognizeOptions.whitelist ?? '',
          user_defined_dpi: String(Math.round(recognizeOptions.dpi)),
        });
        const { data } = await worker.recognize(encodePgm(image) as never, {}, { blocks: true, text: false });
        return toResult(data);
      } finally {
        release(slot);
      }
    },
    async terminate(): Promise<void> {
      terminated = true;
      const all = slots.splice(0);
      await Promise.all(all.map(async (s) => (await s.worker.catch(() => null))?.terminate()));
    },
  };
}

function toResult(page: Tesseract.Page): OcrResult {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const lb = line.bbox;
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === '') continue;
          words.push({
            text,
            confidence: Math.max(0, Math.min(1, word.confidence / 100)),
            bbox: [word.bbox.x0, word.bbox.y0, word.bbox.x1, word.bbox.y1],
            line: [lb.x0, lb.y0, lb.x1, lb.y1],
          });
        }
      }
    }
  }
  const meanConfidence = words.length > 0 ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  return { words, meanConfidence };
}
