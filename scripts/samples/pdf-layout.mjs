// Page layout (computed once, identical for both styles) and PDF rendering with pdfkit.
//
// Coordinates: PDF points, origin at the page's top-left, y down (pdfkit's system).
// Text ops carry the baseline y.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { buildGrid, normalize } from './seed-model.mjs';

/**
 * @typedef {import('./seed-model.mjs').SeedModel} SeedModel
 * @typedef {import('./seed-model.mjs').TableModel} TableModel
 * @typedef {import('./seed-model.mjs').TableConfig} TableConfig
 * @typedef {import('./seed-model.mjs').Grid} Grid
 * @typedef {import('./seed-model.mjs').GridCell} GridCell
 * @typedef {import('./seed-model.mjs').Block} Block
 *
 * @typedef {'R' | 'B'} FontKey
 * @typedef {{ t: 'text', x: number, y: number, text: string, font: FontKey, size: number, yUnruled?: number }} TextOp
 *   y = baseline; yUnruled = baseline to use in the unruled style (merged body cells, top-aligned)
 * @typedef {{ t: 'line', x1: number, y1: number, x2: number, y2: number }} LineOp
 * @typedef {{ kind: PageKind, width: number, height: number, ops: (TextOp | LineOp)[], footer: string | null }} Page
 * @typedef {'A4P' | 'A4L' | 'A3L'} PageKind
 * @typedef {{ pages: Page[], tablePages: Map<string, number[]>, totalPages: number }} Layout
 * @typedef {'ruled' | 'unruled'} Style
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FONT_DIR = path.join(REPO_ROOT, 'node_modules/@expo-google-fonts/noto-sans-sc');
export const FONTS = {
  R: path.join(FONT_DIR, '400Regular/NotoSansSC_400Regular.ttf'),
  B: path.join(FONT_DIR, '700Bold/NotoSansSC_700Bold.ttf'),
};

/** @type {Record<PageKind, [number, number]>} */
const PAGE_SIZE = { A4P: [595.28, 841.89], A4L: [841.89, 595.28], A3L: [1190.55, 841.89] };
/** @type {Record<PageKind, { top: number, bottom: number, left: number, right: number }>} */
const MARGIN = {
  A4P: { top: 48, bottom: 56, left: 50, right: 50 },
  A4L: { top: 34, bottom: 42, left: 42, right: 42 },
  A3L: { top: 48, bottom: 56, left: 45, right: 45 },
};
const FOOTER_FROM_BOTTOM = 28;
const CELL_PAD = 2;
const RULE_WIDTH = 0.5;
/** CJK em box: ascent part of the font size (glyphs sit in [baseline-0.88em, baseline+0.12em]). */
const EM_ASCENT = 0.88;

/** Fixed document dates: the output must be byte-for-byte reproducible. */
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));

/** Text widths from the embedded fonts (pdfkit's own metrics). */
export class Measurer {
  constructor() {
    this.doc = new PDFDocument({ autoFirstPage: false });
    this.doc.registerFont('R', FONTS.R);
    this.doc.registerFont('B', FONTS.B);
    /** @type {Map<string, number>} */
    this.cache = new Map();
  }

  /**
   * Width of text at the given size.
   * @param {string} text
   * @param {FontKey} font
   * @param {number} size
   */
  width(text, font, size) {
    const k = `${font}\u0000${text}`;
    let w = this.cache.get(k);
    if (w === undefined) {
      this.doc.font(font).fontSize(100);
      w = this.doc.widthOfString(text) / 100;
      this.cache.set(k, w);
    }
    return w * size;
  }
}

const OPENERS = '（(《“‘「『【〔[';
const CLOSERS = '）)》”’」』】〕]，。、；：？！,.;:?!%％';

/**
 * Break text into tokens that must stay on one line: runs of printable ASCII
 * (numbers, codes, latin words), single other characters; closing punctuation
 * is glued to the token before it and opening punctuation to the token after it.
 * @param {string} text
 */
