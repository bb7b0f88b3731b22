import type { BudgetDocument, BudgetTable, TableRow } from '../core/document.js';
import type { PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { cellRef, tableRef, type ValidationCheck } from './report.js';

/** A printed figure: 10, 3,296.67, 95%, -1.5. */
const FIGURE = /^[-+]?[\d,]*\.?\d+%?$/u;

type Kind = 'figure' | 'word';

/**
 * What each column holds, from its own cells: figures (权重, 指标值) or words
 * (度量单位, 指标方向性). Null when the column is mixed or has too few cells to tell.
 */
function columnKinds(table: BudgetTable, settings: Settings): Array<Kind | null> {
  return table.columns.map((column) => {
    const printed = table.rows.map((r) => r.cells[column.key]?.raw.trim() ?? '').filter((raw) => raw !== '');
    if (printed.length < settings.shiftedRowMinColumnCells) return null;
    const figures = printed.filter((raw) => FIGURE.test(raw)).length / printed.length;
    if (figures >= settings.shiftedRowKindShare) return 'figure';
    if (1 - figures >= settings.shiftedRowKindShare) return 'word';
    return null;
  });
}

/** Cells of a row that disagree with the kind of the column they would belong to if printed `shift` columns right of it. */
function misplaced(table: BudgetTable, row: TableRow, kinds: ReadonlyArray<Kind | null>, shift: number): { checked: number; wrong: number } {
  let checked = 0;
  let wrong = 0;
  table.columns.forEach((column, i) => {
    const raw = row.cells[column.key]?.raw.trim() ?? '';
    const kind = kinds[i - shift];
    if (raw === '' || kind === undefined || kind === null) return;
    checked++;
    if ((FIGURE.test(raw) ? 'figure' : 'word') !== kind) wrong++;
  });
  return { checked, wrong };
}

/**
 * Rows printed one cell left or right of their columns: several cells
 * disagree with what their columns hold (a weight under 度量单位, a unit under
 * 权重) and all but at most one agree once the row is moved by one column.
 * Reported once per row, at its first cell out of place. Only tables of a
 * kind the pipeline knows: their columns come from a header, while an unknown
 * table may be a form whose columns mix figures and words by section.
 */
export function shiftedRowChecks(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const table of doc.tables.filter((t) => pipeline.tables.some((spec) => spec.kind === t.kind))) {
    const kinds = columnKinds(table, settings);
    table.rows.forEach((row, index) => {
      const asPrinted = misplaced(table, row, kinds, 0);
      if (asPrinted.wrong < 2) return;
      // Moved back by one column either way: the row is out of place when a reading fits (which
      // way is not told: figures and words alone often fit both).
      const readings = [-1, 1]
        .map((shift) => misplaced(table, row, kinds, shift))
        .filter((m) => m.checked >= 3 && m.wrong <= 1 && asPrinted.wrong - m.wrong >= 2)
        .sort((a, b) => a.wrong - b.wrong);
      const best = readings[0];
      if (!best) return;
      const first = table.columns.find((c, i) => {
        const raw = row.cells[c.key]?.raw.trim() ?? '';
        return raw !== '' && kinds[i] !== null && (FIGURE.test(raw) ? 'figure' : 'word') !== kinds[i];
      });
      checks.push({
        id: `S.shifted.T${tableRef(table)}#${index + 1}`,
        rule: 'structure: a row’s cells sit under their own columns',
        status: 'fail',
        severity: 'warning',
        refs: [cellRef(table, index, row, first?.key ?? null)],
        expected: null,
        found: null,
        difference: null,
        rounding: false,
        message: `${table.title} row ${index + 1}: its cells sit one column off their columns (${asPrinted.wrong} cells disagree with their column, ${best.wrong} once moved back)`,
        reason: null,
      });
    });
  }
  return checks;
}

/** The columns a row prints something in, by position. */
function filled(table: BudgetTable, row: TableRow): number[] {
  return table.columns.flatMap((column, i) => ((row.cells[column.key]?.raw.trim() ?? '') !== '' ? [i] : []));
}

const sameSet = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, k) => x === b[k]);

/**
 * Rows of one section print in the same columns (任务名称 | 主要内容, one pair a
 * row). A row beside at least `shiftedRowMinRun` such rows that prints as many
 * cells, each one column left or right of theirs and none where they print,
 * was moved off its columns. This catches text rows, where the columns' kinds
 * (figures, words) cannot tell. Tables of a known kind only, as above.
 */
