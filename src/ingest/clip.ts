import { OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { GLYPH_ASCENT, GLYPH_DESCENT } from '../core/glyphs.js';
import type { Matrix } from '../core/operators.js';

/**
 * Text hidden by the clip. Spreadsheet exports draw a merged cell that runs
 * over a page break on both pages, each copy clipped to the cell's part on
 * its page: the text layer holds the clipped copy, a reader sees nothing.
 * The operator list tells which clip is in force when each text-showing
 * operator draws; pdf.js's text items do not say which operator drew them,
 * so they are matched to the operators by where their text starts.
 */

/** An axis-aligned box `[x0, y0, x1, y1]` in the page's user space (PDF units, y up). */
type Box = [number, number, number, number];

/** Where a text-showing operator starts drawing (user space), and the clip box in force then (null: none). */
interface TextStart {
  x: number;
  y: number;
  clip: Box | null;
}

interface GraphicsState {
  ctm: Matrix;
  clip: Box | null;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** How far (PDF units) a text item's origin may lie from an operator's start on its baseline and still be its text. */
const ORIGIN_TOLERANCE = 0.6;

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function intersect(a: Box | null, b: Box): Box {
  return a ? [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])] : b;
}

function boundingBox(points: ReadonlyArray<[number, number]>): Box | null {
  if (points.length === 0) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Points of a `constructPath` buffer (move, line, curve, quadratic curve, close) through the transform. */
function pathPoints(buffer: ArrayLike<number>, ctm: Matrix): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const coordinates = [1, 1, 3, 2, 0]; // point pairs taken by opcodes 0 to 4
  let i = 0;
  while (i < buffer.length) {
    const count = coordinates[buffer[i++]!];
    if (count === undefined) break;
    for (let k = 0; k < count; k++, i += 2) points.push(apply(ctm, buffer[i]!, buffer[i + 1]!));
  }
  return points;
}

/** Where each text-showing operator of a page starts, with the clip box in force. */
function textStarts(fnArray: readonly number[], argsArray: readonly unknown[]): TextStart[] {
  const starts: TextStart[] = [];
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: IDENTITY, clip: null };
  let clipPending = false;
  // Text state: the line matrix's offset since the last Tm, the leading and the rise.
  let textMatrix: Matrix = IDENTITY;
  let lineX = 0;
  let lineY = 0;
  let leading = 0;
  let rise = 0;
  let moved = true;
  for (let i = 0; i < fnArray.length; i++) {
    const args = (argsArray[i] ?? []) as unknown[];
    switch (fnArray[i]) {
      case OPS.save:
        stack.push(state);
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state = { ...state, ctm: Util.transform(state.ctm, args as Matrix) as Matrix };
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(state);
        const matrix = args[0] as Matrix | null | undefined;
        if (matrix) state = { ...state, ctm: Util.transform(state.ctm, [...matrix] as Matrix) as Matrix };
        const bbox = args[1] as ArrayLike<number> | null | undefined;
        if (bbox && bbox.length === 4) {
          const [x0, y0, x1, y1] = [bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!];
          const box = boundingBox([apply(state.ctm, x0, y0), apply(state.ctm, x1, y1), apply(state.ctm, x0, y1), apply(state.ctm, x1, y0)]);
          if (box) state = { ...state, clip: intersect(state.clip, box) };
        }
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.clip:
      case OPS.eoClip:
        // pdf.js emits the clip before the path it applies to.
        clipPending = true;
        break;
      case OPS.constructPath: {
        if (!clipPending) break;
        clipPending = false;
        const buffer = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | undefined;
        const box = buffer && typeof buffer.length === 'number' ? boundingBox(pathPoints(buffer, state.ctm)) : null;
        if (box) state = { ...state, clip: intersect(state.clip, box) };
        break;
      }
      case OPS.beginText:
        textMatrix = IDENTITY;
        lineX = lineY = 0;
        moved = true;
        break;
      case OPS.setTextMatrix: {
        const m = args[0] as ArrayLike<number> | undefined;
        if (m && m.length >= 6) textMatrix = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
        lineX = lineY = 0;
        moved = true;
        break;
      }
      case OPS.setLeadingMoveText:
        leading = Number(args[1] ?? 0);
        lineX += Number(args[0] ?? 0);
        lineY += Number(args[1] ?? 0);
        moved = true;
        break;
      case OPS.moveText:
        lineX += Number(args[0] ?? 0);
        lineY += Number(args[1] ?? 0);
        moved = true;
        break;
      case OPS.setLeading:
        leading = -Number(args[0] ?? 0);
        break;
      case OPS.nextLine:
        lineY += leading;
        moved = true;
        break;
      case OPS.setTextRise:
        rise = Number(args[0] ?? 0);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        // Runs shown right after another continue it: pdf.js joins them into the item that started there.
        if (moved) {
          const [x, y] = apply(Util.transform(state.ctm, textMatrix) as Matrix, lineX, lineY + rise);
          starts.push({ x, y, clip: state.clip });
          moved = false;
        }
        break;
      default:
        break;
    }
  }
  return starts;
}

/**
 * A test telling whether a text item is hidden by the clip, from its text
 * matrix (`transform` of pdf.js's text content, user space) and width: its
 * first glyph's box shows less than `visibleShare` of itself inside the clip
 * (a line cut in half by the clip is a fragment of a cell drawn in full on
 * the page before).
 */
export function clippedTextTest(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  visibleShare: number,
): (transform: Matrix, width: number) => boolean {
  const byBaseline = new Map<number, TextStart[]>();
  for (const start of textStarts(fnArray, argsArray)) {
    const key = Math.round(start.y);
    const list = byBaseline.get(key) ?? [];
    list.push(start);
    byBaseline.set(key, list);
  }
  return (transform, width) => {
    const [a, b, c, d, x, y] = transform;
    // The operator that starts at the item, else the nearest one starting before it on its baseline.
    let start: TextStart | undefined;
    for (const key of [Math.round(y) - 1, Math.round(y), Math.round(y) + 1]) {
      for (const s of byBaseline.get(key) ?? []) {
        if (Math.abs(s.y - y) > ORIGIN_TOLERANCE || s.x > x + ORIGIN_TOLERANCE) continue;
        if (!start || s.x > start.x) start = s;
      }
    }
    const clip = start?.clip;
    if (!clip) return false;
    // The first glyph's box: one em (or the item's width) along the text, from the descent to the ascent.
    const advance = Math.hypot(a, b) || 1;
    const up = Math.hypot(c, d) || 1;
    const along = Math.min(width, up);
    const corners: Array<[number, number]> = [];
    for (const s of [0, along]) {
      for (const t of [-GLYPH_DESCENT * up, GLYPH_ASCENT * up]) {
        corners.push([x + (a / advance) * s + (c / up) * t, y + (b / advance) * s + (d / up) * t]);
      }
    }
    const glyph = boundingBox(corners)!;
    const area = (glyph[2] - glyph[0]) * (glyph[3] - glyph[1]);
    const shownWidth = Math.max(0, Math.min(glyph[2], clip[2]) - Math.max(glyph[0], clip[0]));
    const shownHeight = Math.max(0, Math.min(glyph[3], clip[3]) - Math.max(glyph[1], clip[1]));
    const inside = shownWidth * shownHeight;
    return area > 0 && inside < visibleShare * area;
  };
}