function tokenize(text) {
  const raw = text.match(/[\x21-\x7e]+|\s+|./gsu) ?? [];
  /** @type {string[]} */
  const out = [];
  let pendingOpen = '';
  for (const tok of raw) {
    if (/^\s+$/.test(tok)) {
      if (pendingOpen) {
        out.push(pendingOpen);
        pendingOpen = '';
      }
      out.push(tok);
      continue;
    }
    if (tok.length === 1 && CLOSERS.includes(tok) && out.length > 0 && !/^\s+$/.test(out[out.length - 1]) && !pendingOpen) {
      out[out.length - 1] += tok;
      continue;
    }
    if (tok.length === 1 && OPENERS.includes(tok)) {
      pendingOpen += tok;
      continue;
    }
    out.push(pendingOpen + tok);
    pendingOpen = '';
  }
  if (pendingOpen) out.push(pendingOpen);
  return out;
}

/**
 * Greedy line breaking for CJK text. Returns the lines (leading/trailing spaces at
 * breaks dropped) and whether a token had to be split inside.
 * @param {string} text
 * @param {number} maxWidth
 * @param {(s: string) => number} widthOf
 */
export function wrapText(text, maxWidth, widthOf) {
  /** @type {string[]} */
  const lines = [];
  let cur = '';
  let split = false;
  const fits = (/** @type {string} */ s) => widthOf(s) <= maxWidth + 0.01;
  for (const tok of tokenize(text)) {
    if (/^\s+$/.test(tok)) {
      if (cur !== '') cur += tok;
      continue;
    }
    if (fits(cur + tok)) {
      cur += tok;
      continue;
    }
    if (cur.trim() !== '') {
      lines.push(cur.trimEnd());
      cur = '';
    }
    if (fits(tok)) {
      cur = tok;
      continue;
    }
    split = true;
    for (const ch of tok) {
      if (cur !== '' && !fits(cur + ch)) {
        lines.push(cur.trimEnd());
        cur = '';
      }
      cur += ch;
    }
  }
  if (cur.trim() !== '' || lines.length === 0) lines.push(cur.trimEnd());
  return { lines, split };
}

const AMOUNT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const isAmount = (/** @type {string} */ t) => AMOUNT.test(t) && /[.,]/.test(t);

/**
 * Horizontal alignment of a cell: header centred; amounts right; bare digit codes
 * centred; 合计/总计 centred; configured centre columns centred; other text left.
 * @param {GridCell} cell
 * @param {TableConfig} cfg
 * @returns {'left' | 'center' | 'right'}
 */
function cellAlign(cell, cfg) {
  if (cell.header) return 'center';
  const t = cell.text;
  if (cell.colSpan === 1 && cfg.centerCols?.includes(cell.col)) return 'center';
  if (isAmount(t)) return 'right';
  if (/^\d+$/.test(t)) return 'center';
  if (['合计', '总计'].includes(normalize(t))) return 'center';
  return 'left';
}

/** Page flow: pages, the current page and the cursor. */
class Flow {
  /** @param {Measurer} m */
  constructor(m) {
    this.m = m;
    /** @type {Page[]} */
    this.pages = [];
    /** @type {Page} */
    this.page = /** @type {any} */ (null);
    this.y = 0;
  }

  /** @param {PageKind} kind */
  newPage(kind) {
    const [width, height] = PAGE_SIZE[kind];
    this.page = { kind, width, height, ops: [], footer: null };
    this.pages.push(this.page);
    this.y = MARGIN[kind].top;
    return this.page;
  }

  get margin() {
    return MARGIN[this.page.kind];
  }
  get left() {
    return this.margin.left;
  }
  get right() {
    return this.page.width - this.margin.right;
  }
  get bottom() {
    return this.page.height - this.margin.bottom;
  }
  get pageNo() {
    return this.pages.length;
  }

