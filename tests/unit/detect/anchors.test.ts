import { describe, expect, it } from 'vitest';
import { bareTitle, chineseNumeral, classifyLine, isTitleText, parseTableNumber, stripNumbering } from '../../../src/detect/anchors.js';
import { normalizeText } from '../../../src/core/text.js';
import { item, line, settings } from '../../helpers/synthetic.js';

/** parseTableNumber reads normalized text, as the detector hands it over. */
const number = (printed: string): string | null => parseTableNumber(normalizeText(printed));

describe('parseTableNumber', () => {
  it.each([
    ['公开表 3-1', '3-1'],
    ['公开表3-1', '3-1'],
    ['部门公开表5', '5'],
    ['附表3-1', '3-1'],
    ['表1-2', '1-2'],
    ['表 3', '3'],
    ['表２－１', '2-1'],
    ['表三', '3'],
    ['表十二', '12'],
    ['预算01表', '1'],
    ['预算02-1表', '2-1'],
    ['决算03表', '3'],
    ['二、部门收入总表（公开表 1-1）', '1-1'],
    ['三、部门支出总表(公开表1-2)', '1-2'],
  ])('%s → %s', (printed, expected) => {
    expect(number(printed)).toBe(expected);
  });

  it.each([['部门收支总表'], ['2025年预算'], ['第三部分'], ['一般公共预算支出预算表'], ['']])('%s has no number', (printed) => {
    expect(number(printed)).toBeNull();
  });
});

describe('chineseNumeral', () => {
  it('reads 一 … 九十九', () => {
    expect(chineseNumeral('三')).toBe(3);
    expect(chineseNumeral('十')).toBe(10);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('二十三')).toBe(23);
    expect(chineseNumeral('三三')).toBeNull();
    expect(chineseNumeral('3')).toBeNull();
  });
});

describe('stripNumbering / bareTitle', () => {
  it('removes section numbering and number decorations', () => {
    expect(stripNumbering('二、部门收入总表(公开表1-1)')).toBe('部门收入总表');
    expect(stripNumbering('(一)部门收入总表')).toBe('部门收入总表');
    expect(stripNumbering('3.部门支出总表')).toBe('部门支出总表');
    expect(stripNumbering('公开表5:国有资本经营预算支出预算表')).toBe('国有资本经营预算支出预算表');
    expect(stripNumbering('预算01表部门收支总表')).toBe('部门收支总表');
    expect(stripNumbering('部门支出总表(续表)')).toBe('部门支出总表');
    expect(stripNumbering('部门收支总表')).toBe('部门收支总表');
  });

  it('bareTitle also drops years and the owner name', () => {
    expect(bareTitle('部门预算项目绩效目标表(2025年度)')).toBe('部门预算项目绩效目标表');
    expect(bareTitle('雅安市科学技术局2025年部门支出总表')).toBe('部门支出总表');
    expect(bareTitle('二、部门收入总表(公开表1-1)')).toBe('部门收入总表');
  });

  // Regression: the number pattern used to accept Chinese numerals after Arabic digits, so a
  // title on the number's line lost its leading 一 ("表3-1一般公共预算…" → "般公共预算…", whose
  // bare title "支出预算表" matched expenditure_summary).
  it('keeps a title that starts with a numeral character when the number is on its line', () => {
    expect(stripNumbering('表3-1一般公共预算基本支出预算表')).toBe('一般公共预算基本支出预算表');
    expect(stripNumbering('表3一般公共预算支出预算表')).toBe('一般公共预算支出预算表');
    expect(stripNumbering('表3-3三公经费支出预算表')).toBe('三公经费支出预算表');
    expect(bareTitle('表3-1一般公共预算基本支出预算表')).toBe('一般公共预算基本支出预算表');
  });
});

