import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { walkOperators, type Matrix } from '../core/operators.js';
import type { Settings } from '../core/settings.js';
import type { BBox, TextItem } from '../core/types.js';
import type { OcrMode, OcrPageInfo } from './types.js';


/** An image the page paints, where it lands (top-left points) and the matrix that puts it there. */
export interface ImagePaint {
  /** pdf.js object id (`page.objs`), or null for an inline image. */
  objId: string | null;
  /** Pixel size as pdf.js reports it. */
  width: number;
  height: number;
  bbox: BBox;
  /** Unit square of image space → top-left page points. */
  matrix: Matrix;
}

/** What the operator list says about a page's painting, beyond text and rules. */
export interface PagePaint {
  images: ImagePaint[];
  /** Path painting operations (fills and strokes): text drawn as outlines shows as many. */
  paths: number;
}

const PATH_PAINT_OPS = new Set<number>([
  OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
]);

/** Walks the operator list for image paints (with the transform at paint time) and path paints. */
export function findPaints(fnArray: readonly number[], argsArray: readonly unknown[], toTopLeft: Matrix): PagePaint {
  const images: ImagePaint[] = [];
  let paths = 0;
  walkOperators(fnArray, argsArray, toTopLeft, (fn, args, ctm) => {
    switch (fn) {
      case OPS.paintImageXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintInlineImageXObject: {
        const inline = fn === OPS.paintInlineImageXObject;
        const data = inline ? (args?.[0] as { width?: number; height?: number } | undefined) : undefined;
        const width = inline ? (data?.width ?? 0) : Number(args?.[1] ?? 0);
        const height = inline ? (data?.height ?? 0) : Number(args?.[2] ?? 0);
        images.push({ objId: inline ? null : String(args?.[0]), width, height, bbox: unitSquareBox(ctm), matrix: ctm });
        break;
      }
      case OPS.constructPath:
        if (PATH_PAINT_OPS.has(args?.[0] as number)) paths++;
        break;
      default:
        if (PATH_PAINT_OPS.has(fn)) paths++;
        break;
    }
  });
  return { images, paths };
}

function unitSquareBox(m: Matrix): BBox {
  const corners = [
    [m[4], m[5]],
    [m[0] + m[4], m[1] + m[5]],
    [m[2] + m[4], m[3] + m[5]],
    [m[0] + m[2] + m[4], m[1] + m[3] + m[5]],
  ];
  const xs = corners.map((c) => c[0]!);
  const ys = corners.map((c) => c[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Share of the page covered by images (overlaps counted once per image; capped at 1). */
export function imageCoverage(paint: PagePaint, width: number, height: number): number {
  if (width <= 0 || height <= 0) return 0;
  let area = 0;
  for (const image of paint.images) {
    const w = Math.max(0, Math.min(width, image.bbox[2]) - Math.max(0, image.bbox[0]));
    const h = Math.max(0, Math.min(height, image.bbox[3]) - Math.max(0, image.bbox[1]));
    area += w * h;
  }
  return Math.min(1, area / (width * height));
}

/**
 * Characters that carry no readable text: private-use code points (glyphs
 * without a Unicode mapping), the replacement character, control characters.
 */
const UNREADABLE = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\u{F0000}-\u{10FFFF}]/u;
/** Latin-1 and Latin Extended letters: GBK bytes read as a Western code page come out as these (mojibake). */
const MOJIBAKE = /[\u00C0-\u024F]/u;
const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/u;

/**
 * Does the page's text layer need OCR? `null` when it is usable (or OCR is
 * off); otherwise why: no text over an image, a few items over a page-sized
 * image (a stamped page number on a scan), or text that does not decode.
 */
export function ocrReason(
  mode: OcrMode,
  items: readonly TextItem[],
  paint: PagePaint,
  width: number,
  height: number,
  settings: Settings,
): OcrPageInfo['reason'] | null {
  if (mode === 'never') return null;
  const coverage = imageCoverage(paint, width, height);
  const hasContent = items.length > 0 || coverage > 0 || paint.paths > 0;
  if (mode === 'always') return hasContent ? 'forced' : null;
  if (items.length === 0) {
    // Text drawn as outlines: a page of many painted paths and no text.
    return coverage >= settings.ocrMinImageCoverage || paint.paths >= settings.ocrMinOutlinePaths ? 'no-text' : null;
  }
  if (items.length < settings.ocrMinTextItems && coverage >= settings.ocrMinImageCoverage) return 'few-items';
  const chars = [...items.map((i) => i.raw).join('')].filter((c) => c.trim() !== '');
  if (chars.length >= 10) {
    const unreadable = chars.filter((c) => UNREADABLE.test(c)).length;
    const cjk = chars.filter((c) => CJK.test(c)).length;
    const mojibake = chars.filter((c) => MOJIBAKE.test(c)).length;
    if (unreadable / chars.length >= settings.ocrUnreadableShare) return 'undecodable';
    if (cjk / chars.length < 0.05 && mojibake / chars.length >= settings.ocrUnreadableShare) return 'undecodable';
  }
  return null;
}
