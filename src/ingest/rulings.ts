import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Settings } from '../core/settings.js';
import type { Ruling } from '../core/types.js';
import { walkOperators, type Matrix } from '../core/operators.js';


/** pdf.js path opcodes inside a `constructPath` buffer. */
const DRAW_MOVE_TO = 0;
const DRAW_LINE_TO = 1;
const DRAW_CURVE_TO = 2;
const DRAW_QUADRATIC_CURVE_TO = 3;
const DRAW_CLOSE_PATH = 4;

const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.rawFillPath]);
const FILL_STROKE_OPS = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

type Point = [number, number];

/**
 * Walks a page's operator list and returns the axis-aligned lines it paints:
 * stroked segments, and thin filled rectangles (some producers draw every
 * rule as one). The transform is tracked through save/restore, `cm` and form
 * XObjects; paths ended with `endPath` are clips and paint nothing.
 */
export function extractRulings(fnArray: number[], argsArray: unknown[], toTopLeft: Matrix, settings: Settings): Ruling[] {
  const rulings: Ruling[] = [];
  walkOperators(fnArray, argsArray, toTopLeft, (fn, args, ctm) => {
    if (fn !== OPS.constructPath) return;
    const paintOp = args?.[0] as number;
    const buffer = (args?.[1] as unknown[] | undefined)?.[0];
    if (!buffer || !(buffer instanceof Float32Array || Array.isArray(buffer))) return;
    const subpaths = parsePath(buffer as ArrayLike<number>, ctm);
    if (STROKE_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) {
      for (const path of subpaths) addStrokedSegments(path, rulings, settings);
    }
    if (FILL_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) {
      for (const path of subpaths) addThinRectangle(path, rulings, settings);
    }
  });
  return rulings;
}

interface Subpath {
  points: Point[];
  closed: boolean;
}

function parsePath(buffer: ArrayLike<number>, ctm: Matrix): Subpath[] {
  const subpaths: Subpath[] = [];
  let current: Subpath | null = null;
  const apply = (x: number, y: number): Point => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  let i = 0;
  while (i < buffer.length) {
    const op = buffer[i++];
    if (op === DRAW_MOVE_TO) {
      current = { points: [apply(buffer[i]!, buffer[i + 1]!)], closed: false };
      subpaths.push(current);
      i += 2;
    } else if (op === DRAW_LINE_TO) {
      const point = apply(buffer[i]!, buffer[i + 1]!);
      if (!current) {
        current = { points: [], closed: false };
        subpaths.push(current);
      }
      current.points.push(point);
      i += 2;
    } else if (op === DRAW_CURVE_TO) {
      // Curves are not rules; break the subpath at the curve's end point.
      current = { points: [apply(buffer[i + 4]!, buffer[i + 5]!)], closed: false };
      subpaths.push(current);
      i += 6;
    } else if (op === DRAW_QUADRATIC_CURVE_TO) {
      current = { points: [apply(buffer[i + 2]!, buffer[i + 3]!)], closed: false };
      subpaths.push(current);
      i += 4;
    } else if (op === DRAW_CLOSE_PATH) {
      if (current) current.closed = true;
    } else {
      break;
    }
  }
  return subpaths;
}

/** Tolerance for calling a segment horizontal or vertical (points of drift over its length). */
const AXIS_DRIFT = 0.5;

function addStrokedSegments(path: Subpath, out: Ruling[], settings: Settings): void {
  const points = path.closed && path.points.length > 2 ? [...path.points, path.points[0]!] : path.points;
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1]!;
    const [x1, y1] = points[k]!;
    addSegment(x0, y0, x1, y1, out, settings);
  }
}

function addSegment(x0: number, y0: number, x1: number, y1: number, out: Ruling[], settings: Settings): void {
  const dx = Math.abs(x1 - x0);
  const dy = Math.abs(y1 - y0);
  if (dy <= AXIS_DRIFT && dx >= settings.rulingMinLength) {
    out.push({ orientation: 'h', position: (y0 + y1) / 2, start: Math.min(x0, x1), end: Math.max(x0, x1) });
  } else if (dx <= AXIS_DRIFT && dy >= settings.rulingMinLength) {
    out.push({ orientation: 'v', position: (x0 + x1) / 2, start: Math.min(y0, y1), end: Math.max(y0, y1) });
  }
}

function addThinRectangle(path: Subpath, out: Ruling[], settings: Settings): void {
  const pts = path.points;
  if (pts.length < 3) return;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= settings.rulingMaxThickness && w >= settings.rulingMinLength) {
    if (isRuleOutline(pts, x0, x1, y0, y1, h, 0)) out.push({ orientation: 'h', position: (y0 + y1) / 2, start: x0, end: x1 });
  } else if (w <= settings.rulingMaxThickness && h >= settings.rulingMinLength) {
    if (isRuleOutline(pts, x0, x1, y0, y1, 0, w)) out.push({ orientation: 'v', position: (x0 + x1) / 2, start: y0, end: y1 });
  }
}

/**
 * Is the outline a rectangle (every corner on the box's edges, within the
 * drift)? Along the rule (`slackX` or `slackY`: its thickness) a corner may
 * sit that much further in from the end: rules drawn as filled outlines meet
 * in mitred corners (ends cut at 45°), as in the Excel exports of 决算 tables.
 */
function isRuleOutline(pts: Point[], x0: number, x1: number, y0: number, y1: number, slackX: number, slackY: number): boolean {
  const near = (a: number, b: number, slack: number): boolean => Math.abs(a - b) <= slack + AXIS_DRIFT;
  return pts.every(([x, y]) => (near(x, x0, slackX) || near(x, x1, slackX)) && (near(y, y0, slackY) || near(y, y1, slackY)));
}
