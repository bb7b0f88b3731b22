// Failing checks of some corpus documents with a wider totalLabel (收入合计/支出合计): node scratch/C-total.mjs FILE...
import { readFileSync } from 'node:fs';
import { departmentBudgetPipeline } from '../dist/pipelines/department-budget/index.js';
import { nodePdfAssets } from '../dist/src/cli/files.js';
import { DEFAULT_SETTINGS } from '../dist/src/core/settings.js';
import { extractDocument } from '../dist/src/extract/index.js';
const pipeline = { ...departmentBudgetPipeline, totalLabel: /^(合计|总计|(本年|当年)?(收入|支出)(合计|小计)|收入总计|支出总计)$/ };
for (const file of process.argv.slice(2)) {
  const { validation } = await extractDocument(new Uint8Array(readFileSync(file)), { fileName: file, assets: nodePdfAssets(), pipeline, settings: DEFAULT_SETTINGS });
  console.log(file, JSON.stringify(validation.summary));
  for (const c of validation.checks.filter((c) => c.status === 'fail')) console.log('  ', c.id, c.message.slice(0, 160));
}
