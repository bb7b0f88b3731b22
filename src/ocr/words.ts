import type { Ruling, TextItem } from '../core/types.js';
import type { OcrWord } from './types.js';

/** Maps pixels of the OCR'd (upright, straightened) image to top-left page points. */
export interface PixelToPoints {
  /** Points per pixel along x and y. */
  sx: number;
  sy: number;
  /** Where the image's top-left corner lies on the page, points. */
  x0: number;
  y0: number;
}

/** Characters a table rule turns into when the OCR reads it as text. */
const RULE_GLYPHS = /^[|｜丨¦‖]+|[|｜丨¦‖]+$/gu;

/** The text without the rules read at its ends (184.71| for a number beside a column rule). */
export function withoutRuleGlyphs(text: string): string {
  return text.replace(RULE_GLYPHS, '').trim();
}

/** A one-character mark read below this confidence (0–1) is noise. */
const SPECK_CONFIDENCE = 0.6;

/** Letters the OCR puts for digits inside a number (O → 0, l → 1). */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', i: '1', '|': '1', S: '5', B: '8' };

/**
 * A word that is a number but for a look-alike letter or a full-width mark
 * (2O6, 1,2l6.00, 3，296.67) reads as the number: the characters are
 * exchanged, no digit is invented. Anything else is returned unchanged.
 */
export function cleanNumberWord(text: string): string {
  const folded = decimalMark(stripSpecks(text.normalize('NFKC').replace(/[，]/gu, ',').replace(/[。·]/gu, '.')));
  const digits = (folded.match(/\d/gu) ?? []).length;
  const letters = [...folded].filter((c) => c in DIGIT_LOOKALIKES).length;
  if (digits < 2 || letters > 1 || digits < 2 * letters) return text;
  if (!/^[-(（]?[\dOoDQlIiSB|,.]+[)）]?%?$/u.test(folded)) return text;
  return decimalMark([...folded].map((c) => DIGIT_LOOKALIKES[c] ?? c).join(''));
}

/**
 * Specks of noise read as quotes or marks stuck to an amount (”2,296.87,
 * 。894.34, 22.01') are not part of it: dropped where what remains is an amount.
 */
function stripSpecks(text: string): string {
  const m = /^[“”"'‘’`.,:;、!|]+(?=\d)|(?<=\d)[“”"'‘’`,:;、!|]+$/gu;
  const stripped = text.replace(m, '');
  return stripped !== text && /^[-(]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?$/u.test(stripped) ? stripped : text;
}

/**
 * Amounts print two decimals after a point and groups of three after commas:
 * a comma, semicolon or colon before the last one or two digits of a number
 * without a point (31,11 / 2,392;13) is the decimal point misread.
 */
function decimalMark(text: string): string {
  const m = /^(\d{1,3}(?:,\d{3})*|\d+)[,;:](\d{1,2})$/u.exec(text);
  if (m) return `${m[1]}.${m[2]}`;
  // The other way round: points between groups of three before the decimal point (3.296.67) are its commas.
  const grouped = /^(\d{1,3})((?:\.\d{3})+)\.(\d{1,2})$/u.exec(text);
  return grouped ? `${grouped[1]}${grouped[2]!.replace(/\./gu, ',')}.${grouped[3]}` : text;
}

/**
 * OCR words as the text stage's items: boxes in top-left page points, each
 * word as tall as its line (so words of one printed line share a band, as
 * pdf.js items do), confidence 0–1, source `ocr`. Rules read as `|` are
 * dropped.
 */
export function wordsToItems(words: readonly OcrWord[], page: number, map: PixelToPoints): TextItem[] {
  const heights = words.map((w) => w.bbox[3] - w.bbox[1]).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  const items: TextItem[] = [];
  const opened = new Map<string, number>();
  for (const word of words) {
    let text = cleanNumberWord(withoutRuleGlyphs(word.text));
    // A lone mark read with little confidence is a speck of noise (“ ” ! ' between header words), and so
    // is one just before an amount that prints its own decimal point (。 25.00): it is no part of it.
    if (text === '' || (LONE_MARK.test(text) && (word.confidence < SPECK_CONFIDENCE || precedesPointedAmount(word, words, typical)))) continue;
    // A closing bracket no earlier word of the line opened is noise too (表 6) for the label 表6).
    const lineKey = word.line.join(',');
    const open = (opened.get(lineKey) ?? 0) + (text.match(/[(（]/gu) ?? []).length - (text.match(/[)）]/gu) ?? []).length;
    if (open < 0 && /[)）]$/u.test(text) && /\d/u.test(text)) text = text.replace(/[)）]+$/u, '');
    opened.set(lineKey, Math.max(0, open));
    if (text === '') continue;
    // Words of one printed line share its band, as pdf.js items do; a line box much taller than the
    // word, or off its centre (the page pass joined cells printed at different heights), does not
    // stand for it: then the word's own box, at least a typical glyph tall.
    const [wy0, wy1] = [word.bbox[1], word.bbox[3]];
    const lineHeight = word.line[3] - word.line[1];
    const lineCentre = (word.line[1] + word.line[3]) / 2;
    const useLine =
      lineHeight > 0 && lineHeight <= 1.6 * Math.max(typical, wy1 - wy0) && Math.abs((wy0 + wy1) / 2 - lineCentre) <= 0.25 * lineHeight;
    const grow = Math.max(0, typical - (wy1 - wy0)) / 2;
    const top = useLine ? word.line[1] : wy0 - grow;
    const bottom = useLine ? word.line[3] : wy1 + grow;
    const bbox: TextItem['bbox'] = [
      map.x0 + word.bbox[0] * map.sx,
      map.y0 + top * map.sy,
      map.x0 + word.bbox[2] * map.sx,
      map.y0 + bottom * map.sy,
    ];
    items.push({ raw: text, page, bbox, fontSize: Math.max(1, bbox[3] - bbox[1]), source: 'ocr', confidence: word.confidence });
  }
  return items;
}

/** A word that is one mark only. */
const LONE_MARK = /^[“”"'‘’`!！|.,:;。，、]$/u;

/** Is the word followed on its line, less than a glyph height `typical` away, by an amount with a decimal point? */
function precedesPointedAmount(word: OcrWord, words: readonly OcrWord[], typical: number): boolean {
  return words.some((other) => {
    const gap = other.bbox[0] - word.bbox[2];
    return (
      gap >= -1 &&
      gap < typical &&
      other.bbox[1] < word.bbox[3] &&
      other.bbox[3] > word.bbox[1] &&
      /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/u.test(cleanNumberWord(withoutRuleGlyphs(other.text)))
    );
  });
}

/** Rulings found in the image (pixels) as page rulings (points). */
export function rulingsToPoints(rulings: readonly Ruling[], map: PixelToPoints): Ruling[] {
  return rulings.map((r) =>
    r.orientation === 'h'
      ? { orientation: 'h', position: map.y0 + r.position * map.sy, start: map.x0 + r.start * map.sx, end: map.x0 + r.end * map.sx }
      : { orientation: 'v', position: map.x0 + r.position * map.sx, start: map.y0 + r.start * map.sy, end: map.y0 + r.end * map.sy },
  );
}