  /**
   * @param {string} text
   * @param {number} x
   * @param {number} baseline
   * @param {FontKey} font
   * @param {number} size
   * @param {number} [yUnruled]
   */
  text(text, x, baseline, font, size, yUnruled) {
    /** @type {TextOp} */
    const op = { t: 'text', x: round(x), y: round(baseline), text, font, size };
    if (yUnruled !== undefined && Math.abs(yUnruled - baseline) > 0.001) op.yUnruled = round(yUnruled);
    this.page.ops.push(op);
  }

  /**
   * One text line in a slot [top, top + lineHeight], aligned within [x0, x1].
   * @param {string} text
   * @param {number} top
   * @param {number} lineHeight
   * @param {{ font?: FontKey, size: number, align?: 'left' | 'center' | 'right', x0?: number, x1?: number }} o
   */
  line(text, top, lineHeight, o) {
    const font = o.font ?? 'R';
    const x0 = o.x0 ?? this.left;
    const x1 = o.x1 ?? this.right;
    const w = this.m.width(text, font, o.size);
    const x = o.align === 'center' ? x0 + (x1 - x0 - w) / 2 : o.align === 'right' ? x1 - w : x0;
    this.text(text, x, baselineIn(top, lineHeight, o.size), font, o.size);
  }
}

const round = (/** @type {number} */ v) => Math.round(v * 100) / 100;

/** Baseline of a line of the given size centred in a slot [top, top + lineHeight]. */
function baselineIn(/** @type {number} */ top, /** @type {number} */ lineHeight, /** @type {number} */ size) {
  return top + (lineHeight - size) / 2 + EM_ASCENT * size;
}

// ---------------------------------------------------------------------------
// narrative

/**
 * Paragraph styles of the narrative parts (the seed has no markup; headings are
 * recognised by their numbering).
 * @param {string} text
 */
function paraStyle(text) {
  if (/^第[一二三四五六七八九十]+部分/.test(text)) return { font: /** @type {FontKey} */ ('B'), size: 16, lh: 28, indent: 0, align: /** @type {const} */ ('center'), before: 6, after: 10 };
  if (/^[一二三四五六七八九十]+、/.test(text) && text.length <= 30) return { font: /** @type {FontKey} */ ('B'), size: 13, lh: 24, indent: 24, align: /** @type {const} */ ('left'), before: 4, after: 2 };
  if (/^[（(]\s*[一二三四五六七八九十]+\s*[）)]/.test(text) && text.length <= 30) return { font: /** @type {FontKey} */ ('B'), size: 12, lh: 22, indent: 24, align: /** @type {const} */ ('left'), before: 2, after: 2 };
  return { font: /** @type {FontKey} */ ('R'), size: 12, lh: 22, indent: 24, align: /** @type {const} */ ('left'), before: 0, after: 4 };
}

/**
 * A narrative paragraph, wrapped to the text width, first line indented; the
 * seed's line breaks inside a paragraph are kept.
 * @param {Flow} f
 * @param {string} text
 */
function layoutParagraph(f, text) {
  const st = paraStyle(text);
  f.y += st.before;
  const width = f.right - f.left;
  for (const [i, segment] of text.split('\n').entries()) {
    const indent = st.align === 'center' ? 0 : i === 0 ? st.indent : 0;
    // first line has the indent: wrap the first line separately
    const { lines: firstTry } = wrapText(segment, width - indent, (s) => f.m.width(s, st.font, st.size));
    /** @type {string[]} */
    let lines = firstTry;
    if (firstTry.length > 1 && indent > 0) {
      const rest = segment.slice(firstTry[0].length).trimStart();
      lines = [firstTry[0], ...wrapText(rest, width, (s) => f.m.width(s, st.font, st.size)).lines];
    }
    lines.forEach((ln, j) => {
      if (f.y + st.lh > f.bottom) f.newPage(f.page.kind);
      f.line(ln, f.y, st.lh, { font: st.font, size: st.size, align: st.align, x0: f.left + (j === 0 ? indent : 0) });
      f.y += st.lh;
    });
  }
  f.y += st.after;
}

