import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from '../../../src/normalize/amounts.js';

/** [value as string, scale] or null. */
const parsed = (raw: string): [string, number] | null => {
  const p = parseAmount(raw);
  return p === null ? null : [p.value.toString(), p.scale];
};

describe('parseAmount', () => {
  it.each([
    ['2,000.00', '2000', 2],
    ['12,345,678.9', '12345678.9', 1],
    ['1,000', '1000', 0],
    ['0.00', '0', 2],
    ['263.28', '263.28', 2],
    ['3.4', '3.4', 1],
    ['  3.40 ', '3.4', 2],
    ['.5', '0.5', 1],
    ['-12.50', '-12.5', 2],
    ['−12.50', '-12.5', 2], // U+2212 minus sign
    ['（12.50）', '-12.5', 2],
    ['(12.50)', '-12.5', 2],
    ['２，０００．５０', '2000.5', 2], // full-width digits and punctuation
    ['２０００', '2000', 0],
  ])('%s → %s (scale %i)', (raw, value, scale) => {
    expect(parsed(raw)).toEqual([value, scale]);
  });

  it.each([['-'], ['—'], ['12.5%'], ['１２．５％'], ['1,23.00'], ['abc'], [''], ['2025年'], ['-(1.00)']])('%s is not an amount', (raw) => {
    expect(parseAmount(raw)).toBeNull();
  });

  it('keeps the value exact (Decimal, not float)', () => {
    const a = parseAmount('0.10')!.value.plus(parseAmount('0.20')!.value);
    expect(a.equals(new Decimal('0.3'))).toBe(true);
    expect(parseAmount('12345678901234567.89')!.value.toFixed(2)).toBe('12345678901234567.89');
  });
});

describe('formatAmount', () => {
  it('keeps the printed decimals and drops separators', () => {
    const p = (raw: string): string => {
      const a = parseAmount(raw)!;
      return formatAmount(a.value, a.scale);
    };
    expect(p('2,000.00')).toBe('2000.00');
    expect(p('（12.50）')).toBe('-12.50');
    expect(p('-12.50')).toBe('-12.50');
    expect(p('0.00')).toBe('0.00');
    expect(p('3.4')).toBe('3.4');
    expect(p('1,000')).toBe('1000');
    expect(p('２，０００．５０')).toBe('2000.50');
  });

  it('never prints a negative zero', () => {
    const a = parseAmount('-0.00')!;
    expect(formatAmount(a.value, a.scale)).toBe('0.00');
  });

  it('pads or rounds to the given scale', () => {
    expect(formatAmount(new Decimal('5'), 2)).toBe('5.00');
    expect(formatAmount(new Decimal('1.005'), 2)).toBe('1.01');
  });
});
