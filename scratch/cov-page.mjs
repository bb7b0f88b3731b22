import fs from 'node:fs';
import { readPdfText } from '../dist/src/coverage/pdftext.js';
import { readPage, columnHead } from '../dist/src/coverage/printed.js';
const [file, pageNo] = process.argv.slice(2);
const text = await readPdfText(new Uint8Array(fs.readFileSync(file)));
const page = text.pages.find((p) => p.page === Number(pageNo));
const r = readPage(page);
for (const n of r.numbers) console.log(n.text, n.exclusion, Math.round(n.x0), Math.round(n.top), '| head:', columnHead(r.lines, n));
