/**
 * The vertical rules a page paints, for the coverage check's header zones
 * (a heading governs the numbers between the rules of its header cell).
 * Read from the operator list with the shared transform walker
 * (`core/operators.ts`, loading-level code); the check keeps its own
 * reading of the paths instead of the extractor's ruling finder.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { walkOperators, type Matrix } from '../core/operators.js';

/** A vertical rule in top-left page points. */
export interface VerticalRule {
  x: number;
  top: number;
  bottom: number;
}

/** Shortest painted stroke read as a rule (points): shorter ones are glyph outlines, ticks, hatching. */
const RULE_MIN_LENGTH = 5;

/** Widest filled rectangle read as a rule (points): some producers paint every rule as a thin box. */
const RULE_MAX_THICKNESS = 2;

/** Horizontal drift a stroked segment may have and still be vertical (points). */
const RULE_MAX_DRIFT = 0.5;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

type Point = [number, number];

/** Subpaths (point lists, closed ones repeating their first point) of a pdf.js 5 `constructPath` buffer. */
function subpaths(buffer: ArrayLike<number>, ctm: Matrix): Point[][] {
  const apply = (x: number, y: number): Point => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  const out: Point[][] = [];
  let current: Point[] | null = null;
  let i = 0;
  while (i < buffer.length) {
    const op = buffer[i++];
    if (op === 0) {
      current = [apply(buffer[i]!, buffer[i + 1]!)];
      out.push(current);
      i += 2;
    } else if (op === 1) {
      if (!current) out.push((current = []));
      current.push(apply(buffer[i]!, buffer[i + 1]!));
      i += 2;
    } else if (op === 2 || op === 3) {
      // A curve is no rule: the subpath goes on from its end point.
      const take = op === 2 ? 6 : 4;
      current = [apply(buffer[i + take - 2]!, buffer[i + take - 1]!)];
      out.push(current);
      i += take;
    } else if (op === 4) {
      if (current && current.length > 2) current.push(current[0]!);
    } else break;
  }
  return out;
}

/** The page's vertical rules: stroked vertical segments and thin filled upright rectangles. */
export function verticalRules(fnArray: readonly number[], argsArray: readonly unknown[], toTopLeft: Matrix): VerticalRule[] {
  const rules: VerticalRule[] = [];
  walkOperators(fnArray, argsArray, toTopLeft, (fn, args, ctm) => {
    if (fn !== OPS.constructPath) return;
    const paint = args?.[0] as number;
    const buffer = (args?.[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | undefined;
    if (!buffer || typeof buffer.length !== 'number') return;
    for (const path of subpaths(buffer, ctm)) {
      if (STROKES.has(paint)) {
        for (let k = 1; k < path.length; k++) {
          const [xa, ya] = path[k - 1]!;
          const [xb, yb] = path[k]!;
          if (Math.abs(xa - xb) <= RULE_MAX_DRIFT && Math.abs(ya - yb) >= RULE_MIN_LENGTH) {
            rules.push({ x: (xa + xb) / 2, top: Math.min(ya, yb), bottom: Math.max(ya, yb) });
          }
        }
      }
      if (FILLS.has(paint) && path.length >= 4) {
        const xs = path.map((p) => p[0]);
        const ys = path.map((p) => p[1]);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const upright = path.every(([x, y]) => (Math.abs(x - x0) <= RULE_MAX_DRIFT || Math.abs(x - x1) <= RULE_MAX_DRIFT) && (Math.abs(y - y0) <= RULE_MAX_DRIFT || Math.abs(y - y1) <= RULE_MAX_DRIFT));
        if (upright && x1 - x0 <= RULE_MAX_THICKNESS && y1 - y0 >= RULE_MIN_LENGTH) rules.push({ x: (x0 + x1) / 2, top: y0, bottom: y1 });
      }
    }
  });
  return rules;
}
