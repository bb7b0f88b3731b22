import type { ColumnRole, PipelineSpec, TableSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import { parseAmount } from './amounts.js';
import { codeDigits } from './codes.js';

const CODE_ROLES: ReadonlySet<ColumnRole> = new Set(['function_class', 'function_section', 'function_item', 'function_code', 'economic_code', 'unit_code']);

/** Printed in a cell for "nothing": `-`, `—`, `/`, `**` (the 栏次 row's stars), `…`. */
const PLACEHOLDER = /^(?:[-—–－/*…·.]+|无)$/u;

/** The role the pipeline's rules give a header path (or a body cell naming a field), or null when no rule speaks. */
export function ruledRole(path: string, spec: TableSpec | null, pipeline: PipelineSpec): ColumnRole | null {
  if (spec?.textColumns?.test(path)) return 'text';
  return pipeline.columnRoles.find((rule) => rule.path.test(path))?.role ?? null;
}

/** A field name as printed in a form's body, without its closing colon (`年度预算资金总额：`). */
function fieldName(raw: string): string {
  return normalizeText(raw).replace(/:+$/u, '');
}

/** The printed body cells of a column worth judging: not empty, not a placeholder. */
function printed(texts: readonly string[]): string[] {
  return texts.map((t) => normalizeText(t)).filter((t) => t !== '' && !PLACEHOLDER.test(t));
}

/**
 * A column's role. The header path decides when a rule speaks; a header that
 * names nothing the rules know (or no header at all: `列3`) holds money only
 * when its body does (`amountColumnMinShare` of its printed cells read as
 * amounts). A money word of the last header level (合计, 金额 …) sometimes
 * sits over a code or name column whose own header is a level above
 * (`项目/功能分类科目编码/合计` when a blank template's 合计 row is read as
 * header), and a wrapped header may be cut into levels (`科目代/码`): the
 * code or label role of such a level, or of the levels read as one word, is
 * taken when the body agrees (codes only; no amounts).
 */
export function columnRole(
  path: readonly string[],
  body: readonly string[],
  spec: TableSpec | null,
  pipeline: PipelineSpec,
  settings: Settings,
  headerless: boolean,
): ColumnRole {
  const base = path.join('/');
  const ruled = ruledRole(base, spec, pipeline);
  if (ruled !== null && ruled !== 'amount' && ruled !== 'text') return ruled;
  const cells = printed(body);
  const amounts = cells.filter((t) => parseAmount(t) !== null).length;
  const codes = cells.filter((t) => codeDigits(t) !== null && !/[.,]/u.test(t)).length;
  // A level above, or the levels read as one word (a wrapped `科目代/码`).
  for (const level of [...path.slice(0, -1), path.join('')]) {
    const own = ruledRole(level, spec, pipeline);
    if (own !== null && CODE_ROLES.has(own) && cells.length > 0 && codes === cells.length) return own;
    if (own === 'label' && cells.length > 0 && amounts === 0) return own;
  }
  if (ruled !== null) return ruled;
  // Where the spec names the money columns, other numeric columns (权重, 指标值) are text.
  if (!headerless && spec?.amountColumns && !spec.amountColumns.test(base)) return 'text';
  if (cells.length === 0) return 'amount';
  return amounts / cells.length >= settings.amountColumnMinShare ? 'amount' : 'text';
}

/**
 * Which body cells of a column hold money. Forms (绩效目标表, 绩效自评表)
 * print their field names in the body, right above the values: `资金总额`
 * over `1,935.36`, `指标值` over `95`, `分值` over `10`. A short text (at most
 * `fieldNameMaxChars` characters) printed right above a number, that the
 * rules give a role to, retypes the numbers below it in its column until the
 * next such name. Other texts leave the field as it was: group headings
 * (按收入性质分, not above a number), indicator values (不适用 over `10000`),
 * names the rules do not know (一般公共预算) and total labels. Code and name
 * columns never hold money; a headerless form's columns start as money.
 */
export function moneyCells(
  role: ColumnRole,
  body: readonly string[],
  spec: TableSpec | null,
  pipeline: PipelineSpec,
  settings: Settings,
  form: boolean,
): boolean[] {
  if (role !== 'amount' && role !== 'text') return body.map(() => false);
  const texts = body.map((raw) => normalizeText(raw));
  const isPrinted = (t: string): boolean => t !== '' && !PLACEHOLDER.test(t);
  let money = form || role === 'amount';
  return texts.map((text, k) => {
    if (!isPrinted(text) || parseAmount(text) !== null) return money;
    const next = texts.slice(k + 1).find(isPrinted);
    const namesField = next !== undefined && parseAmount(next) !== null && [...text].length <= settings.fieldNameMaxChars;
    if (namesField && !pipeline.totalLabel.test(text)) {
      const field = ruledRole(fieldName(text), spec, pipeline);
      if (field !== null) money = field === 'amount';
    }
    return money;
  });
}

/**
 * Which cells of a body row are money because the field name printed just
 * left of them says so: forms that print `资金总额 | 7.14` across a row, in
 * a column whose header (实施单位) or field above does not name money. The
 * name must be a short text of a text column whose rule role is money (a
 * row label such as 一般公共预算财政拨款 is no field name), and the number
 * printed with decimals (a 行次 or a count beside a name is not money).
 */
export function moneyBesideField(
  row: ReadonlyArray<{ text: string; role: ColumnRole }>,
  pipeline: PipelineSpec,
  settings: Settings,
): boolean[] {
  return row.map((cell, k) => {
    if (cell.role !== 'amount' && cell.role !== 'text') return false;
    if ((parseAmount(cell.text)?.scale ?? 0) === 0) return false;
    const left = row[k - 1];
    if (left?.role !== 'text') return false;
    const name = fieldName(left.text);
    if (name === '' || parseAmount(name) !== null || [...name].length > settings.fieldNameMaxChars || pipeline.totalLabel.test(name)) return false;
    return ruledRole(name, null, pipeline) === 'amount';
  });
}

/**
 * A 栏次 row: the columns numbered 1, 2, 3 … under the header (`** ** 1 2 3`,
 * `栏次 1 栏次 2`; `栏次合计 1 2 3` where an unruled table's empty 合计 row
 * is read into it). It names columns and holds no data.
 */
export function isColumnNumberRow(texts: readonly string[]): boolean {
  const numbers: number[] = [];
  let named = false;
  for (const raw of texts) {
    const text = normalizeText(raw);
    if (text === '') continue;
    if (/^(栏次|行次|栏号)/u.test(text)) named = true;
    else if (/^\d{1,2}$/u.test(text)) numbers.push(Number(text));
    else if (!/^\*+$/u.test(text)) return false;
  }
  if (numbers.length < 2) return false;
  const consecutive = numbers.every((n, k) => k === 0 || n === numbers[k - 1]! + 1);
  return consecutive && (named || numbers[0] === 1);
}
