import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../pipelines/department-budget/index.js';
import type { BudgetDocument, BudgetTable, TableCell } from '../../src/core/document.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { repairDocument } from '../../src/repair/index.js';

/** An amount cell as OCR read it (confidence 0–1), or as the text layer has it (null). */
function cell(raw: string, confidence: number | null = 0.92): TableCell {
  const plain = raw.replace(/,/gu, '');
  const scale = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
  return { raw, value: /^\d+(\.\d+)?$/u.test(plain) ? new Decimal(plain) : null, scale, page: 1, bbox: [0, 0, 10, 10], confidence, rowSpan: 1 };
}

type Amounts = [string, number | null] | string | undefined;

/** 部门支出总表: 合计 = 基本支出 + 项目支出 in every row; the 合计 row = Σ the coded rows below it. */
function table(rows: { label: string; code: string | null; amounts: [Amounts, Amounts, Amounts] }[]): BudgetTable {
  const keys = ['合计', '基本支出', '项目支出'];
  return {
    order: 1,
    number: '1-2',
    title: '部门支出总表',
    kind: 'expenditure_summary',
    unit: '万元',
    unitInferred: false,
    pages: [1],
    source: 'ocr',
    method: 'ruled',
    quality: 1,
    note: null,
    columns: [{ key: '科目名称', path: ['科目名称'], role: 'label' }, ...keys.map((key) => ({ key, path: [key], role: 'amount' as const }))],
    rows: rows.map((r) => ({
      label: r.label,
      codes: { function: r.code, economic: null, unit: null },
      half: null,
      cells: Object.fromEntries(
        r.amounts.flatMap((a, k) => (a === undefined ? [] : [[keys[k]!, typeof a === 'string' ? cell(a) : cell(a[0], a[1])]])),
      ),
    })),
  };
}

function documentOf(t: BudgetTable): BudgetDocument {
  return {
    source: { file: 'x.pdf', sha256: '0'.repeat(64), pages: 1 },
    document: { department: '某局', year: 2025, kind: 'budget', unit: '万元' },
    tables: [t],
    selectedTables: [],
    pageProblems: [],
    prose: [],
  };
}

const repair = (t: BudgetTable) => repairDocument(documentOf(t), departmentBudgetPipeline, DEFAULT_SETTINGS);

describe('number repair (src/repair)', () => {
  it('corrects a low-confidence misread that both its row and its column prove, and says why', () => {
    const { document, corrections } = repair(
      table([
        { label: '合计', code: null, amounts: ['1,100.00', '630.00', '470.00'] },
        { label: '行政运行', code: '2010101', amounts: ['600.00', '600.00', undefined] },
        { label: '一般行政管理事务', code: '2010102', amounts: [['560.00', 0.41], '30.00', '470.00'] },
      ]),
    );
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ table: '1-2', row: 3, column: '合计', ocrText: '560.00', value: '500.00', raw: '500.00', confidence: 0.41 });
    expect(corrections[0]!.proof.length).toBe(2);
    expect(document.tables[0]!.rows[2]!.cells['合计']!.raw).toBe('500.00');
  });

  it('restores a dropped decimal point with the column’s decimals and separators', () => {
    const { corrections } = repair(
      table([
        { label: '合计', code: null, amounts: ['2,017.29', '2,017.29', undefined] },
        { label: '行政运行', code: '2010101', amounts: ['2,000.00', '2,000.00', undefined] },
        { label: '一般行政管理事务', code: '2010102', amounts: [['1729', 0.3], '17.29', undefined] },
      ]),
    );
    expect(corrections.map((c) => [c.ocrText, c.raw])).toEqual([['1729', '17.29']]);
  });

  it('leaves a printed inconsistency read with confidence as printed', () => {
    const { corrections } = repair(
      table([
        { label: '合计', code: null, amounts: ['1,100.00', '630.00', '470.00'] },
        { label: '行政运行', code: '2010101', amounts: ['600.00', '600.00', undefined] },
        { label: '一般行政管理事务', code: '2010102', amounts: [['560.00', 0.97], '30.00', '470.00'] },
      ]),
    );
    expect(corrections).toEqual([]);
  });

  it('changes nothing when another doubtful cell of the identity could be the wrong one', () => {
    // One identity only (no column total), two doubtful cells: which one is misread is not proven.
    const { corrections } = repair(
      table([{ label: '一般行政管理事务', code: '2010102', amounts: [['560.00', 0.5], ['30.00', 0.5], '470.00'] }]),
    );
    expect(corrections).toEqual([]);
  });

  it('never takes a value that is no plausible misreading of the text (more than two characters apart)', () => {
    const { corrections } = repair(
      table([
        { label: '合计', code: null, amounts: ['1,100.00', '630.00', '470.00'] },
        { label: '行政运行', code: '2010101', amounts: ['600.00', '600.00', undefined] },
        { label: '一般行政管理事务', code: '2010102', amounts: [['9.00', 0.2], '30.00', '470.00'] },
      ]),
    );
    expect(corrections).toEqual([]);
  });

  it('takes no proof from an identity whose other cells are in doubt (a confident number with its point lost)', () => {
    // Printed 2.15 | 2.15: the OCR read 215 (confident, but no decimals where the column prints two) and 汪.5.
    const { corrections } = repair(
      table([
        { label: '合计', code: null, amounts: ['12.15', '12.15', undefined] },
        { label: '行政运行', code: '2010101', amounts: ['10.00', '10.00', undefined] },
        { label: '其他商品和服务支出', code: '2010102', amounts: [['215', 0.96], ['汪.5', 0.1], undefined] },
      ]),
    );
    expect(corrections.filter((c) => c.column === '基本支出')).toEqual([]);
  });

  it('leaves text-layer tables alone', () => {
    const { corrections } = repair(
      table([
        { label: '合计', code: null, amounts: ['1,100.00', '630.00', '470.00'] },
        { label: '行政运行', code: '2010101', amounts: ['600.00', '600.00', undefined] },
        { label: '一般行政管理事务', code: '2010102', amounts: [['560.00', null], '30.00', '470.00'] },
      ]),
    );
    expect(corrections).toEqual([]);
  });
});
