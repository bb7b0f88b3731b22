import { RADICAL_TO_IDEOGRAPH } from './radicals.js';

/**
 * Folds what PDF producers vary on: NFKC (full-width digits and punctuation,
 * Kangxi radicals U+2F00–2FDF), CJK Radicals Supplement code points that NFKC
 * leaves alone, and whitespace. Used for matching titles, labels and header
 * paths; printed text is kept separately as `raw`.
 */
export function normalizeText(raw: string): string {
  return foldRadicals(raw.normalize('NFKC')).replace(/\s+/gu, '');
}

/** NFKC and radical folding, whitespace kept (collapsed to single spaces). */
export function normalizeKeepSpaces(raw: string): string {
  return foldRadicals(raw.normalize('NFKC')).replace(/\s+/gu, ' ').trim();
}

function foldRadicals(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x2e80 && cp <= 0x2fdf ? (RADICAL_TO_IDEOGRAPH.get(cp) ?? ch) : ch;
  }
  return out;
}
