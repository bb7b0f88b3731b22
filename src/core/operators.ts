import { OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** An affine matrix `[a, b, c, d, e, f]` as pdf.js uses it. */
export type Matrix = [number, number, number, number, number, number];

/**
 * Walks a page's operator list with the transform in force at each operator:
 * tracked through save/restore, `cm` and form XObjects, starting from
 * `toTopLeft` (user space → top-left page points). `visit` sees every other
 * operator with its arguments and that transform.
 */
export function walkOperators(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  toTopLeft: Matrix,
  visit: (fn: number, args: unknown[] | null, ctm: Matrix) => void,
): void {
  let ctm: Matrix = toTopLeft;
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = Util.transform(ctm, args as Matrix) as Matrix;
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const matrix = args?.[0] as Matrix | null | undefined;
        if (matrix) ctm = Util.transform(ctm, matrix) as Matrix;
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      default:
        visit(fn, args, ctm);
    }
  }
}
