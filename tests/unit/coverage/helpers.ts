import type { Run } from '../../../src/coverage/pdftext.js';

/** A text run as the coverage reader makes them: width estimated from the characters (CJK 1 em, others 0.55 em). */
export function run(text: string, x0: number, top: number, size = 10, width?: number): Run {
  const w = width ?? [...text].reduce((a, ch) => a + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.55), 0) * size;
  return { text, x0, x1: x0 + w, top, bottom: top + size, base: top + 0.85 * size, size };
}

/** A run whose right edge is at x1 (right-aligned amounts). */
export function runRight(text: string, x1: number, top: number, size = 10): Run {
  const r = run(text, 0, top, size);
  const w = r.x1 - r.x0;
  return { ...r, x0: x1 - w, x1 };
}
