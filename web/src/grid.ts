/** Pure helpers over document.json: the printed header from column paths, checks per table and cell, TSV. */
import type { DocumentJson } from '../../src/export/index.js';

export type TableJson = DocumentJson['tables'][number];
export type ColumnJson = TableJson['columns'][number];
export type CellJson = TableJson['rows'][number]['cells'][string];
export type CheckJson = DocumentJson['validation']['checks'][number];
export type RefJson = CheckJson['refs'][number];
export type BBox = [number, number, number, number];

/** One cell of the multi-level header: spans in columns and header rows. */
export interface HeaderCell {
  label: string;
  /** First column (index into `columns`). */
  col: number;
  colSpan: number;
  /** Header level it starts on (0 = top). */
  level: number;
  rowSpan: number;
}

/**
 * The header as printed, rebuilt from the column paths: a label shared by
 * neighbouring columns at the same level (same path above it) is one merged
 * cell; a column whose path ends early reaches down to the last header row.
 */
export function headerLayout(columns: readonly ColumnJson[]): { depth: number; rows: HeaderCell[][] } {
  const depth = Math.max(1, ...columns.map((c) => c.path.length));
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < depth; level++) {
    const cells: HeaderCell[] = [];
    for (let col = 0; col < columns.length; col++) {
      const path = columns[col]!.path;
      if (level >= path.length) continue;
      const label = path[level]!;
      const leaf = level === path.length - 1;
      if (leaf) {
        cells.push({ label, col, colSpan: 1, level, rowSpan: depth - level });
        continue;
      }
      // A group label: merge with the following columns under the same prefix (not leaves at this level).
      let span = 1;
      while (col + span < columns.length) {
        const next = columns[col + span]!.path;
        if (next.length <= level + 1 || !samePrefix(path, next, level + 1)) break;
        span++;
      }
      cells.push({ label, col, colSpan: span, level, rowSpan: 1 });
      col += span - 1;
    }
    rows.push(cells);
  }
  return { depth, rows };
}

function samePrefix(a: readonly string[], b: readonly string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How validation refs name a table: its number, or `#order` when it has none. */
export function tableRef(table: TableJson): string {
  return table.number ?? `#${table.order}`;
}

export function refConcerns(ref: RefJson, table: TableJson): boolean {
  return ref.table === tableRef(table) && ref.kind === table.kind;
}

/** The failed checks with a ref into this table. */
export function failedChecksOf(checks: readonly CheckJson[], table: TableJson): CheckJson[] {
  return checks.filter((c) => c.status === 'fail' && c.refs.some((r) => refConcerns(r, table)));
}

/** `row:column` (row 1-based as in refs) → the failed checks concerning that cell; `row:` for whole rows. */
export function checksByCell(checks: readonly CheckJson[], table: TableJson): Map<string, CheckJson[]> {
  const map = new Map<string, CheckJson[]>();
  for (const check of checks) {
    for (const ref of check.refs) {
      if (!refConcerns(ref, table) || ref.row === null) continue;
      const key = cellKey(ref.row, ref.column);
      const list = map.get(key) ?? [];
      if (!list.includes(check)) list.push(check);
      map.set(key, list);
    }
  }
  return map;
}

export function cellKey(row: number, column: string | null): string {
  return `${row}:${column ?? ''}`;
}

/** The area the table's cells cover on one page (union of their bboxes), or null when none lies there. */
export function tableArea(table: TableJson, page: number): BBox | null {
  let area: BBox | null = null;
  for (const row of table.rows) {
    for (const cell of Object.values(row.cells)) {
      if (cell.page !== page) continue;
      const b = cell.bbox as BBox;
      area = area ? [Math.min(area[0], b[0]), Math.min(area[1], b[1]), Math.max(area[2], b[2]), Math.max(area[3], b[3])] : [...b];
    }
  }
  return area;
}

/** Columns whose cells are right-aligned: amounts. Codes are left-aligned and monospaced. */
export function isAmountColumn(column: ColumnJson): boolean {
  return column.role === 'amount';
}

export function isCodeColumn(column: ColumnJson): boolean {
  return column.role.endsWith('_code') || column.role.startsWith('function_');
}

/** The table as tab-separated text for the clipboard: the CSV's shape (header line of column keys, raw texts). */
export function tableTsv(table: TableJson): string {
  const clean = (s: string): string => s.replace(/[\t\r\n]+/gu, ' ');
  const lines = [table.columns.map((c) => clean(c.key)), ...table.rows.map((r) => table.columns.map((c) => clean(r.cells[c.key]?.raw ?? '')))];
  return `${lines.map((l) => l.join('\t')).join('\n')}\n`;
}
