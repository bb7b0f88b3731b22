import type { Ruling } from '../core/types.js';
import { crop, eraseRules, resize } from './image.js';
import { cleanNumberWord, withoutRuleGlyphs } from './words.js';
import type { GreyImage, OcrEngine, OcrWord } from './types.js';

/** A re-read replaces the page pass's word when this much more confident (0–1). */
const REREAD_MARGIN = 0.1;

/**
 * A re-read this confident (0–1) that prints its column's format may have fewer
 * digits or points than the page pass's garble (2530 → 2.30, 3.296.67 → 3,296.67).
 */
const CONFIDENT = 0.85;

/** A re-read box taller than this many typical word heights holds more than one line. */
const TALL_LINES = 1.6;

/** A row or column of a number's cut-out this dark across (share of its width or height) is a table rule, whitened. */
const RULE_SHARE = 0.7;

/** White margin around a word cut out for re-reading, pixels. */
const MARGIN = 10;

/**
 * Enlargements a number cut out for re-reading is read at, in turn, until one
 * reads as an amount of its column. Alone and enlarged, a small number keeps
 * the decimal point the page pass lost (8677 → 86.77) and its garbled digits
 * come clean (上类 → 1.72). Measured on the missed amounts of the scanned
 * sample: 1×, 2× and 3× each read some the others miss; 2× the most.
 */
const NUMBER_SCALES = [2, 1, 3] as const;

/** How the amounts of a column print: decimals (null: they vary), and whether thousands are grouped (null: no amount above 999). */
interface ColumnFormat {
  decimals: number | null;
  grouped: boolean | null;
}

/** A column prints its amounts with one number of decimals when at least this share of them has it (else any count goes). */
const UNIFORM_DECIMALS = 0.8;

/**
 * Reads once more, each cut out on its own (up to the ruling lines around it)
 * and read as one line, the words the page pass was unsure of and the numbers
 * that do not print as the amounts of their column do (a lost point, a
 * letter among the digits). The page pass reads a table row as one text line
 * even where its cells sit at different heights (a header cell centred over
 * two rows), which garbles those words; alone, they read cleanly. Numbers
 * are enlarged first (NUMBER_SCALES). A re-read replaces the word only when
 * it is more confident, or an amount of its column where the page pass's
 * word is none.
 */
export async function rereadWeakWords(
  engine: OcrEngine,
  image: GreyImage,
  words: readonly OcrWord[],
  rulings: readonly Ruling[],
  dpi: number,
  below: number,
): Promise<OcrWord[]> {
  const formats = new Map(words.map((w) => [w, columnFormat(w, words)]));
  const inDoubt = (w: OcrWord): boolean => {
    const format = formats.get(w) ?? null;
    if (isRuleWord(w)) return false;
    return w.confidence < below || (format !== null && /\d/u.test(w.text) && !printsAs(w.text, format));
  };
  const groups = doubtfulGroups(words, rulings, inDoubt);
  const heights = words.map((w) => w.bbox[3] - w.bbox[1]).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  const replaced: OcrWord[] = [];
  const jobs = groups.map(async (group): Promise<OcrWord[]> => {
    if (group.length === 1 && !inDoubt(group[0]!)) return group;
    const format = group.map((w) => formats.get(w) ?? null).find((f) => f !== null) ?? null;
    const digits = (t: string): number => (t.match(/\d/gu) ?? []).length;
    const groupText = group.map((w) => w.text).join('');
    const numeric = format !== null || 2 * digits(groupText) >= [...groupText].length;
    // A number is read with all of its cell's words of the line (a confident 了 that is the 1 of 13.73).
    const isAmountWord = (w: OcrWord): boolean => {
      const f = formats.get(w) ?? null;
      return f ? printsAs(w.text, f) : isAmount(cleanNumberWord(withoutRuleGlyphs(w.text)));
    };
    const merged = mergeWords(numeric ? cellWords(group, words, rulings, isAmountWord) : group);
    const box = numeric ? numberBox(merged, rulings) : cellBox(merged, rulings);
    const cut = crop(image, box[0], box[1], box[2], box[3]);
    const piece = crop(numeric ? eraseRules(cut, RULE_SHARE) : cut, 0, 0, cut.width, cut.height, MARGIN);
    // No character whitelist: with the LSTM engine it lowers both accuracy and confidence. A box
    // taller than a line of text (a narrow header cell wrapped over two lines) is read as a block.
    const tall = merged.bbox[3] - merged.bbox[1] > TALL_LINES * typical;
    let chosen: OcrWord | null = null;
    for (const scale of numeric ? NUMBER_SCALES : [1]) {
      const result = await engine.recognize(resize(piece, scale), { dpi: dpi * scale, layout: tall ? 'block' : 'line' });
      const text = withoutRuleGlyphs(result.words.map((w) => w.text).join(''));
      if (text === '') continue;
      const amount = (t: string): boolean => (format ? printsAs(t, format) : isAmount(cleanNumberWord(t)));
      // Clearly more confident, or an amount where the page pass had none.
      const better = result.meanConfidence >= merged.confidence + REREAD_MARGIN || (amount(text) && !amount(merged.text));
      // Never fewer digits or points than the page pass saw (a short number re-read alone can lose
      // one to a letter, 0.09 → 009), unless the re-read is a confident amount of its column.
      const sure = amount(text) && result.meanConfidence >= CONFIDENT;
      const points = (t: string): number => (t.match(/[.]/gu) ?? []).length;
      if (!better || (!sure && (digits(text) < digits(merged.text) || points(text) < points(merged.text)))) continue;
      // An amount of its column ends the search; else the first better reading stands unless one follows.
      const word = { ...merged, text, confidence: result.meanConfidence };
      if (amount(text)) {
        chosen = word;
        break;
      }
      chosen ??= word;
    }
    if (!chosen) return group;
    replaced.push(chosen);
    return [chosen];
  });
  const out = (await Promise.all(jobs)).flat();
  // The page pass sometimes gives a word a box wider than its text and reads the rest again as
  // words of their own: the re-read of that box has read them too, so they go.
  return out.filter((w) => replaced.includes(w) || !replaced.some((r) => inside(w.bbox, r.bbox)));
}

