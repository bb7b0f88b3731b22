import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { nodePdfAssets } from '../../src/cli/files.js';
import { toDocumentJson, type DocumentJson } from '../../src/export/index.js';
import { extractDocument } from '../../src/extract/index.js';

/** Expected content of every table, written from the seed text by scripts/samples (never from the extractor). */
interface ExpectedTable {
  order: number;
  number: string | null;
  title: string;
  kind: string;
  unit: string;
  unitInferred: boolean;
  pages: number[];
  note: string | null;
  columns: { key: string; path: string[] }[];
  rows: { cells: Record<string, string>; rowSpans: Record<string, number> }[];
}
const expected = JSON.parse(readFileSync('samples/expected/yaan-2025-budget.json', 'utf8')) as {
  document: { department: string; year: number; kind: string; unit: string; pages: number };
  tables: ExpectedTable[];
};

async function extract(file: string): Promise<DocumentJson> {
  const { document, validation } = await extractDocument(new Uint8Array(readFileSync(file)), {
    fileName: file.split('/').pop()!,
    assets: nodePdfAssets(),
    pipeline: departmentBudgetPipeline,
    settings: DEFAULT_SETTINGS,
  });
  return toDocumentJson(document, validation);
}

/** Body cells of a table as `row|key → raw^rowSpan`, for a cell-by-cell comparison. */
function cellMap(rows: { cells: Record<string, { raw: string; rowSpan: number }> }[]): Map<string, string> {
  const out = new Map<string, string>();
  rows.forEach((row, r) => {
    for (const [key, cell] of Object.entries(row.cells)) out.set(`${r + 1}|${key}`, `${cell.raw}^${cell.rowSpan}`);
  });
  return out;
}

function expectedCellMap(table: ExpectedTable): Map<string, string> {
  return cellMap(
    table.rows.map((row) => ({
      cells: Object.fromEntries(Object.entries(row.cells).map(([k, raw]) => [k, { raw, rowSpan: row.rowSpans[k] ?? 1 }])),
    })),
  );
}

/** Share of cells (union of both sides) that agree exactly. */
function agreement(got: Map<string, string>, want: Map<string, string>): number {
  const keys = new Set([...got.keys(), ...want.keys()]);
  if (keys.size === 0) return 1;
  let same = 0;
  for (const k of keys) if (got.get(k) === want.get(k)) same++;
  return same / keys.size;
}

describe('seed sample, ruled (samples/yaan-2025-budget.pdf)', () => {
  let doc: DocumentJson;
  beforeAll(async () => {
    doc = await extract('samples/yaan-2025-budget.pdf');
  });

  it('reads the document metadata', () => {
    expect(doc.document).toEqual({ department: '雅安市科学技术局', year: 2025, kind: 'budget', unit: '万元' });
    expect(doc.source.pages).toBe(expected.document.pages);
  });

  it('finds all 14 numbered tables with number, title, kind, unit and pages', () => {
    expect(doc.tables.map((t) => t.number)).toEqual(expected.tables.map((t) => t.number));
    for (const want of expected.tables) {
      const got = doc.tables.find((t) => t.order === want.order)!;
      expect({ title: got.title, kind: got.kind, unit: got.unit, unitInferred: got.unitInferred, pages: got.pages, note: got.note }).toEqual({
        title: want.title,
        kind: want.kind,
        unit: want.unit,
        unitInferred: want.unitInferred,
        pages: want.pages,
        note: want.note,
      });
      expect(got.method).toBe('ruled');
      expect(got.source).toBe('text');
    }
  });

  it.each(expected.tables.map((t) => [`${t.number} ${t.title}`, t] as const))('table %s: columns and every body cell as printed', (_, want) => {
    const got = doc.tables.find((t) => t.order === want.order)!;
    expect(got.columns.map((c) => ({ key: c.key, path: c.path }))).toEqual(want.columns);
    expect(got.rows.length).toBe(want.rows.length);
    expect(Object.fromEntries(cellMap(got.rows))).toEqual(Object.fromEntries(expectedCellMap(want)));
  });

  it('serializes amounts as printed: separators dropped, decimals kept; text cells and codes carry no value', () => {
    const t12 = doc.tables.find((t) => t.number === '1-2')!;
    const total = t12.rows[0]!;
    expect(total.label).toBe('合计');
    expect(total.cells['合计']).toMatchObject({ raw: '3,296.67', value: '3296.67' });
    const row = t12.rows.find((r) => r.label === '行政运行')!;
    expect(row.codes).toEqual({ function: '2060101', economic: null, unit: '210001' });
    expect(row.cells['项目/单位代码']!.value).toBeNull();
    const t31 = doc.tables.find((t) => t.number === '3-1')!;
    expect(t31.rows.find((r) => r.label === '津贴补贴')!.codes).toEqual({ function: null, economic: '30102', unit: null });
    expect(t31.rows.find((r) => r.label === '雅安市科学技术局机关')!.codes.unit).toBe('210001');
  });

  it('gives each cell its page and a box inside the page', () => {
    for (const table of doc.tables) {
      for (const row of table.rows) {
        for (const cell of Object.values(row.cells)) {
          expect(table.pages).toContain(cell.page);
          expect(cell.bbox[0]).toBeLessThan(cell.bbox[2]);
          expect(cell.bbox[1]).toBeLessThan(cell.bbox[3]);
        }
      }
    }
  });
});

/**
 * The same document printed without any rule: rebuilt from the alignment of
 * the text. A ratchet: each table's share of exact cells may not drop below
 * what it reaches today. Three tables are not exact yet (see the issue note):
 * 2-1's 22 columns under a header whose groups do not nest, and the two
 * performance forms (6, 7) whose rows hold cells wrapped over several lines
 * next to single-line cells centred in the row.
 */
const UNRULED_FLOOR: Record<string, number> = { '2-1': 0.61, '6': 0.09, '7': 0.0 };

describe('seed sample, unruled (samples/yaan-2025-budget-unruled.pdf)', () => {
  let doc: DocumentJson;
  beforeAll(async () => {
    doc = await extract('samples/yaan-2025-budget-unruled.pdf');
  });

  it('finds all 14 tables with the same numbers, titles, kinds, units and pages', () => {
    for (const want of expected.tables) {
      const got = doc.tables.find((t) => t.order === want.order)!;
      expect([got.number, got.title, got.kind, got.unit, got.pages]).toEqual([want.number, want.title, want.kind, want.unit, want.pages]);
      expect(got.method).toBe('unruled');
    }
  });

  it.each(expected.tables.map((t) => [`${t.number} ${t.title}`, t] as const))('table %s: body cells', (_, want) => {
    const got = doc.tables.find((t) => t.order === want.order)!;
    const floor = UNRULED_FLOOR[want.number ?? ''];
    // Unruled text cannot show merged body cells: compare raw text only.
    const strip = (m: Map<string, string>) => new Map([...m].map(([k, v]) => [k, v.replace(/\^\d+$/u, '')]));
    const score = agreement(strip(cellMap(got.rows)), strip(expectedCellMap(want)));
    if (floor === undefined) {
      expect(got.columns.map((c) => c.key)).toEqual(want.columns.map((c) => c.key));
      expect(score).toBe(1);
    } else {
      expect(score).toBeGreaterThanOrEqual(floor);
    }
  });
});
