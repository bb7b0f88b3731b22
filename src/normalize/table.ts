import type { BudgetTable, RowCodes, TableCell, TableColumn, TableRow } from '../core/document.js';
import type { ColumnRole, PipelineSpec, TableSpec } from '../core/pipeline.js';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.js';
import { normalizeText } from '../core/text.js';
import type { Grid, GridCell, TableRegion } from '../core/types.js';
import { parseAmount } from './amounts.js';
import { codeDigits, codeInLabel, codeKind } from './codes.js';
import { columnRole, isColumnNumberRow, moneyBesideField, moneyCells } from './roles.js';

export interface NormalizeTableInput {
  region: TableRegion;
  grid: Grid;
  order: number;
  spec: TableSpec | null;
  pipeline: PipelineSpec;
  /** Thresholds of column typing; the defaults when omitted. */
  settings?: Settings;
}

/**
 * Turns a rebuilt grid into a typed table: header cells become column paths,
 * body rows get their label, codes and Decimal amounts; side-by-side tables
 * are split into their halves; a body with nothing but totals and notes is empty.
 */
export function normalizeTable(input: NormalizeTableInput): BudgetTable {
  const { region, grid, order, spec, pipeline } = input;
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const body = grid.rows.slice(grid.headerRows).filter((row) => !isColumnNumberRow(row.map((c) => c.raw)));
  const columns = columnsOf(grid, body, spec, pipeline, settings);
  const blocks = splitHalves(grid, spec) ?? repeatedBlocks(columns);
  const money = moneyByCell(body, columns, spec, pipeline, settings, grid.headerRows === 0);
  const merged = mergedFromAbove(grid);
  const rows: TableRow[] = [];
  const sides: Array<number | null> = blocks ? blocks.map((_, k) => k) : [null];
  for (const half of sides) {
    const carried: CarriedFunctionParts = {};
    for (const gridRow of body) {
      const inHalf = (c: GridCell): boolean => half === null || blocks![half]!.has(c.col);
      const cells = gridRow.filter(inHalf);
      if (cells.length === 0) continue;
      const covering = (merged.get(gridRow) ?? []).filter(inHalf);
      const row = makeRow(cells, covering, columns, half, spec, money, grid.headerRows === 0, carried);
      // 合计 printed in a text column on the table's last line (项目单位 | 项目内容 | 科目 … | 金额, the total under
      // the first column) names that row. (Not higher up: a 政府采购 table's 合计 in its 品目 column heads
      // nested groups whose sums its columns do not show.)
      if (row.label === '' && gridRow === body[body.length - 1]) {
        row.label = cells.map((c) => normalizeText(c.raw)).find((t) => pipeline.totalLabel.test(t)) ?? '';
      }
      rows.push(row);
    }
  }
  const empty = rows.every((row) =>
    Object.values(row.cells).every((c) => pipeline.totalLabel.test(normalizeText(c.raw)) || c.raw.trim() === grid.note),
  );
  return {
    order,
    number: region.number,
    title: region.title,
    kind: region.kind,
    unit: region.unit,
    unitInferred: region.unit === null,
    pages: grid.pages,
    source: grid.source,
    method: grid.method,
    quality: Math.round(grid.quality * 1000) / 1000,
    note: grid.note,
    columns: columns.map(({ key, path, role }) => ({ key, path, role })),
    rows: empty ? [] : rows,
  };
}

/**
 * For each body row, the body cells of the rows above it merged down over it
 * (their rowSpan reaches it): a 单位编码 printed once beside all of a unit's
 * projects is the code of each of them.
 */
function mergedFromAbove(grid: Grid): Map<readonly GridCell[], GridCell[]> {
  const out = new Map<readonly GridCell[], GridCell[]>();
  let open: Array<{ cell: GridCell; lastRow: number }> = [];
  grid.rows.forEach((row, r) => {
    if (r < grid.headerRows) return;
    open = open.filter((o) => o.lastRow >= r);
    out.set(row, open.map((o) => o.cell));
    for (const cell of row) if (cell.rowSpan > 1) open.push({ cell, lastRow: r + cell.rowSpan - 1 });
  });
  return out;
}

/** Body cells of each column, top to bottom (a spanning cell counts in its first column). */
function cellsByColumn(body: readonly GridCell[][], width: number): GridCell[][] {
  const out: GridCell[][] = Array.from({ length: width }, () => []);
  for (const row of body) for (const cell of row) out[cell.col]?.push(cell);
  return out;
}

