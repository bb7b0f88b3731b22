import fs from 'node:fs';
import { readPdfText } from '../dist/src/coverage/pdftext.js';
import { readPage } from '../dist/src/coverage/printed.js';
const [file, pageNo, re] = process.argv.slice(2);
const text = await readPdfText(new Uint8Array(fs.readFileSync(file)));
const r = readPage(text.pages.find((p) => p.page === Number(pageNo)));
for (const l of r.lines) for (const t of l.tokens) if (new RegExp(re, 'u').test(t.text)) console.log(JSON.stringify(t.text), Math.round(t.x0), Math.round(t.x1), Math.round(t.top), Math.round(t.bottom));
