import { Decimal } from 'decimal.js';
import type { BudgetDocument, BudgetTable, ProseLine, TableRow } from '../core/document.js';
import { subjectName, type PipelineSpec, type ProseRule } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { resolve, type Resolved } from './cross-rules.js';
import { unitRows } from './names.js';
import { cellRef, tableRef, type CheckRef, type ValidationCheck } from './report.js';

/** The narrative joined into one string, with the page each character came from. */
interface Narrative {
  text: string;
  pageAt: (offset: number) => number;
}

function narrative(prose: readonly ProseLine[]): Narrative {
  const starts: Array<[number, number]> = [];
  let text = '';
  for (const line of prose) {
    starts.push([text.length, line.page]);
    text += line.text;
  }
  return {
    text,
    pageAt: (offset) => {
      let page = starts[0]?.[1] ?? 1;
      for (const [start, p] of starts) {
        if (start > offset) break;
        page = p;
      }
      return page;
    },
  };
}

function proseRef(page: number, label: string): CheckRef {
  return { table: 'text', kind: 'text', row: null, label, column: null, page, bbox: null };
}

/** A figure in the table's unit, and the step of its last printed decimal in that unit. */
interface Stated {
  value: Decimal;
  scale: number;
  step: Decimal;
}

/** A stated figure in the table's unit: 3296.67 万元 against a table in 元 is 32966700 ± 50 元. */
function inUnit(amount: string, unit: string | undefined, tableUnit: string | null): Stated {
  const plain = amount.replace(/,/gu, '');
  const printed = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
  const factor = (u: string | null | undefined): number => (u === '亿元' ? 1e8 : u === '万元' ? 1e4 : u === '千元' ? 1e3 : 1);
  const ratio = new Decimal(factor(unit ?? '万元')).div(factor(tableUnit ?? '万元'));
  const step = new Decimal(10).pow(-printed).times(ratio);
  return { value: new Decimal(plain).times(ratio), scale: Math.max(0, step.decimalPlaces()), step };
}

function exactly(value: Decimal, scale: number): Stated {
  return { value, scale, step: new Decimal(10).pow(-scale) };
}

function statedCheck(
  id: string,
  rule: string,
  severity: 'error' | 'warning',
  refs: CheckRef[],
  stated: Stated,
  table: { value: Decimal; scale: number },
  settings: Settings,
  message: string,
  /** Printed cells the table value adds up: each may be rounded by ½ unit. */
  terms = 1,
): ValidationCheck {
  const scale = Math.max(stated.scale, table.scale);
  const difference = stated.value.minus(table.value);
  const tolerance = stated.step.times(settings.roundingHalfUnits).times(Math.max(1, terms));
  const exact = difference.isZero();
  const rounding = !exact && difference.abs().lessThanOrEqualTo(tolerance);
  const pass = exact || rounding;
  return {
    id,
    rule,
    status: pass ? 'pass' : 'fail',
    severity,
    refs,
    expected: table.value.toFixed(scale),
    found: stated.value.toFixed(scale),
    difference: difference.toFixed(scale),
    rounding,
    message: pass ? `${message}: stated ${stated.value.toFixed(scale)} agrees` : `${message}: the text states ${stated.value.toFixed(scale)}, the table prints ${table.value.toFixed(scale)}`,
    reason: null,
  };
}

function tableOf(doc: BudgetDocument, kind: string): BudgetTable | undefined {
  return doc.tables.find((t) => t.kind === kind);
}

