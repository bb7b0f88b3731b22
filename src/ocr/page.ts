import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Settings } from '../core/settings.js';
import type { Ruling, TextItem } from '../core/types.js';
import { downsample, estimateSkew, greyFromPdfImage, greyFromRgba, rotateQuarterTurns, rotateSmall } from './image.js';
import { rereadWeakWords } from './reread.js';
import { DEFAULT_IMAGE_RULING_OPTIONS, findImageRulings } from './rulings.js';
import type { GreyImage, OcrEngine, OcrPageInfo, OcrResult } from './types.js';
import type { PagePaint } from './usability.js';
import { rulingsToPoints, wordsToItems, type PixelToPoints } from './words.js';

/** A page as pixels, ready for OCR, with the way back to page points. */
export interface PageImage {
  image: GreyImage;
  dpi: number;
  /** Image pixels → top-left page points (before any turn). */
  map: PixelToPoints;
  source: OcrPageInfo['image'];
}

/** An embedded scan is read at its own resolution unless finer than this (then halved, or more). */
const MAX_EMBEDDED_DPI = 450;
/** Share of the page one image must cover to be read as the page's scan. */
const SCAN_COVERAGE = 0.85;

/** The pdf.js canvas factory of the document (`PDFDocumentProxy.canvasFactory`). */
export interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: unknown };
  destroy(entry: { canvas: unknown; context: unknown }): void;
}

/**
 * The pixels to OCR for a page: the page's one embedded image as decoded by
 * pdf.js while it built the operator list (no rendering, nothing decoded
 * twice), or else a rendering at `ocrRenderDpi` with the document's canvas
 * factory (@napi-rs/canvas in Node, a canvas in the browser). Call before
 * the page is cleaned up.
 */
export async function pageImage(
  page: PDFPageProxy,
  paint: PagePaint,
  canvasFactory: CanvasFactory,
  settings: Settings,
): Promise<PageImage> {
  const viewport = page.getViewport({ scale: 1 });
  const embedded = embeddedScan(page, paint, viewport.width, viewport.height, settings.ocrSealRedness);
  if (embedded) return embedded;
  const scale = settings.ocrRenderDpi / 72;
  const renderViewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(renderViewport.width));
  const height = Math.max(1, Math.round(renderViewport.height));
  const entry = canvasFactory.create(width, height);
  try {
    const context = entry.context as CanvasRenderingContext2D;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvas: entry.canvas as HTMLCanvasElement, canvasContext: context, viewport: renderViewport, background: '#ffffff' }).promise;
    const pixels = context.getImageData(0, 0, width, height);
    return {
      image: greyFromRgba(pixels.data, width, height, settings.ocrSealRedness),
      dpi: settings.ocrRenderDpi,
      map: { sx: viewport.width / width, sy: viewport.height / height, x0: 0, y0: 0 },
      source: 'rendered',
    };
  } finally {
    canvasFactory.destroy(entry);
  }
}

function embeddedScan(page: PDFPageProxy, paint: PagePaint, pageWidth: number, pageHeight: number, sealRedness: number): PageImage | null {
  if (paint.images.length !== 1) return null;
  const paintInfo = paint.images[0]!;
  const [bx0, by0, bx1, by1] = paintInfo.bbox;
  const covered = (Math.min(pageWidth, bx1) - Math.max(0, bx0)) * (Math.min(pageHeight, by1) - Math.max(0, by0));
  if (covered < SCAN_COVERAGE * pageWidth * pageHeight) return null;
  const m = paintInfo.matrix;
  // Axis-aligned placements only (a turned placement is rendered instead).
  if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6) return null;
  if (!paintInfo.objId || !page.objs.has(paintInfo.objId)) return null;
  const decoded = page.objs.get(paintInfo.objId) as { width: number; height: number; kind?: number; data?: Uint8Array } | null;
  // pdf.js may decode a large JPEG 2000 image at a fraction of its size (a 300 dpi scan as 150 dpi,
  // where the OCR loses decimal points): such a page is rendered instead, at ocrRenderDpi.
  if (!decoded || decoded.width < paintInfo.width) return null;
  let image = greyFromPdfImage(decoded, sealRedness);
  if (!image) return null;
  // Data row 0 is the image's top when the placement is upright (d < 0 in top-left points).
  if (m[0] < 0) image = flip(image, 'x');
  if (m[3] > 0) image = flip(image, 'y');
  let dpi = image.width / ((bx1 - bx0) / 72);
  if (dpi > MAX_EMBEDDED_DPI) {
    const factor = Math.ceil(dpi / 300);
    image = downsample(image, factor);
    dpi /= factor;
  }
  return {
    image,
    dpi,
    map: { sx: (bx1 - bx0) / image.width, sy: (by1 - by0) / image.height, x0: bx0, y0: by0 },
    source: 'embedded',
  };
}

