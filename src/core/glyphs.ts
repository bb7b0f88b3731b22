/**
 * Estimated glyph advances. pdf.js gives a text item's width but not where
 * each glyph stands in it; CJK and full-width glyphs take one em and others
 * about half, so a character's share of the width is its weight over the
 * item's total.
 */

/** Share of the font size above the baseline and below it, for the box of a glyph or a text run. */
export const GLYPH_ASCENT = 0.88;
export const GLYPH_DESCENT = 0.12;

/** Relative advance of a character: full-width glyphs take one em, others half. */
export function charWeight(ch: string): number {
  return /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F“”‘’]/u.test(ch) ? 1 : 0.5;
}

/** Summed weight of a string's characters. */
export function textWeight(text: string): number {
  let total = 0;
  for (const ch of text) total += charWeight(ch);
  return total;
}
