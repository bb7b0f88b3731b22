// Per-document summary rows (markdown) of an output folder, keyed by the corpus MANIFEST: node scratch/C-table.mjs DIR
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
const dir = process.argv[2];
const manifest = readFileSync('/work/shared/corpus/real/MANIFEST.tsv', 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const bySha = new Map(manifest.map((m) => [m[6], m]));
const rows = [];
const tot = { run: 0, pass: 0, fail: 0, skipped: 0 };
for (const name of readdirSync(dir)) {
  const f = `${dir}/${name}/document.json`;
  if (!existsSync(f)) continue;
  const d = JSON.parse(readFileSync(f, 'utf8'));
  const m = bySha.get(d.source.sha256);
  if (!m || m[2].startsWith('image')) continue;
  const v = JSON.parse(readFileSync(`${dir}/${name}/validation.json`, 'utf8'));
  for (const k of Object.keys(tot)) tot[k] += v.summary[k];
  rows.push(`| ${m[0]} | ${d.tables.length} | ${v.summary.run} | ${v.summary.pass} | ${v.summary.fail} | ${v.summary.skipped} |`);
}
rows.sort();
console.log(rows.join('\n'));
console.log(`| **${rows.length} documents** | | **${tot.run}** | **${tot.pass}** | **${tot.fail}** | **${tot.skipped}** |`);
