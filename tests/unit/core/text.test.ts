import { describe, expect, it } from 'vitest';
import { normalizeKeepSpaces, normalizeText } from '../../../src/core/text.js';

describe('normalizeText', () => {
  it('folds full-width digits, letters and punctuation (NFKC)', () => {
    expect(normalizeText('表３－１')).toBe('表3-1');
    expect(normalizeText('（２０２５年度）')).toBe('(2025年度)');
    expect(normalizeText('金额单位：万元')).toBe('金额单位:万元');
    expect(normalizeText('ＡＢＣ１２３')).toBe('ABC123');
  });

  it('maps Kangxi radicals to unified ideographs (NFKC)', () => {
    // U+2F6C KANGXI RADICAL EYE → U+76EE 目
    expect(normalizeText('项\u2F6C支出')).toBe('项目支出');
    expect(normalizeText('项\u2F6C支出')).not.toContain('\u2F6C');
  });

  it('maps CJK Radicals Supplement code points that NFKC leaves alone (table)', () => {
    // U+2ECB CJK RADICAL SIMPLIFIED CART → U+8F66 车; NFKC alone keeps it
    expect('\u2ECB'.normalize('NFKC')).toBe('\u2ECB');
    expect(normalizeText('公务用\u2ECB运行维护费')).toBe('公务用车运行维护费');
    // U+2EE2 CJK RADICAL SIMPLIFIED HORSE → 马
    expect(normalizeText('\u2EE2')).toBe('马');
  });

  it('removes all whitespace, including ideographic and non-breaking spaces', () => {
    expect(normalizeText('合 计')).toBe('合计');
    expect(normalizeText(' 合\u3000计\u00A0 \n')).toBe('合计');
    expect(normalizeText('基本 支出\t人员 经费')).toBe('基本支出人员经费');
  });

  it('leaves already normal text unchanged', () => {
    expect(normalizeText('一般公共预算“三公”经费支出预算表')).toBe('一般公共预算“三公”经费支出预算表');
  });
});

describe('normalizeKeepSpaces', () => {
  it('folds like normalizeText but keeps single spaces', () => {
    expect(normalizeKeepSpaces('  公开表\u3000３－１   部门 ')).toBe('公开表 3-1 部门');
  });
});
