import { extractDocument } from '/work/main/dist/src/extract/index.js';
import { departmentBudgetPipeline } from '/work/main/dist/pipelines/department-budget/index.js';
import { DEFAULT_SETTINGS } from '/work/main/dist/src/core/settings.js';
import fs from 'node:fs';
import path from 'node:path';
const [file, which, rowsArg] = process.argv.slice(2);
const base = '/work/main/node_modules/pdfjs-dist/';
const { document: doc } = await extractDocument(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file), assets: { cMapUrl: base + 'cmaps/', standardFontDataUrl: base + 'standard_fonts/' }, pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
for (const t of doc.tables) {
  if (which && which !== 'all' && !which.split(',').includes(String(t.order))) continue;
  console.log(`#${t.order} ${t.title} kind=${t.kind} pages=${t.pages[0]}-${t.pages.at(-1)} ${t.method} rows=${t.rows.length}`);
  for (const c of t.columns) {
    const vals = t.rows.map(r => r.cells[c.key]).filter(Boolean);
    const money = vals.filter(v => v.value !== null).length;
    const sample = vals.filter(v => v.raw.trim()).slice(0, 4).map(v => v.raw.replace(/\s+/g, ' ').slice(0, 14));
    console.log(`   ${c.role.padEnd(15)} ${c.key}  [${money}/${vals.length}] ${JSON.stringify(sample)}`);
  }
  const n = Number(rowsArg ?? 0);
  for (const r of t.rows.slice(0, n)) console.log('     ', r.label, JSON.stringify(r.codes), Object.entries(r.cells).map(([k, c]) => `${k}=${c.raw}${c.value!==null?'$':''}`).join(' ; '));
}
