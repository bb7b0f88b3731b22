import { describe, expect, it } from 'vitest';
import { codeDigits, codeInLabel, codeKind } from '../../../src/normalize/codes.js';

describe('codeDigits', () => {
  it('reads printed codes, with separators and full-width digits', () => {
    expect(codeDigits('2060101')).toBe('2060101');
    expect(codeDigits('206-01-01')).toBe('2060101');
    expect(codeDigits('206.01')).toBe('20601');
    expect(codeDigits(' 301 ')).toBe('301');
    expect(codeDigits('２０６')).toBe('206');
  });

  it('rejects text and amounts with commas', () => {
    expect(codeDigits('行政运行')).toBeNull();
    expect(codeDigits('2,000.00')).toBeNull();
    expect(codeDigits('2025年')).toBeNull();
    expect(codeDigits('')).toBeNull();
  });
});

describe('codeKind', () => {
  it('function codes: 3/5/7 digits not starting with 3 or 5', () => {
    expect(codeKind('206', 'function_code', 'function')).toBe('function');
    expect(codeKind('20601', 'function_code', 'function')).toBe('function');
    expect(codeKind('2060101', 'function_code', 'function')).toBe('function');
  });

  it('economic codes: 3/5/7 digits starting with 3 (部门经济分类) or 5 (政府经济分类)', () => {
    expect(codeKind('301', 'function_code', 'function')).toBe('economic');
    expect(codeKind('30101', 'function_code', 'function')).toBe('economic');
    expect(codeKind('3029901', 'function_code', 'function')).toBe('economic');
    expect(codeKind('50101', 'function_code', 'function')).toBe('economic');
    expect(codeKind('20601', 'economic_code', 'function')).toBe('economic');
  });

  it('unit codes: other lengths, or a 单位代码 column', () => {
    expect(codeKind('210001', 'function_code', 'function')).toBe('unit');
    expect(codeKind('210001', 'unit_code', 'function')).toBe('unit');
    expect(codeKind('210', 'unit_code', 'function')).toBe('unit');
    // economic codes printed in the 单位代码 column (表3-1 of the sample) stay economic
    expect(codeKind('30101', 'unit_code', 'function')).toBe('economic');
  });

  it('a bare 科目编码 column follows the table spec', () => {
    expect(codeKind('206', 'function_code', 'economic')).toBe('economic');
    expect(codeKind('2060101', 'function_code', 'economic')).toBe('economic');
  });
});

describe('codeInLabel', () => {
  it.each([
    ['[2060101]行政运行', '2060101'],
    ['2060101-行政运行', '2060101'],
    ['2060101 行政运行', '2060101'],
    ['【206】科学技术支出', '206'],
    ['（20601）科学技术管理事务', '20601'],
    ['210001 雅安市科学技术局', '210001'],
    ['30101 基本工资', '30101'],
    ['2060101行政运行', '2060101'],
    ['30101基本工资', '30101'],
    ['210001 IT运维中心', '210001'],
  ])('%s → %s', (label, code) => {
    expect(codeInLabel(label)).toBe(code);
  });

  it.each([['2025年预算'], ['2025年度'], ['行政运行'], ['12.50万元'], ['1234 其他'], ['100%'], ['2060101'], ['12345政府公共服务热线运行经费'], ['11000021Y000000390843-信息系统运维类项目']])('%s carries no code', (label) => {
    expect(codeInLabel(label)).toBeNull();
  });
});
