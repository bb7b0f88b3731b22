/**
 * Reading printed amounts, for the coverage check (its own rules, not the
 * extractor's).
 */

/**
 * The canonical form of a printed amount: sign, digits without separators,
 * the printed decimals (`1,234.50` → `1234.50`, `（12.50）` → `-12.50`,
 * `-0.00` → `0.00`). Null when the text is not a plain amount (`-`, `12%`,
 * `2024年`, `[201]`, `1.2.3`).
 */
export function readAmount(text: string): string | null {
  let t = text.normalize('NFKC').replace(/\s+/gu, '').replace(/[−–—]/gu, '-');
  let negative = false;
  const bracketed = /^\((.+)\)$/u.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1]!;
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  if (!/^(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)$/u.test(t)) return null;
  return canonicalAmount(negative ? `-${t.replace(/,/gu, '')}` : t.replace(/,/gu, ''));
}

/** `-0.00` → `0.00`; leading zeros of the integer part dropped (`007` → `7`, `0.5` stays). */
export function canonicalAmount(plain: string): string {
  let s = plain;
  let neg = false;
  if (s.startsWith('-')) {
    neg = true;
    s = s.slice(1);
  }
  const [int = '', frac] = s.split('.');
  const i = int.replace(/^0+(?=\d)/u, '') || '0';
  const out = frac === undefined ? i : `${i}.${frac}`;
  const zero = /^[0.]*$/u.test(out);
  return neg && !zero ? `-${out}` : out;
}

/** A whole number of the shapes classification codes take (类 201, 款 08, 项 01, 30101, 2010101, 单位代码 101001). */
export function looksLikeCode(text: string): boolean {
  return /^(?:\d{2}|\d{3}|\d{5}|\d{6}|\d{7}|\d{9})$/u.test(text);
}

/** Has a CJK ideograph (or a Latin letter): a label, not a number. */
export function isWordy(text: string): boolean {
  return /[\p{Script=Han}A-Za-z]/u.test(text);
}

/** The integer part's digit count, to tell codes from amounts. */
export function isPlainInteger(text: string): boolean {
  return /^\d+$/u.test(text.normalize('NFKC'));
}
