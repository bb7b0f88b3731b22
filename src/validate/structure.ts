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