/** Each figure a rule's sentence states, against the table value it names. */
function ruleChecks(doc: BudgetDocument, text: Narrative, rule: ProseRule, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  let n = 0;
  for (const m of text.text.matchAll(rule.pattern)) {
    n++;
    const groups = m.groups ?? {};
    const page = text.pageAt(m.index ?? 0);
    const target = resolve(doc, rule.target, pipeline.totalLabel);
    const id = `${rule.id}#${n}`;
    const ref = proseRef(page, m[0]);
    if ('missing' in target) {
      checks.push(skippedProse(id, rule.description, rule.severity, ref, target.missing));
      continue;
    }
    const unit = tableOf(doc, rule.target.kind)?.unit ?? null;
    const stated = inUnit(groups.amount!, groups.unit, unit);
    checks.push(statedCheck(id, rule.description, rule.severity, [ref, ...target.refs], stated, target.term, settings, `第 ${page} 页 “${m[0]}”`));
    if (groups.percent && rule.shareOf) {
      const whole = resolve(doc, rule.shareOf, pipeline.totalLabel);
      if (!('missing' in whole)) checks.push(shareCheck(`${id}.share`, rule, ref, target, whole, groups.percent, settings));
    }
  }
  return checks;
}

/** 占 27.44%: the table's part over its whole, to the printed decimals. */
function shareCheck(id: string, rule: ProseRule, ref: CheckRef, part: Resolved, whole: Resolved, percent: string, settings: Settings): ValidationCheck {
  const scale = percent.includes('.') ? percent.length - percent.indexOf('.') - 1 : 0;
  const share = whole.term.value.isZero() ? new Decimal(0) : part.term.value.div(whole.term.value).times(100);
  return statedCheck(
    id,
    `${rule.description} (占比)`,
    rule.severity,
    [ref, ...part.refs, ...whole.refs],
    exactly(new Decimal(percent), scale),
    { value: share.toDecimalPlaces(scale + 2), scale },
    settings,
    `第 ${ref.page} 页 share ${percent}%`,
  );
}

function skippedProse(id: string, rule: string, severity: 'error' | 'warning', ref: CheckRef, reason: string): ValidationCheck {
  return { id, rule, status: 'skipped', severity, refs: [ref], expected: null, found: null, difference: null, rounding: false, message: `${rule}: not checked`, reason };
}

function rowByLabel(table: BudgetTable, label: string, codeLength: number): { row: TableRow; index: number } | null {
  const index = table.rows.findIndex((r) => r.label === label && (r.codes.function?.length ?? 0) === codeLength);
  return index >= 0 ? { row: table.rows[index]!, index } : null;
}

function amountOf(table: BudgetTable, row: TableRow): { key: string; value: Decimal; scale: number } | null {
  const column = table.columns.find((c) => c.role === 'amount');
  const cell = column ? row.cells[column.key] : undefined;
  return column && cell?.value ? { key: column.key, value: cell.value, scale: cell.scale } : null;
}

/**
 * Sentences tied to the tables' structure: each 类 with its share of the
 * general budget, each 项 with its amount, year and 款/类 names, and the
 * count and amount of projects under performance management.
 */
