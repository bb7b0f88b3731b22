#!/usr/bin/env node
// Builds samples/yaan-2025-budget-scanned.pdf: a scanned rendition of the seed
// sample (samples/yaan-2025-budget.pdf), the input of the OCR tests.
//
//   node scripts/samples/build-scanned-sample.mjs [--in samples/yaan-2025-budget.pdf] [--out samples/yaan-2025-budget-scanned.pdf]
//        [--dpi 200] [--skew 0.7] [--noise 6] [--quality 75] [--seed 20250101]
//
// Each page is rendered with pdf.js + @napi-rs/canvas at 200 dpi, turned to
// grey, rotated by about 0.7° (as a sheet fed slightly askew), given mild
// Gaussian noise (σ 4 grey levels, from a seeded generator), encoded as JPEG
// (quality 75) and placed alone on a page of the same size: an image-only PDF
// with no text layer, as a scanner writes it. Deterministic: the same inputs
// and package versions give the same bytes (fixed dates, seeded noise).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

const DEFAULTS = {
  in: path.join(REPO_ROOT, 'samples/yaan-2025-budget.pdf'),
  out: path.join(REPO_ROOT, 'samples/yaan-2025-budget-scanned.pdf'),
  dpi: 200,
  skew: 0.7,
  noise: 4,
  quality: 75,
  seed: 20250101,
};

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/u, '');
    if (!(key in opts)) throw new Error(`unknown option ${argv[i]}`);
    const value = argv[++i];
    opts[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : path.resolve(value);
  }
  return opts;
}

/** mulberry32: a small seeded generator, so the noise is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller, both values used). */
function gaussian(next) {
  let spare = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * One scanned page: render → grey → rotate → noise → JPEG.
 * @returns {Promise<{ jpeg: Buffer, widthPt: number, heightPt: number }>}
 */
async function scanPage(page, opts, normal) {
  const scale = opts.dpi / 72;
  const viewport = page.getViewport({ scale });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  const flat = createCanvas(width, height);
  const flatCtx = flat.getContext('2d');
  flatCtx.fillStyle = '#ffffff';
  flatCtx.fillRect(0, 0, width, height);
  await page.render({ canvas: flat, canvasContext: flatCtx, viewport, background: '#ffffff' }).promise;

  // The sheet lies askew on the glass: rotate about the centre, white shows at the corners.
  const scan = createCanvas(width, height);
  const ctx = scan.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((opts.skew * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.drawImage(flat, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);

  const image = ctx.getImageData(0, 0, width, height);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) {
    const grey = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
    const noisy = Math.max(0, Math.min(255, Math.round(grey + opts.noise * normal())));
    px[i] = noisy;
    px[i + 1] = noisy;
    px[i + 2] = noisy;
    px[i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  const jpeg = await scan.encode('jpeg', opts.quality);
  const base = page.getViewport({ scale: 1 });
  return { jpeg, widthPt: base.width, heightPt: base.height };
}

export async function buildScannedSample(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const require = createRequire(import.meta.url);
  const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(fs.readFileSync(opts.in)),
    cMapUrl: `${path.join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const normal = gaussian(random(opts.seed));
  const out = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: {
      Title: 'yaan-2025-budget (scanned)',
      Subject: `budget-tables sample: ${opts.dpi} dpi grey scan, ${opts.skew}° skew, noise σ ${opts.noise}, JPEG q${opts.quality}`,
      Creator: 'budget-tables scripts/samples/build-scanned-sample.mjs',
      Producer: 'PDFKit',
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  const chunks = [];
  out.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    out.on('end', () => resolve(Buffer.concat(chunks)));
    out.on('error', reject);
  });
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { jpeg, widthPt, heightPt } = await scanPage(page, opts, normal);
    page.cleanup();
    out.addPage({ size: [widthPt, heightPt], margin: 0 });
    out.image(jpeg, 0, 0, { width: widthPt, height: heightPt });
  }
  out.end();
  const bytes = await done;
  await doc.destroy();
  return bytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const bytes = await buildScannedSample(opts);
  fs.writeFileSync(opts.out, bytes);
  console.log(`${path.relative(process.cwd(), opts.out)}: ${(bytes.length / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
