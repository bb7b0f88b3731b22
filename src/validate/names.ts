import type { BudgetDocument, BudgetTable, TableRow } from '../core/document.js';
import { subjectName, type PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import { cellRef, isTotalLabel, tableRef, type ValidationCheck } from './report.js';

/** Names of organisations: what unit rows are called. */
const ORGANISATION = /(局|委员会|委|办公室|办公厅|厅|院|部|中心|联合会|协会|会|所|馆|站|队|处|署|社|机关|学校|大学|医院)(\(本级\))?$/u;

function nameCheck(
  id: string,
  rule: string,
  status: 'pass' | 'fail' | 'skipped',
  table: BudgetTable,
  index: number | null,
  row: TableRow | null,
  message: string,
  reason: string | null = null,
  column: string | null = row ? (Object.keys(row.cells).find((k) => row.cells[k]!.raw.includes(row.label.slice(0, 2))) ?? null) : null,
): ValidationCheck {
  return {
    id,
    rule,
    status,
    severity: 'warning',
    refs: [cellRef(table, index, row, column)],
    expected: null,
    found: null,
    difference: null,
    rounding: false,
    message,
    reason,
  };
}

/** Rows that stand for a unit: no subject code, a name, and a unit code or coded rows under them. */
export function unitRows(table: BudgetTable, totalLabel: RegExp): Array<{ row: TableRow; index: number }> {
  return table.rows
    .map((row, index) => ({ row, index }))
    .filter(({ row, index }) => {
      if (row.label === '' || isTotalLabel(row.label, totalLabel) || row.codes.function !== null || row.codes.economic !== null) return false;
      const next = table.rows[index + 1];
      const headsCoded = next !== undefined && (next.codes.function ?? next.codes.economic) !== null;
      const placeName = /[省市县区州旗]/u.test(row.label);
      return (row.codes.unit !== null || headsCoded || placeName) && ORGANISATION.test(row.label);
    });
}

/**
 * Unit names on every table agree with the document's: the units listed in
 * the 收入总表 (and the department itself). A unit row elsewhere under
 * another name (绍兴市… in a 雅安 document) is reported.
 */
export function unitNameChecks(doc: BudgetDocument, pipeline: PipelineSpec): ValidationCheck[] {
  const reference = doc.tables.find((t) => t.kind === 'revenue_summary');
  if (!reference) return [];
  const known = new Set(unitRows(reference, pipeline.totalLabel).map(({ row }) => row.label));
  if (known.size === 0) return [];
  if (doc.document.department) known.add(doc.document.department);
  const checks: ValidationCheck[] = [];
  for (const table of doc.tables) {
    if (table === reference) continue;
    for (const { row, index } of unitRows(table, pipeline.totalLabel)) {
      const unknown = !known.has(row.label) && ![...known].some((k) => row.label.includes(k) || k.includes(row.label));
      if (!unknown) continue;
      checks.push(
        nameCheck(
          `N.unit.T${tableRef(table)}#${index + 1}`,
          'names: units on every table are the document’s units',
          'fail',
          table,
          index,
          row,
          `${table.title} row ${index + 1} names a unit “${row.label}” that the 收入总表 does not list (${[...known].join('、')})`,
        ),
      );
    }
  }
  return checks;
}

/** A label without the code printed before it and without leading numbering. */
function bareName(label: string): string {
  return label
    .replace(/^[[【(（]?\d{3,}[\]】)）]?[-—－_:：]?/u, '')
    .replace(/^其中[:：]?/u, '')
    .replace(/^[一二三四五六七八九十\d]+[、.．]/u, '');
}

/** Printed and official names agree when equal, or one holds the other (其他交通费 / 其他交通费用). */
function sameName(printed: string, official: string): boolean {
  const a = printed.replace(/[()（）、的和及]/gu, '');
  const b = official.replace(/[()（）、的和及]/gu, '');
  return a === b || a.includes(b) || b.includes(a);
}

/** Two names one character apart: one replaced, added or left out (旅游宜传 / 旅游宣传). */
function oneCharacterApart(a: string, b: string): boolean {
  const [short, long] = [[...a], [...b]].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (a === b || long.length - short.length > 1) return false;
  let k = 0;
  while (k < short.length && short[k] === long[k]) k++;
  // Past the first difference the rest agrees: the longer name's character dropped (or, same lengths, both).
  return short.slice(long.length === short.length ? k + 1 : k).join('') === long.slice(k + 1).join('');
}

/** The code a subject-code cell run prints (类 | 款 | 项 joined), with its classification. */
function subjectOf(digits: string): 'function' | 'economic' | null {
  if (![3, 5, 7].includes(digits.length)) return null;
  if (/^[35]/u.test(digits)) return 'economic';
  if (/^2/u.test(digits)) return 'function';
  return null;
}

/**
 * Code–name pairs as printed: a code (or 类/款/项 run) and the name column
 * right after it, or a name printed with its code (2010801-行政运行).
 */
function printedPairs(table: BudgetTable, row: TableRow): Array<{ code: string; name: string; column: string }> {
  const pairs: Array<{ code: string; name: string; column: string }> = [];
  let pending = '';
  for (const column of table.columns) {
    const raw = row.cells[column.key]?.raw ?? '';
    const digits = /^\d+$/u.test(raw.trim()) ? raw.trim() : '';
    switch (column.role) {
      case 'function_class':
        pending = digits;
        break;
      case 'function_section':
      case 'function_item':
        if (pending !== '' && digits !== '') pending += digits;
        break;
      case 'function_code':
      case 'economic_code':
        pending = digits;
        break;
      case 'unit_code':
        // A 单位代码 column that also prints economic codes (301, 30101 under each unit).
        pending = subjectOf(digits) === 'economic' ? digits : '';
        break;
      case 'label': {
        const text = bareName(normalizeText(raw));
        const prefixed = /^[[【(（]?(\d{3}|\d{5}|\d{7})[\]】)）]?[-—－_:：]?\D/u.exec(normalizeText(raw))?.[1];
        if (prefixed && text !== '') pairs.push({ code: prefixed, name: text, column: column.key });
        else if (pending !== '' && text !== '') pairs.push({ code: pending, name: text, column: column.key });
        pending = '';
        break;
      }
      default:
        break;
    }
  }
  return pairs;
}

/** A code–name pair printed on a row, with the classification's name for the code (undefined: a code the data does not know). */
interface PrintedPair {
  table: BudgetTable;
  index: number;
  row: TableRow;
  code: string;
  name: string;
  /** The column the name is printed in. */
  column: string;
  official: string | undefined;
}

/**
 * Codes the classification does not know (local sub-items such as 3029901)
 * get the name the document itself gives them, read where the rows around
 * them are named right: a pair counts as a witness when the nearest pairs
 * above and below it in its table with a known code carry their own names
 * (in a block whose names slid one row, the local codes' names slid too).
 * A code whose witnesses do not agree, or that has none, stays unknown.
 */
function documentNames(pairs: readonly PrintedPair[]): Map<string, { name: string; witnesses: PrintedPair[] }> {
  const known = pairs.filter((p) => p.official !== undefined);
  const right = (p: PrintedPair | undefined): boolean => p === undefined || sameName(p.name, p.official!);
  const witnesses = new Map<string, PrintedPair[]>();
  for (const pair of pairs.filter((p) => p.official === undefined)) {
    const sameTable = known.filter((k) => k.table === pair.table);
    const above = sameTable.filter((k) => k.index < pair.index).at(-1);
    const below = sameTable.find((k) => k.index > pair.index);
    if ((above === undefined && below === undefined) || !right(above) || !right(below)) continue;
    witnesses.set(pair.code, [...(witnesses.get(pair.code) ?? []), pair]);
  }
  const names = new Map<string, { name: string; witnesses: PrintedPair[] }>();
  for (const [code, seen] of witnesses) {
    const name = seen[0]!.name;
    if (seen.every((p) => sameName(p.name, name))) names.set(code, { name, witnesses: seen });
  }
  return names;
}

/**
 * A code printed with a name that is not its own: in the classification the
 * pipeline ships (a shifted row, a typo), or, for a code the data does not
 * know, the name the document gives it where its neighbours are named right.
 * Codes neither knows are reported once per table as skipped.
 */
export function codeNameChecks(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const tables = doc.tables.filter((table) => !pipeline.tables.find((t) => t.kind === table.kind)?.rowsAreProjects);
  const pairs: PrintedPair[] = tables.flatMap((table) =>
    table.rows.flatMap((row, index) =>
      printedPairs(table, row).flatMap(({ code, name, column }) => {
        const kind = subjectOf(code);
        if (kind === null || pipeline.totalLabel.test(name)) return [];
        return [{ table, index, row, code, name, column, official: subjectName(pipeline.classification, kind, code, doc.document.year) }];
      }),
    ),
  );
  const local = documentNames(pairs);
  for (const table of tables) {
    const unknown = new Set<string>();
    for (const { index, row, code, name, column, official } of pairs.filter((p) => p.table === table)) {
      // A code the classification does not know is judged only where the document names it another way elsewhere.
      if (official === undefined) unknown.add(code);
      const own = official ?? local.get(code)?.name;
      if (own === undefined || sameName(name, own)) continue;
      const id = `N.code.T${tableRef(table)}#${index + 1}.${code}`;
      const rule = 'names: a subject code is printed with its own name';
      // An OCR reading one character off, read with low confidence, is more likely a misread than a misprint.
      const confidence = row.cells[column]?.confidence ?? null;
      if (confidence !== null && confidence < settings.ocrNameDoubtConfidence && oneCharacterApart(name, own)) {
        checks.push(
          nameCheck(
            id,
            rule,
            'skipped',
            table,
            index,
            row,
            `${table.title} row ${index + 1}: code ${code} is read as “${name}”; its name is “${own}”`,
            `the OCR reading differs from “${own}” by one character, confidence ${confidence.toFixed(2)} (below ${settings.ocrNameDoubtConfidence})`,
            column,
          ),
        );
        continue;
      }
      const whose =
        official !== undefined
          ? `its name is “${official}”`
          : `the document names it “${own}” where the rows around it are named right (${local
              .get(code)!
              .witnesses.map((w) => `${tableRef(w.table)} row ${w.index + 1}`)
              .join(', ')})`;
      checks.push(nameCheck(id, rule, 'fail', table, index, row, `${table.title} row ${index + 1}: code ${code} is printed as “${name}”; ${whose}`, null, column));
    }
    if (unknown.size > 0) {
      checks.push(
        nameCheck(
          `N.code.T${tableRef(table)}.unknown`,
          'names: a subject code is printed with its own name',
          'skipped',
          table,
          null,
          null,
          `${table.title}: codes not in the classification data`,
          `the classification data does not know ${[...unknown].slice(0, 12).join(', ')}${unknown.size > 12 ? ' …' : ''}; they are checked only against the names the document gives them where the rows around them are named right`,
        ),
      );
    }
  }
  return checks;
}

/** A column whose header says it holds unit codes (单位代码, 单位编码). */
const UNIT_CODE_HEADER = /单位(代码|编码)$/u;

/**
 * A 单位代码 column that prints economic subject codes: a 类 the classification
 * knows (301) and a 款 under it (30101) among the unit codes, while the
 * 科目编码 columns stay empty. The table still reads (the codes are taken as
 * economic codes), but its columns say otherwise: reported once per column.
 */
export function unitCodeColumnChecks(doc: BudgetDocument, pipeline: PipelineSpec): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const table of doc.tables) {
    for (const column of table.columns.filter((c) => c.role === 'unit_code' && UNIT_CODE_HEADER.test(c.key))) {
      const printed = new Set(table.rows.map((r) => r.cells[column.key]?.raw.trim() ?? '').filter((raw) => /^\d+$/u.test(raw)));
      const economic = [...printed].filter(
        (code) => subjectOf(code) === 'economic' && subjectName(pipeline.classification, 'economic', code, doc.document.year) !== undefined,
      );
      const classes = economic.filter((code) => code.length === 3);
      const sections = economic.filter((code) => code.length === 5 && classes.includes(code.slice(0, 3)));
      if (sections.length === 0) continue;
      checks.push({
        id: `S.unit_code.T${tableRef(table)}.${column.key}`,
        rule: 'structure: a 单位代码 column holds unit codes',
        status: 'fail',
        severity: 'warning',
        refs: [cellRef(table, null, null, column.key)],
        expected: null,
        found: null,
        difference: null,
        rounding: false,
        message: `${table.title}: the ${column.key} column prints economic subject codes (${[...classes, ...sections].slice(0, 6).join(', ')}${economic.length > 6 ? ' …' : ''}) among its unit codes`,
        reason: null,
      });
    }
  }
  return checks;
}
