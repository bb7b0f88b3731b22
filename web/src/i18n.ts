/** Interface texts: Chinese first, English available (toggle in the header, remembered in localStorage). */

export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '预算公开表提取',
  tagline: '把部门预算、决算 PDF 中的公开表格提取为 CSV / Excel / JSON，并核对数字是否相加一致。',
  privacy: '文件只在您的浏览器中处理，不会上传到任何服务器；页面加载后可离线使用。',
  switchLang: 'English',
  dropHere: '把 PDF 文件拖到这里',
  or: '或',
  choose: '选择文件…',
  severalOk: '可一次选择多个文件',
  queued: '排队中',
  reading: (done: number, total: number) => `正在读取第 ${done} / ${total} 页`,
  building: '正在重建表格并核对…',
  ocrReading: (done: number, total: number) => `文字识别（OCR）：已识别 ${done} / ${total} 页扫描图像（首次使用需加载约 9 MB 的识别程序和数据）`,
  ocrMode: '文字识别（OCR）：',
  ocrModes: { auto: '自动（仅扫描页）', always: '所有页面', never: '不使用' } as Record<'auto' | 'always' | 'never', string>,
  doneIn: (s: number) => `完成，用时 ${s.toFixed(1)} 秒`,
  failed: '无法处理',
  notPdf: '不是 PDF 文件',
  department: '部门',
  year: '年度',
  pages: '页数',
  tablesFound: (n: number) => `找到 ${n} 张表`,
  checks: (run: number, fail: number) => `核对 ${run} 项，未通过 ${fail} 项`,
  noTables: '没有找到编号的公开表。',
  downloadsDoc: '下载整个文件：',
  dlDocumentJson: 'document.json（全部表格）',
  dlRecordsCsv: 'records.csv（逐单元格记录）',
  dlValidationJson: 'validation.json（核对结果）',
  dlValidationMd: 'validation.md（核对报告）',
  colNumber: '编号',
  colTitle: '表名',
  colKind: '类型',
  colUnit: '单位',
  colPages: '页码',
  colFailed: '未通过核对',
  open: '打开',
  close: '关闭',
  unitInferred: '（推断）',
  none: '—',
  dlCsv: '下载 CSV',
  dlXlsx: '下载 Excel (XLSX)',
  copyTsv: '复制到剪贴板',
  copied: '已复制（制表符分隔，可直接粘贴到表格软件）',
  copyFailed: '复制失败，请检查浏览器权限',
  failedChecks: (n: number) => `未通过的核对（${n}）`,
  allChecksPass: '本表的核对全部通过。',
  emptyTable: '本表无数据',
  sourcePage: '原文第',
  sourcePageSuffix: '页',
  pageOf: (p: number) => `第 ${p} 页`,
  tableArea: '表格区域',
  printed: '印刷数',
  expected: '各项合计',
  difference: '差额',
  rule: '规则',
  where: '位置',
  row: '行',
  moreCells: (n: number) => `，及另外 ${n} 个单元格`,
  column: '列',
  severity: { error: '错误', warning: '警告', info: '提示' } as Record<string, string>,
  method: { ruled: '有框线', unruled: '无框线' } as Record<string, string>,
  source: { text: '文字层', ocr: '文字识别', mixed: '混合' } as Record<string, string>,
  quality: '质量',
  ocrConfidence: (c: number) => `文字识别置信度 ${Math.round(c * 100)}%`,
  rendering: '正在绘制页面…',
  renderFailed: '无法绘制页面',
  showOnPage: '在原页面上显示',
  footer: '与命令行工具 budget-tables 使用同一套提取与核对代码。',
};

export type Texts = typeof zh;

