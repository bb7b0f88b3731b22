// Which OCR calls (page pass and re-reads) of the scanned sample read TEXT (regex): prints call options and words.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
const D = '/work/main/dist/';
const { readPdf } = await import(D + 'src/ingest/index.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const { nodePdfAssets } = await import(D + 'src/cli/files.js');
const CACHE = '/tmp/D-ocr-cache';
const re = new RegExp(process.argv[2], 'u');
const engine = { concurrency: 2, async recognize(image, opts) {
  const h = createHash('sha1').update(image.data).update(`${image.width}x${image.height}|${JSON.stringify(opts)}`).digest('hex');
  const r = JSON.parse(fs.readFileSync(path.join(CACHE, h + '.json'), 'utf8'));
  if (!opts.layout) { for (const w of r.words) if (re.test(w.text)) console.log('PAGE', image.width, JSON.stringify(w)); }
  else { const t = r.words.map((w) => w.text).join(''); if (re.test(t)) console.log('REREAD', JSON.stringify(opts), image.width + 'x' + image.height, t, r.meanConfidence.toFixed(2)); }
  return r; }, terminate: async () => {} };
await readPdf(new Uint8Array(fs.readFileSync('/work/main/samples/yaan-2025-budget-scanned.pdf')), { assets: nodePdfAssets(), settings: DEFAULT_SETTINGS, ocr: { mode: 'auto', engine } });
