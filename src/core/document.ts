import type { Decimal } from 'decimal.js';
import type { ColumnRole } from './pipeline.js';
import type { BBox, TextSource } from './types.js';

/** The typed tables of one document: what normalize produces and validate/export read. */

export interface TableCell {
  /** Printed text, exactly. */
  raw: string;
  /** Amount in the table's unit with the printed decimals; null for text and a lone `-`. */
  value: Decimal | null;
  /** Decimal places as printed (`2,000.00` → 2), so the value serializes as printed. */
  scale: number;
  page: number;
  bbox: BBox;
  confidence: number | null;
  rowSpan: number;
}

export interface TableColumn {
  key: string;
  path: string[];
  role: ColumnRole;
}

export interface RowCodes {
  function: string | null;
  economic: string | null;
  unit: string | null;
}

export interface TableRow {
  label: string;
  codes: RowCodes;
  /** Keyed by column key, in column order. */
  cells: Record<string, TableCell>;
  /** Side-by-side tables: which block the row belongs to (0 left, 1 right …); null otherwise. */
  half: number | null;
}

export interface BudgetTable {
  order: number;
  number: string | null;
  title: string;
  kind: string;
  unit: string | null;
  unitInferred: boolean;
  pages: number[];
  source: TextSource | 'mixed';
  method: 'ruled' | 'unruled';
  quality: number;
  note: string | null;
  columns: TableColumn[];
  rows: TableRow[];
}

export interface DocumentMeta {
  department: string | null;
  year: number | null;
  kind: 'budget' | 'final';
  unit: string | null;
}

/** A page a stage could not read: reported, never silently dropped. */
export interface PageProblem {
  page: number;
  code: string;
  message: string;
}

export interface BudgetDocument {
  source: { file: string; sha256: string; pages: number };
  document: DocumentMeta;
  tables: BudgetTable[];
  /** The tables asked for (`--table`), sorted; empty when all were extracted. */
  selectedTables: string[];
  pageProblems: PageProblem[];
  /** The document's text outside its tables (情况说明 …), line by line, for checks against the tables. */
  prose: ProseLine[];
  /** OCR values replaced by accounting proof (src/repair); absent or empty for text-layer documents. */
  corrections?: Correction[];
}

/** One OCR value replaced by accounting proof (document.json `corrections`). */
export interface Correction {
  /** The table's number, or `#order`. */
  table: string;
  order: number;
  /** 1-based index into the table's rows. */
  row: number;
  label: string;
  column: string;
  page: number;
  bbox: BBox;
  /** The text as the OCR read it, and its value (null when it read no number). */
  ocrText: string;
  ocrValue: string | null;
  /** The value the identities prove (decimal string), and the text now in the cell. */
  value: string;
  raw: string;
  /** The OCR's confidence in the cell, 0–1. */
  confidence: number;
  /** The identities (check id and rule) that failed with the OCR value and hold with the corrected one. */
  proof: { id: string; rule: string }[];
}

export interface ProseLine {
  page: number;
  /** Normalized (NFKC, radicals folded, whitespace removed). */
  text: string;
}
