/**
 * The values that flow between stages. One coordinate system everywhere:
 * PDF points, origin at the page's top-left corner, y growing downwards.
 */

/** `[x0, top, x1, bottom]` in PDF points, origin top-left. */
export type BBox = [number, number, number, number];

/** Where a piece of text was read from. */
export type TextSource = 'text' | 'ocr';

/** One run of text as the PDF (or the OCR) positioned it. */
export interface TextItem {
  /** The text exactly as read (after dropping pdf.js filler items). */
  raw: string;
  /** 1-based page number. */
  page: number;
  bbox: BBox;
  /** Glyph height in points. */
  fontSize: number;
  source: TextSource;
  /** 0–1 for OCR words, `null` for the text layer. */
  confidence: number | null;
}

/** An axis-aligned line segment drawn on the page (a table rule). */
export interface Ruling {
  orientation: 'h' | 'v';
  /** For `h`: the y; for `v`: the x. */
  position: number;
  /** Extent along the line: x0..x1 for `h`, top..bottom for `v`. */
  start: number;
  end: number;
}

/** One page after ingest. */
export interface PageContent {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  rulings: Ruling[];
  /** Set when a stage could not read this page; the page is then empty. */
  error: { code: string; message: string } | null;
  /** Set when the page's items and rulings come from OCR of its image (the text layer was unusable, or OCR was forced). */
  ocr?: OcrPageInfo;
}

/** How a page was read by OCR. */
export interface OcrPageInfo {
  /** Why: no text over an image, a few items over a page-sized image, text that does not decode, or `--ocr always`. */
  reason: 'no-text' | 'few-items' | 'undecodable' | 'forced';
  /** Where the pixels came from: the page's one embedded image (no rendering), or a rendering of the page. */
  image: 'embedded' | 'rendered';
  /** Resolution of the image read, dots per inch. */
  dpi: number;
  /** Quarter turns (clockwise) that made the text upright, 0–3; for 1 and 3 the page's width and height are exchanged. */
  quarterTurns: number;
  /** Skew removed, degrees (positive: the content was turned clockwise). */
  skewDegrees: number;
  /** Mean OCR confidence of the page's words, 0–1. */
  meanConfidence: number;
}

/** What ingest hands to detection. */
export interface SourceDocument {
  pageCount: number;
  pages: PageContent[];
}

/** Items of one page that share a baseline band, left to right. */
export interface TextLine {
  page: number;
  items: TextItem[];
  bbox: BBox;
  /** Items joined with a space where they are apart, raw. */
  raw: string;
  /** Normalized (see `normalizeText`). */
  text: string;
}

/** A slice of a table on one page: the area the grid occupies there. */
export interface RegionPart {
  page: number;
  /** The area below the title lines down to where the table ends on this page. */
  bbox: BBox;
  items: TextItem[];
  rulings: Ruling[];
}

/** A numbered table found on the pages, before its grid is rebuilt. */
export interface TableRegion {
  /** Printed number in Arabic digits with `-` between parts, or null. */
  number: string | null;
  /** Normalized title printed nearest above the grid. */
  title: string;
  /** The printed title lines, raw. */
  titleRaw: string;
  /** `万元`, `元` … as printed on the unit line, or null when none is printed. */
  unit: string | null;
  /** The printed 部门 line's value (may be empty), or null when none is printed. */
  departmentLine: string | null;
  /** Table kind slug from the pipeline's specs, `other` when none matches. */
  kind: string;
  parts: RegionPart[];
}

/** A cell of a rebuilt grid (spans count atomic rows and columns). */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Text of the items inside, lines joined, raw. */
  raw: string;
  page: number;
  bbox: BBox;
  /** Lowest OCR confidence of its items, null for text-layer cells. */
  confidence: number | null;
}

export interface GridColumn {
  x0: number;
  x1: number;
}

/** A table's grid: header rows first, then body rows, across its pages. */
export interface Grid {
  columns: GridColumn[];
  /** Number of header rows at the top of `rows`. */
  headerRows: number;
  /** Row-major; each row lists the cells that start in it. */
  rows: GridCell[][];
  method: 'ruled' | 'unruled';
  source: TextSource | 'mixed';
  /** Share of text items that fell cleanly into one cell (0–1). */
  quality: number;
  pages: number[];
  /** A note printed in or under an empty table (本表无数据 …). */
  note: string | null;
}
