import { Decimal } from 'decimal.js';

export interface ParsedAmount {
  value: Decimal;
  /** Decimal places as printed. */
  scale: number;
}

/**
 * Reads a printed amount: thousands separators dropped, `（12.50）`,
 * `(12.50)` and `-12.50` negative, full-width digits folded. A lone `-`, a
 * percentage or anything else that is not a plain number gives null.
 */
export function parseAmount(raw: string): ParsedAmount | null {
  let t = raw.normalize('NFKC').replace(/\s+/gu, '').replace(/−/gu, '-');
  let negative = false;
  const bracketed = /^\((.*)\)$/u.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1] ?? '';
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  }
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/u.test(t) || !/\d/u.test(t)) return null;
  const plain = t.replace(/,/gu, '');
  const scale = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
  const value = new Decimal(plain.startsWith('.') ? `0${plain}` : plain);
  return { value: negative ? value.negated() : value, scale };
}

/** The value as printed: `2000.00`, `-12.50`. */
export function formatAmount(value: Decimal, scale: number): string {
  return value.toFixed(scale);
}
