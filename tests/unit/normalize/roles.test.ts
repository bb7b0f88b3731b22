import { describe, expect, it } from 'vitest';
import { departmentBudgetPipeline } from '../../../pipelines/department-budget/index.js';
import type { BudgetTable } from '../../../src/core/document.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import type { Grid, TableRegion } from '../../../src/core/types.js';
import { normalizeTable } from '../../../src/normalize/table.js';
import { isColumnNumberRow } from '../../../src/normalize/roles.js';
import { gridOfTexts as grid } from '../../helpers/synthetic.js';

function normalize(g: Grid, kind = 'other'): BudgetTable {
  const region: TableRegion = { number: null, title: 't', titleRaw: 't', unit: '万元', departmentLine: null, kind, parts: [] };
  const spec = departmentBudgetPipeline.tables.find((s) => s.kind === kind) ?? null;
  return normalizeTable({ region, grid: g, order: 1, spec, pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
}

const roles = (t: BudgetTable): Record<string, string> => Object.fromEntries(t.columns.map((c) => [c.key, c.role]));
/** Values of a column, body row by row (null: held as text or not printed). */
const values = (t: BudgetTable, key: string): Array<string | null> => t.rows.map((r) => r.cells[key]?.value?.toString() ?? null);

describe('column roles: the column’s own name before the words above it', () => {
  it('a money name is money although a parent or the name itself holds a text word (采购, 指标)', () => {
    const t = normalize(
      grid(2, [
        ['科目名称', ['2026年政府采购项目', 2], '指标结余', '项目总额'],
        ['', '小计', '其中:预留给中小企业的项目资金规模', '', ''],
        ['行政运行', '94.28', '8.00', '15.00', '3,706.162172'],
      ]),
    );
    expect(roles(t)).toEqual({
      科目名称: 'label',
      '2026年政府采购项目/小计': 'amount',
      '2026年政府采购项目/其中:预留给中小企业的项目资金规模': 'amount',
      指标结余: 'amount',
      项目总额: 'amount',
    });
    expect(values(t, '2026年政府采购项目/小计')).toEqual(['94.28']);
  });

  it('a 项目总额 column is money in a 绩效目标表 whose spec names the money columns', () => {
    const t = normalize(grid(1, [['项目名称', '项目总额', '权重'], ['运维', '39.500000', '20']]), 'project_performance_targets');
    expect(roles(t)).toEqual({ 项目名称: 'label', 项目总额: 'amount', 权重: 'text' });
  });

  it('counts, scores and row numbers are not money (数量, 分值, 得分, 行次)', () => {
    const t = normalize(
      grid(1, [
        ['品目名称', '数量', '预算金额', '分值', '得分', '行次'],
        ['台式计算机', '33896', '23,661,600.00', '0.58', '0.58', '1'],
      ]),
    );
    expect(roles(t)).toEqual({ 品目名称: 'label', 数量: 'text', 预算金额: 'amount', 分值: 'text', 得分: 'text', 行次: 'text' });
    expect(values(t, '数量')).toEqual([null]);
    expect(values(t, '行次')).toEqual([null]);
  });

  it('a 行次 header is the name of a column of row numbers, not a 栏次 label', () => {
    const t = normalize(
      grid(2, [
        [['收入', 3], ['支出', 3]],
        ['项目', '行次', '金额', '项目', '行次', '金额'],
        ['一、一般公共预算财政拨款', '1', '296,030.91', '一、一般公共服务支出', '33', '56.00'],
      ]),
      'fiscal_summary',
    );
    expect(t.columns.map((c) => `${c.key}:${c.role}`)).toEqual([
      '收入/项目:label',
      '收入/行次:text',
      '收入/金额:amount',
      '支出/项目:label',
      '支出/行次:text',
      '支出/金额:amount',
    ]);
    expect(t.rows.map((r) => Object.values(r.cells).filter((c) => c.value !== null).map((c) => c.raw))).toEqual([['296,030.91'], ['56.00']]);
  });

  it('a code column under a total word that belongs to the next column keeps its code role (项目/功能分类科目编码/合计)', () => {
    const t = normalize(
      grid(3, [
        [['项目', 2], '本年收入合计'],
        ['功能分类科目编码', '科目名称', ''],
        [['合计', 2], ''],
        ['205', '教育支出', ''],
        ['20502', '普通教育', ''],
        ['…', '…', ''],
      ]),
      'revenue_summary',
    );
    expect(roles(t)).toEqual({ '项目/功能分类科目编码/合计': 'function_code', '项目/科目名称/合计': 'label', 本年收入合计: 'amount' });
    expect(t.rows.flatMap((r) => Object.values(r.cells).filter((c) => c.value !== null))).toEqual([]);
    expect(t.rows[0]!.codes.function).toBe('205');
    expect(t.rows[0]!.label).toBe('教育支出');
  });

  it('a wrapped code header split into levels (科目代/码) is still a code column', () => {
    const t = normalize(grid(2, [['科目代', '科目名称', '决算数'], ['码', '', ''], ['30101', '基本工资', '32,390.68']]), 'general_budget_basic_expenditure');
    expect(roles(t)['科目代/码']).toBe('function_code');
    expect(t.rows[0]!.codes.economic).toBe('30101');
    expect(values(t, '科目代/码')).toEqual([null]);
  });
});

describe('column roles: a header that names nothing, or no header, goes by the body', () => {
  it('a column of words under an unknown header is text; one of amounts is money', () => {
    const t = normalize(grid(1, [['功能科目', '完成情况说明', '公用经费'], ['行政运行', '任务完成', '12.00'], ['一般行政管理事务', '基本完成', '3.50']]));
    expect(roles(t)).toEqual({ 功能科目: 'label', 完成情况说明: 'text', 公用经费: 'amount' });
  });

  it('an empty column under an unknown header stays money', () => {
    const t = normalize(grid(1, [['功能科目', '事业收入'], ['行政运行', '']]));
    expect(roles(t)).toEqual({ 功能科目: 'label', 事业收入: 'amount' });
  });
});

describe('headerless forms: the field printed above a number types it', () => {
  // A 部门整体支出绩效目标表: fields in the body, indicator values under 指标值, weights under 备注.
  const form = grid(0, [
    ['单位编码', '年度预算申请', '', '', ''],
    ['', '资金总额', '按收入性质分', '', ''],
    ['', '', '一般公共预算', '指标值', '备注'],
    ['126001', '1,935.36', '1,935.36', '1517.95', '10'],
    ['', '', '', '不适用', '-'],
    ['', '', '', '10000', '4'],
  ]);
  const t = normalize(form, 'overall_performance_targets');

  it('money under money fields and under names the rules do not know (一般公共预算)', () => {
    expect(values(t, '列2')).toContain('1935.36');
    expect(values(t, '列3')).toContain('1935.36');
  });

  it('no money under codes, indicator values or remarks, nor under an indicator value such as 不适用', () => {
    expect(values(t, '列1').filter((v) => v !== null)).toEqual([]);
    expect(values(t, '列4').filter((v) => v !== null)).toEqual([]);
    expect(values(t, '列5').filter((v) => v !== null)).toEqual([]);
  });

  it('a form column mostly of words is typed text, its money cells keep their values', () => {
    expect(roles(t)['列2']).toBe('text');
    expect(values(t, '列2')).toEqual([null, null, null, '1935.36', null, null]);
  });
});

describe('forms read with a header: a field name in the body retypes the numbers below it', () => {
  it('全年预算数 over money, 年度指标值 over indicator values, 得分 over scores', () => {
    const t = normalize(
      grid(1, [
        ['采供血业务经费项目', '全年预算数(A)', '执行率(B/A)'],
        ['年度资金总额', '785.31', '89.55%'],
        ['一级指标', '年度指标值', '得分'],
        ['产出指标', '100', '12.5'],
      ]),
    );
    expect(values(t, '全年预算数(A)')).toEqual(['785.31', null, null]);
    expect(values(t, '执行率(B/A)')).toEqual([null, null, null]);
  });
});

describe('栏次 rows', () => {
  it('a row numbering the columns is no data row', () => {
    expect(isColumnNumberRow(['**', '**', '**', '1', '2', '3'])).toBe(true);
    expect(isColumnNumberRow(['栏次', '1', '栏次', '2'])).toBe(true);
    expect(isColumnNumberRow(['栏次', '', '5', '6', '7'])).toBe(true);
    expect(isColumnNumberRow(['栏次合计', '1', '2', '3'])).toBe(true);
    expect(isColumnNumberRow(['合计', '1', '2'])).toBe(false);
    expect(isColumnNumberRow(['', '3', '4'])).toBe(false);
    expect(isColumnNumberRow(['1', '3'])).toBe(false);
    expect(isColumnNumberRow(['1'])).toBe(false);
  });

  it('is dropped from the body', () => {
    const t = normalize(
      grid(1, [
        ['类', '款', '项', '功能科目', '合计', '本级财政拨款'],
        ['**', '**', '**', '**', '1', '2'],
        ['201', '40', '01', '行政运行', '1,517.95', '1,517.95'],
      ]),
      'revenue_summary',
    );
    expect(t.rows.map((r) => r.label)).toEqual(['行政运行']);
  });
});

describe('forms: a money field name printed left of a number types it', () => {
  it('资金总额 | 7.14 in a column headed 实施单位 is money; an integer beside a money name (a count) is not', () => {
    const t = normalize(
      grid(1, [
        ['项目名称', '专项资金情况', '实施单位'],
        ['项目资金(万元)', '资金总额：', '7.14'],
        ['', '其他资金', '0.00'],
        ['', '年度目标', '预计119人'],
        ['', '财政拨款', '119'],
      ]),
    );
    expect(roles(t)['实施单位']).toBe('text');
    expect(values(t, '实施单位')).toEqual(['7.14', '0', null, null]);
  });
});
