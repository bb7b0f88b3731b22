/**
 * Every heuristic threshold of the pipeline, named and documented, with its
 * default. Distances are PDF points unless the name says otherwise.
 */
export interface Settings {
  /** A filled rectangle thinner than this (in one direction) is a drawn rule, not a shape. */
  rulingMaxThickness: number;
  /** Rules shorter than this are glyph strokes or ticks, not table rules. */
  rulingMinLength: number;
  /** Parallel rules closer than this are one rule (producers double them ~0.75 pt apart). */
  rulingSnapTolerance: number;
  /** Collinear rules with a gap up to this are one rule. */
  rulingJoinTolerance: number;
  /** A rule must cover this share of a cell edge for the edge to count as drawn. */
  edgeCoverageRatio: number;
  /**
   * Ingest: text whose first glyph shows less than this share of its box inside the clip in force is hidden and
   * dropped (spreadsheets draw a merged cell running over a page break again, clipped, on the next page).
   */
  clipVisibleShare: number;
  /** Two items belong to one text line when their vertical overlap is at least this share of the smaller height. */
  lineOverlapRatio: number;
  /** Items in one line farther apart than this many font sizes are separate words. */
  wordGapEm: number;
  /** Minimum number of horizontal and of vertical rules for a region to be read as ruled. */
  ruledMinRules: number;
  /** Unruled columns: a vertical gap at least this wide between items separates columns. */
  columnGapMin: number;
  /** Unruled: an amount and its neighbour on one line are separate cells when at least this many font sizes apart. */
  numberGapEm: number;
  /**
   * Unruled: an amount and CJK words beside it on one line are separate cells when more than this many font
   * sizes apart (a spreadsheet prints the next cell's wrapped text a point after a right-aligned amount: `0.00稳定…`).
   */
  numberWordGapEm: number;
  /** Unruled rows: lines closer than this many font sizes (baseline to baseline) may be one wrapped cell. */
  wrappedLineGapEm: number;
  /**
   * Unruled rows: a column is a column of numbers when at least this share of the lines printing numbers print one
   * in it; a number elsewhere (a year in a 绩效目标 sentence) starts no row.
   */
  numberColumnMinShare: number;
  /** Unruled headers: labels of one header line farther apart than this many font sizes are separate labels. */
  headerGapEm: number;
  /** Unruled headers: a label spans a run of columns whose centre is within this share of the label's width of its own centre. */
  headerCentreTolerance: number;
  /** Unruled headers: two lines of one label closer than this many font sizes are one wrapped header cell. */
  wrappedHeaderGapEm: number;
  /**
   * Unruled headers: a label line standing alone under a wider one, within its width and at most this many font
   * sizes below it, continues it (一般公共预 / 算 wrapped in one cell) even when farther than `wrappedHeaderGapEm`.
   */
  wrappedHeaderMaxGapEm: number;
  /** Bottom margin (share of the page height) where footers such as page numbers live. */
  footerBand: number;
  /** Max characters a title line may carry beyond its title (numbering, year, department, brackets). */
  titleExtraChars: number;
  /** A table part is searched for this far (points) below its title before giving up. */
  titleToGridMaxGap: number;
  /**
   * Longest title (numbering removed) accepted, in characters. Per-project titles run long
   * (西安市级…（卫生健康事业发展专项资金）项目绩效自评表 is 45 characters).
   */
  titleMaxChars: number;
  /** Detect: a gap between pieces of one line (in font sizes) that makes the line tabular. */
  tabularGapEm: number;
  /** Detect: two title lines this close (gap in font sizes of the first) can be one title wrapped over two lines. */
  titleWrapGapEm: number;
  /** Detect: the two lines of a wrapped title may overlap vertically by this many font sizes (tight line spacing). */
  titleWrapOverlapEm: number;
  /** Detect: font sizes of the two lines of a wrapped title may differ by this share. */
  titleWrapSizeRatio: number;
  /** Detect: the two lines of a wrapped title are centred on one axis, or start at one x, within this many font sizes. */
  titleWrapAlignEm: number;
  /**
   * Detect: a title inside a ruled cell narrower than this share of the page width is cell text (参会代表, 报表),
   * not a table title; real titles sit above the grid or in a title box spanning the table.
   */
  titleCellMaxShare: number;
  /**
   * Detect: lines under a title group compared to tell a repeated title (the same table continued on the next
   * page, its header printed again) from a new table of the same title (one 绩效目标表 per project, whose first
   * row names the project).
   */
  headerSignatureLines: number;
  /** Detect: lines under a title taken as the table's header, looked for again at the top of an unruled continuation page. */
  headerRepeatLines: number;
  /** Detect: bigram similarity above which a page's first lines repeat the table's header (wrapping varies a little). */
  headerRepeatSimilarity: number;
  /**
   * Reconstruct: a leading row of a continuation page that prints no number repeats the first page's header when
   * at least this share of its cell texts are header texts (the OCR misreads a few header words: 让二级指标, 度量单单位).
   */
  repeatedHeaderTextShare: number;
  /** An empty ruled column narrower than this is a sliver between misaligned rules, not a printed column. */
  minEmptyColumnWidth: number;
  /** An empty ruled column is printed when it is a cell of its own in at least this share of body rows. */
  emptyColumnRowShare: number;
  /**
   * Reconstruct: a cell whose last line ends within this many font sizes of its column's right edge is full, its
   * text may run on: a continuation page's first row of words only, under such cells, is the rest of the previous
   * page's last row (a row split by the page break: 八、社会保障和就 / 业支出).
   */
  splitRowEdgeEm: number;
  /** OCR: a page whose images cover at least this share of it may be a scan. */
  ocrMinImageCoverage: number;
  /** OCR: a page drawing at least this many filled outline paths and no text is text printed as shapes. */
  ocrMinOutlinePaths: number;
  /** OCR: fewer text items than this on an image-covered page: the text layer is not the page's text. */
  ocrMinTextItems: number;
  /** OCR: a text layer with at least this share of private-use, unmapped or garbled characters does not decode. */
  ocrUnreadableShare: number;
  /** OCR: resolution a page is rendered at for the OCR engine (dots per inch). */
  ocrRenderDpi: number;
  /**
   * OCR: a pixel whose red exceeds both its green and its blue by at least this (0–255) is red ink,
   * an office's seal stamped over the table, and goes to the OCR as its red channel, where red
   * ink is light and black print under it stays dark. 256 turns it off (plain grey).
   */
  ocrSealRedness: number;
  /** OCR: words read with a confidence (0–1) below this are cut out and read again on their own, one text line (src/ocr/reread.ts). */
  ocrRereadConfidence: number;
  /**
   * Repair: OCR cells read with a confidence (0–1) below this are in doubt and may be corrected by the accounting;
   * cells at or above it are trusted as proof (measured on the scanned sample: right amounts read 0.81–0.93, misreads mostly below 0.8).
   */
  repairMaxConfidence: number;
  /** A column whose header names no role holds money when at least this share of its printed body cells (placeholders such as `-` aside) read as amounts. */
  amountColumnMinShare: number;
  /** A body text of at most this many characters that names a field (资金总额, 指标值, 分值) types the numbers below it in a form's column; longer text is content. */
  fieldNameMaxChars: number;
  /** Rounding: a sum of n printed terms may differ by n × this share of the last printed decimal unit. */
  roundingHalfUnits: number;
  /** A column tells what it holds (figures or words) for the shifted-row check only from at least this many printed cells. */
  shiftedRowMinColumnCells: number;
  /** …and only when at least this share of them is of one kind (the shifted rows themselves are among them). */
  shiftedRowKindShare: number;
  /** A row is judged moved one column off the rows of its section only next to at least this many rows that fill the same columns. */
  shiftedRowMinRun: number;
  /**
   * Names: an OCR-read name one character off its code's name, read with a confidence (0–1) below this, is no
   * evidence of a wrong name; the check is reported skipped (measured: 旅游宜传 for 旅游宣传 read at 0.77 on the culture scan).
   */
  ocrNameDoubtConfidence: number;
  /**
   * Rows nesting without marks are read through the figures by a search over which rows head the ones after them;
   * it gives up (the flat reading stands) after this many steps, so a long table of unrelated figures stays fast.
   */
  nestedReadingMaxSteps: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  rulingMaxThickness: 2.5,
  rulingMinLength: 4,
  rulingSnapTolerance: 2,
  rulingJoinTolerance: 2.5,
  edgeCoverageRatio: 0.6,
  clipVisibleShare: 0.6,
  lineOverlapRatio: 0.5,
  wordGapEm: 0.9,
  ruledMinRules: 2,
  columnGapMin: 6,
  numberGapEm: 0.2,
  numberWordGapEm: 0.05,
  wrappedLineGapEm: 1.6,
  numberColumnMinShare: 0.2,
  headerGapEm: 0.5,
  headerCentreTolerance: 0.4,
  wrappedHeaderGapEm: 0.35,
  wrappedHeaderMaxGapEm: 1,
  footerBand: 0.1,
  titleExtraChars: 40,
  titleToGridMaxGap: 160,
  titleMaxChars: 64,
  tabularGapEm: 1.5,
  titleWrapGapEm: 1,
  titleWrapOverlapEm: 0.2,
  titleWrapSizeRatio: 0.15,
  titleWrapAlignEm: 2,
  titleCellMaxShare: 0.5,
  headerSignatureLines: 2,
  headerRepeatLines: 3,
  headerRepeatSimilarity: 0.8,
  repeatedHeaderTextShare: 0.7,
  minEmptyColumnWidth: 8,
  emptyColumnRowShare: 0.8,
  splitRowEdgeEm: 1,
  ocrMinImageCoverage: 0.5,
  ocrMinOutlinePaths: 200,
  ocrMinTextItems: 10,
  ocrUnreadableShare: 0.3,
  ocrRenderDpi: 300,
  ocrSealRedness: 60,
  ocrRereadConfidence: 0.5,
  repairMaxConfidence: 0.8,
  amountColumnMinShare: 0.5,
  fieldNameMaxChars: 12,
  roundingHalfUnits: 0.5,
  shiftedRowMinColumnCells: 6,
  shiftedRowKindShare: 0.75,
  shiftedRowMinRun: 2,
  ocrNameDoubtConfidence: 0.8,
  nestedReadingMaxSteps: 200_000,
});

/** Merges user overrides over the defaults, rejecting unknown keys and bad values by name. */
export function resolveSettings(overrides: Partial<Record<string, unknown>> = {}): Settings {
  const settings: Record<string, number> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_SETTINGS)) throw new Error(`unknown setting "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`setting "${key}" must be a non-negative number, got ${String(value)}`);
    }
    settings[key] = value;
  }
  return settings as unknown as Settings;
}
