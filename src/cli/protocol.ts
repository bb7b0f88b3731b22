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
    }
  | { kind: 'failed'; id: number; code: string; page: number | null; message: string };
