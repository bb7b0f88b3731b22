import fs from 'node:fs';
const D = '/work/main/dist/';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const { findPaints, pageImage, estimateSkew, rotateSmall } = await import(D + 'src/ocr/index.js');
const { resize } = await import(D + 'src/ocr/image.js');
const { createNodeOcrEngine } = await import(D + 'src/ocr/node.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const pages = process.argv[2].split(',').map(Number);
const factors = process.argv[3].split(',').map(Number);
const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync('samples/yaan-2025-budget-scanned.pdf')), verbosity: 0, isEvalSupported: false }).promise;
const engine = createNodeOcrEngine({ workers: 2 });
const jobs = [];
for (const n of pages) {
  const page = await doc.getPage(n);
  const ops = await page.getOperatorList();
  const paint = findPaints(ops.fnArray, ops.argsArray, page.getViewport({ scale: 1 }).transform);
  const input = await pageImage(page, paint, doc.canvasFactory, DEFAULT_SETTINGS);
  const skew = estimateSkew(input.image);
  const straight = rotateSmall(input.image, -skew);
  for (const f of factors) jobs.push((async () => {
    const t = Date.now();
    const r = await engine.recognize(resize(straight, f), { dpi: input.dpi * f });
    const nums = r.words.filter((w) => /\d/.test(w.text));
    const good = nums.filter((w) => /^\d{1,3}(,\d{3})*\.\d\d$/.test(w.text)).length;
    const bad = nums.filter((w) => !/^\d{1,3}(,\d{3})*\.\d\d$/.test(w.text) && !/^\d{3,7}$/.test(w.text));
    const nopoint = nums.filter((w) => /^\d{2,4}$/.test(w.text) && w.bbox[0] > 700 * f);
    console.log(`page ${n} x${f}: ${((Date.now() - t) / 1000).toFixed(0)} s, words ${r.words.length}, conf ${r.meanConfidence.toFixed(3)}, amounts ${good}, odd ${bad.length}: ${bad.map((w) => w.text).join(' ')} | nopoint(right) ${nopoint.map((w) => w.text).join(' ')}`);
  })());
}
await Promise.all(jobs);
await engine.terminate();
