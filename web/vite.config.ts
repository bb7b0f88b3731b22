/**
 * The web page: `npm run web` serves it (Vite dev server), `npm run web:build`
 * writes the static folder dist/web/ that any static server can host.
 * Everything the page loads comes from that folder: pdf.js's worker, cMaps,
 * standard fonts and wasm decoders, tesseract.js's worker, cores and the
 * chi_sim data are copied in at build time (and served from
 * node_modules by the dev server) by the small plugin below.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const modules = path.join(root, 'node_modules');

/** Folders copied as they are: URL prefix (relative to the page) → folder, and which files. */
interface Folder {
  prefix: string;
  dir: string;
  include: (name: string) => boolean;
}

const FOLDERS: Folder[] = [
  { prefix: 'pdfjs/cmaps', dir: path.join(modules, 'pdfjs-dist', 'cmaps'), include: () => true },
  { prefix: 'pdfjs/standard_fonts', dir: path.join(modules, 'pdfjs-dist', 'standard_fonts'), include: () => true },
  // JPEG 2000, JBIG2 and ICC decoders for rendering scans (the JS fallback of OpenJPEG is left out: Chromium, Firefox and Safari run wasm).
  { prefix: 'pdfjs/wasm', dir: path.join(modules, 'pdfjs-dist', 'wasm'), include: (n) => !n.endsWith('.js') },
  // OCR of scans: tesseract.js's worker script, its LSTM-only cores (SIMD, as the CLI runs it, or plain: see web/src/worker.ts), chi_sim data (OCR_LANGUAGES).
  { prefix: 'tesseract', dir: path.join(modules, 'tesseract.js', 'dist'), include: (n) => n === 'worker.min.js' },
  {
    prefix: 'tesseract/core',
    dir: path.join(modules, 'tesseract.js-core'),
    include: (n) => n === 'tesseract-core-simd-lstm.wasm.js' || n === 'tesseract-core-lstm.wasm.js',
  },
  { prefix: 'tesseract/lang', dir: path.join(modules, '@tesseract.js-data', 'chi_sim', '4.0.0_best_int'), include: (n) => n.endsWith('.traineddata.gz') },
];

const MIME: Record<string, string> = {
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.js': 'text/javascript',
  '.traineddata': 'application/octet-stream',
};

function filesOf(folder: Folder): string[] {
  if (!existsSync(folder.dir)) throw new Error(`web: ${folder.dir} is missing (npm ci first)`);
  return readdirSync(folder.dir).filter((n) => statSync(path.join(folder.dir, n)).isFile() && folder.include(n));
}

/** Serves the folders in development and emits them into the build. */
function sameOriginAssets(): Plugin {
  return {
    name: 'budget-tables:same-origin-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        for (const folder of FOLDERS) {
          const prefix = `/${folder.prefix}/`;
          if (!url.startsWith(prefix)) continue;
          const name = url.slice(prefix.length);
          if (name.includes('/') || !folder.include(name)) continue;
          const file = path.join(folder.dir, name);
          if (!existsSync(file)) continue;
          res.setHeader('Content-Type', MIME[path.extname(name)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
          return;
        }
        next();
      });
    },
    generateBundle() {
      for (const folder of FOLDERS) {
        for (const name of filesOf(folder)) {
          this.emitFile({ type: 'asset', fileName: `${folder.prefix}/${name}`, source: readFileSync(path.join(folder.dir, name)) });
        }
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Relative URLs: the folder works from any path of any static server.
  base: './',
  publicDir: false,
  plugins: [sameOriginAssets()],
  worker: { format: 'es' },
  build: {
    outDir: path.join(root, 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  server: { fs: { allow: [root] } },
});