/**
 * How the amounts in the word's column print: the words above and below it
 * (overlapping it across) that read as amounts with decimals. Null where
 * they are not most of the column's numbers (codes, years, counts).
 */
function columnFormat(word: OcrWord, words: readonly OcrWord[]): ColumnFormat | null {
  const decimals: string[] = [];
  let integers = 0;
  for (const other of words) {
    if (other === word || other.bbox[0] >= word.bbox[2] || other.bbox[2] <= word.bbox[0]) continue;
    const text = cleanNumberWord(withoutRuleGlyphs(other.text));
    if (/^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/u.test(text)) decimals.push(text);
    else if (/^\d+$/u.test(text)) integers++;
  }
  if (decimals.length < 2 || decimals.length <= integers) return null;
  const places = decimals.map((t) => t.length - t.indexOf('.') - 1);
  const usual = mostCommon(places);
  const large = decimals.filter((t) => t.replace(/^-/u, '').indexOf('.') > 3);
  return {
    decimals: places.filter((p) => p === usual).length >= UNIFORM_DECIMALS * places.length ? usual : null,
    grouped: large.length === 0 ? null : 2 * large.filter((t) => t.includes(',')).length >= large.length,
  };
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

/** Does the text read as an amount printed as its column prints them (decimals, thousands grouping)? */
function printsAs(text: string, format: ColumnFormat): boolean {
  const m = /^-?(\d{1,3}(?:,\d{3})+|\d+)\.(\d+)$/u.exec(cleanNumberWord(withoutRuleGlyphs(text)));
  if (!m || (format.decimals !== null && m[2]!.length !== format.decimals)) return false;
  const whole = m[1]!;
  if (whole.replace(/,/gu, '').length <= 3 || format.grouped === null) return true;
  return whole.includes(',') === format.grouped;
}

/** Is the box's centre inside the other box? */
function inside(box: OcrWord['bbox'], outer: OcrWord['bbox']): boolean {
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  return cx > outer[0] && cx < outer[2] && cy > outer[1] && cy < outer[3];
}

/** A table rule read at the start or at the end of a word. */
const RULE_AT_START = /^[|｜丨¦‖]/u;
const RULE_AT_END = /[|｜丨¦‖]$/u;

/** A table rule the page pass read as a word (|): not re-read on its own, nor joined into a run of doubtful words. */
function isRuleWord(word: OcrWord): boolean {
  return withoutRuleGlyphs(word.text) === '';
}

/**
 * Is there a vertical rule across the line between x `a` and x `b`? Runs of
 * doubtful words measure from each word's centre, not its edge: the page
 * pass often reads the rule beside a word into it (2025|。), so the rule lies
 * inside the word's box, and a run joined across it merges two cells' texts
 * (项目名称 and 预算数 read as 工作经费30.00).
 */
function ruleAcross(rulings: readonly Ruling[], a: number, b: number, y0: number, y1: number): boolean {
  return rulings.some((r) => r.orientation === 'v' && r.position > a - 1 && r.position < b + 1 && r.start <= y1 && r.end >= y0);
}

const centreX = (word: OcrWord): number => (word.bbox[0] + word.bbox[2]) / 2;

/**
 * Words in page order, the doubtful ones gathered into runs: neighbours on one
 * line, less than a word height apart, with no vertical rule between them
 * (the pieces of one garbled cell text, re-read together).
 */
function doubtfulGroups(words: readonly OcrWord[], rulings: readonly Ruling[], inDoubt: (word: OcrWord) => boolean): OcrWord[][] {
  const groups: OcrWord[][] = [];
  let run: OcrWord[] = [];
  const flush = (): void => {
    if (run.length > 0) groups.push(run);
    run = [];
  };
  for (const word of words) {
    if (!inDoubt(word)) {
      flush();
      groups.push([word]);
      continue;
    }
    const last = run[run.length - 1];
    const joins =
      last !== undefined &&
      last.line.every((v, k) => v === word.line[k]) &&
      word.bbox[0] - last.bbox[2] < Math.max(last.bbox[3] - last.bbox[1], word.bbox[3] - word.bbox[1]) &&
      !ruleAcross(rulings, centreX(last), centreX(word), word.bbox[1], word.bbox[3]);
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

/**
 * The group grown by the pieces of text next to it on its line (less than a
 * word height apart, no vertical rule between, none an amount of its own):
 * the rest of a number the page pass read in pieces, such as a confident
 * 了 that is the 1 of 13.73. In reading order.
 */
function cellWords(
  group: readonly OcrWord[],
  words: readonly OcrWord[],
  rulings: readonly Ruling[],
  isAmountWord: (word: OcrWord) => boolean,
): OcrWord[] {
  const out = [...group];
  const line = group[0]!.line;
  const cy = (group[0]!.bbox[1] + group[0]!.bbox[3]) / 2;
  const height = group[0]!.bbox[3] - group[0]!.bbox[1];
  const ruleBetween = (a: number, b: number): boolean =>
    rulings.some((r) => r.orientation === 'v' && r.start <= cy && cy <= r.end && r.position > a - 1 && r.position < b + 1);
  for (let grown = true; grown; ) {
    grown = false;
    const x0 = Math.min(...out.map((w) => w.bbox[0]));
    const x1 = Math.max(...out.map((w) => w.bbox[2]));
    for (const w of words) {
      if (out.includes(w) || !w.line.every((v, k) => v === line[k]) || isAmountWord(w)) continue;
      const gapLeft = x0 - w.bbox[2];
      const gapRight = w.bbox[0] - x1;
      // A word that prints text beyond a rule read into it (|。 right of the number, 经费| left of it) is the next cell's.
      const pastRule = !isRuleWord(w);
      const touches =
        (gapLeft >= -1 && gapLeft < height && !ruleBetween(w.bbox[2], x0) && !(pastRule && RULE_AT_END.test(w.text))) ||
        (gapRight >= -1 && gapRight < height && !ruleBetween(x1, w.bbox[0]) && !(pastRule && RULE_AT_START.test(w.text)));
      if (touches) {
        out.push(w);
        grown = true;
      }
    }
  }
  return out.sort((a, b) => a.bbox[0] - b.bbox[0]);
}

/**
 * A number's box to cut out: its words' extent and its line's height, with
 * room around (a third of the line), kept within the vertical rules either
 * side. Not clamped to the horizontal rules: in a skewed scan the digits
 * touch them, and a cut through the digits garbles them.
 */
function numberBox(word: OcrWord, rulings: readonly Ruling[]): [number, number, number, number] {
  const top = Math.min(word.bbox[1], word.line[1]);
  const bottom = Math.max(word.bbox[3], word.line[3]);
  const pad = Math.max(4, Math.round(0.3 * (word.bbox[3] - word.bbox[1])));
  let left = word.bbox[0] - pad;
  let right = word.bbox[2] + pad;
  const cy = (word.bbox[1] + word.bbox[3]) / 2;
  for (const r of rulings) {
    if (r.orientation !== 'v' || r.start > cy || cy > r.end) continue;
    if (r.position <= word.bbox[0] && r.position + 2 > left) left = r.position + 2;
    if (r.position >= word.bbox[2] && r.position - 2 < right) right = r.position - 2;
  }
  return [left, top - pad, right, bottom + pad];
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
