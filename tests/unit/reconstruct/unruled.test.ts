import { describe, expect, it } from 'vitest';
import type { TableRegion, TextItem } from '../../../src/core/types.js';
import { readUnruledPart } from '../../../src/reconstruct/unruled.js';
import { reconstructTable } from '../../../src/reconstruct/index.js';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import { item, itemCentered, itemRight, part, settings } from '../../helpers/synthetic.js';

const TOTAL = departmentBudgetPipeline.totalLabel;

/**
 * No rules at all: labels left-aligned at x=60, amounts right-aligned at
 * x=300, 400 and 500; the header centred over each column.
 *
 *   科目名称            合计      基本支出    项目支出
 *   合计              350.00      100.00      250.00
 *   行政运行          100.00      100.00
 *   其他科学技术支出  250.00                  250.00
 */
function items(): TextItem[] {
  return [
    item('科目名称', 60, 100),
    itemCentered('合计', 275, 100),
    itemCentered('基本支出', 375, 100),
    itemCentered('项目支出', 475, 100),
    item('合计', 60, 120),
    itemRight('350.00', 300, 120),
    itemRight('100.00', 400, 120),
    itemRight('250.00', 500, 120),
    item('行政运行', 60, 140),
    itemRight('100.00', 300, 140),
    itemRight('100.00', 400, 140),
    item('其他科学技术支出', 60, 160),
    itemRight('250.00', 300, 160),
    itemRight('250.00', 500, 160),
  ];
}

describe('readUnruledPart', () => {
  it('finds the columns from the body lines and puts every piece in its column', () => {
    const grid = readUnruledPart(part(1, items(), []), TOTAL, settings);
    expect(grid.xs).toHaveLength(5);
    // Column 0 is the label column (60 … 220), then one column per right-aligned amount.
    expect(grid.xs[0]).toBe(60);
    expect(grid.xs[4]).toBe(500);
    expect(grid.cells.map((c) => [c.row, c.col, c.colSpan, c.raw])).toEqual([
      [0, 0, 1, '科目名称'],
      [0, 1, 1, '合计'],
      [0, 2, 1, '基本支出'],
      [0, 3, 1, '项目支出'],
      [1, 0, 1, '合计'],
      [1, 1, 1, '350.00'],
      [1, 2, 1, '100.00'],
      [1, 3, 1, '250.00'],
      [2, 0, 1, '行政运行'],
      [2, 1, 1, '100.00'],
      [2, 2, 1, '100.00'],
      [3, 0, 1, '其他科学技术支出'],
      [3, 1, 1, '250.00'],
      [3, 3, 1, '250.00'],
    ]);
    expect(grid.cleanItems).toBe(14);
    expect(grid.totalItems).toBe(14);
  });

  it('folds a wrapped label line into the row above', () => {
    const wrapped = [
      ...items().filter((i) => i.bbox[1] < 160),
      item('机关事业单位基本养老', 60, 160),
      itemRight('34.58', 300, 160),
      itemRight('34.58', 400, 160),
      item('保险缴费支出', 60, 171),
    ];
    const grid = readUnruledPart(part(1, wrapped, []), TOTAL, settings);
    const rows = new Map<number, string[]>();
    for (const c of grid.cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c.raw]);
    expect([...rows.values()]).toEqual([
      ['科目名称', '合计', '基本支出', '项目支出'],
      ['合计', '350.00', '100.00', '250.00'],
      ['行政运行', '100.00', '100.00'],
      ['机关事业单位基本养老保险缴费支出', '34.58', '34.58'],
    ]);
  });
});

describe('reconstructTable (unruled)', () => {
  it('gives an unruled grid with one header row and the body rows', () => {
    const region: TableRegion = {
      number: '1-2',
      title: '部门支出总表',
      titleRaw: '部门支出总表',
      unit: '万元',
      departmentLine: null,
      kind: 'expenditure_summary',
      parts: [part(1, items(), [])],
    };
    const grid = reconstructTable(region, { totalLabel: departmentBudgetPipeline.totalLabel }, settings);
    expect(grid.method).toBe('unruled');
    expect(grid.headerRows).toBe(1);
    expect(grid.columns).toHaveLength(4);
    expect(grid.rows.map((r) => r.map((c) => `${c.col}:${c.raw}`))).toEqual([
      ['0:科目名称', '1:合计', '2:基本支出', '3:项目支出'],
      ['0:合计', '1:350.00', '2:100.00', '3:250.00'],
      ['0:行政运行', '1:100.00', '2:100.00'],
      ['0:其他科学技术支出', '1:250.00', '3:250.00'],
    ]);
  });
});

/** Rows of a grid as the texts of their cells, left to right. */
function rowTexts(cells: ReadonlyArray<{ row: number; col: number; raw: string }>): string[][] {
  const rows = new Map<number, Array<{ col: number; raw: string }>>();
  for (const c of cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row.sort((a, b) => a.col - b.col).map((c) => c.raw));
}

