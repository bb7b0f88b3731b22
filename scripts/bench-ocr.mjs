#!/usr/bin/env node
// OCR benchmark: seconds per page of the project's OCR (tesseract.js, as the
// pipeline runs it) next to the native `tesseract` command on the same images,
// and the memory each tesseract.js worker adds. Asserts nothing; prints a table.
//
//   npm run bench:ocr -- [PDF] [--pages 7-12] [--workers 2]
//
// PDF defaults to samples/yaan-2025-budget-scanned.pdf. Uses the compiled
// code in dist/ (npx tsc -p . first). The native engine is Debian's
// tesseract-ocr + tesseract-ocr-chi-sim (`apt-get install -y tesseract-ocr
// tesseract-ocr-chi-sim`), run with OMP_THREAD_LIMIT=1 (without it OpenMP
// spin-waits and is several times slower); it is skipped when not installed.
//
// Per page, both engines get the same straightened grey image (PGM):
//   extract  pdf.js decodes the page's embedded JPEG (the pipeline's image step: it happens
//            in getOperatorList), grey conversion, skew estimate and rotation
//   js       one tesseract.js worker reading the page (chi_sim, PSM 3, LSTM; the page pass only, not the re-reads)
//   native   `tesseract page.pgm - -l chi_sim --psm 3 --dpi D tsv`, one thread
// then the pool: all pages through `--workers` tesseract.js workers (wall clock / pages).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(ROOT, 'dist', p));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(name);
  if (k < 0) return fallback;
  const [value] = args.splice(k, 2).slice(1);
  return value;
};
const pagesArg = option('--pages', '7-12');
const workers = Number(option('--workers', String(os.availableParallelism())));
const pdfFile = path.resolve(args[0] ?? path.join(ROOT, 'samples/yaan-2025-budget-scanned.pdf'));

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const { findPaints, pageImage, estimateSkew, rotateSmall, encodePgm } = await dist('src/ocr/index.js');
const { createNodeOcrEngine } = await dist('src/ocr/node.js');
const { DEFAULT_SETTINGS } = await dist('src/core/settings.js');

function pageList(spec, count) {
  const out = [];
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let n = a; n <= (b || a); n++) if (n >= 1 && n <= count) out.push(n);
  }
  return out;
}

/** CPU seconds of this process (all threads) spent in fn, and its wall seconds. */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
}

function nativeVersion() {
  const r = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '';
  if (!/chi_sim/u.test(langs)) return null;
  return (r.stdout || r.stderr).split('\n')[0];
}

const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdfFile)), verbosity: 0, isEvalSupported: false }).promise;
const numbers = pageList(pagesArg, doc.numPages);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ocr-'));
const images = [];
const rows = [];
for (const n of numbers) {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  const extract = await timed(async () => {
    const ops = await page.getOperatorList();
    const paint = findPaints(ops.fnArray, ops.argsArray, viewport.transform);
    const input = await pageImage(page, paint, doc.canvasFactory, DEFAULT_SETTINGS);
    const skew = estimateSkew(input.image);
    return { ...input, image: Math.abs(skew) >= 0.05 ? rotateSmall(input.image, -skew) : input.image };
  });
  page.cleanup();
  const file = path.join(tmp, `p${n}.pgm`);
  fs.writeFileSync(file, encodePgm(extract.value.image));
  images.push({ n, file, ...extract.value });
  rows.push({ page: n, source: extract.value.source, dpi: Math.round(extract.value.dpi), extract: extract.wall, extractCpu: extract.cpu });
}
await doc.destroy();

// tesseract.js, one worker: per page.
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const single = createNodeOcrEngine({ workers: 1 });
// Start the worker outside the timings and read the first page once: the pool keeps its workers across
// pages and documents, so a page pays neither for loading the language data nor for the engine's first
// run (V8 first runs the WebAssembly as baseline code and compiles the hot functions optimized meanwhile).
const startup = await timed(() => single.recognize(images[0].image, { dpi: images[0].dpi }));
for (const [k, img] of images.entries()) {
  const r = await timed(() => single.recognize(img.image, { dpi: img.dpi }));
  rows[k].js = r.wall;
  rows[k].jsCpu = r.cpu;
  rows[k].words = r.value.words.length;
}
const peakOne = peak;
await single.terminate();

// The pool: every page through `workers` workers at once.
peak = process.memoryUsage().rss;
const before = peak;
const pool = createNodeOcrEngine({ workers });
const poolRun = await timed(() => Promise.all(images.map((img) => pool.recognize(img.image, { dpi: img.dpi }))));
const peakPool = peak;
await pool.terminate();
clearInterval(sampler);

