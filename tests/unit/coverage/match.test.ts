import { describe, expect, it } from 'vitest';
import { findText } from '../../../src/coverage/find.js';
import { buildLines } from '../../../src/coverage/layout.js';
import { checkColumn, checkRow, matchPage, type ToolCell } from '../../../src/coverage/match.js';
import type { PageText } from '../../../src/coverage/pdftext.js';
import { readPage, type PageReading } from '../../../src/coverage/printed.js';
import { run, runRight } from './helpers.js';

/** 科目名称 | 合计 | 基本支出, two body rows. */
function reading(): PageReading {
  const runs = [
    run('部门支出总表', 200, 20, 14),
    run('单位：万元', 480, 44),
    run('科目名称', 60, 60), run('合计', 250, 60), run('基本支出', 350, 60),
    run('行政运行', 60, 80), runRight('10.00', 300, 80), runRight('5.00', 400, 80),
    run('审计业务', 60, 100), runRight('20.00', 300, 100), runRight('7.00', 400, 100),
  ];
  const page: PageText = { page: 3, width: 595, height: 842, runs, rotated: 0, clipped: 0, verticalRules: [] };
  return readPage(page);
}

function cell(raw: string, column: string, label: string, row: number, box: [number, number, number, number], amount = true): ToolCell {
  return {
    table: 1, tableNumber: '1-2', tableTitle: '部门支出总表', tablePages: [3], row, label,
    codes: { function: null, economic: null, unit: null }, column, path: column.split('/'), raw,
    key: raw.replace(/,/g, ''), amount, page: 3, bbox: box, rowTexts: [], tableColumns: [['科目名称'], ['合计'], ['基本支出']], labelSpan: 1,
    tableLabels: new Set(['行政运行', '审计业务', '财政拨款']),
  };
}

/** The box of a printed number, as the tool would report it. */
function boxOf(r: PageReading, text: string, nth = 0): [number, number, number, number] {
  const n = r.numbers.filter((x) => x.text === text)[nth]!;
  return [n.x0, n.top, n.x1, n.bottom];
}

describe('page matching: recall, precision, placement', () => {
  it('a correct extraction: everything found, precise and in place', () => {
    const r = reading();
    expect(r.tablePage).toBe(true);
    const cells = [
      cell('10.00', '合计', '行政运行', 1, boxOf(r, '10.00')), cell('5.00', '基本支出', '行政运行', 1, boxOf(r, '5.00')),
      cell('20.00', '合计', '审计业务', 2, boxOf(r, '20.00')), cell('7.00', '基本支出', '审计业务', 2, boxOf(r, '7.00')),
    ];
    const res = matchPage(r, cells, new Map([[3, r]]));
    expect([res.printed, res.found, res.extracted, res.precise, res.placementChecked, res.placementOk]).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('misses, extras and duplicates are counted once each', () => {
    const r = reading();
    const cells = [
      cell('10.00', '合计', '行政运行', 1, boxOf(r, '10.00')),
      cell('10.00', '合计', '行政运行', 1, boxOf(r, '10.00')), // the same printed amount twice
      cell('99.00', '基本支出', '行政运行', 1, boxOf(r, '5.00')), // not printed
      cell('20.00', '合计', '审计业务', 2, boxOf(r, '20.00')),
      cell('行政运行', '科目名称', '行政运行', 1, [60, 80, 100, 90], false), // text cells are not amounts
    ];
    const res = matchPage(r, cells, new Map([[3, r]]));
    expect(res.missed.map((n) => n.text)).toEqual(['5.00', '7.00']);
    expect(res.extras.map((e) => `${e.cell.raw}:${e.reason}`)).toEqual(['10.00:not-printed', '99.00:not-printed']);
    expect([res.extracted, res.precise]).toEqual([4, 2]);
  });

  it('an amount held only as text is not found, and is reported as held as text', () => {
    const r = reading();
    const res = matchPage(r, [cell('5.00', '基本支出', '行政运行', 1, boxOf(r, '5.00'), false)], new Map([[3, r]]));
    expect([res.found, res.foundAsText, res.asText.length]).toEqual([0, 1, 1]);
  });

  it('placement: wrong column, wrong row, and a box that does not hold the printed amount', () => {
    const r = reading();
    const res = matchPage(
      r,
      [
        cell('20.00', '基本支出', '审计业务', 2, boxOf(r, '20.00')), // under 合计, keyed 基本支出
        cell('7.00', '基本支出', '行政运行', 1, boxOf(r, '7.00')), // on the 审计业务 line
        cell('10.00', '合计', '行政运行', 1, [0, 0, 10, 10]), // box elsewhere on the page
      ],
      new Map([[3, r]]),
    );
    const problems = res.misplaced.map((m) => `${m.cell.raw}: ${m.problems.join('; ')}`);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^20\.00: x \d+ is not under header "基本支出"/u);
    expect(problems[1]).toMatch(/^7\.00: not on the line of its row "行政运行"/u);
    expect(problems[2]).toMatch(/^10\.00: cell box \[0,0,10,10\] does not hold it/u);
    expect(res.placementOk).toBe(0);
  });

  it('a leaf header printed twice is told apart by its parent', () => {
    const runs = [
      run('单位：元', 480, 30),
      run('收入', 150, 50), run('支出', 420, 50),
      run('项目', 60, 70), run('合计', 230, 70), run('项目', 330, 70), run('合计', 500, 70),
      run('财政拨款', 60, 90), runRight('100.00', 270, 90), run('行政运行', 330, 90), runRight('100.00', 540, 90),
    ];
    const r = readPage({ page: 1, width: 595, height: 842, runs, rotated: 0, clipped: 0, verticalRules: [] });
    const left = r.numbers.find((n) => n.x1 === 270)!;
    const right = r.numbers.find((n) => n.x1 === 540)!;
    const c = (path: string, label: string): ToolCell => ({
      ...cell('100.00', path, label, 1, [0, 0, 0, 0]),
      tablePages: [1], page: 1,
      tableColumns: [['收入', '项目'], ['收入', '合计'], ['支出', '项目'], ['支出', '合计']],
    });
    const pages = new Map([[1, r]]);
    expect(checkColumn(r, left, c('收入/合计', '财政拨款'), pages).status).toBe('ok');
    expect(checkColumn(r, right, c('支出/合计', '行政运行'), pages).status).toBe('ok');
    expect(checkColumn(r, left, c('支出/合计', '财政拨款'), pages)).toMatchObject({ status: 'bad' });
    expect(checkRow(r, right, c('支出/合计', '行政运行')).status).toBe('ok');
    expect(checkRow(r, right, c('支出/合计', '财政拨款'))).toMatchObject({ status: 'bad' });
  });
});

describe('finding printed text', () => {
  it('finds a label on one line and wrapped over lines of one cell', () => {
    const lines = buildLines([
      run('机关事业单位基本养老保险缴', 166, 287), runRight('1,845.30', 382, 295),
      run('费支出', 141, 303),
      run('行政运行', 166, 330),
    ]);
    const all = lines.map((_, i) => i);
    const wrapped = findText(lines, '机关事业单位基本养老保险缴费支出', { candidates: all });
    expect(wrapped).toHaveLength(1);
    expect(wrapped[0]!.top).toBeCloseTo(287);
    expect(wrapped[0]!.bottom).toBeCloseTo(313);
    expect(findText(lines, '行政运行', { candidates: all })).toHaveLength(1);
    expect(findText(lines, '行政管理', { candidates: all })).toHaveLength(0);
  });
});
