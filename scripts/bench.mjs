#!/usr/bin/env node
/**
 * npm run bench [-- FOLDER...] [--jobs 1,2] [--no-cli] [--no-ocr] [--batch N]
 *
 * A benchmark, not a test: it asserts nothing. On the PDFs of samples/ and of
 * each FOLDER (searched recursively), it measures on the same pages:
 *
 *   pdf.js      what pdf.js itself spends reading them: getTextContent +
 *               getOperatorList per page (the two calls ingest makes), in a
 *               process of its own, with the same options as ingest
 *   pipeline    the whole text path in one process: extractDocument
 *               (ingest, detection, reconstruction, normalization,
 *               validation) + renderOutputs + the atomic write of the files
 *   CLI         the real command (`extract --force`) with --jobs 1 and 2:
 *               wall time, CPU of all its processes, peak resident memory
 *               of the whole process tree (sampled from /proc, Linux)
 *   pdftotext   `pdftotext -layout` (poppler-utils), one process per file;
 *               skipped, with a note, when it is not installed
 *
 *   OCR         the command on the scanned documents (--ocr auto) with
 *               --jobs 1 and 2: seconds per OCR page, the speed-up, peak
 *               memory (`npm run bench:ocr` sets the engine against native
 *               tesseract page by page); --no-ocr skips it
 *   --batch N   a batch of N documents (the text PDFs found, repeated under
 *               other names) with --jobs 2: peak memory of the whole process
 *               tree and its growth over the batch
 *
 * and prints pages per second, milliseconds of CPU per page and the ratios.
 * CPU time is the fair measure on a busy machine; wall time is shown too.
 * Documents whose pages carry no text (scans) are the OCR path's: they are
 * listed apart and left out of the text-path figures.
 *
 * Runs against dist/ (build first: npx tsc -p .).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'src', 'cli', 'main.js');
const SELF = fileURLToPath(import.meta.url);
/** A document is on the OCR path when at least this share of its pages has no text item. */
const SCAN_SHARE = 0.5;

// ---------------------------------------------------------------- passes (child processes)

const distUrl = (...parts) => pathToFileURL(path.join(DIST, ...parts)).href;

/** pdf.js alone: open, then getTextContent + getOperatorList on every page. */
async function pdfjsPass(files) {
  const { preparePdfjs } = await import(distUrl('src', 'cli', 'pdfjs-node.js'));
  await preparePdfjs();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { nodePdfAssets } = await import(distUrl('src', 'cli', 'files.js'));
  const assets = nodePdfAssets();
  const results = [];
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let pages = 0;
    let textless = 0;
    let error = null;
    try {
      const worker = assets.createWorker?.();
      const task = pdfjs.getDocument({
        worker,
        data: bytes,
        cMapUrl: assets.cMapUrl,
        cMapPacked: true,
        standardFontDataUrl: assets.standardFontDataUrl,
        isEvalSupported: false,
        disableFontFace: true,
        useSystemFonts: false,
        stopAtErrors: false,
        verbosity: 0,
      });
      const doc = await task.promise;
      pages = doc.numPages;
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: true });
        if (!content.items.some((i) => 'str' in i && i.str.trim() !== '')) textless++;
        await page.getOperatorList();
        page.cleanup();
      }
      await doc.destroy();
      worker?.destroy();
    } catch (e) {
      error = String(e?.message ?? e);
    }
    results.push({ file, pages, textless, error, ...since(t0, c0) });
  }
  return results;
}