/**
 * Narrative blocks: paragraphs, and tab blocks as small ruled tables
 * (the 序号 / 预算单位名称 list).
 * @param {Flow} f
 * @param {Block[]} blocks
 */
function layoutNarrative(f, blocks) {
  for (const b of blocks) {
    if (b.type === 'para') layoutParagraph(f, b.lines.join('\n'));
    else {
      /** @type {TableConfig} */
      const cfg = { kind: 'list', headerRows: 1, page: 'A4P', fontSize: 10.5, weights: [1, 4], centerCols: [0] };
      f.y += 4;
      layoutGrid(f, buildGrid(b.rows, cfg), cfg);
      f.y += 8;
    }
  }
}

// ---------------------------------------------------------------------------
// grids

/**
 * Column widths filling `avail`: configured weights, or from the content (numbers
 * never wrap; header text may wrap down to ~2 characters, body text to ~4).
 * @param {Grid} grid
 * @param {TableConfig} cfg
 * @param {number} avail
 * @param {Measurer} m
 */
function columnWidths(grid, cfg, avail, m) {
  const n = grid.nCols;
  const fs = cfg.fontSize;
  if (cfg.weights) {
    if (cfg.weights.length !== n) throw new Error(`table ${cfg.kind}: ${cfg.weights.length} weights for ${n} columns`);
    const sum = cfg.weights.reduce((a, b) => a + b, 0);
    return cfg.weights.map((w) => (w / sum) * avail);
  }
  const want = Array(n).fill(2 * fs + 2 * CELL_PAD);
  const need = Array(n).fill(2 * fs + 2 * CELL_PAD);
  for (const c of grid.cells) {
    if (c.colSpan !== 1 || c.text === '') continue;
    const w = m.width(c.text, 'R', fs) + 2 * CELL_PAD;
    if (c.header) {
      want[c.col] = Math.max(want[c.col], Math.min(w, 6 * fs + 2 * CELL_PAD));
    } else if (isAmount(c.text) || /^\d+$/.test(c.text)) {
      want[c.col] = Math.max(want[c.col], w);
      need[c.col] = Math.max(need[c.col], w);
    } else {
      want[c.col] = Math.max(want[c.col], Math.min(w, 16 * fs + 2 * CELL_PAD));
      need[c.col] = Math.max(need[c.col], Math.min(w, 4 * fs + 2 * CELL_PAD));
    }
  }
  for (let i = 0; i < n; i++) want[i] = Math.max(want[i], need[i]);
  const sumWant = want.reduce((a, b) => a + b, 0);
  if (sumWant <= avail) return want.map((w) => (w * avail) / sumWant);
  const flex = want.map((w, i) => w - need[i]);
  const sumFlex = flex.reduce((a, b) => a + b, 0);
  const excess = sumWant - avail;
  if (sumFlex < excess) throw new Error(`table ${cfg.kind}: columns do not fit in ${avail}pt`);
  return want.map((w, i) => w - (flex[i] * excess) / sumFlex);
}

/**
 * Lay out one grid at the flow's cursor, continuing on new pages (same page kind)
 * when needed. A row, or a group of rows joined by a vertically merged cell, is
 * never split. Header rows are repeated on continuation pages when cfg.repeatHeader.
 * Returns the 1-based page numbers the grid is printed on.
 * @param {Flow} f
 * @param {Grid} grid
 * @param {TableConfig} cfg
 * @returns {number[]}
 */
