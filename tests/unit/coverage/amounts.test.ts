import { describe, expect, it } from 'vitest';
import { canonicalAmount, looksLikeCode, readAmount } from '../../../src/coverage/amounts.js';

describe('readAmount (the check reads printed amounts its own way)', () => {
  it('drops separators and keeps the printed decimals', () => {
    expect(readAmount('1,234.50')).toBe('1234.50');
    expect(readAmount('134,339,860')).toBe('134339860');
    expect(readAmount('0.000000')).toBe('0.000000');
    expect(readAmount('２，０００．００')).toBe('2000.00');
  });

  it('reads negatives: minus sign and brackets', () => {
    expect(readAmount('-27.07')).toBe('-27.07');
    expect(readAmount('（12.50）')).toBe('-12.50');
    expect(readAmount('(12.50)')).toBe('-12.50');
    expect(readAmount('−3.00')).toBe('-3.00');
    expect(readAmount('-0.00')).toBe('0.00');
  });

  it('reads a decimal tail printed alone (the wrapped .38 of 1,264,602.38)', () => {
    expect(readAmount('.38')).toBe('0.38');
  });

  it('rejects what is not a plain amount', () => {
    for (const t of ['-', '—', '12%', '2024年', '[201]', '1.2.3', '1,23', '1,2345', 'abc', '', '≥95']) {
      expect(readAmount(t), t).toBeNull();
    }
  });

  it('canonical form: leading zeros dropped, negative zero is zero', () => {
    expect(canonicalAmount('007')).toBe('7');
    expect(canonicalAmount('0.50')).toBe('0.50');
    expect(canonicalAmount('-0')).toBe('0');
    expect(canonicalAmount('-000.10')).toBe('-0.10');
  });

  it('code shapes: 类 / 款 / 项, economic, function and unit codes', () => {
    for (const t of ['201', '08', '30101', '2010101', '101001']) expect(looksLikeCode(t), t).toBe(true);
    for (const t of ['1', '1234', '2010101.5']) expect(looksLikeCode(t), t).toBe(false);
  });
});