/**
 * A spreadsheet export of a 项目支出 table (guangzhou 部门预算项目支出及其他支出预算表): 10 pt text on a
 * 15.6 pt line pitch, every cell centred on its row. Header: 财政拨款 over 合计 | 一般公共预算 (wrapped as
 * 一般公共预 / 算, one line pitch apart like two header rows), 其他资金 wrapped as 其他资 / 金, 绩效目标.
 * `top` is the first line of the body.
 */
function spreadsheetHeader(): TextItem[] {
  return [
    itemCentered('项目', 80, 40),
    itemCentered('财政拨款', 250, 24),
    itemCentered('合计', 200, 48),
    itemCentered('一般公共预', 300, 40),
    itemCentered('算', 300, 55.6),
    itemCentered('其他资', 380, 32),
    itemCentered('金', 380, 47.6),
    itemCentered('绩效目标', 520, 40),
  ];
}

/** One body row: its centre line at `y`, the label, amounts right-aligned at 230 / 330 / 400, then 绩效目标 lines from x 401. */
function spreadsheetRow(y: number, label: string, amount: string, target: string[]): TextItem[] {
  const first = y - ((target.length - 1) * 15.6) / 2;
  return [
    item(label, 40, y),
    itemRight(amount, 230, y),
    itemRight(amount, 330, y),
    itemRight('0.00', 400, y),
    ...target.map((text, k) => item(text, 401, first + k * 15.6)),
  ];
}