function layoutGrid(f, grid, cfg) {
  const m = f.m;
  const fs = cfg.fontSize;
  const lh = round(fs * 1.2);
  const minRow = round(lh + 2 * CELL_PAD);
  const widths = columnWidths(grid, cfg, f.right - f.left, m);
  const xs = [f.left];
  for (const w of widths) xs.push(xs[xs.length - 1] + w);

  // wrapped lines of every cell
  /** @type {Map<GridCell, string[]>} */
  const cellLines = new Map();
  for (const c of grid.cells) {
    if (c.text === '') continue;
    const inner = xs[c.col + c.colSpan] - xs[c.col] - 2 * CELL_PAD;
    const { lines, split } = wrapText(c.text, inner, (s) => m.width(s, 'R', fs));
    if (split && (isAmount(c.text) || /^\d+$/.test(c.text))) {
      throw new Error(`table ${cfg.kind}: number ${c.text} does not fit in column ${c.col} (${inner.toFixed(1)}pt)`);
    }
    cellLines.set(c, lines);
  }
  const needH = (/** @type {GridCell} */ c) => (cellLines.get(c)?.length ?? 1) * lh + 2 * CELL_PAD;

  // row heights
  const heights = Array(grid.nRows).fill(minRow);
  for (const c of grid.cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row], needH(c));
  for (const c of [...grid.cells].sort((a, b) => a.rowSpan - b.rowSpan)) {
    if (c.rowSpan === 1) continue;
    let sum = 0;
    for (let r = c.row; r < c.row + c.rowSpan; r++) sum += heights[r];
    if (sum < needH(c)) heights[c.row + c.rowSpan - 1] += needH(c) - sum;
  }
  for (let r = 0; r < heights.length; r++) heights[r] = round(heights[r]);

  // owner map and unbreakable row groups
  /** @type {GridCell[][]} */
  const owner = Array.from({ length: grid.nRows }, () => Array(grid.nCols));
  for (const c of grid.cells) {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) owner[r][k] = c;
  }
  /** @type {number[][]} */
  const groups = [];
  for (let r = grid.headerRows; r < grid.nRows; ) {
    let end = r;
    for (let k = r; k <= end; k++) {
      for (const c of grid.cells) if (c.row === k && c.row + c.rowSpan - 1 > end) end = c.row + c.rowSpan - 1;
    }
    groups.push(Array.from({ length: end - r + 1 }, (_, i) => r + i));
    r = end + 1;
  }
  const headerRowIdx = Array.from({ length: grid.headerRows }, (_, i) => i);
  const sumH = (/** @type {number[]} */ rows) => rows.reduce((a, r) => a + heights[r], 0);
  const headerH = sumH(headerRowIdx);

  /** @type {number[]} */
  const pages = [];
  let gi = 0;
  let firstPage = true;
  for (;;) {
    const withHeader = firstPage || cfg.repeatHeader === true;
    /** @type {number[]} */
    const rowsHere = withHeader ? [...headerRowIdx] : [];
    let y = f.y + (withHeader ? headerH : 0);
    const startGi = gi;
    while (gi < groups.length && y + sumH(groups[gi]) <= f.bottom + 0.01) {
      rowsHere.push(...groups[gi]);
      y += sumH(groups[gi]);
      gi++;
    }
    if (gi === startGi && gi < groups.length) {
      // not even one row group fits below the header
      if (firstPage || f.y <= f.margin.top + 0.01) {
        throw new Error(`table ${cfg.kind}: row group at grid row ${groups[gi][0]} does not fit on a page`);
      }
      f.newPage(f.page.kind);
      continue;
    }
    drawGridRows(f, grid, cfg, rowsHere, heights, xs, owner, cellLines, lh);
    pages.push(f.pageNo);
    f.y = y;
    firstPage = false;
    if (gi >= groups.length) break;
    f.newPage(f.page.kind);
  }
  return pages;
}

/**
 * Emit the rules and texts of the given grid rows on the current page, from f.y down.
 * @param {Flow} f
 * @param {Grid} grid
 * @param {TableConfig} cfg
 * @param {number[]} rows grid rows, in order (all rows of every merged cell included)
 * @param {number[]} heights
 * @param {number[]} xs column boundaries
 * @param {GridCell[][]} owner
 * @param {Map<GridCell, string[]>} cellLines
 * @param {number} lh
 */
