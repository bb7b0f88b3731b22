import type { PageProblem } from '../core/document.js';
import type { ValidationReport } from '../validate/index.js';

/** Parent → worker: one document to extract. */
export interface JobRequest {
  id: number;
  file: string;
  name: string;
  outDir: string;
  tables: string[];
}

/** Worker → parent: how it went. */
export type JobResult =
  | {
      kind: 'done';
      id: number;
      pages: number;
      tables: number;
      records: number;
      checks: ValidationReport['summary'];
      problems: PageProblem[];
      seconds: number;
      /** CPU time the worker spent on the document (user + system), seconds. */
      cpuSeconds?: number;
      /** Pages read by OCR (0 or absent when none). */
      ocrPages?: number;
    }
  | { kind: 'failed'; id: number; code: string; page: number | null; message: string };

/**
 * Worker → parent while a document runs, after each page read: pages read so
 * far and pages to read. Drives the progress display and names the page a
 * document was on when it was stopped (timeout, memory).
 */
export interface JobProgress {
  kind: 'progress';
  id: number;
  /** Pages read so far and pages to read. */
  done: number;
  total: number;
}

/** Worker → parent: it is ready and starts the document (the time limit runs from here, not from its start-up). */
export interface JobStarted {
  kind: 'started';
  id: number;
}

/** Any message a worker sends. */
export type WorkerMessage = JobResult | JobProgress | JobStarted;