function structuredChecks(doc: BudgetDocument, text: Narrative, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const general = tableOf(doc, 'general_budget_expenditure');
  const patterns = pipeline.prosePatterns;
  if (general && general.rows.length > 0) {
    const total = general.rows.find((r) => pipeline.totalLabel.test(r.label));
    const totalAmount = total ? amountOf(general, total) : null;
    let n = 0;
    for (const m of text.text.matchAll(patterns.classShare)) {
      const g = { ...m.groups! };
      // The match may start inside the sentence before: take the longest tail that names a 类.
      const classNames = new Set(Object.values(pipeline.classification.function).flatMap((names) => Object.values(names)));
      const tails = [...g.name!].map((_, k) => g.name!.slice(k));
      g.name = tails.find((t) => classNames.has(t) || rowByLabel(general, t, 3) !== null) ?? g.name!;
      const printed = rowByLabel(general, g.name, 3);
      const printedAmount = printed ? amountOf(general, printed.row) : null;
      const found =
        printed && printedAmount
          ? { amount: printedAmount, refs: [cellRef(general, printed.index, printed.row, printedAmount.key)] }
          : classRowFromItems(general, g.name!, pipeline);
      if (!found) continue;
      n++;
      const page = text.pageAt(m.index ?? 0);
      const ref = proseRef(page, m[0]);
      const value = found.amount;
      checks.push(
        statedCheck(`P.class#${n}`, `说明: ${g.name} = 一般公共预算支出表 类`, 'error', [ref, ...found.refs], inUnit(g.amount!, '万元', general.unit), value, settings, `第 ${page} 页 “${m[0]}”`, found.refs.length),
      );
      if (totalAmount && !totalAmount.value.isZero()) {
        const scale = g.percent!.includes('.') ? g.percent!.length - g.percent!.indexOf('.') - 1 : 0;
        const share = value.value.div(totalAmount.value).times(100).toDecimalPlaces(scale + 2);
        checks.push(
          statedCheck(`P.class#${n}.share`, `说明: ${g.name} 占比`, 'error', [ref], exactly(new Decimal(g.percent!), scale), { value: share, scale }, settings, `第 ${page} 页 share ${g.percent}%`),
        );
      }
    }
    n = 0;
    for (const m of text.text.matchAll(patterns.itemAmount)) {
      const g = m.groups!;
      n++;
      const page = text.pageAt(m.index ?? 0);
      const ref = proseRef(page, m[0]);
      const items = general.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.label === g.item && row.codes.function?.length === 7);
      const named = items.filter(({ row }) => subjectName(pipeline.classification, 'function', row.codes.function!.slice(0, 3), doc.document.year) === g.class) ;
      const hit = (named.length > 0 ? named : items)[0];
      if (!hit) {
        checks.push(skippedProse(`P.item#${n}`, `说明: ${g.item}(项)`, 'error', ref, `一般公共预算支出表 has no 项 row named ${g.item}`));
        continue;
      }
      const amount = amountOf(general, hit.row);
      if (amount) {
        checks.push(
          statedCheck(`P.item#${n}`, `说明: ${g.item}(项) = 一般公共预算支出表`, 'error', [ref, cellRef(general, hit.index, hit.row, amount.key)], inUnit(g.amount!, '万元', general.unit), amount, settings, `第 ${page} 页 ${g.item}`),
        );
      }
      if (doc.document.year !== null && Number(g.year) !== doc.document.year) {
        checks.push(namedCheck(`P.item#${n}.year`, '说明: 年度', 'warning', [ref], `${g.year}年`, `${doc.document.year}年`, `第 ${page} 页 ${g.item}: the text says ${g.year}年预算数 in a ${doc.document.year} document`));
      }
      const code = hit.row.codes.function!;
      const sectionName = subjectName(pipeline.classification, 'function', code.slice(0, 5), doc.document.year);
      const className = subjectName(pipeline.classification, 'function', code.slice(0, 3), doc.document.year);
      if (sectionName && sectionName !== g.section) {
        checks.push(namedCheck(`P.item#${n}.section`, '说明: 款 name of the 项', 'warning', [ref], g.section!, sectionName, `第 ${page} 页 ${g.item} (${code}): the text names its 款 ${g.section}, the classification says ${code.slice(0, 5)} ${sectionName}`));
      }
      if (className && className !== g.class) {
        checks.push(namedCheck(`P.item#${n}.class`, '说明: 类 name of the 项', 'warning', [ref], g.class!, className, `第 ${page} 页 ${g.item} (${code}): the text names its 类 ${g.class}, the classification says ${code.slice(0, 3)} ${className}`));
      }
    }
  }
  const projects = tableOf(doc, 'general_budget_project_expenditure');
  let n = 0;
  for (const m of text.text.matchAll(patterns.performanceProjects)) {
    n++;
    const g = m.groups!;
    const page = text.pageAt(m.index ?? 0);
    const ref = proseRef(page, m[0]);
    if (!projects || projects.rows.length === 0) {
      checks.push(skippedProse(`P.performance#${n}`, '说明: 绩效目标管理的项目', 'warning', ref, 'no project expenditure table'));
      continue;
    }
    const rows = projects.rows.filter((r) => r.codes.function?.length === 7 && r.label !== '');
    const total = resolve(doc, { kind: projects.kind, column: /(^|\/)(合计|金额)$/u, row: { total: true } }, pipeline.totalLabel);
    if (!('missing' in total)) {
      checks.push(statedCheck(`P.performance#${n}.amount`, '说明: 绩效目标管理的项目 涉及预算 = 项目支出表 合计', 'warning', [ref, ...total.refs], inUnit(g.amount!, '万元', projects.unit), total.term, settings, `第 ${page} 页 “${m[0]}”`));
    }
    checks.push(
      statedCheck(`P.performance#${n}.count`, '说明: 绩效目标管理的项目个数 = 项目支出表 项目数', 'warning', [ref], exactly(new Decimal(g.count!), 0), { value: new Decimal(rows.length), scale: 0 }, settings, `第 ${page} 页 project count`),
    );
  }
  return checks;
}