function drawGridRows(f, grid, cfg, rows, heights, xs, owner, cellLines, lh) {
  const fs = cfg.fontSize;
  /** @type {Map<number, number>} top of each placed row */
  const top = new Map();
  const ys = [f.y];
  for (const r of rows) {
    top.set(r, ys[ys.length - 1]);
    ys.push(round(ys[ys.length - 1] + heights[r]));
  }
  const n = grid.nCols;
  // rules: unit segments where two different cells meet (or at the border), merged into runs
  for (let k = 0; k <= rows.length; k++) {
    let run = -1;
    for (let j = 0; j <= n; j++) {
      const draw =
        j < n && (k === 0 || k === rows.length || owner[rows[k - 1]][j] !== owner[rows[k]][j]);
      if (draw && run < 0) run = j;
      if (!draw && run >= 0) {
        f.page.ops.push({ t: 'line', x1: round(xs[run]), y1: ys[k], x2: round(xs[j]), y2: ys[k] });
        run = -1;
      }
    }
  }
  for (let j = 0; j <= n; j++) {
    let run = -1;
    for (let k = 0; k <= rows.length; k++) {
      const draw = k < rows.length && (j === 0 || j === n || owner[rows[k]][j - 1] !== owner[rows[k]][j]);
      if (draw && run < 0) run = k;
      if (!draw && run >= 0) {
        f.page.ops.push({ t: 'line', x1: round(xs[j]), y1: ys[run], x2: round(xs[j]), y2: ys[k] });
        run = -1;
      }
    }
  }
  // texts
  const placed = new Set(rows);
  for (const c of grid.cells) {
    if (!placed.has(c.row)) continue;
    const lines = cellLines.get(c);
    if (!lines) continue;
    const x0 = xs[c.col] + CELL_PAD;
    const x1 = xs[c.col + c.colSpan] - CELL_PAD;
    const cellTop = /** @type {number} */ (top.get(c.row));
    let cellH = 0;
    for (let r = c.row; r < c.row + c.rowSpan; r++) cellH += heights[r];
    const blockH = lines.length * lh;
    const blockTop = cellTop + (cellH - blockH) / 2;
    const mergedBody = !c.header && c.rowSpan > 1;
    const blockTopUnruled = mergedBody ? cellTop + CELL_PAD : blockTop;
    const align = cellAlign(c, cfg);
    lines.forEach((ln, i) => {
      const w = f.m.width(ln, 'R', fs);
      const x = align === 'right' ? x1 - w : align === 'center' ? x0 + (x1 - x0 - w) / 2 : x0;
      f.text(ln, x, baselineIn(blockTop + i * lh, lh, fs), 'R', fs, baselineIn(blockTopUnruled + i * lh, lh, fs));
    });
  }
}

/**
 * A numbered table: new page; section heading top-left; 表N right; title centred;
 * 部门 left / 金额单位 (or 注) right; then the grid.
 * @param {Flow} f
 * @param {TableModel} t
 */
function layoutTable(f, t) {
  const cfg = t.config;
  f.newPage(cfg.page);
  const infoSize = cfg.page === 'A3L' ? 10 : 9.5;
  f.line(t.heading, f.y, 20, { font: 'B', size: 12 });
  f.y += 20;
  if (t.label) {
    f.line(t.label, f.y, 16, { size: 10, align: 'right' });
    f.y += 16;
  }
  const titleSize = cfg.page === 'A3L' ? 18 : 16;
  for (const tl of t.titleLines) {
    f.line(tl, f.y, titleSize + 8, { font: 'B', size: titleSize, align: 'center' });
    f.y += titleSize + 8;
  }
  if (t.left || t.right) {
    if (t.left) f.line(t.left, f.y, 18, { size: infoSize });
    if (t.right) f.line(t.right, f.y, 18, { size: infoSize, align: 'right' });
    f.y += 18;
  }
  f.y += 2;
  return layoutGrid(f, t.grid, cfg);
}

/**
 * Lay out the whole document.
 * @param {SeedModel} model
 * @param {Measurer} [measurer]
 * @returns {Layout}
 */
