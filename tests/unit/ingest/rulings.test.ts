import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/core/operators.js';
import { extractRulings } from '../../../src/ingest/rulings.js';
import { settings } from '../../helpers/synthetic.js';

/** pdf.js draw opcodes inside a constructPath buffer. */
const MOVE = 0;
const LINE = 1;
const CLOSE = 4;

/** A page 800 pt high: PDF user space (origin bottom-left) → top-left points. */
const FLIP: Matrix = [1, 0, 0, -1, 0, 800];

const path = (paintOp: number, ...ops: number[]) => ({ fn: OPS.constructPath, args: [paintOp, [new Float32Array(ops)], null] });
const rect = (x: number, y: number, w: number, h: number): number[] => [MOVE, x, y, LINE, x + w, y, LINE, x + w, y + h, LINE, x, y + h, CLOSE];

function run(ops: Array<{ fn: number; args: unknown }>) {
  return extractRulings(
    ops.map((o) => o.fn),
    ops.map((o) => o.args),
    FLIP,
    settings,
  ).map((r) => ({ ...r, position: Math.round(r.position * 100) / 100, start: Math.round(r.start * 100) / 100, end: Math.round(r.end * 100) / 100 }));
}

describe('extractRulings', () => {
  it('stroked segments become rules in top-left coordinates', () => {
    expect(run([path(OPS.stroke, MOVE, 50, 700, LINE, 450, 700, MOVE, 50, 700, LINE, 50, 600)])).toEqual([
      { orientation: 'h', position: 100, start: 50, end: 450 },
      { orientation: 'v', position: 50, start: 100, end: 200 },
    ]);
  });

  it('a thin filled rectangle is a rule at its centre line; a big one is not', () => {
    expect(run([path(OPS.fill, ...rect(50, 699.75, 400, 0.5), ...rect(100, 300, 0.5, 80), ...rect(100, 100, 200, 50))])).toEqual([
      { orientation: 'h', position: 100, start: 50, end: 450 },
      { orientation: 'v', position: 100.25, start: 420, end: 500 },
    ]);
  });

  it('thin outlines with mitred ends (rules meeting at a corner, cut at 45°) are rules', () => {
    // As a 决算 table's Excel export draws a cell's top and right borders (西安卫健委 公开07表 p159).
    const top = [MOVE, 798, 333.9, LINE, 42, 333.9, LINE, 42, 334.7, LINE, 797.3, 334.7, CLOSE];
    const right = [MOVE, 798, 480.3, LINE, 798, 333.9, LINE, 797.3, 334.7, LINE, 797.3, 480.3, CLOSE];
    expect(run([path(OPS.fill, ...top), path(OPS.fill, ...right)])).toEqual([
      { orientation: 'h', position: 465.7, start: 42, end: 798 },
      { orientation: 'v', position: 797.65, start: 319.7, end: 466.1 },
    ]);
  });

  it('a thin outline with a corner further from its ends than its thickness is no rule', () => {
    expect(run([path(OPS.fill, MOVE, 50, 700, LINE, 450, 700, LINE, 440, 700.8, LINE, 50, 700.8, CLOSE)])).toEqual([]);
  });

  it('clips (endPath) and short ticks paint no rule', () => {
    expect(run([path(OPS.endPath, MOVE, 50, 700, LINE, 450, 700), path(OPS.stroke, MOVE, 50, 500, LINE, 52, 500)])).toEqual([]);
  });

  it('follows the transform through save/transform/restore', () => {
    const rules = run([
      { fn: OPS.save, args: null },
      { fn: OPS.transform, args: [1, 0, 0, 1, 10, -20] },
      path(OPS.stroke, MOVE, 50, 700, LINE, 450, 700),
      { fn: OPS.restore, args: null },
      path(OPS.stroke, MOVE, 50, 700, LINE, 450, 700),
    ]);
    expect(rules).toEqual([
      { orientation: 'h', position: 120, start: 60, end: 460 },
      { orientation: 'h', position: 100, start: 50, end: 450 },
    ]);
  });
});
