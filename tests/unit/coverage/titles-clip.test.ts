import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { clipIndex, textStarts } from '../../../src/coverage/clip.js';
import type { PageText } from '../../../src/coverage/pdftext.js';
import { readPage } from '../../../src/coverage/printed.js';
import type { VerticalRule } from '../../../src/coverage/rulings.js';
import { printedTitles, sameTitle, titleAnswered, titleKey } from '../../../src/coverage/titles.js';
import { run } from './helpers.js';

const reading = (runs: ReturnType<typeof run>[], rules: VerticalRule[] = [], page = 1) =>
  readPage({ page, width: 842, height: 595, runs, rotated: 0, clipped: 0, verticalRules: rules } satisfies PageText);
const rulesAt = (xs: readonly number[], top: number, bottom: number): VerticalRule[] => xs.map((x) => ({ x, top, bottom }));
const gridRow = (top: number, ...cells: string[]) => cells.map((c, k) => run(c, 105 + 100 * k, top));

describe('table titles', () => {
  it('compares titles without numbering, years and 续 marks', () => {
    expect(titleKey('公开表3-1 一般公共预算支出表（2026年）')).toBe('一般公共预算支出表');
    expect(titleKey('表一、部门收支总表')).toBe('部门收支总表');
    expect(titleKey('2026年度收入预算总表(续)')).toBe('收入预算总表');
    expect(titleKey('（五）项目支出总表')).toBe('项目支出总表');
    expect(titleKey('表22021年部门综合预算收入总表')).toBe('部门综合预算收入总表');
    expect(sameTitle(titleKey('2026年预算单位收入预算总表'), titleKey('收入预算总表'))).toBe(true);
    expect(sameTitle(titleKey('收入总表'), titleKey('支出总表'))).toBe(false);
  });

  it('a cell of a table body that ends in 表 is no title', () => {
    // A 绩效目标表 whose 三级指标 cell wraps `发展大会参会代表` next to its 二级指标 cell, rows of the grid above it.
    const runs = [
      run('2026年项目支出绩效目标表', 150, 40),
      ...gridRow(80, '一级指标', '二级指标', '三级指标', '指标值'),
      ...gridRow(110, '效益指标', '社会效益指标', '活动上座率', '优'),
      run('服务对象满意度', 205, 140), run('发展大会参会代表', 305, 140),
      ...gridRow(150, '满意度指标', '指标', '满意度', '优'),
      ...gridRow(180, '产出指标', '时效指标', '项目实施', '优'),
    ];
    const grid = rulesAt([100, 200, 300, 400, 500], 70, 200);
    expect(printedTitles([reading(runs, grid)]).map((t) => t.text)).toEqual(['2026年项目支出绩效目标表']);
    // Printed in the grid's top cell, between the table's outer rules only, a title stays one.
    const framed = [...rulesAt([100, 500], 30, 200), ...rulesAt([200, 300, 400], 70, 200)];
    expect(printedTitles([reading(runs, framed)]).map((t) => t.text)).toEqual(['2026年项目支出绩效目标表']);
  });

  it('a heading over a title is answered by the table of that title', () => {
    const runs = [
      run('1.项目支出绩效目标表', 40, 40),
      run('警务辅助人员经费项目绩效目标表', 120, 70),
      ...gridRow(100, '项目名称', '警务辅助人员经费', '主管部门', '福州市公安局'),
      ...gridRow(130, '资金总额', '44.47', '财政拨款', '44.47'),
    ];
    const [heading, title] = printedTitles([reading(runs, [], 29)]);
    expect(heading!.over).toBe(title);
    expect(title!.over).toBeNull();
    const tool = [{ key: titleKey('警务辅助人员经费项目绩效目标表'), pages: [29] }];
    expect(titleAnswered(heading!, tool)).toBe(true);
    expect(titleAnswered(heading!, [{ key: titleKey('民警加班补贴项目绩效目标表'), pages: [29] }])).toBe(false);
    // A grid between two titles: the first has a table of its own, and is not answered by the second's.
    const apart = printedTitles([reading([...runs.slice(0, 1), ...gridRow(55, '项目', '金额', '说明'), ...runs.slice(1)], [], 29)]);
    expect(apart[0]!.over).toBeNull();
    expect(titleAnswered(apart[0]!, tool)).toBe(false);
  });
});

describe('clipped text', () => {
  it('records the clip rectangle in force where each text operator starts', () => {
    const rect = new Float32Array([0, 100, 200, 1, 300, 200, 1, 300, 250, 1, 100, 250, 4]); // moveTo, lineTo ×3, closePath
    const fn = [OPS.save, OPS.clip, OPS.constructPath, OPS.beginText, OPS.setTextMatrix, OPS.showText, OPS.endText, OPS.restore,
      OPS.beginText, OPS.setTextMatrix, OPS.showText, OPS.endText];
    const args: unknown[] = [null, null, [OPS.endPath, [rect], null], null, [new Float32Array([1, 0, 0, 1, 120, 260])], [[]], null, null,
      null, [new Float32Array([1, 0, 0, 1, 50, 50])], [[]], null];
    const starts = textStarts(fn, args);
    expect(starts).toHaveLength(2);
    const clipOf = clipIndex(starts);
    // Drawn above the clip rectangle (y 260 > 250): clipped away.
    expect(clipOf(120, 260)).toEqual([100, 200, 300, 250]);
    // After restore: no clip.
    expect(clipOf(50, 50)).toBeNull();
    // A position no operator starts at, on a line of one: the nearest start before it.
    expect(clipOf(160, 260)).toEqual([100, 200, 300, 250]);
    expect(clipOf(10, 500)).toBeUndefined();
  });
});
