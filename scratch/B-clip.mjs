import fs from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { clippedTextTest } from '../dist/src/ingest/clip.js';
import { clipIndex, textStarts } from '../dist/src/coverage/clip.js';
const [file, n] = process.argv.slice(2);
const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), cMapUrl: 'node_modules/pdfjs-dist/cmaps/', cMapPacked: true, verbosity: 0 }).promise;
const page = await doc.getPage(Number(n));
const content = await page.getTextContent({ disableNormalization: true });
const ops = await page.getOperatorList();
const test = clippedTextTest(ops.fnArray, ops.argsArray, 0.6);
const theirs = clipIndex(textStarts(ops.fnArray, ops.argsArray));
let mine = 0, cov = 0;
for (const it of content.items.slice(0, 400)) { if (!('str' in it)) continue; const c = test(it.transform, it.width); if (c) mine++; const t = theirs(it.transform[4], it.transform[5]); if (c || it.str.includes(process.argv[4] ?? '\u0000')) console.log(c, JSON.stringify(it.str), it.transform.map(v=>+v.toFixed(1)).join(','), JSON.stringify(t)); }
console.log('mine clipped', mine);
