import type { Ruling } from '../core/types.js';
import { crop } from './image.js';
import { cleanNumberWord } from './words.js';
import type { GreyImage, OcrEngine, OcrWord } from './types.js';

/** A re-read replaces the page pass's word when this much more confident (0–1). */
const REREAD_MARGIN = 0.1;

/** A re-read box taller than this many typical word heights holds more than one line. */
const TALL_LINES = 1.6;

/** White margin around a word cut out for re-reading, pixels. */
const MARGIN = 10;

/**
 * Reads the words the page pass was unsure of once more, each cut out on its
 * own (up to the ruling lines around it) and read as one line. The page pass reads a table row as one text line
 * even where its cells sit at different heights (a header cell centred over
 * two rows), which garbles those words; alone, they read cleanly. A re-read
 * replaces the word only when it is more confident.
 */
export async function rereadWeakWords(
  engine: OcrEngine,
  image: GreyImage,
  words: readonly OcrWord[],
  rulings: readonly Ruling[],
  dpi: number,
  below: number,
): Promise<OcrWord[]> {
  const groups = weakGroups(words, rulings, below);
  const heights = words.map((w) => w.bbox[3] - w.bbox[1]).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  const replaced: OcrWord[] = [];
  const jobs = groups.map(async (group): Promise<OcrWord[]> => {
    if (group.length === 1 && group[0]!.confidence >= below) return group;
    const merged = mergeWords(group);
    const box = cellBox(merged, rulings);
    const piece = crop(image, box[0], box[1], box[2], box[3], MARGIN);
    // No character whitelist: with the LSTM engine it lowers both accuracy and confidence. A box
    // taller than a line of text (a narrow header cell wrapped over two lines) is read as a block.
    const tall = merged.bbox[3] - merged.bbox[1] > TALL_LINES * typical;
    const result = await engine.recognize(piece, { dpi, layout: tall ? 'block' : 'line' });
    const text = result.words.map((w) => w.text).join('');
    // Clearly more confident, or a well-formed amount where the page pass had none; never fewer
    // digits than the page pass saw (a short number re-read alone can lose one to a letter).
    const digits = (t: string): number => (t.match(/\d/gu) ?? []).length;
    const better =
      result.meanConfidence >= merged.confidence + REREAD_MARGIN ||
      (isAmount(cleanNumberWord(text)) && !isAmount(cleanNumberWord(merged.text)));
    // Nor a decimal point fewer (a small number cut out alone can lose its point: 0.09 → 009).
    const points = (t: string): number => (t.match(/[.]/gu) ?? []).length;
    if (text === '' || !better || digits(text) < digits(merged.text) || points(text) < points(merged.text)) return group;
    const word = { ...merged, text, confidence: result.meanConfidence };
    replaced.push(word);
    return [word];
  });
  const out = (await Promise.all(jobs)).flat();
  // The page pass sometimes gives a word a box wider than its text and reads the rest again as
  // words of their own: the re-read of that box has read them too, so they go.
  return out.filter((w) => replaced.includes(w) || !replaced.some((r) => inside(w.bbox, r.bbox)));
}

/** Is the box's centre inside the other box? */
function inside(box: OcrWord['bbox'], outer: OcrWord['bbox']): boolean {
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  return cx > outer[0] && cx < outer[2] && cy > outer[1] && cy < outer[3];
}

/**
 * Words in page order, the weak ones gathered into runs: neighbours on one
 * line, less than a word height apart, with no vertical rule between them
 * (the pieces of one garbled cell text, re-read together).
 */
function weakGroups(words: readonly OcrWord[], rulings: readonly Ruling[], below: number): OcrWord[][] {
  const groups: OcrWord[][] = [];
  let run: OcrWord[] = [];
  const flush = (): void => {
    if (run.length > 0) groups.push(run);
    run = [];
  };
  for (const word of words) {
    if (word.confidence >= below) {
      flush();
      groups.push([word]);
      continue;
    }
    const last = run[run.length - 1];
    const joins =
      last !== undefined &&
      last.line.every((v, k) => v === word.line[k]) &&
      word.bbox[0] - last.bbox[2] < Math.max(last.bbox[3] - last.bbox[1], word.bbox[3] - word.bbox[1]) &&
      !rulings.some((r) => r.orientation === 'v' && r.position > last.bbox[2] - 1 && r.position < word.bbox[0] + 1 && r.start <= word.bbox[3] && r.end >= word.bbox[1]);
    if (!joins) flush();
    run.push(word);
  }
  flush();
  return groups;
}

function mergeWords(group: readonly OcrWord[]): OcrWord {
  const first = group[0]!;
  return {
    text: group.map((w) => w.text).join(''),
    confidence: Math.min(...group.map((w) => w.confidence)),
    bbox: [
      Math.min(...group.map((w) => w.bbox[0])),
      Math.min(...group.map((w) => w.bbox[1])),
      Math.max(...group.map((w) => w.bbox[2])),
      Math.max(...group.map((w) => w.bbox[3])),
    ],
    line: first.line,
  };
}

/** The word's box grown by a little room, but never across a ruling line. */
function cellBox(word: OcrWord, rulings: readonly Ruling[]): [number, number, number, number] {
  const [x0, y0, x1, y1] = word.bbox;
  const h = y1 - y0;
  const pad = Math.max(4, Math.round(0.3 * h));
  let left = x0 - pad;
  let right = x1 + pad;
  let top = y0 - pad;
  let bottom = y1 + pad;
  const cy = (y0 + y1) / 2;
  const cx = (x0 + x1) / 2;
  for (const r of rulings) {
    if (r.orientation === 'v' && r.start <= cy && cy <= r.end) {
      if (r.position <= x0 && r.position + 2 > left) left = r.position + 2;
      if (r.position >= x1 && r.position - 2 < right) right = r.position - 2;
    } else if (r.orientation === 'h' && r.start <= cx && cx <= r.end) {
      if (r.position <= y0 && r.position + 2 > top) top = r.position + 2;
      if (r.position >= y1 && r.position - 2 < bottom) bottom = r.position - 2;
    }
  }
  return [left, top, right, bottom];
}

/** A printed amount: 1,234.56 / 12.50 / -3.4 / (12.50). */
function isAmount(text: string): boolean {
  return /^[-(]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?$/u.test(text);
}
