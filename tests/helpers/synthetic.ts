/**
 * Builders for small synthetic pages, regions and tables used by the unit
 * tests: text items, ruling lines and grids placed by hand in PDF points
 * (origin top-left, y downwards), as ingest would hand them over.
 */
import { Decimal } from 'decimal.js';
import type { BudgetTable, TableCell, TableColumn, TableRow } from '../../src/core/document.js';
import { makeLine } from '../../src/core/lines.js';
import type { ColumnRole } from '../../src/core/pipeline.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings.js';
import type { BBox, Grid, GridCell, PageContent, RegionPart, Ruling, TextItem, TextLine } from '../../src/core/types.js';

export const settings: Settings = { ...DEFAULT_SETTINGS };

/** Width of a string at `size` points: CJK and full-width characters one em, others half an em. */
export function textWidth(raw: string, size: number): number {
  let w = 0;
  for (const ch of raw) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F“”]/u.test(ch) ? size : size / 2;
  return w;
}

/** A text-layer item whose left edge is at x and whose box top is at `top`. */
export function item(raw: string, x: number, top: number, options: { size?: number; page?: number; width?: number } = {}): TextItem {
  const size = options.size ?? 10;
  const width = options.width ?? textWidth(raw, size);
  return { raw, page: options.page ?? 1, bbox: [x, top, x + width, top + size], fontSize: size, source: 'text', confidence: null };
}

/** An item right-aligned at x1. */
export function itemRight(raw: string, x1: number, top: number, options: { size?: number; page?: number } = {}): TextItem {
  const size = options.size ?? 10;
  return item(raw, x1 - textWidth(raw, size), top, options);
}

/** An item centred on cx. */
export function itemCentered(raw: string, cx: number, top: number, options: { size?: number; page?: number } = {}): TextItem {
  const size = options.size ?? 10;
  return item(raw, cx - textWidth(raw, size) / 2, top, options);
}

/** A line of the given items (see makeLine). */
export function line(...items: TextItem[]): TextLine {
  return makeLine(items, settings);
}

export function hRule(y: number, x0: number, x1: number): Ruling {
  return { orientation: 'h', position: y, start: x0, end: x1 };
}

export function vRule(x: number, top: number, bottom: number): Ruling {
  return { orientation: 'v', position: x, start: top, end: bottom };
}

/** Every horizontal and vertical rule of a full grid (all cells drawn). */
export function gridRules(xs: readonly number[], ys: readonly number[]): Ruling[] {
  const x0 = xs[0]!;
  const x1 = xs[xs.length - 1]!;
  const y0 = ys[0]!;
  const y1 = ys[ys.length - 1]!;
  return [...ys.map((y) => hRule(y, x0, x1)), ...xs.map((x) => vRule(x, y0, y1))];
}

export function page(number: number, items: TextItem[], rulings: Ruling[] = [], size: [number, number] = [595, 842]): PageContent {
  return { number, width: size[0], height: size[1], items, rulings, error: null };
}

export function part(pageNumber: number, items: TextItem[], rulings: Ruling[], bbox: BBox = [0, 0, 595, 842]): RegionPart {
  return { page: pageNumber, bbox, items, rulings };
}

/** A body cell with a parsed amount (or text when `value` is omitted). */
export function cell(raw: string, options: { amount?: boolean; page?: number } = {}): TableCell {
  const amount = options.amount ?? /^-?[\d,]+(\.\d+)?$/u.test(raw);
  const plain = raw.replace(/,/gu, '');
  return {
    raw,
    value: amount ? new Decimal(plain) : null,
    scale: amount && plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0,
    page: options.page ?? 1,
    bbox: [0, 0, 0, 0],
    confidence: null,
    rowSpan: 1,
  };
}

export function column(path: string[], role: ColumnRole = 'amount'): TableColumn {
  return { key: path.join('/'), path, role };
}

export function row(
  label: string,
  cells: Record<string, string>,
  codes: Partial<TableRow['codes']> = {},
  half: TableRow['half'] = null,
): TableRow {
  return {
    label,
    codes: { function: null, economic: null, unit: null, ...codes },
    cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, cell(v)])),
    half,
  };
}

export function table(columns: TableColumn[], rows: TableRow[], overrides: Partial<BudgetTable> = {}): BudgetTable {
  return {
    order: 1,
    number: '1-2',
    title: '部门支出总表',
    kind: 'expenditure_summary',
    unit: '万元',
    unitInferred: false,
    pages: [1],
    source: 'text',
    method: 'ruled',
    quality: 1,
    note: null,
    columns,
    rows,
    ...overrides,
  };
}

/**
 * A grid from rows of printed texts, one cell per column (`''` prints
 * nothing; a `[text, span]` pair spans columns). The first `headerRows`
 * rows are the header.
 */
export function gridOfTexts(headerRows: number, rows: ReadonlyArray<ReadonlyArray<string | readonly [string, number]>>): Grid {
  const width = Math.max(...rows.map((r) => r.reduce<number>((n, c) => n + (typeof c === 'string' ? 1 : c[1]), 0)));
  const cells: GridCell[][] = rows.map((row, r) => {
    const out: GridCell[] = [];
    let col = 0;
    for (const c of row) {
      const [raw, span] = typeof c === 'string' ? [c, 1] : c;
      if (raw !== '') out.push({ row: r, col, rowSpan: 1, colSpan: span, raw, page: 1, bbox: [col * 50, r * 20, (col + span) * 50, r * 20 + 20], confidence: null });
      col += span;
    }
    return out;
  });
  return {
    columns: Array.from({ length: width }, (_, k) => ({ x0: k * 50, x1: k * 50 + 50 })),
    headerRows,
    rows: cells,
    method: 'ruled',
    source: 'text',
    quality: 1,
    pages: [1],
    note: null,
  };
}