const en: Texts = {
  appTitle: 'Budget tables from PDF',
  tagline: 'Extract the numbered public tables of Chinese department budgets and final accounts to CSV / Excel / JSON, and check that the figures add up.',
  privacy: 'Files are processed in your browser only and never uploaded; once loaded, the page works offline.',
  switchLang: '中文',
  dropHere: 'Drop PDF files here',
  or: 'or',
  choose: 'Choose files…',
  severalOk: 'several at once are fine',
  queued: 'Queued',
  reading: (done, total) => `Reading page ${done} of ${total}`,
  building: 'Rebuilding tables and checking…',
  ocrReading: (done, total) => `OCR: ${done} of ${total} scanned page images read (the first use loads about 9 MB of OCR program and data)`,
  ocrMode: 'OCR:',
  ocrModes: { auto: 'automatic (scanned pages only)', always: 'every page', never: 'off' },
  doneIn: (s) => `Done in ${s.toFixed(1)} s`,
  failed: 'Could not process',
  notPdf: 'not a PDF file',
  department: 'Department',
  year: 'Year',
  pages: 'Pages',
  tablesFound: (n) => `${n} table${n === 1 ? '' : 's'} found`,
  checks: (run, fail) => `${run} checks, ${fail} failed`,
  noTables: 'No numbered public tables found.',
  downloadsDoc: 'Download the whole document:',
  dlDocumentJson: 'document.json (all tables)',
  dlRecordsCsv: 'records.csv (one line per cell)',
  dlValidationJson: 'validation.json (checks)',
  dlValidationMd: 'validation.md (report)',
  colNumber: 'No.',
  colTitle: 'Title',
  colKind: 'Kind',
  colUnit: 'Unit',
  colPages: 'Pages',
  colFailed: 'Failed checks',
  open: 'Open',
  close: 'Close',
  unitInferred: ' (inferred)',
  none: '—',
  dlCsv: 'Download CSV',
  dlXlsx: 'Download Excel (XLSX)',
  copyTsv: 'Copy to clipboard',
  copied: 'Copied (tab-separated: paste into any spreadsheet)',
  copyFailed: 'Could not copy: check the browser’s permissions',
  failedChecks: (n) => `Failed checks (${n})`,
  allChecksPass: 'Every check of this table passes.',
  emptyTable: 'This table has no data',
  sourcePage: 'Source page',
  sourcePageSuffix: '',
  pageOf: (p) => `page ${p}`,
  tableArea: 'table area',
  printed: 'Printed',
  expected: 'Parts add up to',
  difference: 'Difference',
  rule: 'Rule',
  where: 'Where',
  row: 'row',
  moreCells: (n) => `, and ${n} more cell${n === 1 ? '' : 's'}`,
  column: 'column',
  severity: { error: 'error', warning: 'warning', info: 'info' },
  method: { ruled: 'ruled', unruled: 'unruled' },
  source: { text: 'text layer', ocr: 'OCR', mixed: 'mixed' },
  quality: 'quality',
  ocrConfidence: (c) => `OCR confidence ${Math.round(c * 100)}%`,
  rendering: 'Rendering the page…',
  renderFailed: 'Could not render the page',
  showOnPage: 'Show on the page',
  footer: 'Runs the same extraction and checking code as the budget-tables command.',
};

/** Table kinds (output contract) in both languages. */
const KINDS: Record<string, [string, string]> = {
  revenue_expenditure_summary: ['收支总表', 'Revenue and expenditure summary'],
  revenue_summary: ['收入总表', 'Revenue summary'],
  expenditure_summary: ['支出总表', 'Expenditure summary'],
  fiscal_summary: ['财政拨款收支总表', 'Fiscal appropriations summary'],
  fiscal_expenditure_by_economic_class: ['财政拨款支出（经济分类）', 'Fiscal expenditure by economic class'],
  general_budget_expenditure: ['一般公共预算支出', 'General public budget expenditure'],
  general_budget_basic_expenditure: ['一般公共预算基本支出', 'General budget: basic expenditure'],
  general_budget_project_expenditure: ['一般公共预算项目支出', 'General budget: project expenditure'],
  general_budget_three_public: ['一般公共预算“三公”经费', 'General budget: “three public” costs'],
  government_fund_expenditure: ['政府性基金支出', 'Government fund expenditure'],
  government_fund_three_public: ['政府性基金“三公”经费', 'Government fund: “three public” costs'],
  state_capital_expenditure: ['国有资本经营支出', 'State capital operations expenditure'],
  project_performance_targets: ['项目绩效目标', 'Project performance targets'],
  overall_performance_targets: ['整体绩效目标', 'Overall performance targets'],
  other: ['其他', 'Other'],
};

export function kindName(kind: string, lang: Lang): string {
  const names = KINDS[kind];
  return names ? names[lang === 'zh' ? 0 : 1] : kind;
}

export function texts(lang: Lang): Texts {
  return lang === 'zh' ? zh : en;
}

const KEY = 'budget-tables.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // Storage may be disabled (private mode): Chinese then.
  }
  return 'zh';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Not remembered: fine.
  }
}
