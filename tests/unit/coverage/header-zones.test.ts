import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Matrix } from '../../../src/core/operators.js';
import type { PageText } from '../../../src/coverage/pdftext.js';
import { readPage } from '../../../src/coverage/printed.js';
import { verticalRules, type VerticalRule } from '../../../src/coverage/rulings.js';
import { run, runRight } from './helpers.js';

const page = (runs: ReturnType<typeof run>[], rules: VerticalRule[] = []): PageText => ({
  page: 1, width: 842, height: 595, runs, rotated: 0, clipped: 0, verticalRules: rules,
});
const exclusions = (p: PageText): [string, string | null][] => readPage(p).numbers.map((n) => [n.text, n.exclusion]);
/** Rules from `top` to `bottom` at each x. */
const rulesAt = (xs: readonly number[], top: number, bottom: number): VerticalRule[] => xs.map((x) => ({ x, top, bottom }));

describe('the heading of a number: its header cell', () => {
  // A 绩效目标表 whose last column, 备注, holds indicator weights right-aligned at the cell's right edge: the
  // heading is centred left of them, and only the unit line stands right over them.
  const runs = [
    run('单位：万元', 735, 40),
    run('指标值类型', 560, 80), run('备注', 700, 80),
    run('成本指标', 400, 110), run('定性', 560, 110), runRight('20', 778, 110),
    run('产出指标', 400, 140), run('定性', 560, 140), runRight('10', 778, 140),
    run('效益指标', 400, 170), run('定性', 560, 170), runRight('5', 778, 170),
  ];

  it('a heading governs the numbers between the rules of its header cell', () => {
    expect(exclusions(page(runs, rulesAt([540, 660, 780], 70, 190)))).toEqual([
      ['20', 'score'],
      ['10', 'score'],
      ['5', 'score'],
    ]);
  });

  it('unruled, the last heading reaches as far out as the gap to its neighbour; a rule between says otherwise', () => {
    // 指标值类型 ends at 610, 备注 spans 700–720: its span reaches 720 + 90 = 810, over the numbers (767–778).
    expect(exclusions(page(runs))).toEqual([
      ['20', 'score'],
      ['10', 'score'],
      ['5', 'score'],
    ]);
    // A rule at 740 closes 备注's cell: the numbers are in a column of their own, whose heading is not printed.
    expect(exclusions(page(runs, [...rulesAt([540, 660, 740], 70, 190), ...rulesAt([780], 100, 190)]))).toEqual([
      ['20', null],
      ['10', null],
      ['5', null],
    ]);
  });

  it('a word over the number comes first; unruled spans only when none is found', () => {
    // 科目代/码 wrapped, its tail line 码 码 between the heading line and the numbers: the 决算数 over the amount
    // decides, though the amount lies in the last 码's span.
    const p = page([
      run('科目代', 60, 80), run('科目名称', 120, 84), run('决算数', 220, 84), run('科目代', 300, 80), run('科目名称', 360, 84), run('决算数', 460, 84),
      run('码', 60, 90), run('码', 300, 90),
      run('30101', 60, 110), run('基本工资', 120, 110), runRight('32,390.68', 260, 110), run('31002', 300, 110), run('办公设备购置', 360, 110), runRight('7.17', 500, 110),
    ]);
    expect(readPage(p).numbers.filter((n) => n.exclusion === null).map((n) => n.text)).toEqual(['32,390.68', '7.17']);
  });

  it('unruled, a number between two headings belongs to neither', () => {
    const row = (top: number, label: string, amount: string) => [run(label, 30, top), runRight(amount, 175, top)];
    const header = [run('项目', 30, 80), run('分值', 100, 80), run('金额', 200, 80)];
    // 30.00 (153–175) lies between 分值 (ends 120) and 金额 (starts 200): in both spans, so no heading reads it.
    const p = page([...header, ...row(110, '甲', '30.00'), ...row(140, '乙', '20.00'), ...row(170, '丙', '50.00')]);
    expect(exclusions(p).map((e) => e[1])).toEqual([null, null, null]);
    // Right under 分值, it is a score.
    const q = page([...header, run('甲', 30, 110), runRight('30', 118, 110), run('乙', 30, 140), runRight('20', 118, 140)]);
    expect(exclusions(q).map((e) => e[1])).toEqual(['score', 'score']);
  });
});

describe('vertical rules of a page', () => {
  const toTopLeft: Matrix = [1, 0, 0, -1, 0, 595];
  it('reads stroked vertical segments and thin filled boxes, in top-left points', () => {
    // moveTo 100,500 lineTo 100,400 (vertical), moveTo 100,400 lineTo 300,400 (horizontal), a 2-point tick.
    const strokes = new Float32Array([0, 100, 500, 1, 100, 400, 0, 100, 400, 1, 300, 400, 0, 50, 300, 1, 50, 298]);
    // A 0.5-wide filled box 200 tall, and a wide filled box (a shaded cell, no rule); both moveTo + 3 lineTo + closePath.
    const thin = new Float32Array([0, 200, 100, 1, 200.5, 100, 1, 200.5, 300, 1, 200, 300, 4]);
    const wide = new Float32Array([0, 300, 100, 1, 340, 100, 1, 340, 300, 1, 300, 300, 4]);
    const fn = [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath, OPS.constructPath];
    const args: unknown[] = [null, [1, 0, 0, 1, 10, 0], [OPS.stroke, [strokes], null], null, [OPS.fill, [thin], null], [OPS.fill, [wide], null]];
    expect(verticalRules(fn, args, toTopLeft)).toEqual([
      { x: 110, top: 95, bottom: 195 },
      { x: 200.25, top: 295, bottom: 495 },
    ]);
  });

  it('paths ended without painting (clips) are no rules', () => {
    const clip = new Float32Array([0, 100, 500, 1, 100, 400]);
    expect(verticalRules([OPS.clip, OPS.constructPath], [null, [OPS.endPath, [clip], null]], toTopLeft)).toEqual([]);
  });
});