export function shiftedSectionRowChecks(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const table of doc.tables.filter((t) => pipeline.tables.some((spec) => spec.kind === t.kind))) {
    const sets = table.rows.map((row) => filled(table, row));
    /** The columns the `shiftedRowMinRun` rows next to `index` (before it: step −1, after it: +1) all print in, when they agree. */
    const run = (index: number, step: number): number[] | null => {
      const first = sets[index + step];
      if (!first || first.length < 2) return null;
      for (let k = 2; k <= settings.shiftedRowMinRun; k++) {
        const other = sets[index + step * k];
        if (!other || !sameSet(other, first)) return null;
      }
      return first;
    };
    table.rows.forEach((row, index) => {
      const own = sets[index]!;
      for (const neighbours of [run(index, -1), run(index, 1)]) {
        if (!neighbours || own.length !== neighbours.length || own.some((i) => neighbours.includes(i))) continue;
        const shift = own[0]! - neighbours[0]!;
        if (Math.abs(shift) !== 1 || !own.every((i, k) => i - neighbours[k]! === shift)) continue;
        const first = table.columns[own[0]!]!;
        checks.push({
          id: `S.shifted.T${tableRef(table)}#${index + 1}.section`,
          rule: 'structure: a row’s cells sit under the columns of its section',
          status: 'fail',
          severity: 'warning',
          refs: [cellRef(table, index, row, first.key)],
          expected: null,
          found: null,
          difference: null,
          rounding: false,
          message: `${table.title} row ${index + 1}: its cells sit one column ${shift < 0 ? 'left' : 'right'} of the rows beside it (${own.map((i) => table.columns[i]!.key).join(', ')} instead of ${neighbours.map((i) => table.columns[i]!.key).join(', ')})`,
          reason: null,
        });
        return;
      }
    });
  }
  return checks;
}

/** A column key without the `#2` that tells repeated header words apart. */
const headerWord = (word: string): string => word.replace(/#\d+$/u, '');

/** A heading's bottom words repeat in a cycle only when at least two groups of two columns stand under it. */
const MIN_CYCLE_COLUMNS = 4;

/**
 * Header groups that do not nest: under one heading, the group cells
 * (合计, 一般公共预算拨款 …) each span some columns, and the words under them
 * repeat in a fixed cycle (小计 | 基本支出 | 项目支出). When a group starts in
 * the middle of a cycle, the two header rows were drawn with different
 * widths, and the figures sit under the wrong group's words. Reported once per
 * heading, at the first group and the first one out of step.
 */
export function headerNestingChecks(doc: BudgetDocument): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const table of doc.tables) {
    const prefixes = new Map<string, string[]>();
    for (const column of table.columns) {
      for (let depth = 0; depth + 2 <= column.path.length; depth++) prefixes.set(column.path.slice(0, depth).join('/'), column.path.slice(0, depth));
    }
    for (const prefix of prefixes.values()) {
      const under = table.columns.filter((c) => prefix.every((p, k) => c.path[k] === p) && c.path.length > prefix.length);
      if (under.length < MIN_CYCLE_COLUMNS || under.some((c) => c.path.length !== prefix.length + 2)) continue;
      const leaves = under.map((c) => headerWord(c.path[prefix.length + 1]!));
      const period = cycle(leaves);
      if (period === null) continue;
      // Groups: runs of columns under the same group word.
      const starts = under.flatMap((c, i) => (i === 0 || c.path[prefix.length] !== under[i - 1]!.path[prefix.length] ? [i] : []));
      // A group one column wide only names that column: its word is no part of a cycle under groups.
      if (starts.some((start, k) => (starts[k + 1] ?? under.length) - start < 2)) continue;
      const offStep = starts.findIndex((s) => s % period !== 0);
      if (offStep < 0) continue;
      const groupOf = (k: number): typeof under => under.slice(starts[k], starts[k + 1] ?? under.length);
      const shown = [...groupOf(0), ...(offStep > 0 ? groupOf(offStep) : [])];
      const heading = prefix.length > 0 ? prefix.join('/') : table.title;
      checks.push({
        id: `S.header.T${tableRef(table)}.${prefix.join('/') || 'top'}`,
        rule: 'structure: header groups span whole cycles of the words under them',
        status: 'fail',
        severity: 'warning',
        refs: shown.map((c) => cellRef(table, null, null, c.key)),
        expected: null,
        found: null,
        difference: null,
        rounding: false,
        message: `${table.title}: under ${heading} the words ${leaves.slice(0, period).join(' | ')} repeat every ${period} columns, but the group ${under[starts[offStep]!]!.path[prefix.length]} starts in the middle of a cycle: the header rows do not line up`,
        reason: null,
      });
    }
  }
  return checks;
}

/** The shortest cycle of distinct words the list repeats at least twice (its last round may be cut short), or null. */
function cycle(words: readonly string[]): number | null {
  for (let period = 2; period * 2 <= words.length; period++) {
    if (new Set(words.slice(0, period)).size !== period) continue;
    if (words.every((w, i) => i < period || w === words[i - period])) return period;
  }
  return null;
}