// Native tesseract on the same images, with the parameters the pipeline gives tesseract.js
// (src/ocr/tesseract.ts: the defaults but for page segmentation and resolution).
const seconds = (t) => {
  const m = /^(\d+)m([\d.]+)s$/u.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};
/** CPU seconds of one native run on an image (bash's `times`: its finished children, user then system). */
function nativeCpu(file, dpi) {
  const command = 'tesseract "$1" - -l chi_sim --psm 3 --dpi "$2" tsv >/dev/null 2>&1; times';
  const out = execFileSync('bash', ['-c', command, 'bench', file, String(Math.round(dpi))], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    encoding: 'utf8',
  });
  const [user, system] = out.trim().split('\n')[1].split(/\s+/u).map(seconds);
  return user + system;
}
const version = nativeVersion();
// The command loads its language data on every run, as tesseract.js does once per worker: measured on a
// blank image, so that it can be set apart as the worker's start-up is.
let nativeStartup = 0;
if (version) {
  const blank = path.join(tmp, 'blank.pgm');
  fs.writeFileSync(blank, encodePgm({ width: 8, height: 8, data: new Uint8Array(64).fill(255) }));
  const runs = [0, 1, 2].map(() => nativeCpu(blank, 200));
  nativeStartup = runs.sort((a, b) => a - b)[1];
}
if (version) {
  for (const [k, img] of images.entries()) {
    const started = performance.now();
    rows[k].nativeCpu = nativeCpu(img.file, img.dpi);
    rows[k].native = (performance.now() - started) / 1000;
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const fmt = (v) => (v === undefined ? '—' : v.toFixed(2));
console.log(`OCR benchmark: ${path.relative(process.cwd(), pdfFile)}, pages ${numbers.join(',')}; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
console.log(`native: ${version ?? 'not installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)'}`);
console.log('');
console.log('Wall seconds, CPU seconds in brackets. ratio: (extract + tesseract.js) / native, CPU (the fair measure on a busy machine).');
console.log('');
console.log('| page | image | dpi | extract s | tesseract.js s | native s | ratio (cpu) | words |');
console.log('|---|---|---|---|---|---|---|---|');
const ratio = (r) => (r.nativeCpu ? ((r.extractCpu + r.jsCpu) / r.nativeCpu).toFixed(2) : '—');
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.source} | ${r.dpi} | ${fmt(r.extract)} (${fmt(r.extractCpu)}) | ${fmt(r.js)} (${fmt(r.jsCpu)}) | ${fmt(r.native)} (${fmt(r.nativeCpu)}) | ` +
      `${ratio(r)} | ${r.words} |`,
  );
}
const sum = (key) => rows.reduce((s, r) => s + (r[key] ?? 0), 0);
const perPage = (v) => (v / rows.length).toFixed(2);
const total = { extractCpu: sum('extractCpu'), jsCpu: sum('jsCpu') };
console.log('');
console.log(`per page: extract ${perPage(sum('extract'))} s (cpu ${perPage(total.extractCpu)}), tesseract.js ${perPage(sum('js'))} s (cpu ${perPage(total.jsCpu)}, 1 worker)`);
if (version) {
  const cpu = sum('nativeCpu');
  const ours = total.extractCpu + total.jsCpu;
  console.log(`  native: ${perPage(sum('native'))} s (cpu ${perPage(cpu)}); (extract + js) / native = ${(ours / cpu).toFixed(2)} cpu, js alone ${(total.jsCpu / cpu).toFixed(2)}`);
  const reading = cpu - nativeStartup * rows.length;
  console.log(
    `  native without its start-up (${nativeStartup.toFixed(2)} s cpu a run, loading the language data, measured on a blank image): ` +
      `${perPage(reading)} s cpu; (extract + js) / native = ${(ours / reading).toFixed(2)}, js alone ${(total.jsCpu / reading).toFixed(2)}   aim ≤ 1.25`,
  );
}
console.log(`worker start-up and a first reading of page ${images[0].n} (once per worker, outside the per-page figures): ${startup.wall.toFixed(2)} s`);
console.log(`pool of ${workers}: ${perPage(poolRun.wall)} s per page wall clock (${poolRun.wall.toFixed(1)} s for ${rows.length} pages)`);
console.log(`memory: one worker +${((peakOne - baseline) / 1e6).toFixed(0)} MB peak RSS; pool of ${workers} +${((peakPool - before) / 1e6).toFixed(0)} MB (${((peakPool - before) / 1e6 / workers).toFixed(0)} MB a worker)`);