/** A 类 printed only through its 项 rows: the sum of its items. */
function classRowFromItems(table: BudgetTable, name: string, pipeline: PipelineSpec): { amount: { value: Decimal; scale: number }; refs: CheckRef[] } | null {
  const code = Object.entries(pipeline.classification.function).find(([c, names]) => c.length === 3 && Object.values(names).includes(name))?.[0];
  if (!code) return null;
  const items = table.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.codes.function?.length === 7 && row.codes.function.startsWith(code));
  if (items.length === 0) return null;
  let value = new Decimal(0);
  let scale = 0;
  const refs: CheckRef[] = [];
  for (const { row, index } of items) {
    const a = amountOf(table, row);
    if (!a) continue;
    value = value.plus(a.value);
    scale = Math.max(scale, a.scale);
    refs.push(cellRef(table, index, row, a.key));
  }
  return { amount: { value, scale }, refs };
}

function namedCheck(id: string, rule: string, severity: 'error' | 'warning', refs: CheckRef[], found: string, expected: string, message: string): ValidationCheck {
  return { id, rule, status: 'fail', severity, refs, expected: null, found: null, difference: null, rounding: false, message: `${message} (${found} ≠ ${expected})`, reason: null };
}

/** The units a stated count is compared with: the 收入总表's unit rows, when it lists units one by one. */
function unitCountChecks(doc: BudgetDocument, text: Narrative, pipeline: PipelineSpec): ValidationCheck[] {
  const reference = tableOf(doc, 'revenue_summary');
  const listed = reference ? unitRows(reference, pipeline.totalLabel) : [];
  // A row whose unit code heads other units' codes (201 over 201001, 201002) is the department, not one of its units.
  const heads = (code: string | null): boolean => code !== null && listed.some(({ row }) => row.codes.unit !== code && row.codes.unit?.startsWith(code));
  const units = listed.filter(({ row }) => !heads(row.codes.unit));
  const checks: ValidationCheck[] = [];
  const seen = new Set<number>();
  for (const pattern of pipeline.prosePatterns.unitCount) {
    for (const m of text.text.matchAll(pattern)) {
      if (seen.has(m.index ?? 0)) continue;
      seen.add(m.index ?? 0);
      const page = text.pageAt(m.index ?? 0);
      const ref = proseRef(page, m[0]);
      const id = `P.units#${checks.length + 1}`;
      const rule = '说明: 预算单位个数 = 部门收入总表 的单位';
      if (!reference || units.length < 2) {
        checks.push(skippedProse(id, rule, 'warning', ref, 'the 部门收入总表 does not list the units one by one'));
        continue;
      }
      const stated = Number(m.groups!.count) + (m.groups!.own ? 1 : 0);
      const status = stated === units.length ? 'pass' : 'fail';
      checks.push({
        id,
        rule,
        status,
        severity: 'warning',
        refs: [ref, ...units.map(({ row, index }) => cellRef(reference, index, row, null))],
        expected: String(units.length),
        found: String(stated),
        difference: String(stated - units.length),
        rounding: false,
        message:
          status === 'pass'
            ? `第 ${page} 页 “${m[0]}”: ${stated} units, as the 部门收入总表 lists`
            : `第 ${page} 页 “${m[0]}” counts ${stated} units; the 部门收入总表 (${tableRef(reference)}) lists ${units.length}: ${units.map(({ row }) => row.label).join('、')}`,
        reason: null,
      });
    }
  }
  return checks;
}

