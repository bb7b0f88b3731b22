import type { ColumnRole } from '../core/pipeline.js';
import type { RowCodes } from '../core/document.js';

type CodeKind = keyof RowCodes;

/** Digits of a printed code, or null when the text is not a code. */
export function codeDigits(raw: string): string | null {
  const t = raw.normalize('NFKC').replace(/\s+/gu, '');
  return /^\d+(?:[-.]\d+)*$/u.test(t) ? t.replace(/[-.]/gu, '') : null;
}

/**
 * Which classification a printed code belongs to. Function (功能分类) and
 * economic (经济分类) codes have 3, 5 or 7 digits; economic ones start with
 * 3 (部门经济分类) or 5 (政府经济分类); unit codes are the rest (usually 6+).
 */
export function codeKind(digits: string, role: ColumnRole, subjectCodes: 'function' | 'economic'): CodeKind {
  const subjectShape = digits.length === 3 || digits.length === 5 || digits.length === 7;
  const economicShape = subjectShape && /^[35]/u.test(digits);
  if (role === 'unit_code') return economicShape ? 'economic' : 'unit';
  if (role === 'economic_code') return 'economic';
  if (!subjectShape) return 'unit';
  if (economicShape) return 'economic';
  return subjectCodes;
}

/** A name printed with its code: `[2060101]行政运行`, `2060101-行政运行`, `210001 雅安市…`. */
export function codeInLabel(raw: string): string | null {
  // Four digits followed by 年 is a year, not a code.
  const m = /^([[【(（])?(\d{3}|\d{5,})([\]】)）])?(\s*[-—－_:：]?\s*)(?![年月日万元%.,\d])(\S)/u.exec(raw.normalize('NFKC').trim());
  if (!m) return null;
  const [, open, digits, close, gap, next] = m;
  // Glued to the name, only a subject code's shape is a code: `12345政府公共服务热线` names a hotline.
  const glued = !open && !close && gap === '';
  if (glued && !/^(?:[235]\d{2}|[235]\d{4}|\d{6,})$/u.test(digits!)) return null;
  // Glued to a Latin letter, the digits start an identifier, no code of their own: the 项目编码
  // `11000021Y000000390843` printed before a project's name (北京 项目支出绩效目标表).
  if (glued && /^[A-Za-z]$/u.test(next!)) return null;
  return digits!;
}
