import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import type { TextItem } from '../../src/core/types.js';
import { crop, eraseRules, estimateSkew, greyFromPdfImage, greyFromRgba, resize, rotateQuarterTurns, rotateSmall } from '../../src/ocr/image.js';
import { DEFAULT_IMAGE_RULING_OPTIONS, findImageRulings } from '../../src/ocr/rulings.js';
import type { GreyImage } from '../../src/ocr/types.js';
import { ocrReason, type PagePaint } from '../../src/ocr/usability.js';
import { cleanNumberWord, wordsToItems } from '../../src/ocr/words.js';

/** Grey below this is ink to the OCR's binarization. */
const INK_LEVEL = 160;

/** A white 200 dpi page (A5-ish) with a ruled grid and rows of "text" blocks, drawn by hand. */
function ruledPage(): GreyImage {
  const width = 1000;
  const height = 1200;
  const data = new Uint8Array(width * height).fill(255);
  const dark = (x0: number, y0: number, x1: number, y1: number): void => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 20;
  };
  const rows = [200, 260, 320, 380, 440, 500];
  const cols = [100, 400, 650, 900];
  for (const y of rows) dark(100, y, 901, y + 2);
  for (const x of cols) dark(x, 200, x + 2, 502);
  // Glyph-like blocks in the cells (short strokes that must not read as rules).
  for (const y of rows.slice(0, -1)) for (const x of cols.slice(0, -1)) for (let k = 0; k < 5; k++) dark(x + 20 + k * 30, y + 20, x + 40 + k * 30, y + 40);
  return { width, height, data };
}

