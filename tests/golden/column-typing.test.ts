// Regressions of column typing on published budgets (../shared/corpus/real; skipped when missing):
// printed cells that are money must hold an amount, printed numbers that are not money (codes, counts,
// indicator values, 栏次) must not. Expectations were read from the PDFs (pdftotext -layout of the page),
// never from the extractor's output; each names the page and what is printed there.
import { describe, expect, it } from 'vitest';
import type { BudgetDocument, TableCell } from '../../src/core/document.js';
import { CORPUS_PRESENT, extractCorpusDocument } from '../helpers/corpus.js';

const extract = (document: string): Promise<BudgetDocument> => extractCorpusDocument(document).then((r) => r.document);

/** Body cells on `page` of tables whose title contains `title`, printing `raw` (whitespace aside). */
function cellsPrinting(doc: BudgetDocument, title: string, page: number, raw: string): TableCell[] {
  return doc.tables
    .filter((t) => t.title.includes(title))
    .flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells)))
    .filter((c) => c.page === page && c.raw.replace(/\s+/gu, '') === raw);
}

interface Case {
  document: string;
  title: string;
  page: number;
  raw: string;
  /** The amount it must hold, or null: a number that is not money. */
  value: string | null;
  why: string;
}

const CASES: Case[] = [
  {
    document: 'shenzhen/2026年深圳市统计局部门预算.pdf',
    title: '支出总表',
    page: 19,
    raw: '94.28',
    value: '94.28',
    why: 'under 2026年政府采购项目 / 小计 and its 其中…资金规模 column: money although 采购 names text columns',
  },
  {
    document: 'changsha/国有资产监督管理委员会_2026年部门预算.pdf',
    title: '项目支出',
    page: 8,
    raw: '43.91',
    value: '43.91',
    why: 'under 指标结余: money although 指标 names text columns',
  },
  {
    document: 'beijing/政府办公厅_附件2：北京城市副中心工程建设管理办公室2026年度部门预算报表.pdf',
    title: '项目支出绩效目标表',
    page: 12,
    raw: '43.352803',
    value: '43.352803',
    why: 'under 项目总额 in a 绩效目标表 whose money columns the spec names',
  },
  {
    document: 'xian/宣传部_2026年部门预算.pdf',
    title: '政府采购',
    page: 39,
    raw: '33896',
    value: null,
    why: 'under 数量: a count',
  },
  {
    document: 'xian/宣传部_2026年部门预算.pdf',
    title: '政府采购',
    page: 39,
    raw: '23,661,600.00',
    value: '23661600',
    why: 'under 预算金额',
  },
  {
    document: 'changsha/信访局_2026年部门预算.pdf',
    title: '部门整体支出绩效目标表',
    page: 30,
    raw: '126001',
    value: null,
    why: 'headerless form: a unit code under the field 单位编码',
  },
  {
    document: 'changsha/信访局_2026年部门预算.pdf',
    title: '部门整体支出绩效目标表',
    page: 30,
    raw: '1,935.36',
    value: '1935.36',
    why: 'headerless form: under the fields 资金总额 and 一般公共预算',
  },
  {
    document: 'changsha/信访局_2026年部门预算.pdf',
    title: '部门整体支出绩效目标表',
    page: 30,
    raw: '10000',
    value: null,
    why: 'headerless form: an indicator value under 指标值 (≥ 10000 件)',
  },
];

describe.skipIf(!CORPUS_PRESENT)('column typing on published budgets', () => {
  for (const c of CASES) {
    it(`${c.document} p${c.page} ${c.raw}: ${c.why}`, { timeout: 120_000 }, async () => {
      const cells = cellsPrinting(await extract(c.document), c.title, c.page, c.raw);
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell.value?.toString() ?? null).toBe(c.value);
    });
  }

  it('changsha 信访局 p13 收入总体情况表: the 栏次 row (** ** ** ** 1 2 3 …) is no body row', { timeout: 120_000 }, async () => {
    const doc = await extract('changsha/信访局_2026年部门预算.pdf');
    const table = doc.tables.find((t) => t.title.includes('收入总体情况表'));
    expect(table?.rows[0]?.label).toBe('合计');
    expect(table?.rows.some((r) => Object.values(r.cells).some((cell) => cell.raw.trim() === '**'))).toBe(false);
  });

  it('xian 卫健委 p146 收入支出决算总表: 收入 printed over 项目 alone still owns its 行次 and 决算数; 栏次 joins no header', { timeout: 120_000 }, async () => {
    const doc = await extract('xian/卫生健康委员会_2026年部门预算.pdf');
    const table = doc.tables.find((t) => t.pages.includes(146) && t.title === '收入支出决算总表')!;
    expect(table.columns.map((c) => c.key)).not.toContainEqual(expect.stringMatching(/栏次|决算数\d/u));
    const row = (label: string) => table.rows.find((r) => r.label === label)!;
    const amounts = (label: string) => Object.values(row(label).cells).map((c) => c.value?.toString() ?? null).filter((v) => v !== null);
    // Printed on p146: 一、一般公共预算财政拨款收入 1 296,030.91 | 五、事业收入 5 1,110,972.11 | 九、卫生健康支出 39 1,474,833.23.
    expect(amounts('一、一般公共预算财政拨款收入')).toEqual(['296030.91']);
    expect(amounts('五、事业收入')).toEqual(['1110972.11']);
    expect(amounts('九、卫生健康支出')).toEqual(['1474833.23']);
  });

  it('shanghai-putuo 附件2 部门决算模板: a blank template holds no amount (its codes are codes)', { timeout: 120_000 }, async () => {
    const doc = await extract('shanghai-putuo/附件2：部门决算模板.pdf');
    const amounts = doc.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells).filter((cell) => cell.value !== null)));
    expect(amounts.map((cell) => cell.raw)).toEqual([]);
    // p6 prints a blank 合计 row under the header (its own row of drawn cells: body, not header), then 205 教育支出.
    const revenue = doc.tables.find((t) => t.title.includes('收入决算表'));
    expect(revenue?.rows.slice(0, 2).map((r) => [r.label, r.codes.function])).toEqual([
      ['合计', null],
      ['教育支出', '205'],
    ]);
    expect(revenue?.columns.slice(0, 2).map((c) => c.key)).toEqual(['项目/功能分类科目编码', '项目/科目名称']);
  });
});
