// Inconsistencies printed in published budgets (../shared/corpus/real), confirmed by reading the
// PDF pages (tests/golden/VALIDATION.md): the report must flag each at its page. For documents
// whose every failure is such a confirmed one, nothing else may fail (a new failure there is a
// false alarm or an extraction regression). Skipped when the shared corpus is not present.
import { describe, expect, it } from 'vitest';
import type { ValidationCheck } from '../../src/validate/index.js';
import { CORPUS_PRESENT, extractCorpusDocument } from '../helpers/corpus.js';

interface Confirmed {
  /** Check id. */
  id: string;
  /** The page the check's first reference points at (the printed cell). */
  page: number;
  /** What the page prints, for the reader. */
  printed: string;
}

interface Document {
  file: string;
  confirmed: Confirmed[];
  /** Every failure of the document is listed in `confirmed`. */
  exhaustive: boolean;
}

const DOCUMENTS: Document[] = [
  {
    file: 'changchun/2026年长春市信访局部门预算.pdf',
    exhaustive: true,
    confirmed: [
      { id: 'T3.row.合计#5', page: 8, printed: '2014002 一般行政管理事务: 合计 458.00, 当年预算 小计 0.00, 项目支出 458.00' },
      { id: 'T3.row.当年预算/小计#5', page: 8, printed: 'same row: 小计 0.00 while 项目支出 458.00' },
      { id: 'T3.row.合计#6', page: 8, printed: '2014099 其他信访事务支出: 合计 16.56, 小计 0.00, 项目支出 16.56' },
      { id: 'T3.row.当年预算/小计#6', page: 8, printed: 'same row' },
      { id: 'T3.col.当年预算/小计#3', page: 8, printed: '20140 小计 1378.41; its 项 print 903.85 + 0.00 + 0.00' },
      { id: 'T6.col.合计#2', page: 11, printed: '301 工资福利支出 911.21; 30101…30199 add up to 920.96' },
      { id: 'T6.col.当年预算/小计#2', page: 11, printed: 'same, 小计 column' },
      { id: 'T6.col.当年预算/人员经费#2', page: 11, printed: 'same, 人员经费 column' },
      { id: 'T6.col.合计#12', page: 11, printed: '302 商品和服务支出 211.00; 30201…30299 add up to 221.37' },
      { id: 'T6.col.当年预算/小计#12', page: 11, printed: 'same, 小计 column' },
      { id: 'T6.col.当年预算/公用经费#12', page: 11, printed: 'same, 公用经费 column' },
      { id: 'N.code.T6#17.30208', page: 11, printed: '30208 物业管理费 (30208 is 取暖费, printed on the line above)' },
      { id: 'N.code.T6#19.30213', page: 11, printed: '30213 维护（护）费 (维修（护）费)' },
    ],
  },
  {
    file: 'changsha/国有资产监督管理委员会_2026年部门预算.pdf',
    exhaustive: true,
    confirmed: [{ id: 'T#1.col.预算到位#1', page: 7, printed: '项目支出情况表 合计 预算到位 13,237.00; 一 6,000 + 二 3,750 + 三 2,877 + 四 400 = 13,027' }],
  },
  {
    file: 'changsha/信访局_2026年部门预算.pdf',
    exhaustive: true,
    confirmed: [
      {
        id: 'T#9.col.资金总额#1',
        page: 22,
        printed: '项目支出绩效目标表 合计 417.41; its four projects 35.78 + 10.22 + 102.80 + 138.11 = 286.91 (p29: 注：已剔除涉密部分)',
      },
    ],
  },
  {
    file: 'xian/宣传部_2026年部门预算.pdf',
    // 表10 (pp. 34–37) and 表12 (pp. 39–40) nest unit / sub-unit / category / project without marks: read through the figures, they add up.
    exhaustive: true,
    confirmed: [
      { id: 'T13.row.2021年/合计#1', page: 41, printed: '2021年 合计 1,171,100.00; 三公 65,100 + 会议费 320,000 + 培训费 1,096,000 = 1,481,100' },
      { id: 'T13.row.2021年/合计#2', page: 41, printed: '201 (the department line) repeats the 合计 row: 1,171,100.00 vs 1,481,100' },
      { id: 'T13.row.2021年/合计#3', page: 41, printed: '201001: 1,066,000.00 vs 60,000 + 200,000 + 996,000 = 1,256,000' },
      { id: 'T13.row.2021年/合计#4', page: 41, printed: '201002: 105,100.00 vs 5,100 + 120,000 + 100,000 = 225,100' },
      { id: 'T13.row.增减变化情况/合计#1', page: 41, printed: '增减 合计 343,700.00 vs -94,900 - 142,000 + 890,600 = 653,700' },
      { id: 'T13.row.增减变化情况/合计#2', page: 41, printed: '201: 343,700.00 vs 653,700' },
      { id: 'T13.row.增减变化情况/合计#3', page: 41, printed: '201001: 654,600.00 vs 844,600' },
      { id: 'T13.row.增减变化情况/合计#4', page: 41, printed: '201002: -310,900.00 vs -190,900' },
    ],
  },
];

describe.skipIf(!CORPUS_PRESENT)('confirmed inconsistencies of the real corpus are reported at their page', () => {
  for (const doc of DOCUMENTS) {
    it(doc.file, async () => {
      const { validation } = await extractCorpusDocument(doc.file);
      const failures = new Map<string, ValidationCheck>(validation.checks.filter((c) => c.status === 'fail').map((c) => [c.id, c]));
      const found = doc.confirmed.map((f) => ({ id: f.id, page: failures.get(f.id)?.refs[0]?.page ?? null }));
      expect(found).toEqual(doc.confirmed.map((f) => ({ id: f.id, page: f.page })));
      if (doc.exhaustive) expect([...failures.keys()].sort()).toEqual(doc.confirmed.map((f) => f.id).sort());
    }, 120_000);
  }
});
