import { describe, expect, it } from 'vitest';
import type { BudgetDocument } from '../../../src/core/document.js';
import { formatCsv } from '../../../src/export/csv.js';
import { RECORD_COLUMNS, recordLines, tableCsv, tableFileName } from '../../../src/export/index.js';
import { column, row, table } from '../../helpers/synthetic.js';

describe('formatCsv', () => {
  it('quotes fields with a comma, a quote or a line break (RFC 4180), nothing else', () => {
    const csv = formatCsv([
      ['a', '2,296.87', 'say "hi"'],
      ['line\nbreak', 'cr\rx', 'plain 文字'],
    ]);
    expect(csv).toBe('a,"2,296.87","say ""hi"""\n"line\nbreak","cr\rx",plain 文字\n');
  });

  it('writes null as an empty field and numbers as text', () => {
    expect(formatCsv([[null, 1, 2.5, '']])).toBe(',1,2.5,\n');
  });

  it('ends every line with \\n (no \\r\\n), including the last', () => {
    const csv = formatCsv([['h1', 'h2'], ['1', '2']]);
    expect(csv).toBe('h1,h2\n1,2\n');
    expect(csv).not.toContain('\r');
  });

  it('adds a BOM only when asked', () => {
    expect(formatCsv([['x']], { bom: true })).toBe('\uFEFFx\n');
    expect(formatCsv([['x']]).charCodeAt(0)).toBe('x'.charCodeAt(0));
    expect(formatCsv([])).toBe('');
    expect(formatCsv([], { bom: true })).toBe('\uFEFF');
  });
});

describe('tableFileName', () => {
  it('is NN_TITLE.csv with the order on two digits and only letters, digits and CJK kept', () => {
    expect(tableFileName(table([], [], { order: 3, title: '部门支出总表' }))).toBe('03_部门支出总表.csv');
    expect(tableFileName(table([], [], { order: 5, title: '财政拨款支出预算表(部门经济分类科目)' }))).toBe('05_财政拨款支出预算表部门经济分类科目.csv');
    expect(tableFileName(table([], [], { order: 9, title: '一般公共预算“三公”经费支出预算表' }))).toBe('09_一般公共预算三公经费支出预算表.csv');
    expect(tableFileName(table([], [], { order: 13, title: '部门预算项目绩效目标表(2025年度)' }))).toBe('13_部门预算项目绩效目标表2025年度.csv');
    expect(tableFileName(table([], [], { order: 1, title: 'a/b\\c:d*?' }))).toBe('01_abcd.csv');
  });
});

describe('records', () => {
  const doc = (): BudgetDocument => {
    const columns = [column(['科目编码'], 'function_code'), column(['科目名称'], 'label'), column(['合计']), column(['基本支出'])];
    const t1 = table(
      columns,
      [
        // cells deliberately inserted out of column order: output follows the columns
        row('合计', { 合计: '3,296.67', 科目名称: '合计' }),
        row('行政运行', { 基本支出: '263.28', 合计: '263.28', 科目名称: '行政运行', 科目编码: '2060101' }, { function: '2060101', unit: '210001' }),
      ],
      { order: 1, number: '1-2', title: '部门支出总表', kind: 'expenditure_summary', unit: '万元', pages: [9] },
    );
    const t2 = table([column(['项目'], 'label'), column(['金额'])], [row('a,"b"', { 项目: 'a,"b"', 金额: '1.5' })], {
      order: 2,
      number: null,
      title: '其他表',
      kind: 'other',
      unit: null,
    });
    return {
      source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 2 },
      document: { department: '雅安市科学技术局', year: 2025, kind: 'budget', unit: '万元' },
      tables: [t1, t2],
      pageProblems: [],
    };
  };

  it('has the contract header', () => {
    expect(RECORD_COLUMNS.join(',')).toBe(
      'department,year,table_number,table_kind,table_title,page,row,row_label,function_code,economic_code,unit_code,column,value_raw,value,unit',
    );
  });

  it('one line per non-empty cell, by table order, row, column order', () => {
    const lines = recordLines(doc());
    expect(lines.map((l) => [l[2], l[6], l[11]])).toEqual([
      ['1-2', '1', '科目名称'],
      ['1-2', '1', '合计'],
      ['1-2', '2', '科目编码'],
      ['1-2', '2', '科目名称'],
      ['1-2', '2', '合计'],
      ['1-2', '2', '基本支出'],
      ['', '1', '项目'],
      ['', '1', '金额'],
    ]);
    expect(lines[1]).toEqual([
      '雅安市科学技术局', '2025', '1-2', 'expenditure_summary', '部门支出总表', '1', '1', '合计',
      '', '', '', '合计', '3,296.67', '3296.67', '万元',
    ]);
    expect(lines[2]!.slice(8, 11)).toEqual(['2060101', '', '210001']);
    // text cells have an empty value
    expect(lines[3]!.slice(12, 14)).toEqual(['行政运行', '']);
    expect(lines[7]!.slice(12, 15)).toEqual(['1.5', '1.5', '']);
    for (const l of lines) expect(l).toHaveLength(RECORD_COLUMNS.length);
  });

  it('a full records.csv quotes labels with commas and quotes', () => {
    const csv = formatCsv([[...RECORD_COLUMNS], ...recordLines(doc())]);
    expect(csv.split('\n')).toHaveLength(10);
    expect(csv).toContain(',"a,""b""",');
  });

  it('tableCsv: BOM, a header of column keys, the raw texts in column order', () => {
    const t = doc().tables[0]!;
    expect(tableCsv(t)).toBe('\uFEFF科目编码,科目名称,合计,基本支出\n,合计,"3,296.67",\n2060101,行政运行,263.28,263.28\n');
  });
});
