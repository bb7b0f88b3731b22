import { createWorker } from 'tesseract.js';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(),'tl-'));
for (const l of ['chi_sim','eng']) fs.symlinkSync(path.resolve(`node_modules/@tesseract.js-data/${l}/4.0.0_best_int/${l}.traineddata.gz`), path.join(dir, `${l}.traineddata.gz`));
const langs = process.argv[2];
const w = await createWorker(langs, 1, { langPath: dir, gzip: true, cacheMethod: 'none', errorHandler: ()=>{} });
const r = await w.recognize(process.argv[3]);
console.log(langs, JSON.stringify(r.data.text.slice(0,200)));
await w.terminate();
