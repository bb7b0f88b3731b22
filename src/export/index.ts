import type { BudgetDocument, BudgetTable } from '../core/document.js';
import { BudgetTablesError } from '../core/errors.js';
import { formatAmount } from '../normalize/index.js';
import type { ValidationReport } from '../validate/index.js';
import { formatCsv } from './csv.js';
import { documentSchema, type DocumentJson } from './schema.js';

export { formatCsv } from './csv.js';
export { documentSchema, type DocumentJson } from './schema.js';

/** Header line of records.csv (contract order). */
export const RECORD_COLUMNS = [
  'department', 'year', 'table_number', 'table_kind', 'table_title', 'page', 'row', 'row_label',
  'function_code', 'economic_code', 'unit_code', 'column', 'value_raw', 'value', 'unit',
] as const;

/** The files of one document, by path relative to its output folder. */
export type OutputFiles = Map<string, string>;

/** document.json as a plain object, checked against the contract's schema (a mismatch is our bug). */
export function toDocumentJson(doc: BudgetDocument, validation: ValidationReport): DocumentJson {
  const json = {
    schemaVersion: 1 as const,
    source: doc.source,
    document: doc.document,
    tables: doc.tables.map((t) => ({
      order: t.order,
      number: t.number,
      title: t.title,
      kind: t.kind,
      unit: t.unit,
      unitInferred: t.unitInferred,
      pages: t.pages,
      source: t.source,
      method: t.method,
      quality: t.quality,
      note: t.note,
      columns: t.columns,
      rows: t.rows.map((row) => ({
        label: row.label,
        codes: row.codes,
        cells: Object.fromEntries(
          orderedCells(t, row).map(([key, cell]) => [
            key,
            {
              raw: cell.raw,
              value: cell.value === null ? null : formatAmount(cell.value, cell.scale),
              page: cell.page,
              bbox: cell.bbox,
              confidence: cell.confidence,
              rowSpan: cell.rowSpan,
            },
          ]),
        ),
      })),
    })),
    validation,
    corrections: doc.corrections ?? [],
    problems: doc.pageProblems,
    selectedTables: doc.selectedTables,
  };
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    throw new BudgetTablesError('OUTPUT_INVALID', `document.json does not match the contract: ${parsed.error.message}`);
  }
  return parsed.data;
}

function orderedCells(table: BudgetTable, row: BudgetTable['rows'][number]) {
  return table.columns.filter((c) => row.cells[c.key]).map((c) => [c.key, row.cells[c.key]!] as const);
}

/** records.csv lines (without header) of one document: one line per non-empty body cell. */
export function recordLines(doc: BudgetDocument): string[][] {
  const lines: string[][] = [];
  for (const table of doc.tables) {
    table.rows.forEach((row, r) => {
      for (const [key, cell] of orderedCells(table, row)) {
        lines.push([
          doc.document.department ?? '',
          doc.document.year === null ? '' : String(doc.document.year),
          table.number ?? '',
          table.kind,
          table.title,
          String(cell.page),
          String(r + 1),
          row.label,
          row.codes.function ?? '',
          row.codes.economic ?? '',
          row.codes.unit ?? '',
          key,
          cell.raw,
          cell.value === null ? '' : formatAmount(cell.value, cell.scale),
          table.unit ?? '',
        ]);
      }
    });
  }
  return lines;
}

/** `NN_TITLE.csv`: order with two digits, the title without characters outside letters, digits and CJK. */
export function tableFileName(table: BudgetTable): string {
  const title = table.title.replace(/[^\p{L}\p{N}]/gu, '');
  return `${String(table.order).padStart(2, '0')}_${title}.csv`;
}

/** A table as printed, for a spreadsheet: header line of column keys, then the body rows' raw texts. */
export function tableCsv(table: BudgetTable): string {
  const rows = [table.columns.map((c) => c.key), ...table.rows.map((row) => table.columns.map((c) => row.cells[c.key]?.raw ?? ''))];
  return formatCsv(rows, { bom: true });
}

export function validationMarkdown(doc: BudgetDocument, report: ValidationReport): string {
  const s = report.summary;
  const lines = [
    `# 校验报告 Validation report: ${doc.document.department ?? doc.source.file} ${doc.document.year ?? ''}`.trimEnd(),
    '',
    `源文件 Source: \`${doc.source.file}\` (${doc.source.pages} pages)`,
    '',
    '| 检查 checks | 通过 pass | 未通过 fail | 跳过 skipped | 舍入 rounding |',
    '|---|---|---|---|---|',
    `| ${s.run} | ${s.pass} | ${s.fail} | ${s.skipped} | ${s.rounding} |`,
    '',
  ];
  const failures = report.checks.filter((c) => c.status === 'fail');
  if (failures.length === 0) {
    lines.push('没有未通过的检查。 No check failed.', '');
  } else {
    lines.push('## 未通过的检查 Failed checks', '');
    for (const check of failures) {
      const ref = check.refs[0];
      const where = ref ? `表 ${ref.table}${ref.page ? `，第 ${ref.page} 页 (page ${ref.page})` : ''}` : '';
      lines.push(
        `### ${check.id}`,
        '',
        `- 位置 Where: ${where}`,
        `- 规则 Rule: ${check.rule}`,
        `- 印刷数 Printed: ${check.found ?? '—'}；应为 Expected: ${check.expected ?? '—'}；差额 Difference: ${check.difference ?? '—'}`,
        `- 说明 Message: ${check.message}`,
        '',
      );
    }
  }
  const skipped = report.checks.filter((c) => c.status === 'skipped');
  if (skipped.length > 0) {
    lines.push('## 跳过的检查 Skipped checks', '');
    for (const check of skipped) lines.push(`- ${check.id}: ${check.reason ?? ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Every file of one document's output folder, as text. */
export function renderOutputs(doc: BudgetDocument, report: ValidationReport): OutputFiles {
  const files: OutputFiles = new Map();
  files.set('document.json', `${JSON.stringify(toDocumentJson(doc, report), null, 2)}\n`);
  files.set('records.csv', formatCsv([[...RECORD_COLUMNS], ...recordLines(doc)]));
  for (const table of doc.tables) files.set(`tables/${tableFileName(table)}`, tableCsv(table));
  files.set('validation.json', `${JSON.stringify(report, null, 2)}\n`);
  files.set('validation.md', validationMarkdown(doc, report));
  return files;
}