function columnsOf(grid: Grid, body: readonly GridCell[][], spec: TableSpec | null, pipeline: PipelineSpec, settings: Settings): TableColumn[] {
  const header = grid.rows.slice(0, grid.headerRows);
  const bodyCells = cellsByColumn(body, grid.columns.length);
  const seen = new Map<string, number>();
  return grid.columns.map((_, c) => {
    const path: string[] = [];
    for (const row of header) {
      for (const cell of row) {
        if (cell.col <= c && c < cell.col + cell.colSpan) {
          const text = normalizeText(cell.raw);
          // 栏次 1 2 3 … number the columns; they are not part of their names (行次 is: a column of row numbers).
          if (text !== '' && !/^(栏次|栏号|\d{1,2})$/u.test(text)) path.push(text);
        }
      }
    }
    if (path.length === 0) path.push(`列${c + 1}`);
    const base = path.join('/');
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const key = count === 1 ? base : `${base}#${count}`;
    const texts = (bodyCells[c] ?? []).map((cell) => cell.raw);
    const role = columnRole(path, texts, spec, pipeline, settings, grid.headerRows === 0);
    return { key, path, role };
  });
}

/** Money cells of the body (see `moneyCells` and `moneyBesideField`). */
function moneyByCell(
  body: readonly GridCell[][],
  columns: readonly TableColumn[],
  spec: TableSpec | null,
  pipeline: PipelineSpec,
  settings: Settings,
  form: boolean,
): Set<GridCell> {
  const out = new Set<GridCell>();
  cellsByColumn(body, columns.length).forEach((cells, c) => {
    const flags = moneyCells(columns[c]!.role, cells.map((cell) => cell.raw), spec, pipeline, settings, form);
    cells.forEach((cell, k) => {
      if (flags[k]) out.add(cell);
    });
  });
  for (const row of body) {
    const cells = [...row].filter((cell) => cell.raw.trim() !== '').sort((a, b) => a.col - b.col);
    const flags = moneyBesideField(cells.map((cell) => ({ text: cell.raw, role: columns[cell.col]!.role })), pipeline, settings);
    cells.forEach((cell, k) => {
      if (flags[k]) out.add(cell);
    });
  }
  return out;
}

/**
 * Column sets of the 收入 and 支出 halves, when the spec says the table has halves and the top header shows them:
 * every column left of where 支出 starts is the 收入 half's, the rest the 支出 half's. (Not the header cells' spans:
 * an unruled 收入 printed over its 项目 column alone would leave that half's 行次 and 决算数 columns in no half.)
 */
function splitHalves(grid: Grid, spec: TableSpec | null): [Set<number>, Set<number>] | null {
  if (!spec?.halves || grid.headerRows === 0) return null;
  const top = grid.rows[0] ?? [];
  const left = top.find((c) => spec.halves![0].test(normalizeText(c.raw)));
  const right = top.find((c) => spec.halves![1].test(normalizeText(c.raw)));
  if (!left || !right || left.col >= right.col) return null;
  const columns = Array.from({ length: grid.columns.length }, (_, k) => k);
  return [new Set(columns.filter((k) => k < right.col)), new Set(columns.filter((k) => k >= right.col))];
}

/**
 * Side by side without a 收入/支出 header: the same run of columns printed
 * again to the right (编码 | 名称 | 决算数 | 编码 | 名称 | 决算数 in a 基本支出
 * 决算表). Each block is read as its own rows, so a name keeps its own code.
 */
function repeatedBlocks(columns: readonly TableColumn[]): Set<number>[] | null {
  const roles = columns.map((c) => c.role);
  for (let period = 2; period <= roles.length / 2; period++) {
    if (roles.length % period !== 0) continue;
    const first = roles.slice(0, period);
    if (!first.includes('label')) continue;
    if (!roles.every((role, k) => role === first[k % period])) continue;
    return Array.from({ length: roles.length / period }, (_, b) => new Set(Array.from({ length: period }, (_, k) => b * period + k)));
  }
  return null;
}

/**
 * The 类 and 款 of the rows above. Tables that print 类, 款 and 项 in columns of
 * their own often print each part once, on its own row (`205` 教育支出, then
 * `08` 进修及培训, then `03` 培训支出): a 款 or 项 row takes the parts it leaves
 * blank from the rows above it.
 */
interface CarriedFunctionParts {
  function_class?: string;
  function_section?: string;
}

/**
 * A row's label, codes and cells. Cells merged down over the row from above
 * (`covering`) are no cells of it, but their codes are its codes where it
 * prints none of that kind (or no 类/款/项 part at all) itself.
 */
