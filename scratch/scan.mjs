// Scanned sample: amounts exact before/after correction, and each miss. OCR calls cached on disk by image+options hash.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
const D = process.env.DIST ?? '/work/main/dist/';
const { extractDocument } = await import(D + 'src/extract/index.js');
const { departmentBudgetPipeline } = await import(D + 'pipelines/department-budget/index.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const { nodePdfAssets } = await import(D + 'src/cli/files.js');
const { toDocumentJson } = await import(D + 'src/export/index.js');
const { createNodeOcrEngine } = await import(D + 'src/ocr/node.js');
process.chdir('/work/main');
const CACHE = process.env.NOCACHE ? null : '/tmp/D-ocr-cache';
if (CACHE) fs.mkdirSync(CACHE, { recursive: true });
const inner = createNodeOcrEngine({ workers: 2 });
let calls = 0, hits = 0;
const engine = {
  concurrency: 2,
  async recognize(image, opts) {
    calls++;
    const h = createHash('sha1').update(image.data).update(`${image.width}x${image.height}|${JSON.stringify(opts)}`).digest('hex');
    const f = CACHE && path.join(CACHE, h + '.json');
    if (f && fs.existsSync(f)) { hits++; return JSON.parse(fs.readFileSync(f, 'utf8')); }
    const r = await inner.recognize(image, opts);
    if (f) fs.writeFileSync(f, JSON.stringify(r));
    return r;
  },
  terminate: () => inner.terminate(),
};
const file = process.argv[2] ?? 'samples/yaan-2025-budget-scanned.pdf';
const t0 = Date.now();
const result = await extractDocument(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file), assets: nodePdfAssets(), pipeline: departmentBudgetPipeline, settings: { ...DEFAULT_SETTINGS, ...JSON.parse(process.env.SETTINGS ?? '{}') }, ocr: { mode: 'auto', engine } });
await engine.terminate();
const secs = (Date.now() - t0) / 1000;
const doc = toDocumentJson(result.document, result.validation);
fs.writeFileSync('/tmp/D-scan-doc.json', JSON.stringify(doc, null, 1));
const corrections = result.document.corrections ?? [];
console.log(`${secs.toFixed(0)} s, ocr calls ${calls}, cache hits ${hits}; checks ${JSON.stringify(result.validation.summary)}`);
if (!file.includes('yaan')) process.exit(0);
const expected = JSON.parse(fs.readFileSync('samples/expected/yaan-2025-budget.json', 'utf8'));
const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/u;
const want = new Map(); const wantLabel = new Map();
for (const t of expected.tables) { const idx = new Map(t.columns.map((c, k) => [c.key, k])); t.rows.forEach((row, r) => { for (const [key, raw] of Object.entries(row.cells)) if (AMOUNT.test(raw)) { want.set(`${t.order}|${r + 1}|${idx.get(key)}`, raw); wantLabel.set(`${t.order}|${r + 1}|${idx.get(key)}`, `${t.number} ${row.label ?? ''} / ${key}`); } }); }
const got = new Map(); const conf = new Map();
for (const t of doc.tables) { const idx = new Map(t.columns.map((c, k) => [c.key, k])); t.rows.forEach((row, r) => Object.entries(row.cells).forEach(([key, c]) => { got.set(`${t.order}|${r + 1}|${idx.get(key)}`, c.raw); conf.set(`${t.order}|${r + 1}|${idx.get(key)}`, c.confidence); })); }
const colIdx = (order, key) => doc.tables.find((t) => t.order === order).columns.findIndex((c) => c.key === key);
const before = new Map(got);
for (const c of corrections) before.set(`${c.order}|${c.row}|${colIdx(c.order, c.column)}`, c.ocrText);
const share = (m) => { let e = 0; for (const [k, v] of want) if (m.get(k) === v) e++; return e; };
console.log(`amount cells exact: before ${share(before)}/${want.size} (${(100*share(before)/want.size).toFixed(1)} %), after ${share(got)}/${want.size} (${(100*share(got)/want.size).toFixed(1)} %); ${corrections.length} corrections`);
for (const c of corrections) { const k = `${c.order}|${c.row}|${colIdx(c.order, c.column)}`; console.log(`  CORR ${want.get(k) === c.raw ? 'ok ' : 'BAD'} ${c.table} r${c.row} ${c.column}: ${c.ocrText} -> ${c.raw} (want ${want.get(k)})`); }
console.log('tables', doc.tables.map((t) => t.number).join(' '));
for (const [k, v] of want) if (got.get(k) !== v) console.log(`  MISS ${k} ${wantLabel.get(k)}: want ${v} got ${JSON.stringify(got.get(k))} conf ${conf.get(k)}`);
