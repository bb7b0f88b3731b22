// Extraction errors that made false validation failures on published budgets (tests/golden/VALIDATION.md),
// pinned on the real pages (../shared/corpus/real; skipped when missing). Expectations were read from the
// PDFs (pdftotext -layout and the rendered page), never from the extractor's output.
import { describe, expect, it } from 'vitest';
import type { BudgetDocument, BudgetTable } from '../../src/core/document.js';
import { CORPUS_PRESENT, extractCorpusDocument } from '../helpers/corpus.js';

const extract = (document: string): Promise<BudgetDocument> => extractCorpusDocument(document).then((r) => r.document);

function tableOn(doc: BudgetDocument, title: string, page: number): BudgetTable {
  const table = doc.tables.find((t) => t.title.includes(title) && t.pages.includes(page));
  if (!table) throw new Error(`no table "${title}" on p${page}: ${doc.tables.map((t) => `${t.title} p${t.pages.join(',')}`).join(' | ')}`);
  return table;
}

/** Rows printing an amount in `column`: [label, raw]. */
const amounts = (table: BudgetTable, column: string): Array<[string, string]> =>
  table.rows.flatMap((r) => (r.cells[column]?.value ? [[r.label, r.cells[column]!.raw] as [string, string]] : []));

describe.skipIf(!CORPUS_PRESENT)('extraction fixes on the corpus', () => {
  // Rules drawn as filled outlines with mitred corners (Excel export) were not read: the pages were read unruled.
  it('西安卫健委 公开07表 p159: 小计 | 基本支出 | 项目支出 all under 本年支出, one 科目名称 column', async () => {
    const table = tableOn(await extract('xian/卫生健康委员会_2026年部门预算.pdf'), '政府性基金预算财政拨款收入支出决算表', 159);
    expect(table.method).toBe('ruled');
    expect(table.columns.map((c) => c.key)).toEqual([
      '项目/科目代码',
      '项目/科目名称',
      '年初结转和结余',
      '本年收入',
      '本年支出/小计',
      '本年支出/基本支出',
      '本年支出/项目支出',
      '年末结转和结余',
    ]);
    expect(amounts(table, '本年支出/小计')[0]).toEqual(['合计', '568,051.63']);
  });

  it('西安卫健委 公开09表 p161: 会议费 and 培训费 beside the “三公” group, not under it', async () => {
    const table = tableOn(await extract('xian/卫生健康委员会_2026年部门预算.pdf'), '会议费、培训费支出决算表', 161);
    const keys = table.columns.map((c) => c.key);
    expect(keys.slice(-2)).toEqual(['会议费', '培训费']);
    expect(keys.filter((k) => k.startsWith('财政拨款安排的'))).toHaveLength(6);
    expect(amounts(table, '会议费')).toEqual([
      ['预算数', '86.81'],
      ['决算数', '86.81'],
    ]);
  });

  // A project's cells printed again at the top of each page its indicators run on to.
  it('长沙信访局 项目支出绩效目标表 pp. 22–29: each project once, with its amount', async () => {
    const table = tableOn(await extract('changsha/信访局_2026年部门预算.pdf'), '项目支出绩效目标表', 22);
    expect(amounts(table, '资金总额')).toEqual([
      ['合计', '417.41'],
      ['长沙市信访局', '417.41'],
      ['基层及其他信访业务工作经费专项', '35.78'],
      ['人民来访接待中心及特护期运行专项', '10.22'],
      ['人民来访接待中心业务专项', '102.80'],
      ['信访业务工作专项', '138.11'],
    ]);
  });

  // One 单位编码 cell, 126001, merged beside all four projects and their indicator rows, from the first
  // project's row to the table's end (printed again at the top of each page).
  it('长沙信访局 项目支出绩效目标表 pp. 22–29: every row beside the merged 单位编码 has unit code 126001', async () => {
    const table = tableOn(await extract('changsha/信访局_2026年部门预算.pdf'), '项目支出绩效目标表', 22);
    expect(table.rows.filter((r) => r.cells['资金总额']?.value).map((r) => [r.label, r.codes.unit])).toEqual([
      ['合计', null],
      ['长沙市信访局', '126001'],
      ['基层及其他信访业务工作经费专项', '126001'],
      ['人民来访接待中心及特护期运行专项', '126001'],
      ['人民来访接待中心业务专项', '126001'],
      ['信访业务工作专项', '126001'],
    ]);
    const uncoded = table.rows.filter((r) => r.codes.unit === null && !r.label.startsWith('注'));
    expect(uncoded.map((r) => r.label)).toEqual(['合计']);
  });

  // 项目名称 cells start with the project's 项目编码: 11000021Y000000390843-信息系统运维类项目. The table prints no unit code.
  it('北京退役军人事务局 项目支出绩效目标表 p16: a 项目编码 before the project name is no unit code', async () => {
    const table = tableOn(await extract('beijing/退役军人事务局_2026年部门预算.pdf'), '项目支出绩效目标表', 16);
    expect(table.rows[0]?.label).toBe('11000021Y000000390843-信息系统运维类项目');
    expect(table.rows.filter((r) => r.codes.unit !== null).map((r) => [r.label, r.codes.unit])).toEqual([]);
  });

  // A row split by the page break: 八、社会保障和就 (p7) | 业支出 (p8).
  it('江苏省人大办公厅2017 收支预算总表 pp. 7–8: 八、社会保障和就业支出 is one row', async () => {
    const table = tableOn(await extract('jiangsu/江苏省人大办公厅2017年度预算公开.pdf'), '收支预算总表', 7);
    const labels = table.rows.map((r) => r.cells['支出/功能分类/功能科目名称']?.raw).filter((l) => l !== undefined);
    expect(labels).toContain('八、社会保障和就业支出');
    expect(labels).not.toContain('业支出');
    expect(amounts(table, '支出/功能分类/金额')).toContainEqual(['八、社会保障和就业支出', '1,608.51']);
  });
});
