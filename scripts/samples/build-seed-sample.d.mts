// Types for importing build-seed-sample.mjs from TypeScript (tests/samples).

export interface ExpectedColumn {
  key: string;
  path: string[];
}

export interface ExpectedRow {
  cells: Record<string, string>;
  rowSpans: Record<string, number>;
}

export interface ExpectedTable {
  order: number;
  number: string;
  title: string;
  kind: string;
  unit: string;
  unitInferred: boolean;
  /** 1-based PDF pages on which the table's grid is printed */
  pages: number[];
  note: string | null;
  headerRows: number;
  columns: ExpectedColumn[];
  rows: ExpectedRow[];
}

export interface Expected {
  source: string;
  document: { department: string; year: number; kind: 'budget'; unit: string; pages: number };
  tables: ExpectedTable[];
}

export type Style = 'ruled' | 'unruled';

export const REPO_ROOT: string;
export const DEFAULT_SEED: string;
export const DEFAULT_OUT: string;
export const BASENAME: string;
export const TABLE_CONFIG: Record<string, { kind: string; headerRows: number; preRows?: number; page: 'A4P' | 'A4L' | 'A3L' }>;

/** NFKC, then all whitespace removed. */
export function normalize(s: string): string;

/** Seed → model → layout → expected JSON (no file written). */
export function buildModelAndExpected(seedPath?: string): {
  model: unknown;
  layout: { totalPages: number; tablePages: Map<string, number[]>; pages: unknown[] };
  expected: Expected;
};

/** Render the sample PDFs in memory (nothing written); same bytes as the files buildSeedSample writes. */
export function renderSamples(opts?: {
  seedPath?: string;
  styles?: Style[];
}): Promise<{ expected: Expected; pdfs: Partial<Record<Style, Buffer>> }>;

/** Output file name of a style: yaan-2025-budget.pdf / yaan-2025-budget-unruled.pdf */
export function pdfName(style: Style): string;

export function sha256(data: string | Buffer): string;

/** Write the PDFs (both styles by default) and the expected JSON. */
export function buildSeedSample(opts?: {
  seedPath?: string;
  outDir?: string;
  styles?: Style[];
}): Promise<{ files: { path: string; sha256: string }[]; expected: Expected }>;
