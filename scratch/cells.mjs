// Re-read the missed amount cells (from scan.mjs output + doc json) cut out of the straightened page at several scales.
import fs from 'node:fs';
const D = '/tmp/D-tree/dist/';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const { findPaints, pageImage, estimateSkew, rotateSmall } = await import(D + 'src/ocr/index.js');
const { resize, crop } = await import(D + 'src/ocr/image.js');
const { createNodeOcrEngine } = await import(D + 'src/ocr/node.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const docj = JSON.parse(fs.readFileSync('/tmp/D-scan-doc-base.json', 'utf8'));
const misses = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.includes('MISS')).map((l) => { const m = /MISS (\d+)\|(\d+)\|(\d+) .*want (\S+) got/.exec(l); return { order: +m[1], row: +m[2], col: +m[3], want: m[4] }; });
const factors = process.argv[3].split(',').map(Number);
const pdf = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync('samples/yaan-2025-budget-scanned.pdf')), verbosity: 0, isEvalSupported: false }).promise;
const engine = createNodeOcrEngine({ workers: 2 });
const pages = new Map();
async function straight(n) {
  if (pages.has(n)) return pages.get(n);
  const page = await pdf.getPage(n);
  const ops = await page.getOperatorList();
  const paint = findPaints(ops.fnArray, ops.argsArray, page.getViewport({ scale: 1 }).transform);
  const input = await pageImage(page, paint, pdf.canvasFactory, { ...DEFAULT_SETTINGS, ocrMinScanDpi: 0 });
  const skew = estimateSkew(input.image);
  const v = { img: rotateSmall(input.image, -skew), map: input.map, dpi: input.dpi };
  pages.set(n, v);
  return v;
}
const jobs = [];
for (const m of misses) {
  const t = docj.tables.find((t) => t.order === m.order);
  const key = t.columns[m.col]?.key;
  const cell = t.rows[m.row - 1]?.cells[key];
  if (!cell?.bbox) continue;
  const p = await straight(cell.page);
  const [x0, y0, x1, y1] = cell.bbox.map((v, k) => (k % 2 === 0 ? (v - p.map.x0) / p.map.sx : (v - p.map.y0) / p.map.sy));
  const pad = 6;
  const piece = crop(p.img, x0 - pad, y0 - pad, x1 + pad, y1 + pad, 10);
  jobs.push(Promise.all(factors.map(async (f) => { const r = await engine.recognize(resize(piece, f), { dpi: p.dpi * f, layout: 'line' }); return `${r.words.map((w) => w.text).join('')}(${r.meanConfidence.toFixed(2)})`; })).then((outs) => console.log(`${m.order}|${m.row}|${m.col} want ${m.want} page ${JSON.stringify(cell.raw)} -> ${outs.join('  ')}`)));
}
await Promise.all(jobs);
await engine.terminate();
