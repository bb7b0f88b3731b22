// Checks of the seed sample (samples/yaan-2025-budget*.pdf + samples/expected/yaan-2025-budget.json)
// against facts a reader can verify in the seed text samples/source/yaan-2025-budget.txt.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  BASENAME,
  buildModelAndExpected,
  normalize,
  pdfName,
  renderSamples,
  REPO_ROOT,
  sha256,
  type Expected,
  type ExpectedTable,
} from '../../scripts/samples/build-seed-sample.mjs';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const PDFJS_DIR = path.join(REPO_ROOT, 'node_modules/pdfjs-dist');

/** xs[i], failing loudly when out of range */
const at = <T>(xs: readonly T[], i: number): T => {
  const v = xs[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${xs.length})`);
  return v;
};

let expected: Expected;
let committed: Expected;
const table = (n: string): ExpectedTable => {
  const t = expected.tables.find((x) => x.number === n);
  if (!t) throw new Error(`no table ${n}`);
  return t;
};

/** Normalized text of every page (items joined), 1-based. */
async function pageTexts(file: string): Promise<{ texts: string[]; items: string[][]; sizes: number[][] }> {
  const data = new Uint8Array(fs.readFileSync(file));
  const doc = await pdfjs.getDocument({
    data,
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    isEvalSupported: false,
  }).promise;
  const texts = [''];
  const items: string[][] = [[]];
  const sizes: number[][] = [[]];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const tc = await page.getTextContent();
    const strs = tc.items.map((i) => ('str' in i ? i.str : '')).filter((s) => s.trim() !== '');
    items.push(strs);
    texts.push(normalize(strs.join('')));
    sizes.push(page.view.slice(2).map((v) => Math.round(v)));
  }
  await doc.destroy();
  return { texts, items, sizes };
}

beforeAll(() => {
  expected = buildModelAndExpected().expected;
  committed = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'expected', `${BASENAME}.json`), 'utf8'));
});

describe('expected JSON (from the seed text)', () => {
  it('is what the committed samples/expected file says', () => {
    expect(committed).toEqual(expected);
  });

  it('has the 14 numbered tables in document order', () => {
    expect(expected.tables.map((t) => t.number)).toEqual([
      '1', '1-1', '1-2', '2', '2-1', '3', '3-1', '3-2', '3-3', '4', '4-1', '5', '6', '7',
    ]);
    expect(expected.tables.map((t) => t.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(expected.document).toMatchObject({ department: '雅安市科学技术局', year: 2025, kind: 'budget', unit: '万元' });
    expect(expected.source).toBe('samples/source/yaan-2025-budget.txt');
  });

  it('has the titles, kinds and units', () => {
    expect(expected.tables.map((t) => [t.number, t.title, t.kind])).toEqual([
      ['1', '部门收支总表', 'revenue_expenditure_summary'],
      ['1-1', '部门收入总表', 'revenue_summary'],
      ['1-2', '部门支出总表', 'expenditure_summary'],
      ['2', '财政拨款收支预算总表', 'fiscal_summary'],
      ['2-1', '财政拨款支出预算表(部门经济分类科目)', 'fiscal_expenditure_by_economic_class'],
      ['3', '一般公共预算支出预算表', 'general_budget_expenditure'],
      ['3-1', '一般公共预算基本支出预算表', 'general_budget_basic_expenditure'],
      ['3-2', '一般公共预算项目支出预算表', 'general_budget_project_expenditure'],
      ['3-3', '一般公共预算“三公”经费支出预算表', 'general_budget_three_public'],
      ['4', '政府性基金预算支出预算表', 'government_fund_expenditure'],
      ['4-1', '政府性基金预算“三公”经费支出预算表', 'government_fund_three_public'],
      ['5', '国有资本经营预算支出预算表', 'state_capital_expenditure'],
      ['6', '部门预算项目绩效目标表(2025年度)', 'project_performance_targets'],
      ['7', '部门整体支出绩效目标表(2025年度)', 'overall_performance_targets'],
    ]);
    for (const t of expected.tables) {
      expect(t.unit).toBe('万元');
      expect(t.unitInferred).toBe(t.number === '2-1' || t.number === '3-1');
      expect(t.note).toBeNull();
    }
  });

  it('counts header rows as read from the seed', () => {
    expect(Object.fromEntries(expected.tables.map((t) => [t.number, t.headerRows]))).toEqual({
      '1': 2, '1-1': 2, '1-2': 2, '2': 2, '2-1': 3, '3': 2, '3-1': 2, '3-2': 2, '3-3': 3,
      '4': 2, '4-1': 3, '5': 2, '6': 1, '7': 0,
    });
  });

  it('derives the columns of 1-2 and 3-3 by the header merge rule', () => {
    expect(table('1-2').columns.map((c) => c.key)).toEqual([
      '科目编码/类', '科目编码/款', '科目编码/项', '项目/单位代码', '项目/单位名称(科目)', '合计', '基本支出', '项目支出',
    ]);
    expect(at(table('1-2').columns, 4).path).toEqual(['项目', '单位名称(科目)']);
    // 表3-3: 合计 and 因公出国（境） 费用 sit beside 当年财政拨款预算安排, not under it (as printed)
    expect(table('3-3').columns).toEqual([
      { key: '单位编码', path: ['单位编码'] },
      { key: '单位名称(科目)', path: ['单位名称(科目)'] },
      { key: '合计', path: ['合计'] },
      { key: '因公出国(境)费用', path: ['因公出国(境)费用'] },
      { key: '当年财政拨款预算安排/公务用车购置及运行费/小计', path: ['当年财政拨款预算安排', '公务用车购置及运行费', '小计'] },
      { key: '当年财政拨款预算安排/公务用车购置及运行费/公务用车购置费', path: ['当年财政拨款预算安排', '公务用车购置及运行费', '公务用车购置费'] },
      { key: '当年财政拨款预算安排/公务用车购置及运行费/公务用车运行费', path: ['当年财政拨款预算安排', '公务用车购置及运行费', '公务用车运行费'] },
      { key: '公务接待费', path: ['公务接待费'] },
    ]);
  });

  it('takes tab i as column i in 2-1 (23 fields; header groups that do not nest)', () => {
    const cols = table('2-1').columns;
    expect(cols).toHaveLength(23);
    expect(cols.slice(0, 6).map((c) => c.key)).toEqual([
      '科目编码', '科目名称(科目)', '总计',
      '市本级当年财政拨款安排/合计/小计', '市本级当年财政拨款安排/合计/基本支出',
      '市本级当年财政拨款安排/一般公共预算拨款/项目支出',
    ]);
    expect(at(cols, 12).key).toBe('市本级当年财政拨款安排/合计/小计#2');
    // 项目支出 at tab 20 spans to the end of 上年结转安排 (tabs 20-22)
    expect(cols.slice(20).map((c) => c.key)).toEqual([
      '上级财政专项转移支付安排/上年结转安排/项目支出',
      '上级财政专项转移支付安排/上年结转安排/项目支出#2',
      '上级财政专项转移支付安排/上年结转安排/项目支出#3',
    ]);
    expect(table('7').columns.map((c) => c.key)).toEqual(['列1', '列2', '列3', '列4', '列5', '列6', '列7', '列8']);
  });

  it('has the body row counts of the seed', () => {
    const t1 = table('1');
    expect(t1.rows.filter((r) => Object.keys(r.cells).every((k) => k.startsWith('收入/')))).toHaveLength(9);
    expect(t1.rows.filter((r) => Object.keys(r.cells).every((k) => k.startsWith('支出/')))).toHaveLength(30);
    expect(t1.rows.slice(0, 9).every((r) => Object.keys(r.cells).every((k) => k.startsWith('收入/')))).toBe(true);
    const t2 = table('2');
    expect(t2.rows.filter((r) => at(Object.keys(r.cells), 0).startsWith('收入/'))).toHaveLength(8);
    expect(t2.rows.filter((r) => at(Object.keys(r.cells), 0).startsWith('支出/'))).toHaveLength(29);
    expect(Object.fromEntries(expected.tables.map((t) => [t.number, t.rows.length]))).toEqual({
      '1': 39, '1-1': 6, '1-2': 40, '2': 37, '2-1': 79, '3': 16, '3-1': 96, '3-2': 19, '3-3': 6,
      '4': 0, '4-1': 0, '5': 0, '6': 45, '7': 24,
    });
  });

  it('keeps the seed values as printed (spot cells)', () => {
    const t21 = table('2-1');
    expect(at(t21.rows, 0).cells).toMatchObject({ '科目名称(科目)': '合计', 总计: '2,296.87' });
    expect(at(t21.rows, 1)).toEqual({
      cells: {
        '科目名称(科目)': '绍兴市科学技术委员会',
        总计: '2,479.13',
        '市本级当年财政拨款安排/合计/小计': '2,479.13',
        '市本级当年财政拨款安排/合计/基本支出': '2,479.13',
        '市本级当年财政拨款安排/一般公共预算拨款/项目支出': '920.00',
        '市本级当年财政拨款安排/一般公共预算拨款/小计': '2,110.13',
      },
      rowSpans: {},
    });
    // codes in unexpected columns: 101 | 01 | 220000 | 基本工资 | 91.83 …
    expect(at(t21.rows, 3).cells).toMatchObject({ 科目编码: '101', '科目名称(科目)': '01', 总计: '220000', '市本级当年财政拨款安排/合计/小计': '基本工资' });
    expect(at(t21.rows, 78).cells['市本级当年财政拨款安排/一般公共预算拨款/项目支出']).toBe('3.4');

    const r30102 = table('3-1').rows.find((r) => r.cells['单位代码'] === '30102');
    expect(r30102).toEqual({
      cells: { 单位代码: '30102', '单位名称(科目)': '津贴补贴', 合计: '90.83', '基本支出/人员经费': '90.83' },
      rowSpans: {},
    });
    expect(at(table('1-2').rows, 0).cells).toEqual({ '项目/单位名称(科目)': '合 计', 合计: '3,296.67', 基本支出: '904.54', 项目支出: '2,392.13' });
    expect(at(table('3-3').rows, 2).cells['因公出国(境)费用']).toBeUndefined();
    expect(at(table('3-2').rows, 7).cells['单位名称(科目)']).toBe('科技和市校合作专项资金（含文教新城打造雅安 科技创新综合体）');
  });

  it('merges 绩效 body cells downwards (6 and 7)', () => {
    const t6 = table('6');
    const i = t6.rows.findIndex((r) => r.cells['预算数'] === '30.00');
    expect(at(t6.rows, i).rowSpans).toEqual({ 单位名称: 12, 项目名称: 6, 预算数: 6, 年度目标: 6 });
    expect(at(t6.rows, i + 1).cells['预算数']).toBeUndefined();
    expect(at(t6.rows, i + 6).cells).toMatchObject({ 项目名称: '雅安市科技创新券经费', 预算数: '60.00' });
    expect(at(t6.rows, i + 6).rowSpans).toEqual({ 项目名称: 6, 预算数: 6, 年度目标: 6 });
    // shifted row kept as printed: 度量单位 holds 10, 权重 empty
    expect(at(t6.rows, i + 9).cells).toMatchObject({ 三级指标: '企业研发成本不高于去', 指标性质: '定性', 指标值: '优良中差', 度量单位: '10' });
    expect(at(t6.rows, i + 9).cells['权重']).toBeUndefined();

    const t7 = table('7');
    expect(at(t7.rows, 1)).toEqual({
      cells: { 列1: '年度部门整体支出预算', 列2: '资金总额', 列4: '财政拨款', 列6: '其他资金' },
      rowSpans: { 列1: 2 },
    });
    expect(at(t7.rows, 4).rowSpans).toEqual({ 列1: 4 });
    expect(at(t7.rows, 8).cells).toEqual({ 列1: '深化核心技术攻关工程。', 列3: expect.stringMatching(/^坚持以产业链/) });
    expect(at(t7.rows, 9).rowSpans).toEqual({ 列1: 15 });
    expect(at(t7.rows, 10).rowSpans).toEqual({ 列2: 7, 列3: 4 });
  });
});

describe('PDFs', () => {
  let ruled: Awaited<ReturnType<typeof pageTexts>>;
  let unruled: Awaited<ReturnType<typeof pageTexts>>;
  beforeAll(async () => {
    ruled = await pageTexts(path.join(SAMPLES, pdfName('ruled')));
    unruled = await pageTexts(path.join(SAMPLES, pdfName('unruled')));
  });

  it('have the page count of the expected JSON, and identical pages', () => {
    expect(ruled.texts.length - 1).toBe(expected.document.pages);
    expect(unruled.sizes).toEqual(ruled.sizes);
    // same characters on every page (pdf.js may join neighbouring items differently)
    const chars = (t: string) => [...t].sort().join('');
    expect(unruled.texts.map(chars)).toEqual(ruled.texts.map(chars));
  });

  it('print page numbers after the cover and the document parts', () => {
    expect(at(ruled.items, 1)).not.toContain('- 1 -');
    expect(at(ruled.items, 2)).toContain('- 2 -');
    expect(at(ruled.items, expected.document.pages)).toContain(`- ${expected.document.pages} -`);
    const all = ruled.texts.join('\n');
    for (const s of ['2025年部门预算', '目录', '第一部分雅安市科学技术局概况', '第三部分雅安市科学技术局2025年部门预算情况说明', '第四部分名词解释']) {
      expect(all).toContain(s);
    }
  });

  it('print every table on its expected pages (title, first and last row)', () => {
    for (const t of expected.tables) {
      const first = at(ruled.texts, at(t.pages, 0));
      const last = at(ruled.texts, at(t.pages, t.pages.length - 1));
      const union = t.pages.map((p) => at(ruled.texts, p)).join('');
      expect(first, `table ${t.number} title on p.${at(t.pages, 0)}`).toContain(t.title);
      if (t.rows.length === 0) {
        expect(first).toContain('合计');
        continue;
      }
      for (const v of Object.values(at(t.rows, 0).cells)) expect(first, `table ${t.number} first row`).toContain(normalize(v));
      for (const v of Object.values(at(t.rows, t.rows.length - 1).cells)) expect(last, `table ${t.number} last row`).toContain(normalize(v));
      for (const r of t.rows) for (const v of Object.values(r.cells)) expect(union).toContain(normalize(v));
    }
    expect(at(ruled.items, at(table('3-2').pages, 0))).toContain('2,000.00');
    expect(at(ruled.items, at(table('2-1').pages, 0))).toContain('绍兴市科学技术委员会');
    expect(at(ruled.items, at(table('1').pages, 0))).toEqual(expect.arrayContaining(['3,296.67', '3,031.91', '132.76', '60.99', '71.01']));
  });

  it('repeat the header of 2-1 and 6 on continuation pages, not that of 3-1', () => {
    expect(table('2-1').pages).toHaveLength(2);
    expect(table('3-1').pages).toHaveLength(2);
    expect(table('6').pages.length).toBeGreaterThan(1);
    expect(at(ruled.items, at(table('2-1').pages, 1))).toContain('上级财政专项转移支付安排');
    expect(at(ruled.items, at(table('6').pages, 1))).toEqual(expect.arrayContaining(['年度目标', '三级指标', '指标方向性']));
    expect(at(ruled.items, at(table('3-1').pages, 1))).not.toContain('人员经费');
  });

  it('are up to date and reproducible (rebuilding gives the same bytes)', async () => {
    const { pdfs } = await renderSamples();
    for (const style of ['ruled', 'unruled'] as const) {
      const onDisk = fs.readFileSync(path.join(SAMPLES, pdfName(style)));
      expect(sha256(pdfs[style] as Buffer), style).toBe(sha256(onDisk));
    }
  });
});
