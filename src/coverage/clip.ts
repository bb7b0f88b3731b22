/**
 * Which text is clipped away. Spreadsheet exports draw a merged cell that
 * crosses a page break on both pages, each copy clipped to the cell's part
 * on that page: the text layer holds the copy, the reader sees nothing.
 * This walks the operator list, tracks the clip (as a rectangle: the
 * bounding box of the clip paths) and records where each text-showing
 * operator starts, in the page's user space (PDF units, y up), so text
 * items can be tested against the clip in force when they were drawn.
 * Deliberately a second implementation beside src/ingest/clip.ts: the check
 * reads the page its own way, so a mistake of the extractor's reading shows
 * up as a difference instead of being shared.
 */
import { OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Matrix product as pdf.js composes transforms (`Util.transform`). */
const mul = (a: M, b: M): M => Util.transform(a, b) as M;

type M = [number, number, number, number, number, number];
/** `[x0, y0, x1, y1]` in user space. */
export type Rect = [number, number, number, number];

export interface TextStart {
  x: number;
  y: number;
  clip: Rect | null;
}

const ID: M = [1, 0, 0, 1, 0, 0];

function apply(m: M, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function intersect(a: Rect | null, b: Rect): Rect {
  if (!a) return b;
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
}

function boxOf(points: readonly [number, number][]): Rect | null {
  if (points.length === 0) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Path points of a pdf.js 5 `constructPath` buffer (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
function pathPoints(buffer: ArrayLike<number>, ctm: M): [number, number][] {
  const pts: [number, number][] = [];
  let i = 0;
  while (i < buffer.length) {
    const op = buffer[i++];
    const take = op === 0 || op === 1 ? 1 : op === 2 ? 3 : op === 3 ? 2 : 0;
    if (op === 4) continue;
    if (take === 0) break;
    for (let k = 0; k < take; k++) {
      pts.push(apply(ctm, buffer[i]!, buffer[i + 1]!));
      i += 2;
    }
  }
  return pts;
}

interface State {
  ctm: M;
  clip: Rect | null;
}

/** Where each positioned text-showing operator starts, with the clip in force. */
export function textStarts(fnArray: readonly number[], argsArray: readonly unknown[]): TextStart[] {
  const out: TextStart[] = [];
  let st: State = { ctm: ID, clip: null };
  const stack: State[] = [];
  let pendingClip = false;
  let tm: M = ID;
  let lx = 0;
  let ly = 0;
  let leading = 0;
  let rise = 0;
  let positioned = true;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = (argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform:
        st = { ...st, ctm: mul(st.ctm, args as M) };
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...st });
        const matrix = args[0] as M | null | undefined;
        if (matrix) st = { ...st, ctm: mul(st.ctm, [...matrix] as M) };
        const bbox = args[1] as number[] | null | undefined;
        if (bbox && bbox.length === 4) {
          const r = boxOf([
            apply(st.ctm, bbox[0]!, bbox[1]!),
            apply(st.ctm, bbox[2]!, bbox[3]!),
            apply(st.ctm, bbox[0]!, bbox[3]!),
            apply(st.ctm, bbox[2]!, bbox[1]!),
          ]);
          if (r) st = { ...st, clip: intersect(st.clip, r) };
        }
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath: {
        if (pendingClip) {
          const buffer = (args[1] as unknown[] | undefined)?.[0];
          if (buffer && typeof (buffer as ArrayLike<number>).length === 'number') {
            const r = boxOf(pathPoints(buffer as ArrayLike<number>, st.ctm));
            if (r) st = { ...st, clip: intersect(st.clip, r) };
          }
          pendingClip = false;
        }
        break;
      }
      case OPS.beginText:
        tm = ID;
        lx = ly = 0;
        positioned = true;
        break;
      case OPS.setTextMatrix: {
        const m = args[0] as ArrayLike<number> | undefined;
        if (m && m.length >= 6) tm = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
        lx = ly = 0;
        positioned = true;
        break;
      }
      case OPS.moveText:
        lx += Number(args[0] ?? 0);
        ly += Number(args[1] ?? 0);
        positioned = true;
        break;
      case OPS.setLeadingMoveText:
        leading = Number(args[1] ?? 0);
        lx += Number(args[0] ?? 0);
        ly += Number(args[1] ?? 0);
        positioned = true;
        break;
      case OPS.setLeading:
        leading = -Number(args[0] ?? 0);
        break;
      case OPS.nextLine:
        ly += leading;
        positioned = true;
        break;
      case OPS.setTextRise:
        rise = Number(args[0] ?? 0);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        if (positioned) {
          const [x, y] = apply(mul(st.ctm, tm), lx, ly + rise);
          out.push({ x, y, clip: st.clip });
          positioned = false;
        }
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Finds the clip of a text item starting at (x, y) in user space: the
 * operator that starts there, else the nearest one starting before it on
 * the same baseline (pdf.js may split one operator's text into items).
 */
export function clipIndex(starts: readonly TextStart[]): (x: number, y: number) => Rect | null | undefined {
  const byLine = new Map<number, TextStart[]>();
  for (const s of starts) {
    const k = Math.round(s.y);
    for (const key of [k - 1, k, k + 1]) {
      const list = byLine.get(key) ?? [];
      list.push(s);
      byLine.set(key, list);
    }
  }
  return (x, y) => {
    const list = byLine.get(Math.round(y));
    if (!list) return undefined;
    let best: TextStart | undefined;
    for (const s of list) {
      if (Math.abs(s.y - y) > 0.6) continue;
      if (s.x > x + 0.6) continue;
      if (!best || s.x > best.x) best = s;
    }
    return best ? best.clip : undefined;
  };
}