describe('readUnruledPart (spreadsheet exports)', () => {
  it('keeps a label wrapped one line pitch below itself as one header cell, and a group label as a parent', () => {
    const grid = readUnruledPart(part(1, [...spreadsheetHeader(), ...spreadsheetRow(80, '合计', '10.00', [])], []), TOTAL, settings);
    const header = grid.cells.filter((c) => c.row < grid.headerRows!);
    expect(header.map((c) => [c.raw, c.col, c.colSpan]).sort()).toEqual(
      [
        ['项目', 0, 1],
        ['财政拨款', 1, 2],
        ['合计', 1, 1],
        ['一般公共预算', 2, 1],
        ['其他资金', 3, 1],
        ['绩效目标', 4, 1],
      ].sort(),
    );
  });

  it('a group label centred over one of its columns, with the others beside it, is not a wrapped label', () => {
    // guangzhou 水务局 表9: 政府性基金预算支出 printed over 其中：基本支出 only, 小计 and 项目支出 beside it.
    const items = [
      itemCentered('政府性基金预算支出', 300, 24),
      itemCentered('小计', 200, 40.3),
      itemCentered('其中：基本支出', 300, 40.3),
      itemCentered('项目支出', 400, 40.3),
      item('合计', 40, 60),
      itemRight('5.00', 230, 60),
      itemRight('0.00', 330, 60),
      itemRight('5.00', 430, 60),
    ];
    const grid = readUnruledPart(part(1, items, []), TOTAL, settings);
    expect(grid.headerRows).toBe(2);
    expect(grid.cells.find((c) => c.raw === '政府性基金预算支出')).toMatchObject({ row: 0, col: 1, colSpan: 3 });
    expect(grid.cells.find((c) => c.raw === '其中：基本支出')).toMatchObject({ row: 1, col: 2 });
  });

  it('reads a long centred cell as one cell of its row, and an amount a point before the next cell as its own', () => {
    const rows = [
      ...spreadsheetRow(90, '机构运行辅助经费', '7.00', ['临时工辅助做好气象防灾减灾工作', '等气象保障工作。']),
      ...spreadsheetRow(160, '广州高级别气象预警防灾叫应', '17.00', ['针对省防总', '指导精神要求', '高级别气象预警', '布暴雨红色预警', '小时降雨量', '况，立即再次', '委）或政府']),
      ...spreadsheetRow(250, '探测设备维护费', '90.00', ['及时完成广州市', '定、检定工作', '常，获取的', '备的效能。']),
    ];
    const grid = readUnruledPart(part(1, [...spreadsheetHeader(), ...rows], []), TOTAL, settings);
    expect(rowTexts(grid.cells).slice(grid.headerRows!)).toEqual([
      ['机构运行辅助经费', '7.00', '7.00', '0.00', '临时工辅助做好气象防灾减灾工作等气象保障工作。'],
      ['广州高级别气象预警防灾叫应', '17.00', '17.00', '0.00', '针对省防总指导精神要求高级别气象预警布暴雨红色预警小时降雨量况，立即再次委）或政府'],
      ['探测设备维护费', '90.00', '90.00', '0.00', '及时完成广州市定、检定工作常，获取的备的效能。'],
    ]);
  });

  it('a number printed inside a 绩效目标 sentence starts no row', () => {
    // guangzhou 卫健委 p80: "2027 年底，实现…" and "…开展 25 项以上…" are runs of their own in the cell's lines.
    const rows = [
      ...spreadsheetRow(90, '机构运行辅助经费', '7.00', []),
      ...spreadsheetRow(160, '基层中医医疗卫生服务', '162.50', ['城行品牌，遴选']),
      item('通过基层中医', 401, 128.8),
      item('2027', 401, 144.4),
      item('年底，实现全市', 423, 144.4),
      item('规范开展', 401, 175.6),
      item('25', 443, 175.6),
      item('项以上', 455, 175.6),
      item('灸医院建设', 401, 191.2),
      ...spreadsheetRow(240, '探测设备维护费', '90.00', []),
    ];
    const grid = readUnruledPart(part(1, [...spreadsheetHeader(), ...rows], []), TOTAL, settings);
    const body = rowTexts(grid.cells).slice(grid.headerRows!);
    expect(body.map((row) => row[0])).toEqual(['机构运行辅助经费', '基层中医医疗卫生服务', '探测设备维护费']);
    expect(body[1]!.at(-1)).toBe('通过基层中医2027年底，实现全市城行品牌，遴选规范开展25项以上灸医院建设');
  });

  it('labels that never share a line with another cell still make the label column', () => {
    // guangzhou 卫健委 p37: every label wraps over two lines around its row's numbers, every 绩效目标 over three.
    const row = (y: number, label: [string, string], amount: string): TextItem[] => [
      item(label[0], 60, y - 7.8),
      item(label[1], 40, y + 7.8),
      itemRight(amount, 230, y),
      itemRight(amount, 330, y),
      itemRight('0.00', 400, y),
      item('绩效第一行', 401, y - 15.6),
      item('绩效第二行', 401, y),
      item('绩效第三行', 401, y + 15.6),
    ];
    const items = [...spreadsheetHeader(), ...row(90, ['大型活动医疗保障医务', '人员、救护车补助经费'], '1,200.00'), ...row(150, ['卫生应急', '工作经费'], '606.53')];
    const grid = readUnruledPart(part(1, items, []), TOTAL, settings);
    expect(rowTexts(grid.cells).slice(grid.headerRows!)).toEqual([
      ['大型活动医疗保障医务人员、救护车补助经费', '1,200.00', '1,200.00', '0.00', '绩效第一行绩效第二行绩效第三行'],
      ['卫生应急工作经费', '606.53', '606.53', '0.00', '绩效第一行绩效第二行绩效第三行'],
    ]);
  });

  it('lines of words between numbered rows, each one line pitch from them, stay rows of their own', () => {
    // yaan 部门收支总表: the 支出 labels of the rows without amounts.
    const items = [
      item('项目', 40, 40),
      itemCentered('预算数', 200, 40),
      item('六、科学技术支出', 40, 80),
      itemRight('3,031.91', 230, 80),
      item('七、文化旅游体育与传媒支出', 40, 94.8),
      item('八、社会保障和就业支出', 40, 109.6),
      itemRight('132.76', 230, 109.6),
      item('九、社会保险基金支出', 40, 124.4),
      item('十、卫生健康支出', 40, 139.2),
      itemRight('60.99', 230, 139.2),
    ].map((i) => ({ ...i, fontSize: 9, bbox: [i.bbox[0], i.bbox[1], i.bbox[2], i.bbox[1] + 9] as TextItem['bbox'] }));
    const grid = readUnruledPart(part(1, items, []), TOTAL, settings);
    expect(rowTexts(grid.cells).slice(grid.headerRows!)).toEqual([
      ['六、科学技术支出', '3,031.91'],
      ['七、文化旅游体育与传媒支出'],
      ['八、社会保障和就业支出', '132.76'],
      ['九、社会保险基金支出'],
      ['十、卫生健康支出', '60.99'],
    ]);
  });

  it('the top of a first row wrapped above its numbers, under a repeated header, belongs to the row', () => {
    const rows = [
      ...spreadsheetRow(80, '广州市气象台2026年信', '102.33', ['落实对气象业务系统维护', '稳定，延长其使用周期。']).map((i) =>
        i.raw === '广州市气象台2026年信' ? { ...i, bbox: [i.bbox[0], 72.2, i.bbox[2], 82.2] as TextItem['bbox'] } : i,
      ),
      item('息化运维项目', 40, 87.8),
      ...spreadsheetRow(120, '机构运行辅助经费', '7.00', ['临时工辅助做好']),
    ];
    const grid = readUnruledPart(part(2, [...spreadsheetHeader(), ...rows], []), TOTAL, settings);
    expect(rowTexts(grid.cells).slice(grid.headerRows!)).toEqual([
      ['广州市气象台2026年信息化运维项目', '102.33', '102.33', '0.00', '落实对气象业务系统维护稳定，延长其使用周期。'],
      ['机构运行辅助经费', '7.00', '7.00', '0.00', '临时工辅助做好'],
    ]);
  });
});
