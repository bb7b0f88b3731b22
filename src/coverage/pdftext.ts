/**
 * The coverage check's own reading of a PDF's text layer. It uses pdf.js
 * directly and shares nothing with the extractor's ingest beyond the library:
 * every printed run becomes a {@link Run} with a box in top-left PDF points.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clipIndex, textStarts } from './clip.js';
import { verticalRules, type VerticalRule } from './rulings.js';

/** One text-showing run as pdf.js reports it, boxed in top-left points. */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  /** Top and bottom of the glyph box (ascent 0.85, descent 0.15 of the size). */
  top: number;
  bottom: number;
  /** Baseline y. */
  base: number;
  size: number;
}

export interface PageText {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  runs: Run[];
  /** Text runs dropped because they were rotated (vertical stamps, margins). */
  rotated: number;
  /** Text runs dropped because the clip in force hides them (merged cells cut by a page break). */
  clipped: number;
  /** Vertical rules the page paints (column bounds of header cells). */
  verticalRules: VerticalRule[];
}

export interface PdfText {
  pageCount: number;
  pages: PageText[];
}

const require = createRequire(import.meta.url);

/** pdf.js's data folders (cMaps are essential for non-embedded CJK fonts). */
export function pdfjsAssetDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
}

type M = [number, number, number, number, number, number];

/** Reads every page's runs. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  const assets = pdfjsAssetDirs();
  const task = pdfjs.getDocument({
    data: bytes.slice(),
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
  try {
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      try {
        const vp = page.getViewport({ scale: 1 });
        const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: true });
        const ops = await page.getOperatorList();
        const clipOf = clipIndex(textStarts(ops.fnArray, ops.argsArray));
        const runs: Run[] = [];
        let rotated = 0;
        let clipped = 0;
        for (const item of content.items) {
          if (!('str' in item)) continue;
          const run = toRun(item.str, item.transform as M, item.width, vp.transform as M);
          if (run === 'rotated') rotated++;
          else if (run) {
            const t = item.transform as M;
            const clip = clipOf(t[4], t[5]);
            // The first glyph's middle, in user space along the text's own direction.
            const adv = Math.hypot(t[0], t[1]) || 1;
            const up = Math.hypot(t[2], t[3]) || 1;
            const along = Math.min(item.width / 2, 0.5 * up);
            const cx = t[4] + (t[0] / adv) * along + (t[2] / up) * 0.35 * up;
            const cy = t[5] + (t[1] / adv) * along + (t[3] / up) * 0.35 * up;
            if (clip && (cx < clip[0] - 1 || cx > clip[2] + 1 || cy < clip[1] - 1 || cy > clip[3] + 1)) clipped++;
            else runs.push(run);
          }
        }
        const rules = verticalRules(ops.fnArray, ops.argsArray, vp.transform as M);
        pages.push({ page: n, width: vp.width, height: vp.height, runs, rotated, clipped, verticalRules: rules });
      } finally {
        page.cleanup();
      }
    }
    return { pageCount: doc.numPages, pages };
  } finally {
    await doc.destroy();
  }
}

/** A pdf.js text item → a run in top-left page space; null for fillers, 'rotated' for non-horizontal text. */
export function toRun(str: string, tm: M, width: number, view: M): Run | null | 'rotated' {
  if (str.trim() === '') return null;
  const m = pdfjs.Util.transform(view, tm) as M;
  const size = Math.hypot(m[2], m[3]);
  const adv = Math.hypot(m[0], m[1]);
  if (size === 0 || adv === 0) return null;
  // Direction of the text in device space; only left-to-right horizontal text is table text.
  if (Math.abs(m[1] / adv) > 0.2 || m[0] <= 0) return 'rotated';
  // `width` is in the text space of the item scaled by the font matrix: device width = width × view scale.
  const viewScale = Math.hypot(view[0], view[1]) || Math.hypot(view[2], view[3]);
  const w = width * viewScale;
  const x0 = m[4];
  const base = m[5];
  return { text: str, x0, x1: x0 + w, top: base - 0.85 * size, bottom: base + 0.15 * size, base, size };
}
