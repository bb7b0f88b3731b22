// Dump the straightened page crop around a box (pixels) as PGM.
import fs from 'node:fs';
const D = '/tmp/D-tree/dist/';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const { findPaints, pageImage, estimateSkew, rotateSmall, encodePgm } = await import(D + 'src/ocr/index.js');
const { crop, resize, eraseRules } = await import(D + 'src/ocr/image.js');
const { DEFAULT_SETTINGS } = await import(D + 'src/core/settings.js');
const [n, x0, y0, x1, y1, scale, out] = process.argv.slice(2);
const pdf = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync('samples/yaan-2025-budget-scanned.pdf')), verbosity: 0, isEvalSupported: false }).promise;
const page = await pdf.getPage(+n);
const ops = await page.getOperatorList();
const paint = findPaints(ops.fnArray, ops.argsArray, page.getViewport({ scale: 1 }).transform);
const input = await pageImage(page, paint, pdf.canvasFactory, DEFAULT_SETTINGS);
const skew = estimateSkew(input.image);
const straight = rotateSmall(input.image, -skew);
fs.writeFileSync(out, encodePgm(resize(crop(eraseRules(crop(straight, +x0, +y0, +x1, +y1), 0.7), 0, 0, 1e9, 1e9, 10), +scale)));
