// Dump OCR items of pages of the scanned sample (OCR cached like scan.mjs). Usage: node scratch/E-items.mjs PAGE [y0 y1]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
const D = '/work/main/dist/';
const { readPdf } = await import(D + 'src/ingest/index.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const { nodePdfAssets } = await import(D + 'src/cli/files.js');
const { createNodeOcrEngine } = await import(D + 'src/ocr/node.js');
const CACHE = '/tmp/D-ocr-cache';
const inner = createNodeOcrEngine({ workers: 2 });
const engine = { concurrency: 2, async recognize(image, opts) {
  const h = createHash('sha1').update(image.data).update(`${image.width}x${image.height}|${JSON.stringify(opts)}`).digest('hex');
  const f = path.join(CACHE, h + '.json');
  if (fs.existsSync(f)) return JSON.parse(fs.readFileSync(f, 'utf8'));
  const r = await inner.recognize(image, opts); fs.writeFileSync(f, JSON.stringify(r)); return r; }, terminate: () => inner.terminate() };
const src = await readPdf(new Uint8Array(fs.readFileSync('/work/main/samples/yaan-2025-budget-scanned.pdf')), { assets: nodePdfAssets(), settings: DEFAULT_SETTINGS, ocr: { mode: 'auto', engine } });
await engine.terminate();
const [page, y0 = 0, y1 = 1e9] = process.argv.slice(2).map(Number);
const p = src.pages.find((q) => q.number === page);
for (const it of p.items.filter((i) => i.bbox[1] >= y0 && i.bbox[1] <= y1).sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0])) console.log(it.raw, it.bbox.map((v) => v.toFixed(1)).join(','), it.confidence?.toFixed(2));
console.log('rulings', p.rulings.filter(r=>r.orientation==='v').map(r=>r.position.toFixed(0)+':'+r.start.toFixed(0)+'-'+r.end.toFixed(0)).join(' '));