function flip(image: GreyImage, axis: 'x' | 'y'): GreyImage {
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      out[y * w + x] = axis === 'x' ? data[y * w + (w - 1 - x)]! : data[(h - 1 - y) * w + x]!;
    }
  }
  return { width: w, height: h, data: out };
}

/** What OCR made of a page: items and rulings in (upright) top-left points. */
export interface OcrPageContent {
  width: number;
  height: number;
  items: TextItem[];
  rulings: Ruling[];
  info: OcrPageInfo;
}

/** A page read at its first orientation with a mean word confidence below this is tried turned. */
const UPRIGHT_CONFIDENCE = 0.6;

/**
 * OCRs one page image: straightens it (skew from the ink's projection
 * profile; a page that reads badly is tried turned by 90°, 180° and 270°
 * and the best reading kept), reads its words, finds its ruling lines in the
 * straightened image (the frame the word boxes are in), re-reads the words
 * it was unsure of one by one (`rereadWeakWords`) and converts both to page
 * points. A turned page is reported in its upright frame (width and
 * height exchanged for a quarter turn).
 */
export async function ocrPage(
  engine: OcrEngine,
  input: PageImage,
  pageNumber: number,
  pageSize: { width: number; height: number },
  reason: OcrPageInfo['reason'],
  rereadBelow: number,
): Promise<OcrPageContent> {
  const attempt = async (turns: number): Promise<{ turns: number; skew: number; straight: GreyImage; result: OcrResult }> => {
    const turned = rotateQuarterTurns(input.image, turns);
    const skew = estimateSkew(turned);
    const straight = Math.abs(skew) >= 0.05 ? rotateSmall(turned, -skew) : turned;
    const result = await engine.recognize(straight, { dpi: input.dpi });
    return { turns, skew, straight, result };
  };
  const score = (a: { result: OcrResult }): number => a.result.meanConfidence * Math.sqrt(a.result.words.length);
  let best = await attempt(0);
  if (best.result.meanConfidence < UPRIGHT_CONFIDENCE) {
    for (const turns of [1, 3, 2]) {
      const next = await attempt(turns);
      if (score(next) > score(best)) best = next;
      if (best.result.meanConfidence >= UPRIGHT_CONFIDENCE) break;
    }
  }
  const { turns, skew, straight, result } = best;
  const { map, width, height } = turnedFrame(input.map, input.image, pageSize, turns);
  const rulings = findImageRulings(straight, { dpi: input.dpi, ...DEFAULT_IMAGE_RULING_OPTIONS });
  const words = await rereadWeakWords(engine, straight, result.words, rulings, input.dpi, rereadBelow);
  return {
    width,
    height,
    items: wordsToItems(words, pageNumber, map),
    rulings: rulingsToPoints(rulings, map),
    info: {
      reason,
      image: input.source,
      dpi: Math.round(input.dpi),
      quarterTurns: turns,
      skewDegrees: skew,
      meanConfidence: Math.round(result.meanConfidence * 1000) / 1000,
    },
  };
}

/** The pixel → point map and page size after turning the page clockwise by `turns` quarter turns. */
function turnedFrame(
  map: PixelToPoints,
  image: GreyImage,
  page: { width: number; height: number },
  turns: number,
): { map: PixelToPoints; width: number; height: number } {
  const W = page.width;
  const H = page.height;
  const box = [map.x0, map.y0, map.x0 + image.width * map.sx, map.y0 + image.height * map.sy] as const;
  const turn = (x: number, y: number): [number, number] =>
    turns === 1 ? [H - y, x] : turns === 2 ? [W - x, H - y] : turns === 3 ? [y, W - x] : [x, y];
  const a = turn(box[0], box[1]);
  const b = turn(box[2], box[3]);
  const odd = turns % 2 === 1;
  return {
    map: { sx: odd ? map.sy : map.sx, sy: odd ? map.sx : map.sy, x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]) },
    width: odd ? H : W,
    height: odd ? W : H,
  };
}
