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
  /** Unruled rows: lines closer than this many font sizes (baseline to baseline) may be one wrapped cell. */
  wrappedLineGapEm: number;
  /** Unruled headers: labels of one header line farther apart than this many font sizes are separate labels. */
  headerGapEm: number;
  /** Unruled headers: a label spans a run of columns whose centre is within this share of the label's width of its own centre. */
  headerCentreTolerance: number;
  /** Unruled headers: two lines of one label closer than this many font sizes are one wrapped header cell. */
  wrappedHeaderGapEm: number;
  /** Bottom margin (share of the page height) where footers such as page numbers live. */
  footerBand: number;
  /** Max characters a title line may carry beyond its title (numbering, year, department, brackets). */
  titleExtraChars: number;
  /** A table part is searched for this far (points) below its title before giving up. */
  titleToGridMaxGap: number;
  /** An empty ruled column narrower than this is a sliver between misaligned rules, not a printed column. */
  minEmptyColumnWidth: number;
  /** An empty ruled column is printed when it is a cell of its own in at least this share of body rows. */
  emptyColumnRowShare: number;
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
  /** OCR: words read with a confidence (0–1) below this are cut out and read again on their own, one text line (src/ocr/reread.ts). */
  ocrRereadConfidence: number;
  /**
   * Repair: OCR cells read with a confidence (0–1) below this are in doubt and may be corrected by the accounting;
   * cells at or above it are trusted as proof (measured on the scanned sample: right amounts read 0.81–0.93, misreads mostly below 0.8).
   */
  repairMaxConfidence: number;
  /** Rounding: a sum of n printed terms may differ by n × this share of the last printed decimal unit. */
  roundingHalfUnits: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  rulingMaxThickness: 2.5,
  rulingMinLength: 4,
  rulingSnapTolerance: 2,
  rulingJoinTolerance: 2.5,
  edgeCoverageRatio: 0.6,
  lineOverlapRatio: 0.5,
  wordGapEm: 0.9,
  ruledMinRules: 2,
  columnGapMin: 6,
  numberGapEm: 0.2,
  wrappedLineGapEm: 1.6,
  headerGapEm: 0.5,
  headerCentreTolerance: 0.4,
  wrappedHeaderGapEm: 0.35,
  footerBand: 0.1,
  titleExtraChars: 40,
  titleToGridMaxGap: 160,
  minEmptyColumnWidth: 8,
  emptyColumnRowShare: 0.8,
  ocrMinImageCoverage: 0.5,
  ocrMinOutlinePaths: 200,
  ocrMinTextItems: 10,
  ocrUnreadableShare: 0.3,
  ocrRenderDpi: 300,
  ocrRereadConfidence: 0.5,
  repairMaxConfidence: 0.8,
  roundingHalfUnits: 0.5,
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
