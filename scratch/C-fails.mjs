// Lists failing checks per document of an output folder: node scratch/C-fails.mjs DIR [name-substring]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
const dir = process.argv[2]; const only = process.argv[3];
let tot = { run: 0, pass: 0, fail: 0, skipped: 0 };
for (const name of readdirSync(dir).sort()) {
  const f = `${dir}/${name}/validation.json`;
  if (!existsSync(f)) continue;
  const v = JSON.parse(readFileSync(f, 'utf8'));
  for (const k of Object.keys(tot)) tot[k] += v.summary[k];
  if (only && !name.includes(only)) continue;
  const fails = v.checks.filter((c) => c.status === 'fail');
  console.log(`== ${name}: run ${v.summary.run} pass ${v.summary.pass} fail ${v.summary.fail} skipped ${v.summary.skipped}`);
  if (only) for (const c of fails) {
    const pages = [...new Set(c.refs.map((r) => r.page))].join(',');
    console.log(`  ${c.id} [p${pages}] ${c.message}`);
  }
}
console.log('TOTAL', JSON.stringify(tot));