describe('OCR image steps (src/ocr)', () => {
  it('measures a page’s skew from its ink and straightens it', () => {
    const page = ruledPage();
    const skewed = rotateSmall(page, 0.7);
    expect(estimateSkew(skewed)).toBeCloseTo(0.7, 1);
    expect(Math.abs(estimateSkew(rotateSmall(skewed, -0.7)))).toBeLessThanOrEqual(0.05);
    expect(Math.abs(estimateSkew(page))).toBeLessThanOrEqual(0.02);
  });

  it('finds the ruling lines (long dark runs) and not the glyph strokes', () => {
    const rulings = findImageRulings(ruledPage(), { dpi: 200, ...DEFAULT_IMAGE_RULING_OPTIONS });
    const h = rulings.filter((r) => r.orientation === 'h').map((r) => Math.round(r.position));
    const v = rulings.filter((r) => r.orientation === 'v').map((r) => Math.round(r.position));
    expect(h).toEqual([201, 261, 321, 381, 441, 501]);
    expect(v).toEqual([101, 401, 651, 901]);
    for (const r of rulings) expect(r.end - r.start).toBeGreaterThan(250);
  });

  it('lifts a red seal off the print: red ink goes to the OCR light, black print under it stays dark', () => {
    // Paper, black print, a seal's red, black print under the seal, a grey rule, a dark red stroke.
    const pixels = [
      [250, 248, 240],
      [20, 20, 20],
      [220, 50, 60],
      [60, 10, 15],
      [128, 128, 128],
      [120, 30, 30],
    ];
    const rgba = new Uint8Array(pixels.flatMap(([r, g, b]) => [r!, g!, b!, 255]));
    const seal = DEFAULT_SETTINGS.ocrSealRedness;
    const lifted = [...greyFromRgba(rgba, pixels.length, 1, seal).data];
    expect(lifted[0]).toBeGreaterThan(240);
    expect(lifted[1]).toBeLessThan(30);
    expect(lifted[2]).toBeGreaterThan(200); // the seal: paper to the OCR
    expect(lifted[3]).toBeLessThan(70); // black print under the seal: still ink
    expect(lifted[4]).toBe(128);
    expect(lifted[5]).toBe(120);
    // Off (256), and in the other pixel layout pdf.js hands over (RGB): plain luma, the seal is ink.
    expect(greyFromRgba(rgba, pixels.length, 1, 256).data[2]).toBeLessThan(INK_LEVEL);
    const rgb = new Uint8Array(pixels.flat());
    expect([...greyFromPdfImage({ width: pixels.length, height: 1, kind: 2, data: rgb }, seal)!.data]).toEqual(lifted);
  });

  it('turns pages by quarter turns and crops with a white margin', () => {
    const img: GreyImage = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect([...rotateQuarterTurns(img, 1).data]).toEqual([4, 1, 5, 2, 6, 3]);
    expect([...rotateQuarterTurns(img, 2).data]).toEqual([6, 5, 4, 3, 2, 1]);
    expect(rotateQuarterTurns(rotateQuarterTurns(img, 1), 3)).toEqual(img);
    const piece = crop(img, 1, 0, 3, 1, 1);
    expect([piece.width, piece.height]).toEqual([4, 3]);
    expect([...piece.data]).toEqual([255, 255, 255, 255, 255, 2, 3, 255, 255, 255, 255, 255]);
  });

  it('enlarges an image (bilinear) and whitens the table rules crossing a cut-out, not the text', () => {
    const img: GreyImage = { width: 2, height: 1, data: new Uint8Array([0, 200]) };
    const big = resize(img, 2);
    expect([big.width, big.height]).toEqual([4, 2]);
    expect([...big.data.subarray(0, 4)]).toEqual([0, 50, 150, 200]);
    expect(resize(img, 1)).toBe(img);
    // A 20 × 10 cut-out: a rule along row 1 and column 18, a digit-like stroke in column 5.
    const cell = new Uint8Array(200).fill(255);
    for (let x = 0; x < 20; x++) cell[20 + x] = 10;
    for (let y = 0; y < 10; y++) cell[y * 20 + 18] = 10;
    for (let y = 3; y < 8; y++) cell[y * 20 + 5] = 10;
    const clean = eraseRules({ width: 20, height: 10, data: cell }, 0.7);
    expect([...clean.data.subarray(20, 40)].every((v) => v === 255)).toBe(true);
    expect(clean.data[5 * 20 + 18]).toBe(255);
    expect([3, 4, 5, 6, 7].map((y) => clean.data[y * 20 + 5])).toEqual([10, 10, 10, 10, 10]);
  });

  it('reads OCR number words as numbers: look-alike letters and misread decimal marks exchanged, no digit invented', () => {
    expect(cleanNumberWord('3.296.67')).toBe('3,296.67');
    expect(cleanNumberWord('0.3116')).toBe('0.3116');
    expect(cleanNumberWord('2O6')).toBe('206');
    expect(cleanNumberWord('2,392;13')).toBe('2,392.13');
    expect(cleanNumberWord('31,11')).toBe('31.11');
    expect(cleanNumberWord('3，296.67')).toBe('3,296.67');
    expect(cleanNumberWord('1,234')).toBe('1,234');
    expect(cleanNumberWord('合计')).toBe('合计');
    expect(cleanNumberWord('BOSS')).toBe('BOSS');
  });

  it('turns OCR words into text items in page points, rule glyphs dropped', () => {
    const line: [number, number, number, number] = [100, 100, 400, 130];
    const items = wordsToItems(
      [
        { text: '行政运行', confidence: 0.93, bbox: [100, 102, 200, 128], line },
        { text: '|', confidence: 0.9, bbox: [210, 100, 214, 130], line },
        { text: '263.28|', confidence: 0.8, bbox: [300, 104, 400, 126], line },
      ],
      9,
      { sx: 0.36, sy: 0.36, x0: 0, y0: 0 },
    );
    expect(items.map((i) => i.raw)).toEqual(['行政运行', '263.28']);
    expect(items[1]).toMatchObject({ page: 9, source: 'ocr', confidence: 0.8 });
    expect(items[1]!.bbox.map((v) => Math.round(v * 10) / 10)).toEqual([108, 36, 144, 46.8]);
  });

  it('decides per page whether the text layer is usable', () => {
    const scan: PagePaint = { images: [{ objId: 'img', width: 1654, height: 2339, bbox: [0, 0, 595, 842], matrix: [595, 0, 0, -842, 0, 842] }], paths: 0 };
    const none: PagePaint = { images: [], paths: 0 };
    const text = (raw: string, n = 1): TextItem[] =>
      Array.from({ length: n }, () => ({ raw, page: 1, bbox: [0, 0, 10, 10], fontSize: 10, source: 'text', confidence: null }));
    const reason = (mode: 'auto' | 'always' | 'never', items: TextItem[], paint: PagePaint) => ocrReason(mode, items, paint, 595, 842, DEFAULT_SETTINGS);
    expect(reason('auto', [], scan)).toBe('no-text');
    expect(reason('auto', text('- 3 -'), scan)).toBe('few-items');
    expect(reason('auto', text('部门收支总表', 40), scan)).toBeNull();
    expect(reason('auto', text('\uE001\uE002\uE003', 10), none)).toBe('undecodable');
    expect(reason('auto', text('²¿ÃÅÔ¤Ëã', 10), none)).toBe('undecodable');
    expect(reason('auto', [], none)).toBeNull();
    expect(reason('never', [], scan)).toBeNull();
    expect(reason('always', text('部门收支总表', 40), none)).toBe('forced');
  });
});