/** The whole text path in process: extract, validate, render and write. */
async function pipelinePass(files) {
  const { preparePdfjs } = await import(distUrl('src', 'cli', 'pdfjs-node.js'));
  await preparePdfjs();
  const { extractDocument } = await import(distUrl('src', 'extract', 'index.js'));
  const { renderOutputs } = await import(distUrl('src', 'export', 'index.js'));
  const { nodePdfAssets, writeOutputsAtomically } = await import(distUrl('src', 'cli', 'files.js'));
  const { resolveSettings } = await import(distUrl('src', 'core', 'settings.js'));
  const { departmentBudgetPipeline } = await import(distUrl('pipelines', 'department-budget', 'index.js'));
  const assets = nodePdfAssets();
  const settings = resolveSettings();
  const out = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-bench-'));
  const results = [];
  try {
    for (const [k, file] of files.entries()) {
      const bytes = new Uint8Array(await readFile(file));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      let pages = 0;
      let error = null;
      try {
        const { document, validation } = await extractDocument(bytes, { fileName: path.basename(file), assets, pipeline: departmentBudgetPipeline, settings, tables: [] });
        pages = document.source.pages;
        await writeOutputsAtomically(out, `doc-${k}`, renderOutputs(document, validation));
      } catch (e) {
        error = String(e?.message ?? e);
      }
      results.push({ file, pages, error, ...since(t0, c0) });
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return results;
}

function since(t0, c0) {
  const cpu = process.cpuUsage(c0);
  return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// ---------------------------------------------------------------- measuring other processes

/** Runs a command; wall time, CPU of it and its children (sh's `times`), and the peak resident memory of its process tree. */
async function measure(command, args, { cwd = ROOT, onSample } = {}) {
  // sh runs the command, then `times` prints the CPU of its children (the command and every process it waited for).
  const script = '"$@" >/dev/null 2>"$BENCH_STDERR"; status=$?; times; exit $status';
  const stderrFile = path.join(os.tmpdir(), `budget-tables-bench-${process.pid}.stderr`);
  const t0 = performance.now();
  const child = spawn('sh', ['-c', script, 'sh', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_STDERR: stderrFile } });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
  let peakKb = 0;
  const linux = process.platform === 'linux';
  const poll = linux
    ? setInterval(() => {
        const kb = treeRssKb(child.pid);
        peakKb = Math.max(peakKb, kb);
        onSample?.(kb);
      }, 50)
    : null;
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  if (poll) clearInterval(poll);
  const wallMs = performance.now() - t0;
  // `times`: two lines "0m0.01s 0m0.00s", the second is the children's user and system time
  const lines = stdout.trim().split('\n');
  const [user, system] = (lines.at(-1) ?? '').split(/\s+/u).map(minutesSeconds);
  const stderr = existsSync(stderrFile) ? await readFile(stderrFile, 'utf8') : '';
  await rm(stderrFile, { force: true });
  return { status, wallMs, cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000, peakMb: linux ? peakKb / 1024 : null, stderr };
}

function minutesSeconds(text) {
  const m = /^(\d+)m([\d.]+)s$/u.exec(text ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** Sum of the resident sets of a process and its descendants (kB), from /proc. */
function treeRssKb(pid) {
  let total = 0;
  const stack = [pid];
  const seen = new Set();
  while (stack.length > 0) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    try {
      const status = readProc(`/proc/${p}/status`);
      total += Number(/^VmRSS:\s+(\d+)/mu.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const c of readProc(`/proc/${p}/task/${task}/children`).split(/\s+/u).filter(Boolean)) stack.push(Number(c));
      }
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function readProc(file) {
  return readFileSync(file, 'latin1');
}

// ---------------------------------------------------------------- main

function findPdfs(target) {
  const info = statSync(target);
  if (info.isFile()) return /\.pdf$/iu.test(target) ? [path.resolve(target)] : [];
  return readdirSync(target, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findPdfs(path.join(target, e.name)) : e.isFile() && /\.pdf$/iu.test(e.name) ? [path.join(target, e.name)] : []))
    .sort();
}

async function runPass(pass, files) {
  const list = path.join(os.tmpdir(), `budget-tables-bench-${process.pid}-${pass}.json`);
  await writeFile(list, JSON.stringify(files));
  const result = spawnSync(process.execPath, [SELF, '--pass', pass, list], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  await rm(list, { force: true });
  if (result.status !== 0) throw new Error(`${pass} pass failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const sum = (rows, key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')).join('\n');
}

async function benchSet(label, files, options) {
  console.log(`\n## ${label}: ${files.length} PDFs`);
  const pdfjs = await runPass('pdfjs', files);
  const scans = pdfjs.filter((r) => r.pages > 0 && r.textless / r.pages >= SCAN_SHARE);
  const broken = pdfjs.filter((r) => r.error !== null);
  const text = pdfjs.filter((r) => !scans.includes(r) && r.error === null);
  if (scans.length > 0) {
    console.log(`OCR path (pages without text; not in the text-path figures): ${scans.map((r) => `${path.basename(r.file)} (${r.pages} p)`).join(', ')}`);
  }
  if (broken.length > 0) console.log(`unreadable, left out: ${broken.map((r) => path.basename(r.file)).join(', ')}`);
  if (scans.length > 0 && options.ocr) await benchOcr(scans, options);
  const textFiles = text.map((r) => r.file);
  const pages = sum(text, 'pages');
  if (pages === 0) return;
  const pipeline = await runPass('pipeline', textFiles);
  const rows = [['', 'wall s', 'CPU s', 'CPU ms/page', 'pages/s (wall)', 'pages/s (CPU)', 'peak RSS MB']];
  const add = (name, wallMs, cpuMs, peakMb = null) =>
    rows.push([name, fmt(wallMs / 1000), fmt(cpuMs / 1000), fmt(cpuMs / pages), fmt(pages / (wallMs / 1000)), fmt(pages / (cpuMs / 1000)), peakMb === null ? '—' : fmt(peakMb, 0)]);
  const pdfjsWall = sum(text, 'wallMs');
  const pdfjsCpu = sum(text, 'cpuMs');
  add('pdf.js: getTextContent + getOperatorList', pdfjsWall, pdfjsCpu);
  add('pipeline in one process: extract + validate + write', sum(pipeline, 'wallMs'), sum(pipeline, 'cpuMs'));
  const cli = {};
  if (options.cli) {
    // The text path only: a page the OCR would read (a stamp over an image …) is not this row's business.
    const help = spawnSync(process.execPath, [CLI, 'extract', '--help'], { encoding: 'utf8' }).stdout ?? '';
    const noOcr = help.includes('--ocr') ? ['--ocr', 'never'] : [];
    const ocrNote = noOcr.length > 0 ? ' (--ocr never)' : '';
    for (const jobs of options.jobs) {
      const out = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-bench-cli-'));
      const m = await measure(process.execPath, [CLI, 'extract', ...textFiles, '--out', out, '--force', '--quiet', '--jobs', String(jobs), ...noOcr]);
      await rm(out, { recursive: true, force: true });
      if (m.status !== 0 && m.status !== 1 && m.status !== 3) console.log(`CLI --jobs ${jobs} exited ${m.status}: ${m.stderr.slice(0, 500)}`);
      cli[jobs] = m;
      add(`CLI extract --jobs ${jobs}${ocrNote}, all its processes`, m.wallMs, m.cpuMs, m.peakMb);
    }
  }
  let pdftotext = null;
  if (spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error) {
    rows.push(['pdftotext -layout', 'not installed (apt-get install poppler-utils): skipped', '', '', '', '', '']);
  } else {
    const m = await measure('sh', ['-c', 'for f in "$@"; do pdftotext -layout "$f" - >/dev/null 2>&1; done', 'sh', ...textFiles]);
    pdftotext = m;
    add('pdftotext -layout (one process per file)', m.wallMs, m.cpuMs, m.peakMb);
  }
  console.log(`text path: ${text.length} PDFs, ${pages} pages (the same pages in every row)\n`);
  console.log(table(rows));
  const pipeCpu = sum(pipeline, 'cpuMs');
  const pipeWall = sum(pipeline, 'wallMs');
  console.log('\nratios (CPU; wall in brackets)');
  console.log(`  pipeline / pdf.js         ${fmt(pipeCpu / pdfjsCpu, 2)} (${fmt(pipeWall / pdfjsWall, 2)})   aim ≤ 1.5`);
  if (cli[1]) console.log(`  CLI --jobs 1 / pdf.js     ${fmt(cli[1].cpuMs / pdfjsCpu, 2)} (${fmt(cli[1].wallMs / pdfjsWall, 2)})`);
  if (pdftotext) {
    console.log(`  pipeline / pdftotext      ${fmt(pipeCpu / pdftotext.cpuMs, 2)} (${fmt(pipeWall / pdftotext.wallMs, 2)})`);
    console.log(`  pdf.js / pdftotext        ${fmt(pdfjsCpu / pdftotext.cpuMs, 2)} (${fmt(pdfjsWall / pdftotext.wallMs, 2)})`);
    if (cli[1]) console.log(`  CLI --jobs 1 / pdftotext  ${fmt(cli[1].cpuMs / pdftotext.cpuMs, 2)} (${fmt(cli[1].wallMs / pdftotext.wallMs, 2)})`);
  }
  if (cli[1] && cli[2]) console.log(`  CLI speed-up, 2 jobs vs 1 ${fmt(cli[1].wallMs / cli[2].wallMs, 2)} (wall)`);
  // where the pipeline costs most over pdf.js, per document
  const byFile = new Map(text.map((r) => [r.file, r]));
  const worst = pipeline
    .filter((r) => r.error === null && byFile.get(r.file)?.cpuMs > 0)
    .map((r) => ({ file: r.file, pages: r.pages, ratio: r.cpuMs / byFile.get(r.file).cpuMs, ms: r.cpuMs / Math.max(1, r.pages) }))
    .sort((a, b) => b.ratio - a.ratio)
    .slice(0, 5);
  if (worst.length > 0) {
    console.log('\nhighest pipeline / pdf.js (CPU), per document');
    for (const w of worst) console.log(`  ${fmt(w.ratio, 2)}  ${fmt(w.ms, 1)} ms/page  ${w.pages} p  ${path.relative(ROOT, w.file).startsWith('..') ? w.file : path.relative(ROOT, w.file)}`);
  }
  const failed = pipeline.filter((r) => r.error !== null);
  if (failed.length > 0) console.log(`\npipeline errors: ${failed.map((r) => `${path.basename(r.file)}: ${r.error}`).join('; ')}`);
}

/** The command on scanned documents with each --jobs: seconds per OCR page (wall: OCR keeps the cores busy), peak memory. */
async function benchOcr(scans, options) {
  const files = scans.map((r) => r.file);
  const ocrPages = sum(scans, 'textless');
  const rows = [['', 'wall s', 'CPU s', 's/OCR page (wall)', 'peak RSS MB']];
  const wall = {};
  for (const jobs of options.jobs) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-bench-ocr-'));
    const m = await measure(process.execPath, [CLI, 'extract', ...files, '--out', out, '--force', '--quiet', '--jobs', String(jobs), '--ocr', 'auto']);
    await rm(out, { recursive: true, force: true });
    if (m.status !== 0 && m.status !== 1 && m.status !== 3) console.log(`CLI --jobs ${jobs} exited ${m.status}: ${m.stderr.slice(0, 500)}`);
    wall[jobs] = m.wallMs;
    rows.push([`CLI extract --jobs ${jobs} --ocr auto`, fmt(m.wallMs / 1000), fmt(m.cpuMs / 1000), fmt(m.wallMs / 1000 / ocrPages, 2), fmt(m.peakMb, 0)]);
  }
  console.log(`\nOCR path: ${files.length} PDFs, ${ocrPages} pages without text\n`);
  console.log(table(rows));
  if (wall[1] && wall[2]) console.log(`  OCR speed-up, 2 jobs vs 1 ${fmt(wall[1] / wall[2], 2)} (wall)   aim ≥ 1.8`);
  console.log('  the engine against native tesseract, page by page: npm run bench:ocr');
}

/** N documents (the given PDFs cycled, linked under new names) in one batch with --jobs 2: peak memory and its growth. */
async function benchBatch(files, count) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-bench-batch-'));
  const input = path.join(dir, 'in');
  await mkdir(input);
  for (let i = 0; i < count; i++) await symlink(path.resolve(files[i % files.length]), path.join(input, `${String(i).padStart(5, '0')}-${path.basename(files[i % files.length])}`));
  const out = path.join(dir, 'out');
  // Peak memory over each tenth of the batch: a leak shows as a rising series.
  const tenths = [];
  const m = await measure(process.execPath, [CLI, 'extract', input, '--out', out, '--quiet', '--jobs', '2', '--ocr', 'never'], {
    onSample: (kb) => {
      const done = existsSync(out) ? readdirSync(out).length : 0;
      const tenth = Math.min(9, Math.floor((10 * done) / count));
      tenths[tenth] = Math.max(tenths[tenth] ?? 0, kb / 1024);
    },
  });
  const written = existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.') && !/\.(csv|json)$/u.test(f)).length : 0;
  await rm(dir, { recursive: true, force: true });
  console.log(`\n## batch of ${count} documents (${files.length} PDFs cycled), --jobs 2 --ocr never`);
  if (m.status !== 0 && m.status !== 3) console.log(`CLI exited ${m.status}: ${m.stderr.slice(0, 500)}`);
  console.log(`exit ${m.status}, ${written} document folders written, wall ${fmt(m.wallMs / 1000)} s, CPU ${fmt(m.cpuMs / 1000)} s`);
  console.log(`peak RSS of the process tree: ${fmt(m.peakMb, 0)} MB   aim < 1024`);
  console.log(`peak per tenth of the batch (MB): ${tenths.map((v) => fmt(v, 0)).join(' ')}`);
}

async function main(argv) {
  if (argv[0] === '--pass') {
    const files = JSON.parse(await readFile(argv[2], 'utf8'));
    const result = argv[1] === 'pdfjs' ? await pdfjsPass(files) : await pipelinePass(files);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const folders = [];
  const options = { cli: true, ocr: true, jobs: [1, 2], batch: 0 };
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--no-cli') options.cli = false;
    else if (argv[k] === '--no-ocr') options.ocr = false;
    else if (argv[k] === '--batch') options.batch = Number(argv[++k]);
    else if (argv[k] === '--jobs') options.jobs = argv[++k].split(',').map(Number);
    else folders.push(argv[k]);
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p .)`);
  const load = os.loadavg()[0];
  console.log(`# budget-tables bench — node ${process.version}, ${os.availableParallelism()} cores, load average ${load.toFixed(1)}${load > os.availableParallelism() ? ' (busy machine: read CPU, not wall)' : ''}`);
  const samples = readdirSync(path.join(ROOT, 'samples')).filter((f) => /\.pdf$/iu.test(f)).map((f) => path.join(ROOT, 'samples', f)).sort();
  const found = folders.flatMap((folder) => findPdfs(folder));
  if (options.batch > 0) {
    // Text PDFs only: a batch of scans would measure the OCR, not the batch.
    const pdfjs = await runPass('pdfjs', [...samples, ...found]);
    await benchBatch(pdfjs.filter((r) => r.error === null && r.pages > 0 && r.textless / r.pages < SCAN_SHARE).map((r) => r.file), options.batch);
    return;
  }
  await benchSet('samples/', samples, options);
  for (const folder of folders) await benchSet(folder, findPdfs(folder), options);
}

await main(process.argv.slice(2));
