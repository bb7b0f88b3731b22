/** Failures of the program (not of the data): each carries a stable code. */
export type ErrorCode =
  | 'PDF_EMPTY'
  | 'PDF_INVALID'
  | 'PDF_ENCRYPTED'
  | 'PDF_TRUNCATED'
  | 'PDF_READ_FAILED'
  | 'PAGE_FAILED'
  | 'OUTPUT_INVALID'
  | 'INPUT_NOT_FOUND'
  | 'TIMEOUT'
  | 'OCR_DATA_MISSING'
  | 'OCR_FAILED'
  | 'INTERNAL';

export class BudgetTablesError extends Error {
  readonly code: ErrorCode;
  /** 1-based page the failure concerns, when it concerns one. */
  readonly page: number | null;

  constructor(code: ErrorCode, message: string, options: { page?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BudgetTablesError';
    this.code = code;
    this.page = options.page ?? null;
  }
}