export function layoutDocument(model, measurer = new Measurer()) {
  const f = new Flow(measurer);

  // cover
  f.newPage('A4P');
  const [dept, ...coverRest] = model.cover;
  f.line(dept, 250, 48, { font: 'B', size: 30, align: 'center' });
  coverRest.forEach((ln, i) => f.line(ln, 320 + i * 44, 44, { font: 'B', size: 24, align: 'center' }));

  // contents
  f.newPage('A4P');
  f.y += 10;
  f.line(model.contentsTitle, f.y, 40, { font: 'B', size: 20, align: 'center' });
  f.y += 52;
  for (const entry of model.contents) {
    for (const ln of entry.split('\n')) {
      const isPart = !/^(-\s|[一二三四五六七八九十]+、)/.test(ln);
      if (f.y + 28 > f.bottom) f.newPage('A4P');
      f.line(ln, f.y, 28, { font: isPart ? 'B' : 'R', size: isPart ? 13 : 12, x0: f.left + (isPart ? 10 : 40) });
      f.y += 28;
    }
  }

  // part 1
  f.newPage('A4P');
  layoutNarrative(f, model.part1);

  // part 2: divider, then one new page per table
  f.newPage('A4P');
  model.part2Title.forEach((ln, i) => f.line(ln, 300 + i * 40, 40, { font: 'B', size: 24, align: 'center' }));
  /** @type {Map<string, number[]>} */
  const tablePages = new Map();
  for (const t of model.tables) tablePages.set(t.number, layoutTable(f, t));

  // parts 3 and 4
  f.newPage('A4P');
  layoutNarrative(f, model.part3);
  f.newPage('A4P');
  layoutNarrative(f, model.part4);

  f.pages.forEach((p, i) => {
    p.footer = i === 0 ? null : `- ${i + 1} -`;
  });
  return { pages: f.pages, tablePages, totalPages: f.pages.length };
}

/**
 * Render the layout. 'ruled': every rule drawn; 'unruled': no rules at all and
 * merged body cells' text top-aligned in the first row of the merge.
 * @param {Layout} layout
 * @param {Style} style
 * @param {{ title?: string, author?: string }} [meta]
 * @returns {Promise<Buffer>}
 */
export function renderPdf(layout, style, meta = {}) {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: {
      Title: meta.title ?? '',
      Author: meta.author ?? '',
      Subject: `budget-tables sample (${style})`,
      Creator: 'budget-tables scripts/samples/build-seed-sample.mjs',
      Producer: 'PDFKit',
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  doc.registerFont('R', FONTS.R);
  doc.registerFont('B', FONTS.B);
  /** @type {Buffer[]} */
  const chunks = [];
  doc.on('data', (/** @type {Buffer} */ c) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const p of layout.pages) {
    doc.addPage({ size: [p.width, p.height], margin: 0 });
    if (style === 'ruled') {
      const lines = /** @type {LineOp[]} */ (p.ops.filter((o) => o.t === 'line'));
      if (lines.length) {
        doc.save().lineWidth(RULE_WIDTH).strokeColor('black').lineCap('butt');
        for (const l of lines) doc.moveTo(l.x1, l.y1).lineTo(l.x2, l.y2);
        doc.stroke().restore();
      }
    }
    doc.fillColor('black');
    for (const o of p.ops) {
      if (o.t !== 'text') continue;
      const y = style === 'unruled' && o.yUnruled !== undefined ? o.yUnruled : o.y;
      doc.font(o.font).fontSize(o.size).text(o.text, o.x, y, { lineBreak: false, baseline: 'alphabetic' });
    }
    if (p.footer) {
      const size = 9;
      doc.font('R').fontSize(size);
      const w = doc.widthOfString(p.footer);
      doc.text(p.footer, (p.width - w) / 2, p.height - FOOTER_FROM_BOTTOM, { lineBreak: false, baseline: 'alphabetic' });
    }
  }
  doc.end();
  return /** @type {Promise<Buffer>} */ (done);
}
