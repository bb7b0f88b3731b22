import { splitSegments } from '../core/lines.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import type { TextLine } from '../core/types.js';

/** Gap (in font sizes) that separates the pieces of a title-area line (部门：… | 金额单位：万元). */
const SEGMENT_GAP_EM = 2;

const CHINESE_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 三 → 3, 十二 → 12, 二十三 → 23. */
export function chineseNumeral(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十]+$/u.test(text)) return null;
  if (!text.includes('十')) {
    return text.length === 1 ? (CHINESE_DIGITS[text] ?? null) : null;
  }
  const [tens, ones] = text.split('十');
  const t = tens === '' ? 1 : CHINESE_DIGITS[tens ?? ''];
  const o = ones === '' ? 0 : CHINESE_DIGITS[ones ?? ''];
  return t === undefined || o === undefined ? null : t * 10 + o;
}

/** Table-number patterns on normalized text; group 1 is the number. Most specific first. */
const NUMBER_PATTERNS: readonly RegExp[] = [
  /(?:部门)?公开表(\d+(?:-\d+)*)/u,
  /附表(\d+(?:-\d+)*)/u,
  /预算(\d+(?:-\d+)*)表/u,
  /决算(\d+(?:-\d+)*)表/u,
  /(?:^|[(（])表(\d+(?:-\d+)*)(?:$|[)）])/u,
  /^表([零〇一二两三四五六七八九十]+)$/u,
  /^表(\d+(?:-\d+)*)/u,
];

/** The printed table number in Arabic digits (`3-1`), or null. */
export function parseTableNumber(text: string): string | null {
  const t = text.replace(/[—–－_]/gu, '-');
  for (const re of NUMBER_PATTERNS) {
    const m = re.exec(t);
    if (!m?.[1]) continue;
    const chinese = chineseNumeral(m[1]);
    const value = chinese !== null ? String(chinese) : m[1];
    return value
      .split('-')
      .map((part) => String(Number(part)))
      .join('-');
  }
  return null;
}

/** A line that is only a table number (表1-2, 公开表5, 预算01表, 附表3). */
function isNumberOnly(text: string): boolean {
  return /^(?:部门)?(?:公开|附)?表[\d零〇一二两三四五六七八九十-]+$|^(?:预算|决算)\d+表$|^[(（]?(?:部门)?公开表[\d-]+[)）]?$/u.test(text);
}

const UNIT_RE = /(?:金额|计量)?单位[:：]?(万元|千元|亿元|元)/u;
const DEPARTMENT_RE = /^(?:部门|编制部门|编制单位|预算单位|单位名称|部门名称|单位)(?:名称)?[:：](.*)$/u;

/** Removes section numbering and table-number decorations, keeping the title words. */
export function stripNumbering(text: string): string {
  return text
    .replace(/[(（](?:部门)?(?:公开|附)?表[\d-]+[)）]/gu, '')
    .replace(/^(?:部门)?(?:公开|附)?表[\d零〇一二两三四五六七八九十-]+[:：、.．]?/u, '')
    .replace(/^(?:预算|决算)\d+表[:：]?/u, '')
    .replace(/^第?[一二三四五六七八九十]+[、.．]/u, '')
    .replace(/^[(（][一二三四五六七八九十\d]+[)）]/u, '')
    .replace(/^\d+[、.．]/u, '')
    .replace(/[(（]续(?:表)?[)）]$/u, '');
}

/** The title words used to find a table's kind: numbering, years and the owner's name removed. */
export function bareTitle(text: string): string {
  return stripNumbering(text)
    .replace(/[(（]?\d{4}年度?[)）]?/gu, '')
    .replace(/^.*?(?=(?:部门|单位)?(?:收支|收入|支出|财政拨款|一般公共预算|政府性基金|国有资本|项目支出|部门整体|整体支出|“?三公))/u, '');
}

/** Does the normalized text read as a table title (words ending in 表, no sentence)? */
export function isTitleText(text: string, settings: Settings): boolean {
  const bare = stripNumbering(text);
  if (bare.length < 3 || bare.length > settings.titleExtraChars) return false;
  if (/[，。；！？]|\.{3,}|…/u.test(bare)) return false;
  if (/(详见|见附|如下|说明|情况)/u.test(bare)) return false;
  return /表(?:[(（][^)）]*[)）])*$/u.test(bare);
}

/** A year-only line printed under a title: (2025年度), 2025年. */
function isTitleSuffix(text: string): boolean {
  return /^[(（]?\d{4}年度?[)）]?$/u.test(text);
}

export type AnchorLineKind = 'title' | 'number' | 'unit' | 'department' | 'suffix' | 'note' | 'other';

export interface ClassifiedLine {
  line: TextLine;
  kind: AnchorLineKind;
  /** Normalized title text of the line's title segment (for `title` lines). */
  title: string | null;
  titleRaw: string | null;
  number: string | null;
  unit: string | null;
  department: string | null;
}

/**
 * Classifies a line of the title area. A line may carry several pieces
 * (部门：… on the left, the title in the middle, 金额单位 on the right), so
 * each segment is read on its own and the line takes the strongest kind.
 */
export function classifyLine(line: TextLine, settings: Settings): ClassifiedLine {
  const result: ClassifiedLine = {
    line,
    kind: 'other',
    title: null,
    titleRaw: null,
    number: null,
    unit: null,
    department: null,
  };
  const segments = splitSegments(line, SEGMENT_GAP_EM, settings);
  let sawOther = false;
  for (const segment of segments) {
    const text = segment.text;
    const unit = UNIT_RE.exec(text);
    if (unit) {
      result.unit = unit[1] ?? null;
      const before = text.slice(0, unit.index);
      const dept = DEPARTMENT_RE.exec(before);
      if (dept) result.department = dept[1] ?? '';
      continue;
    }
    const dept = DEPARTMENT_RE.exec(text);
    if (dept) {
      result.department = (dept[1] ?? '').replace(/_+/gu, '');
      continue;
    }
    if (/^注[:：]?$/u.test(text)) continue;
    if (isNumberOnly(text)) {
      result.number = parseTableNumber(text);
      continue;
    }
    if (isTitleText(text, settings)) {
      result.title = stripTitleDecorations(text);
      result.titleRaw = segment.raw;
      result.number ??= parseTableNumber(text);
      continue;
    }
    if (isTitleSuffix(text)) {
      result.kind = 'suffix';
      result.titleRaw = segment.raw;
      continue;
    }
    sawOther = true;
  }
  if (result.title !== null && !sawOther) result.kind = 'title';
  else if (sawOther) result.kind = 'other';
  else if (result.kind === 'suffix') result.kind = 'suffix';
  else if (result.number !== null) result.kind = 'number';
  else if (result.unit !== null) result.kind = 'unit';
  else if (result.department !== null) result.kind = 'department';
  else result.kind = 'note';
  return result;
}

/** The printed title without section numbering or number decorations, normalized. */
function stripTitleDecorations(text: string): string {
  return normalizeText(stripNumbering(text));
}
