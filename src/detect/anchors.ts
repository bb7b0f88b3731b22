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

/** A printed table number: Arabic parts (3-1, 01) or Chinese numerals (三, 十二), never mixed. */
const NUM = String.raw`(\d+(?:-\d+)*|[零〇一二两三四五六七八九十]+(?![零〇一二两三四五六七八九十般]))`;

/** Table-number patterns on normalized text; group 1 is the number. Most specific first. */
const NUMBER_PATTERNS: readonly RegExp[] = [
  new RegExp(`(?:部门)?公开表${NUM}`, 'u'),
  /公开(\d+(?:-\d+)*)表/u,
  new RegExp(`附表${NUM}`, 'u'),
  /(?:预算|决算)表(\d+(?:-\d+)*)/u,
  /预算(\d+(?:-\d+)*)表/u,
  /决算(\d+(?:-\d+)*)表/u,
  /(?:^|[(（])表(\d+(?:-\d+)*)(?:$|[)）])/u,
  /^表([零〇一二两三四五六七八九十]+)$/u,
  new RegExp(`^表${NUM}`, 'u'),
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

/** A line that is only a table number (表1-2, 公开表5, 公开表一, 预算01表, 公开01表, 预算表12, (预算表 1), 附表3). */
function isNumberOnly(text: string): boolean {
  return new RegExp(
    `^[(（]?(?:部门)?(?:公开|附|预算|决算)?表${NUM}[)）]?$|^(?:预算|决算)?(?:公开)?\\d+(?:-\\d+)*表$`,
    'u',
  ).test(text);
}

const UNIT_RE = /(?:金额|计量)?单位[:：]?(万元|千元|亿元|元)/u;
/** 单位：万 with its 元 wrapped onto the next line. */
const WRAPPED_UNIT_RE = /(?:金额|计量)?单位[:：](万|千|亿)$/u;

/** A piece this short on a 部门/unit line is a wrapped tail (元, 院), not a cell of a table row. */
const UNIT_LINE_FRAGMENT_CHARS = 2;
const DEPARTMENT_RE = /^(?:编制|填报|预算|主管)?(?:部门|单位)(?:[(（](?:部门|单位)[)）])?(?:名称)?[:：](.*)$/u;

/** Removes section numbering and table-number decorations, keeping the title words. */
export function stripNumbering(text: string): string {
  return text
    .replace(new RegExp(`[(（](?:部门)?(?:公开|附|预算|决算)?表${NUM}[)）]`, 'gu'), '')
    .replace(new RegExp(`^(?:部门)?(?:公开|附|预算|决算)?表${NUM}[:：、.．]?`, 'u'), '')
    .replace(/^(?:预算|决算)?(?:公开)?\d+(?:-\d+)*表[:：]?/u, '')
    .replace(/^第?[一二三四五六七八九十]+[、.．]/u, '')
    .replace(/^[(（][一二三四五六七八九十\d]+[)）]/u, '')
    .replace(/^\d+[、.．]/u, '')
    .replace(CONTINUED_RE, '');
}

/** The (续表) / (续) marker of a table's continuation title. */
const CONTINUED_RE = /[(（]续(?:表)?[)）]$/u;

/**
 * The owner's name printed before the title words (雅安市科学技术局部门支出总表,
 * 西安市卫生健康委员会部门整体支出…): a name ending in an organisation word,
 * followed by the words a table title starts with.
 */
const OWNER_RE =
  /^.{2,30}?(?:局|委员会|委|厅|院|办公室|办事处|部|中心|所|站|馆|校|队|处|社|会|政府)(?:[(（](?:本级|汇总)[)）])?(?=(?:部门|单位|本年|收支|收入|支出|财政拨款|一般公共预算|政府性基金|国有资本|项目支出|整体支出|“?三公))/u;

/** The title words used to find a table's kind: numbering, years and the owner's name removed. */
export function bareTitle(text: string): string {
  return stripNumbering(text)
    .replace(/[(（]?\d{4}年度?[)）]?/gu, '')
    .replace(OWNER_RE, '');
}

/** Does the normalized text read as a table title (words ending in 表, no sentence)? */
export function isTitleText(text: string, settings: Settings): boolean {
  const bare = stripNumbering(text);
  if (bare.length < 3 || bare.length > Math.max(settings.titleExtraChars, settings.titleMaxChars)) return false;
  if (/[，。；！？]|\.{3,}|…/u.test(bare)) return false;
  if (/(详见|见附|如下|下表|说明)/u.test(bare)) return false;
  // 附件：2025年…安排表 in a letter names an attachment to come, not the table printed here.
  if (/^附件\d*[:：]/u.test(bare)) return false;
  // A part heading of the report (第二部分 2026年部门预算表) names the whole section, not a table.
  if (/^第[一二三四五六七八九十\d]+部分/u.test(bare)) return false;
  // 参会代表, 人大代表: words that end in 表 without being a table.
  if (/代表$/u.test(bare)) return false;
  return /表(?:[(（][^)）]*[)）])*$/u.test(bare);
}

/** Does the title carry a continuation marker (部门支出总表(续表))? */
export function isContinuedTitle(text: string): boolean {
  return CONTINUED_RE.test(text);
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
  let fragments = 0;
  let awaitingDepartment = false;
  for (const segment of segments) {
    const text = segment.text;
    const unit = UNIT_RE.exec(text) ?? WRAPPED_UNIT_RE.exec(text);
    if (unit) {
      result.unit = unit[1]!.endsWith('元') ? unit[1]! : `${unit[1]!}元`;
      const before = text.slice(0, unit.index);
      const dept = DEPARTMENT_RE.exec(before);
      if (dept) result.department = dept[1] ?? '';
      awaitingDepartment = false;
      continue;
    }
    const dept = DEPARTMENT_RE.exec(text);
    if (dept) {
      result.department = (dept[1] ?? '').replace(/_+/gu, '');
      // 部门：      江苏省人民检察院: the value printed apart from its label.
      awaitingDepartment = result.department === '';
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
    if (awaitingDepartment && !/\d/u.test(text)) {
      result.department = text;
      awaitingDepartment = false;
      continue;
    }
    // 元 of a unit wrapped onto the next line, or the tail of a wrapped department name (…人民法 / 院).
    if (text === '元') continue;
    if (text.length <= UNIT_LINE_FRAGMENT_CHARS && !/\d/u.test(text)) {
      fragments++;
      continue;
    }
    sawOther = true;
  }
  if (fragments > 0 && result.unit === null && result.department === null && result.number === null) sawOther = true;
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
