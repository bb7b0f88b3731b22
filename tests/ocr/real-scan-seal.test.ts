/**
 * A real scan with an office's red seal stamped over its table (changsha/文化广电旅游体育局, page 2, printed
 * turned a quarter): the OCR reads it in the seal-lifted grey (`ocrSealRedness`), so the header and the rows
 * under the seal come out as printed. Expected content read from the page image, not from the tool.
 * Skipped without ../shared; slow (two pages of OCR).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import { nodePdfAssets } from '../../src/cli/files.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { extractDocument, type ExtractResult } from '../../src/extract/index.js';
import { createNodeOcrEngine } from '../../src/ocr/node.js';
import type { OcrEngine } from '../../src/ocr/types.js';
import { CORPUS, CORPUS_PRESENT } from '../helpers/corpus.js';

const FILE = path.join(CORPUS, 'changsha', '文化广电旅游体育局_2026年部门预算.pdf');

const PRINTED_HEADER = ['项目单位', '项目内容', '支出功能科目', '政府预算经济科目', '部门预算支出经济科目', '金额'];
/** 项目内容 of rows 3–9 (rows 1–2 lie under the seal's densest part; see below) and 金额 of all ten rows. */
const PRINTED_PROJECTS = [
  '长沙文旅2025年户外3D大屏宣传项目专家评审费',
  '2025年“文旅长沙”视觉影像宣传项目',
  '2025年“文旅长沙”视觉影像宣传项目招标代理费',
  '2025年“文旅长沙”视觉影像宣传项目专家评审费',
  '长沙文旅境外媒体宣传项目',
  '长沙文旅境外媒体宣传项目招标代理费',
  '长沙文旅境外媒体宣传项目专家评审费',
];
const PRINTED_AMOUNTS = ['10.2714', '0.3116', '0.09', '16.19', '0.495', '0.09', '7.9', '0.24', '0.09', '35.678'];

describe.skipIf(!CORPUS_PRESENT)('a real scan with a red seal over its table (changsha 文化广电旅游体育局)', () => {
  let engine: OcrEngine;
  let result: ExtractResult;
  beforeAll(async () => {
    engine = createNodeOcrEngine({ workers: 2 });
    result = await extractDocument(new Uint8Array(readFileSync(FILE)), {
      fileName: path.basename(FILE),
      assets: nodePdfAssets(),
      pipeline: departmentBudgetPipeline,
      settings: DEFAULT_SETTINGS,
      ocr: { mode: 'auto', engine },
    });
  }, 600_000);
  afterAll(async () => {
    await engine?.terminate();
  });

  it('reads the header as printed: no unit line as a group, no row text in it, no column made by the seal', () => {
    expect(result.document.tables).toHaveLength(1);
    const table = result.document.tables[0]!;
    expect(table.columns.map((c) => c.key)).toEqual(PRINTED_HEADER);
  });

  it('reads the rows under and beside the seal', () => {
    const table = result.document.tables[0]!;
    const cell = (row: number, key: string): string | undefined => table.rows[row]?.cells[key]?.raw;
    expect(table.rows).toHaveLength(10);
    expect(table.rows.slice(0, 9).map((_, r) => cell(r, '项目单位'))).toEqual(Array(9).fill('市文旅广电局'));
    expect(table.rows.slice(2, 9).map((_, r) => cell(r + 2, '项目内容'))).toEqual(PRINTED_PROJECTS);
    expect(table.rows.map((_, r) => cell(r, '金额'))).toEqual(PRINTED_AMOUNTS);
    // Rows 1 and 2 lie under the seal's ring: their names read up to one character off (旅游宜传, 招标代代理费),
    // but the project's own words are there.
    expect(cell(0, '项目内容')).toBe('长沙文旅2025年户外3D大屏宣传项目');
    expect(cell(1, '项目内容')).toContain('长沙文旅2025年户外3D大屏宣传项目招标');
  });

  it('passes the table’s column sum', () => {
    const sums = result.validation.checks.filter((c) => c.id.startsWith('T#1.col.金额'));
    expect(sums.map((c) => c.status)).toEqual(['pass']);
  });
});