/**
 * Each function class (类) the narrative lists among the department's
 * spending is budgeted in the tables: some row coded under the class, or
 * named after it, prints a figure other than zero. Items that are not a 类's
 * name as printed (cut or misspelt) are not judged.
 */
function spendingListChecks(doc: BudgetDocument, text: Narrative, pipeline: PipelineSpec): ValidationCheck[] {
  const classCodes = new Map<string, string>();
  for (const [code, names] of Object.entries(pipeline.classification.function)) {
    if (code.length === 3) for (const name of Object.values(names)) classCodes.set(name, code);
  }
  const coded = doc.tables.some((t) => t.rows.some((r) => r.codes.function !== null));
  const checks: ValidationCheck[] = [];
  const judged = new Set<string>();
  for (const m of text.text.matchAll(pipeline.prosePatterns.spendingList)) {
    const page = text.pageAt(m.index ?? 0);
    const items = m.groups!.list!.split(/[、,，]/u).map((item) => item.replace(/^支出(?:主要)?包括[:：]/u, '').replace(/\d[\d,]*(?:\.\d+)?|万元|元/gu, ''));
    for (const name of items) {
      const code = classCodes.get(name);
      if (code === undefined || judged.has(code)) continue;
      judged.add(code);
      const id = `P.classes.${code}`;
      const rule = '说明: a 类 the text lists among the spending is budgeted in the tables';
      const ref = proseRef(page, m[0]);
      if (!coded) {
        checks.push(skippedProse(id, rule, 'warning', ref, 'no table prints function codes'));
        continue;
      }
      const rows = doc.tables.flatMap((table) =>
        table.rows
          .map((row, index) => ({ table, row, index }))
          .filter(({ row }) => row.codes.function?.startsWith(code) || row.label.replace(/^[一二三四五六七八九十]+[、.．]/u, '') === name),
      );
      const witness = rows.find(({ table, row }) => table.columns.some((c) => c.role === 'amount' && row.cells[c.key]?.value?.isZero() === false));
      const budgeted = witness !== undefined;
      checks.push({
        id,
        rule,
        status: budgeted ? 'pass' : 'fail',
        severity: 'warning',
        refs: [ref, ...(witness ? [witness] : rows).map(({ table, row, index }) => cellRef(table, index, row, null))],
        expected: null,
        found: null,
        difference: null,
        rounding: false,
        message: budgeted
          ? `第 ${page} 页 lists ${name}: the tables budget it`
          : `第 ${page} 页 lists ${name} (${code}) among the spending, but no table budgets anything under it${rows.length > 0 ? ` (${rows.map(({ table, index }) => `${tableRef(table)} row ${index + 1}`).join(', ')} print no figure)` : ''}`,
        reason: null,
      });
    }
  }
  return checks;
}

/** Figures and names the narrative states, checked against the tables. */
export function proseChecks(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  if (doc.prose.length === 0) return [];
  const text = narrative(doc.prose);
  return [
    ...pipeline.proseRules.flatMap((rule) => ruleChecks(doc, text, rule, pipeline, settings)),
    ...structuredChecks(doc, text, pipeline, settings),
    ...unitCountChecks(doc, text, pipeline),
    ...spendingListChecks(doc, text, pipeline),
  ];
}
