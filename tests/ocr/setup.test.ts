import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BudgetTablesError } from '../../src/core/errors.js';
import { traineddataFiles } from '../../src/ocr/node.js';
import { assertBuilt, CLI, REPO_ROOT } from '../helpers/paths.js';

const run = promisify(execFile);

describe('OCR setup', () => {
  it('finds the installed chi_sim traineddata (4.0.0_best_int, gzip)', () => {
    const files = traineddataFiles();
    expect(Object.keys(files)).toEqual(['chi_sim']);
    for (const file of Object.values(files)) expect(file).toMatch(/4\.0\.0_best_int\/chi_sim\.traineddata\.gz$/u);
  });

  it('fails with OCR_DATA_MISSING, naming the package, when the data is not installed', () => {
    const missing = (specifier: string): string => {
      if (specifier.startsWith('@tesseract.js-data/chi_sim')) throw new Error('Cannot find module');
      return path.join(REPO_ROOT, 'node_modules', specifier);
    };
    let error: unknown = null;
    try {
      traineddataFiles(missing);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BudgetTablesError);
    expect((error as BudgetTablesError).code).toBe('OCR_DATA_MISSING');
    expect((error as BudgetTablesError).message).toContain('@tesseract.js-data/chi_sim');
  });

  it('the command takes --ocr never (a scan then yields no table, and every unread page is reported) and rejects other values', async () => {
    assertBuilt();
    const out = mkdtempSync(path.join(os.tmpdir(), 'budget-tables-ocr-'));
    try {
      const scan = path.join(REPO_ROOT, 'samples', 'yaan-2025-budget-scanned.pdf');
      // Exit 1: the document is written, but pages of it were not read (errors.json lists them).
      const status = await run(process.execPath, [CLI, 'extract', scan, '--out', out, '--ocr', 'never', '--quiet']).then(
        () => 0,
        (e: { code?: number }) => e.code,
      );
      expect(status).toBe(1);
      const doc = JSON.parse(readFileSync(path.join(out, 'yaan-2025-budget-scanned', 'document.json'), 'utf8')) as { tables: unknown[]; problems: unknown[] };
      expect(doc.tables).toEqual([]);
      // 29 pages without a text layer, none of them read: each named in document.json and errors.json.
      expect(doc.problems).toHaveLength(29);
      expect(doc.problems).toContainEqual(expect.objectContaining({ page: 1, code: 'OCR_OFF' }));
      const errors = JSON.parse(readFileSync(path.join(out, 'errors.json'), 'utf8')) as Array<{ page: number; code: string }>;
      expect(errors.map((e) => e.page)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
      const bad = await run(process.execPath, [CLI, 'extract', scan, '--out', out, '--ocr', 'sometimes']).then(
        () => 0,
        (e: { code?: number }) => e.code,
      );
      expect(bad).toBe(2);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
