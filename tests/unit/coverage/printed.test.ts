import { describe, expect, it } from 'vitest';
import { buildLines } from '../../../src/coverage/layout.js';
import type { PageText } from '../../../src/coverage/pdftext.js';
import { classifyLine, readPage } from '../../../src/coverage/printed.js';
import { run, runRight } from './helpers.js';

const H = 842;
const classify = (...runs: ReturnType<typeof run>[]) => {
  const line = buildLines(runs)[0]!;
  return classifyLine(line, 0, H).map((n) => [n.text, n.exclusion]);
};
const page = (runs: ReturnType<typeof run>[]): PageText => ({ page: 1, width: 595, height: H, runs, rotated: 0, clipped: 0, verticalRules: [] });

describe('which printed numbers are table amounts', () => {
  it('codes before a name are not amounts (类 款 项 split or joined)', () => {
    expect(classify(run('201', 60, 100), run('08', 100, 100), run('01', 135, 100), run('行政运行', 160, 100), runRight('114,479,860', 455, 100))).toEqual([
      ['201', 'code'],
      ['08', 'code'],
      ['01', 'code'],
      ['114,479,860', null],
    ]);
    expect(classify(run('30101', 60, 100), run('基本工资', 130, 100), runRight('14.12', 270, 100), run('30201', 300, 100), run('办公费', 370, 100))).toEqual([
      ['30101', 'code'],
      ['14.12', null],
      ['30201', 'code'],
    ]);
  });

  it('page numbers, 栏次 rows, notes', () => {
    expect(classify(run('-', 280, 800), run('18', 290, 800), run('-', 305, 800))).toEqual([['18', 'page-number']]);
    expect(classify(run('栏次', 60, 100), run('1', 200, 100), run('2', 300, 100), run('3', 400, 100))).toEqual([
      ['1', 'column-number'],
      ['2', 'column-number'],
      ['3', 'column-number'],
    ]);
    expect(classify(run('**', 60, 100), run('1', 200, 100), run('2', 300, 100), run('3', 400, 100)).map((x) => x[1])).toEqual([
      'column-number',
      'column-number',
      'column-number',
    ]);
    expect(classify(run('注：本表金额', 60, 100), run('100.00', 150, 100))).toEqual([['100.00', 'note']]);
  });

  it('numbers in sentences and performance targets are not table amounts', () => {
    expect(classify(run('年度收入预算', 122, 100), run('935,446.79', 186, 100), run('万元，比', 245, 100))).toEqual([['935,446.79', 'prose']]);
    expect(classify(run('增加', 90, 100), run('1463.8', 125, 100), run('万元，增长', 175, 100))).toEqual([['1463.8', 'prose']]);
    expect(classify(run('产出指标', 300, 100), run('≥', 400, 100), run('95', 450, 100), run('%', 500, 100))).toEqual([['95', 'indicator']]);
    expect(classify(run('数量指标', 300, 100), run('12', 450, 100), run('个', 500, 100))).toEqual([['12', 'indicator']]);
    // A money amount whose neighbour cell happens to start with a unit word stays an amount.
    expect(classify(run('专项经费', 50, 100), runRight('30.00', 122, 100), run('家', 138, 100))).toEqual([['30.00', null]]);
    expect(classify(run('上年结转结余', 120, 100), runRight('29,508.08', 420, 100), run('年终结转结余', 422, 100))).toEqual([['29,508.08', null]]);
  });

  it('a year glued in meaning to 年 is not an amount', () => {
    expect(classify(run('2026', 128, 100), run('年度部门预算', 155, 100))).toEqual([['2026', 'label-number']]);
    // Printed touching, it is one word and no number at all.
    expect(classify(run('2026', 128, 100), run('年度部门预算', 150, 100))).toEqual([]);
  });

  it('joins an amount wrapped inside a narrow cell (1682.7 / 6) and no number of the next row', () => {
    const r = readPage(
      page([
        run('总计', 60, 100), runRight('1682.7', 216, 100), runRight('1208.2', 289, 100),
        runRight('6', 216, 109), runRight('0', 289, 109),
        run('行政运行', 60, 130), runRight('903.85', 216, 130), runRight('903.85', 289, 130),
        run('审计业务', 60, 150), runRight('778.91', 216, 150), runRight('304.35', 289, 150),
      ]),
    );
    expect(r.numbers.map((n) => n.key)).toEqual(['1682.76', '1208.20', '903.85', '903.85', '778.91', '304.35']);
    const s = readPage(
      page([
        run('年度资金总额', 60, 100), runRight('396', 216, 100), runRight('378.27', 300, 100),
        run('上年结转资金', 60, 111), runRight('0', 216, 111), runRight('0', 300, 111),
      ]),
    );
    expect(s.numbers.map((n) => n.key)).toEqual(['396', '378.27', '0', '0']);
    // The next row's number right under a decimal amount is not its tail when joining breaks the page's decimals.
    const t = readPage(
      page([
        run('年度资金总额', 60, 100), runRight('1089.96', 216, 100), runRight('10.00', 300, 100),
        run('当年财政拨款', 60, 109), runRight('300', 210, 109),
        run('其他', 60, 130), runRight('12.50', 216, 130), runRight('7.25', 300, 130),
      ]),
    );
    expect(t.numbers.map((n) => n.key)).toEqual(['1089.96', '10.00', '300', '12.50', '7.25']);
  });

  it('decides table pages from the page alone', () => {
    const prose = readPage(page([run('收入预算', 90, 100), run('100.00', 150, 100), run('万元。', 190, 100)]));
    expect(prose.tablePage).toBe(false);
    const table = readPage(
      page([
        run('行政运行', 60, 100), runRight('10.00', 300, 100), runRight('5.00', 400, 100),
        run('审计业务', 60, 120), runRight('20.00', 300, 120), runRight('7.00', 400, 120),
      ]),
    );
    expect(table.tablePage).toBe(true);
    const headings = readPage(page([run('一、项目概述', 55, 100), run('1', 79, 120), run('二、立项依据', 55, 140), run('1', 79, 160), run('三、实施主体', 55, 180), run('1', 79, 200)]));
    expect(headings.tablePage).toBe(false);
  });
});
