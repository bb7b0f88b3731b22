import type { BudgetDocument } from '../core/document.js';
import type { PipelineSpec } from '../core/pipeline.js';
import type { Settings } from '../core/settings.js';
import { summarize, type ValidationReport } from './report.js';
import { crossTableChecks, matchedRowsChecks } from './cross-rules.js';
import { codeNameChecks, unitCodeColumnChecks, unitNameChecks } from './names.js';
import { proseChecks } from './prose.js';
import { headerNestingChecks, shiftedRowChecks, shiftedSectionRowChecks } from './structure.js';
import { columnSumChecks, rowIdentityChecks } from './table-rules.js';

export type { CheckRef, CheckSeverity, CheckStatus, ValidationCheck, ValidationReport } from './report.js';

/** Runs every check on a document and collects the results; data problems never throw. */
export function validateDocument(doc: BudgetDocument, pipeline: PipelineSpec, settings: Settings): ValidationReport {
  const checks = [
    ...doc.tables.flatMap((table) => [...rowIdentityChecks(table, settings), ...columnSumChecks(table, settings, pipeline.totalLabel)]),
    ...crossTableChecks(doc, pipeline, settings),
    ...matchedRowsChecks(doc, pipeline, settings),
    ...proseChecks(doc, pipeline, settings),
    ...unitNameChecks(doc, pipeline),
    ...codeNameChecks(doc, pipeline, settings),
    ...unitCodeColumnChecks(doc, pipeline),
    ...shiftedRowChecks(doc, pipeline, settings),
    ...shiftedSectionRowChecks(doc, pipeline, settings),
    ...headerNestingChecks(doc),
  ];
  return summarize(checks);
}
