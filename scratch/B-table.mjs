// usage: node scratch/B-table.mjs DOC TITLE_SUBSTR [maxRows]
import fs from 'node:fs';
import path from 'node:path';
import { departmentBudgetPipeline } from '../dist/pipelines/department-budget/index.js';
import { nodePdfAssets } from '../dist/src/cli/files.js';
import { DEFAULT_SETTINGS } from '../dist/src/core/settings.js';
import { toDocumentJson } from '../dist/src/export/index.js';
import { extractDocument } from '../dist/src/extract/index.js';
const [doc, title, max] = process.argv.slice(2);
const file = path.resolve('/work/shared/corpus/real', doc);
const { document: d, validation } = await extractDocument(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file), assets: nodePdfAssets(), pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
const j = toDocumentJson(d, validation);
for (const t of j.tables) {
  if (title && !t.title.includes(title)) { continue; }
  console.log(`#${t.order} ${t.number} ${t.title} pages ${t.pages} rows ${t.rows.length}`);
  console.log('  cols:', t.columns.map(c => `${c.key}:${c.role ?? c.type ?? ''}`).join(' | '));
  for (const r of t.rows.slice(0, Number(max ?? 1000))) console.log('  ', JSON.stringify(Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c.raw]))));
}
if (!title) console.log(j.tables.length);
