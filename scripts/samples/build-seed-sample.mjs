#!/usr/bin/env node
// Builds the seed sample: a faithful PDF of the 2025 department budget of
// 雅安市科学技术局 (samples/source/yaan-2025-budget.txt), in a ruled and an
// unruled style with identical pages, plus the expected content of every numbered
// table as JSON — written from the seed text, never from an extractor.
//
//   node scripts/samples/build-seed-sample.mjs [--style ruled|unruled] [--out samples/] [--seed FILE]
//
// With no --style both PDFs are built. The expected JSON is always written.
// Output is deterministic (fixed document dates; no randomness anywhere).

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExpected, normalize, parseSeed, TABLE_CONFIG } from './seed-model.mjs';
import { layoutDocument, Measurer, renderPdf, REPO_ROOT, wrapText } from './pdf-layout.mjs';

export { buildExpected, layoutDocument, Measurer, normalize, parseSeed, renderPdf, REPO_ROOT, TABLE_CONFIG, wrapText };

export const DEFAULT_SEED = path.join(REPO_ROOT, 'samples/source/yaan-2025-budget.txt');
export const DEFAULT_OUT = path.join(REPO_ROOT, 'samples');
export const BASENAME = 'yaan-2025-budget';

/** @typedef {import('./pdf-layout.mjs').Style} Style */

/**
 * Path relative to the repository root, with forward slashes.
 * @param {string} p
 */
function repoRelative(p) {
  return path.relative(REPO_ROOT, path.resolve(p)).split(path.sep).join('/');
}

/**
 * Seed → model → layout → expected JSON (no PDF written).
 * @param {string} [seedPath]
 */
export function buildModelAndExpected(seedPath = DEFAULT_SEED) {
  const text = fs.readFileSync(seedPath, 'utf8');
  const model = parseSeed(text);
  const layout = layoutDocument(model);
  const expected = buildExpected(model, layout, repoRelative(seedPath));
  return { model, layout, expected };
}

/**
 * Render the sample PDFs in memory (nothing written).
 * @param {{ seedPath?: string, styles?: Style[] }} [opts]
 */
export async function renderSamples(opts = {}) {
  const styles = opts.styles ?? /** @type {Style[]} */ (['ruled', 'unruled']);
  const { model, layout, expected } = buildModelAndExpected(opts.seedPath ?? DEFAULT_SEED);
  const meta = { title: `${model.document.department}${model.document.year}年部门预算`, author: model.document.department };
  /** @type {Partial<Record<Style, Buffer>>} */
  const pdfs = {};
  for (const style of styles) pdfs[style] = await renderPdf(layout, style, meta);
  return { expected, pdfs };
}

/** Output file name of a style. */
export function pdfName(/** @type {Style} */ style) {
  return style === 'ruled' ? `${BASENAME}.pdf` : `${BASENAME}-unruled.pdf`;
}

/**
 * Build the sample files: the PDFs and the expected JSON.
 * @param {{ seedPath?: string, outDir?: string, styles?: Style[] }} [opts]
 */
export async function buildSeedSample(opts = {}) {
  const outDir = opts.outDir ?? DEFAULT_OUT;
  const { expected, pdfs } = await renderSamples(opts);
  /** @type {{ path: string, sha256: string }[]} */
  const files = [];
  fs.mkdirSync(path.join(outDir, 'expected'), { recursive: true });
  for (const [style, pdf] of Object.entries(pdfs)) {
    const file = path.join(outDir, pdfName(/** @type {Style} */ (style)));
    fs.writeFileSync(file, pdf);
    files.push({ path: file, sha256: sha256(pdf) });
  }
  const json = `${JSON.stringify(expected, null, 2)}\n`;
  const jsonFile = path.join(outDir, 'expected', `${BASENAME}.json`);
  fs.writeFileSync(jsonFile, json);
  files.push({ path: jsonFile, sha256: sha256(json) });
  return { files, expected };
}

/** @param {string | Buffer} data */
export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
  /** @type {{ styles?: Style[], outDir?: string, seedPath?: string }} */
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--style') {
      const v = value();
      if (v !== 'ruled' && v !== 'unruled') throw new Error(`--style must be ruled or unruled, not ${v}`);
      o.styles = [v];
    } else if (a.startsWith('--style=')) {
      const v = a.slice(8);
      if (v !== 'ruled' && v !== 'unruled') throw new Error(`--style must be ruled or unruled, not ${v}`);
      o.styles = [v];
    } else if (a === '--out') o.outDir = path.resolve(value());
    else if (a.startsWith('--out=')) o.outDir = path.resolve(a.slice(6));
    else if (a === '--seed') o.seedPath = path.resolve(value());
    else if (a.startsWith('--seed=')) o.seedPath = path.resolve(a.slice(7));
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/samples/build-seed-sample.mjs [--style ruled|unruled] [--out DIR] [--seed FILE | FILE]');
      process.exit(0);
    } else if (!a.startsWith('-') && !o.seedPath) o.seedPath = path.resolve(a);
    else throw new Error(`unknown argument: ${a}`);
  }
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { files, expected } = await buildSeedSample(opts);
    for (const f of files) console.log(`${f.sha256}  ${path.relative(process.cwd(), f.path)}`);
    console.log(`${expected.document.pages} pages; tables:`);
    for (const t of expected.tables) console.log(`  ${t.number.padEnd(4)} p.${t.pages.join(',').padEnd(8)} ${t.rows.length} rows  ${t.title}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