function makeRow(
  cells: readonly GridCell[],
  covering: readonly GridCell[],
  columns: readonly TableColumn[],
  half: number | null,
  spec: TableSpec | null,
  money: ReadonlySet<GridCell>,
  form: boolean,
  carried: CarriedFunctionParts,
): TableRow {
  const out: Record<string, TableCell> = {};
  const codes: RowCodes = { function: null, economic: null, unit: null };
  const functionParts: Partial<Record<ColumnRole, string>> = {};
  let label = '';
  for (const cell of [...cells].sort((a, b) => a.col - b.col)) {
    const column = columns[cell.col];
    if (!column) continue;
    const amount = money.has(cell) ? parseAmount(cell.raw) : null;
    out[column.key] = {
      raw: cell.raw,
      value: amount?.value ?? null,
      scale: amount?.scale ?? 0,
      page: cell.page,
      bbox: cell.bbox.map((v) => Math.round(v * 10) / 10) as GridCell['bbox'],
      confidence: cell.confidence,
      rowSpan: cell.rowSpan,
    };
    if (column.role === 'label') label = normalizeText(cell.raw);
    const code = cellCode(cell, column, spec);
    if (code && 'part' in code) functionParts[code.part] = code.digits;
    else if (code) codes[code.kind] ??= code.digits;
  }
  const mergedCodes = covering.flatMap((cell) => {
    const column = columns[cell.col];
    const code = column ? cellCode(cell, column, spec) : null;
    return code ? [code] : [];
  });
  // A row printing 类/款/项 parts of its own takes the missing ones from the rows above (`carryFunctionParts`),
  // which is where a part merged down over it was printed; a row printing none takes the merged parts.
  const printsParts = Object.keys(functionParts).length > 0;
  if (!printsParts) for (const code of mergedCodes) if ('part' in code) functionParts[code.part] = code.digits;
  const joined = carryFunctionParts(functionParts, carried);
  if (joined[0]) {
    const code = joined.filter((p): p is string => p !== undefined).join('');
    // An economic-class table prints 类/款 of economic codes in the same columns.
    codes[codeKind(code, 'function_code', spec?.subjectCodes ?? 'function')] ??= code;
  }
  for (const code of mergedCodes) if ('kind' in code) codes[code.kind] ??= code.digits;
  if (label === '') label = fallbackLabel(cells, columns, form);
  return { label, codes, cells: out, half };
}

type FunctionPart = 'function_class' | 'function_section' | 'function_item';

/** What a cell's code is to its row: one 类/款/项 part of a function code, or a whole code of a kind. */
type CellCode = { part: FunctionPart; digits: string } | { kind: keyof RowCodes; digits: string };

function cellCode(cell: GridCell, column: TableColumn, spec: TableSpec | null): CellCode | null {
  const digits = codeDigits(cell.raw);
  switch (column.role) {
    case 'function_class':
    case 'function_section':
    case 'function_item':
      return digits ? { part: column.role, digits } : null;
    case 'function_code':
    case 'economic_code':
    case 'unit_code':
      return digits ? { kind: codeKind(digits, column.role, spec?.subjectCodes ?? 'function'), digits } : null;
    case 'label': {
      const prefixed = codeInLabel(cell.raw);
      // 210001-雅安市科学技术局机关 in a 单位名称 column is a unit code.
      const role = /单位/u.test(column.key) ? 'unit_code' : 'function_code';
      return prefixed ? { kind: codeKind(prefixed, role, spec?.subjectCodes ?? 'function'), digits: prefixed } : null;
    }
    default:
      return null;
  }
}

/** The row's 类, 款, 项, blank leading parts taken from the rows above; updates what later rows take. */
function carryFunctionParts(printed: Partial<Record<ColumnRole, string>>, carried: CarriedFunctionParts): Array<string | undefined> {
  const { function_class: cls, function_section: section, function_item: item } = printed;
  if (cls) {
    carried.function_class = cls;
    carried.function_section = section;
    return [cls, section, item];
  }
  if (section) {
    carried.function_section = section;
    return carried.function_class ? [carried.function_class, section, item] : [undefined, section, item];
  }
  if (item && carried.function_class && carried.function_section) return [carried.function_class, carried.function_section, item];
  return [undefined, undefined, item];
}

/** Without a name: a word printed in the code columns (合计 across 类/款/项), or in a form's first column. */
function fallbackLabel(cells: readonly GridCell[], columns: readonly TableColumn[], form: boolean): string {
  for (const cell of [...cells].sort((a, b) => a.col - b.col)) {
    const role = columns[cell.col]?.role;
    const codeColumn = role !== undefined && role !== 'label' && role !== 'text' && role !== 'amount';
    const formColumn = cell.col === 0 && (form || role === 'amount');
    if ((codeColumn || formColumn) && codeDigits(cell.raw) === null && parseAmount(cell.raw) === null) return normalizeText(cell.raw);
  }
  return '';
}
