import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { clippedTextTest } from '../../../src/ingest/clip.js';
import type { Matrix } from '../../../src/core/operators.js';

/** pdf.js draw opcodes inside a constructPath buffer. */
const MOVE = 0;
const LINE = 1;
const CLOSE = 4;

type Op = { fn: number; args: unknown };
const rect = (x: number, y: number, w: number, h: number): number[] => [MOVE, x, y, LINE, x + w, y, LINE, x + w, y + h, LINE, x, y + h, CLOSE];
/** `x y w h re W n`: pdf.js emits the clip before the path it applies to. */
const clipTo = (x: number, y: number, w: number, h: number): Op[] => [
  { fn: OPS.clip, args: null },
  { fn: OPS.constructPath, args: [OPS.endPath, [new Float32Array(rect(x, y, w, h))], null] },
];
/** `BT 10 0 0 10 x y Tm (…) Tj ET` */
const show = (x: number, y: number): Op[] => [
  { fn: OPS.beginText, args: null },
  { fn: OPS.setTextMatrix, args: [new Float32Array([10, 0, 0, 10, x, y])] },
  { fn: OPS.showText, args: [[]] },
  { fn: OPS.endText, args: null },
];
const at = (x: number, y: number): Matrix => [10, 0, 0, 10, x, y];

function test(ops: Op[]): (transform: Matrix, width: number) => boolean {
  return clippedTextTest(
    ops.map((o) => o.fn),
    ops.map((o) => o.args),
    0.6,
  );
}

describe('clippedTextTest', () => {
  it('text drawn outside the clip in force is hidden, text inside it is not', () => {
    // A spreadsheet page: the table area is clipped to y 40–560; a merged cell from the page before is drawn
    // again above it (y 570) and one line is cut in half by the clip's top (baseline 556: box 554.8–564.8).
    const hidden = test([
      { fn: OPS.save, args: null },
      ...clipTo(30, 40, 780, 520),
      ...show(40, 570),
      ...show(40, 556),
      ...show(40, 500),
      { fn: OPS.restore, args: null },
      ...show(40, 580),
    ]);
    expect(hidden(at(40, 570), 30)).toBe(true);
    expect(hidden(at(40, 556), 30)).toBe(true);
    expect(hidden(at(40, 500), 30)).toBe(false);
    // After the restore the clip is gone.
    expect(hidden(at(40, 580), 30)).toBe(false);
  });

  it('an item that pdf.js split off a run takes the clip of the operator that started the run', () => {
    const hidden = test([...clipTo(0, 0, 100, 100), ...show(40, 200)]);
    expect(hidden(at(75, 200), 20)).toBe(true);
    expect(hidden(at(75, 50), 20)).toBe(false);
  });

  it('a form XObject clips to its bounding box, in the transform of the form', () => {
    const hidden = test([
      { fn: OPS.paintFormXObjectBegin, args: [[1, 0, 0, 1, 100, 100], [0, 0, 50, 50]] },
      ...show(10, 10),
      ...show(10, 80),
      { fn: OPS.paintFormXObjectEnd, args: null },
    ]);
    expect(hidden(at(110, 110), 20)).toBe(false);
    expect(hidden(at(110, 180), 20)).toBe(true);
  });
});
