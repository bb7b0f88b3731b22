// usage: node scratch/B-golden.mjs golden-folder/table
import fs from 'node:fs';
import path from 'node:path';
import { departmentBudgetPipeline } from '../dist/pipelines/department-budget/index.js';
import { nodePdfAssets } from '../dist/src/cli/files.js';
import { DEFAULT_SETTINGS } from '../dist/src/core/settings.js';
import { toDocumentJson } from '../dist/src/export/index.js';
import { extractDocument } from '../dist/src/extract/index.js';
const norm = (s) => s.normalize('NFKC').replace(/\s+/gu, '');
for (const id of process.argv.slice(2)) {
const golden = JSON.parse(fs.readFileSync(`tests/golden/${id}.json`, 'utf8'));
const file = path.resolve('/work/shared/corpus/real', golden.document);
const { document: d, validation } = await extractDocument(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file), assets: nodePdfAssets(), pipeline: departmentBudgetPipeline, settings: DEFAULT_SETTINGS });
const doc = toDocumentJson(d, validation);
const title = norm(golden.table.title); const first = golden.table.pages[0];
const named = doc.tables.filter((t) => norm(t.title) === title || (golden.table.number !== null && t.number === golden.table.number));
const table = named.find((t) => t.pages.includes(first)) ?? named[0];
const diffs = [];
if (!table) { console.log(id, 'no table'); continue; }
const gotColumns = table.columns.map((c) => c.key);
if (JSON.stringify(gotColumns) !== JSON.stringify(golden.columns)) diffs.push(`columns: got [${gotColumns.join(' | ')}] want [${golden.columns.join(' | ')}]`);
const samePlaces = gotColumns.length === golden.columns.length;
const toolKey = (k) => (samePlaces ? (gotColumns[golden.columns.indexOf(k)] ?? k) : k);
if (table.rows.length !== golden.rows.length) diffs.push(`rows: expected ${golden.rows.length}, got ${table.rows.length}`);
const n = Math.max(table.rows.length, golden.rows.length);
for (let r = 0; r < n; r++) {
  const want = golden.rows[r]; const got = table.rows[r];
  if (!want) { diffs.push(`row ${r + 1}: unexpected ${JSON.stringify(Object.fromEntries(Object.entries(got.cells).map(([k, c]) => [k, c.raw])))}`); continue; }
  if (!got) { diffs.push(`row ${r + 1}: missing`); continue; }
  const gotCells = new Map(Object.entries(got.cells).map(([k, c]) => [k, norm(c.raw)]));
  const used = new Set();
  for (const [key, cell] of Object.entries(want)) {
    const raw = norm(typeof cell === 'string' ? cell : cell.raw);
    const keys = (typeof cell === 'string' ? [key] : cell.anyOf).map(toolKey);
    const hit = keys.find((k) => gotCells.get(k) === raw);
    if (hit) { used.add(hit); continue; }
    const found = keys.map((k) => gotCells.get(k)).find((v) => v !== undefined);
    diffs.push(`row ${r + 1} / ${key}: expected "${raw}", got ${found === undefined ? 'nothing' : `"${found}"`}`);
    for (const k of keys) used.add(k);
  }
  for (const [key, raw] of gotCells) if (!used.has(key)) diffs.push(`row ${r + 1} / ${key}: unexpected "${raw}"`);
}
console.log(`== ${id}: ${diffs.length} diffs`); for (const x of diffs.slice(0, 40)) console.log('  ' + x.slice(0, 300));
}