describe('isTitleText', () => {
  it('accepts table titles and rejects prose', () => {
    expect(isTitleText('部门收支总表', settings)).toBe(true);
    expect(isTitleText('财政拨款支出预算表(部门经济分类科目)', settings)).toBe(true);
    expect(isTitleText('本单位无政府性基金预算财政拨款支出，故本表无数据。', settings)).toBe(false);
    expect(isTitleText('一般公共预算支出情况说明表', settings)).toBe(false);
    expect(isTitleText('详见附表', settings)).toBe(false);
    expect(isTitleText('表', settings)).toBe(false);
  });

  it('rejects a letter’s 附件： line (an attachment to come), not a numbered 附件 title', () => {
    expect(isTitleText('附件:2025年文化和旅游项目资金安排表', settings)).toBe(false);
    expect(isTitleText('附件1：2025年文化和旅游项目资金安排表', settings)).toBe(false);
    expect(isTitleText('附件2 2026年部门收支总表', settings)).toBe(true);
  });
});

describe('classifyLine', () => {
  it('a centred title line', () => {
    const c = classifyLine(line(item('部门支出总表', 250, 88, { size: 16 })), settings);
    expect(c).toMatchObject({ kind: 'title', title: '部门支出总表', titleRaw: '部门支出总表', number: null, unit: null });
  });

  it('a section heading with the number in brackets', () => {
    const c = classifyLine(line(item('二、部门收入总表（公开表 1-1）', 50, 52, { size: 12 })), settings);
    expect(c).toMatchObject({ kind: 'title', title: '部门收入总表', number: '1-1' });
  });

  it('a number-only line', () => {
    expect(classifyLine(line(item('表1-2', 520, 71)), settings)).toMatchObject({ kind: 'number', number: '1-2', title: null });
    expect(classifyLine(line(item('表三', 520, 71)), settings)).toMatchObject({ kind: 'number', number: '3' });
    expect(classifyLine(line(item('预算01表', 520, 71)), settings)).toMatchObject({ kind: 'number', number: '1' });
  });

  it('a 部门 line with the unit on the right', () => {
    const c = classifyLine(line(item('部门：雅安市科学技术局', 50, 112), item('金额单位：万元', 478, 112)), settings);
    expect(c).toMatchObject({ kind: 'unit', unit: '万元', department: '雅安市科学技术局', title: null });
  });

  it('unit-only and department-only lines', () => {
    expect(classifyLine(line(item('单位：元', 480, 112)), settings)).toMatchObject({ kind: 'unit', unit: '元', department: null });
    expect(classifyLine(line(item('编制单位：', 50, 112)), settings)).toMatchObject({ kind: 'department', department: '' });
  });

  it('a year suffix under a title', () => {
    expect(classifyLine(line(item('（2025年度）', 250, 110)), settings)).toMatchObject({ kind: 'suffix', titleRaw: '（2025年度）' });
  });

  it('prose, a note and a cover line are not anchors', () => {
    expect(classifyLine(line(item('本单位无政府性基金预算财政拨款支出，故本表无数据。', 50, 300)), settings).kind).toBe('other');
    expect(classifyLine(line(item('2025年部门预算', 200, 300, { size: 20 })), settings).kind).toBe('other');
    expect(classifyLine(line(item('注：', 50, 300)), settings).kind).toBe('note');
  });

  it('a title and a value on one line make a table row, not a title', () => {
    const c = classifyLine(line(item('部门收支总表', 50, 300), item('3,296.67', 400, 300)), settings);
    expect(c.kind).toBe('other');
  });

  it('reads the number of a title line that starts with 表N', () => {
    const c = classifyLine(line(item('表3-1', 60, 100, { size: 14 }), item('一般公共预算基本支出预算表', 110, 100, { size: 14 })), settings);
    expect(c.kind).toBe('title');
    expect(c.number).toBe('3-1');
  });

  // The same regression seen through classifyLine.
  it('keeps the whole title when 表N and the title share a line', () => {
    const c = classifyLine(line(item('表3-1', 60, 100, { size: 14 }), item('一般公共预算基本支出预算表', 110, 100, { size: 14 })), settings);
    expect(c.title).toBe('一般公共预算基本支出预算表');
  });
});
