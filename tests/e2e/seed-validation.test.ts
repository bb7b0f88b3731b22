import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { nodePdfAssets } from '../../src/cli/files.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { extractDocument } from '../../src/extract/index.js';
import type { ValidationCheck } from '../../src/validate/index.js';

/**
 * The seed's inconsistencies, listed by reading the seed text with its
 * arithmetic (tests/golden/yaan-2025-budget/README.md), never from the
 * report. A finding counts as found when a failing check refers to one of
 * its rows (prose: its page).
 */
interface Finding {
  id: string;
  kind: string;
  tables: string[];
  rows: { table: string; row: number | null; page?: number }[];
  columns: string[];
}
const findings = JSON.parse(readFileSync('tests/golden/yaan-2025-budget/inconsistencies.json', 'utf8')) as Finding[];

const place = (r: { table: string; row: number | null; page?: number | null; column?: string | null }): string =>
  r.table === 'text' ? `text|${r.page}` : r.row === null && r.column ? `${r.table}|column ${r.column}` : `${r.table}|${r.row}`;

/** Where a finding is: its rows, or for a finding about a whole column (no rows) its tables' columns. */
const places = (f: Finding): string[] =>
  f.rows.length > 0 ? f.rows.map(place) : f.tables.flatMap((table) => f.columns.map((column) => place({ table, row: null, column })));

describe('validation report of the seed sample against the seed’s own inconsistencies', () => {
  let failures: ValidationCheck[];
  beforeAll(async () => {
    const { validation } = await extractDocument(new Uint8Array(readFileSync('samples/yaan-2025-budget.pdf')), {
      fileName: 'yaan-2025-budget.pdf',
      assets: nodePdfAssets(),
      pipeline: departmentBudgetPipeline,
      settings: DEFAULT_SETTINGS,
    });
    failures = validation.checks.filter((c) => c.status === 'fail');
  });

  it('finds every listed inconsistency at its table and row', () => {
    const failed = new Set(failures.flatMap((c) => c.refs.map(place)));
    const missed = findings.filter((f) => !places(f).some((p) => failed.has(p))).map((f) => f.id);
    expect(missed).toEqual([]);
  });

  it('raises no failure away from the listed inconsistencies', () => {
    const listed = new Set(findings.flatMap(places));
    const alarms = failures.filter((c) => !c.refs.some((r) => listed.has(place(r)))).map((c) => c.id);
    expect(alarms).toEqual([]);
  });
});
