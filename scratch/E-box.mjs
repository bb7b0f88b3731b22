// Page-pass words of the scanned sample inside a pixel box: node scratch/E-box.mjs x0 y0 x1 y1 (all pages; printed with a page-call counter)
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
const D = '/work/main/dist/';
const { readPdf } = await import(D + 'src/ingest/index.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const { nodePdfAssets } = await import(D + 'src/cli/files.js');
const [x0, y0, x1, y1] = process.argv.slice(2).map(Number);
const want = process.argv[6];
let n = 0;
const engine = { concurrency: 2, async recognize(image, opts) {
  const h = createHash('sha1').update(image.data).update(`${image.width}x${image.height}|${JSON.stringify(opts)}`).digest('hex');
  const r = JSON.parse(fs.readFileSync(path.join('/tmp/D-ocr-cache', h + '.json'), 'utf8'));
  if (!opts.layout) { n++; const ws = r.words.filter((w) => w.bbox[0] < x1 && w.bbox[2] > x0 && w.bbox[1] < y1 && w.bbox[3] > y0);
    if (ws.some((w) => w.text.includes(want))) for (const w of ws) console.log(n, JSON.stringify(w)); }
  return r; }, terminate: async () => {} };
await readPdf(new Uint8Array(fs.readFileSync('/work/main/samples/yaan-2025-budget-scanned.pdf')), { assets: nodePdfAssets(), settings: DEFAULT_SETTINGS, ocr: { mode: 'auto', engine } });
