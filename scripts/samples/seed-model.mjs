// Seed text → document model (cover, contents, narrative parts, numbered tables
// with their grids and merged cells) and the expected-content JSON.
//
// Everything in here is derived from the seed text only. The merge rules are
// implemented once (buildGrid) and used both for drawing the PDF and for the
// expected JSON, so the two cannot disagree.

/**
 * @typedef {{ type: 'para', lines: string[], line: number }} ParaBlock
 *   A paragraph: consecutive non-blank lines without tabs (line = 1-based seed line).
 * @typedef {{ type: 'tabs', rows: string[][], line: number }} TabBlock
 *   Consecutive lines containing tabs, each split on "\t" (fields untrimmed).
 * @typedef {ParaBlock | TabBlock} Block
 *
 * @typedef {object} GridCell
 * @property {number} row      grid row (0-based; header rows first, then body rows)
 * @property {number} col      first grid column (0-based)
 * @property {number} rowSpan
 * @property {number} colSpan
 * @property {string} text     printed text (seed field with leading/trailing whitespace stripped)
 * @property {boolean} header  true for header cells
 *
 * @typedef {{ key: string, path: string[] }} Column
 *
 * @typedef {object} Grid
 * @property {number} nCols
 * @property {number} headerRows
 * @property {number} nRows        header + body rows
 * @property {GridCell[]} cells    every grid position is covered by exactly one cell (blank cells included)
 * @property {Column[]} columns
 * @property {{ key: string, colStart: number, colEnd: number }[] | null} halves  side-by-side halves
 *
 * @typedef {'pageLeft' | 'label' | 'title' | 'left' | 'right'} HeadKind
 * @typedef {{ kind: HeadKind, text: string }} HeadItem
 *
 * @typedef {object} TableConfig
 * @property {string} kind
 * @property {number} headerRows   number of header rows in the tab block (after preRows)
 * @property {number} [preRows]    rows at the top of the tab block that are title / 部门 / unit lines, printed as text
 * @property {'A4P' | 'A4L' | 'A3L'} page
 * @property {number} fontSize
 * @property {boolean} [sideBySide]
 * @property {boolean} [repeatHeader]
 * @property {'performance' | 'form'} [bodyMerge]
 * @property {number[]} [weights]  relative column widths (otherwise computed from the content)
 * @property {number[]} [centerCols] body columns whose single-column cells are centred
 *
 * @typedef {object} TableModel
 * @property {number} order
 * @property {string} number
 * @property {string} heading      section heading line, e.g. 三、部门支出总表（公开表 1-2）
 * @property {string | null} label the 表N line, when printed
 * @property {string[]} titleLines
 * @property {string | null} left   部门 text (left)
 * @property {string | null} right  金额单位 / 单位 / 注 text (right)
 * @property {string} title        normalized title
 * @property {string} unit
 * @property {boolean} unitInferred
 * @property {TableConfig} config
 * @property {Grid} grid
 * @property {number} seedLine     1-based seed line of the first grid row
 *
 * @typedef {object} SeedModel
 * @property {string[]} cover
 * @property {string[]} contents     paragraphs of the 目录 (after the word 目录)
 * @property {string} contentsTitle
 * @property {Block[]} part1
 * @property {string[]} part2Title   lines of the 第二部分 paragraph
 * @property {TableModel[]} tables
 * @property {Block[]} part3
 * @property {Block[]} part4
 * @property {{ department: string, year: number, kind: 'budget', unit: string }} document
 */

/**
 * Per-table configuration, read off the seed by hand.
 * headerRows: how many tab-block lines (after the preRows) are column headers.
 * preRows: tab-block lines that are really the title / 部门 / unit lines.
 * @type {Record<string, TableConfig>}
 */
export const TABLE_CONFIG = {
  // 收 入 | 支 出 ; 项 目 预算数 | 项 目 预算数
  '1': { kind: 'revenue_expenditure_summary', headerRows: 2, page: 'A4P', fontSize: 9, sideBySide: true, weights: [34, 14, 36, 14] },
  // 项 目 / 合计 / 上年结转 …, then 单位代码 | 单位名称(科目)
  '1-1': { kind: 'revenue_summary', headerRows: 2, page: 'A4L', fontSize: 8.5 },
  // 科目编码 / 项 目 / 合计 / 基本支出 / 项目支出, then 类 款 项 单位代码 单位名称（科目）
  '1-2': { kind: 'expenditure_summary', headerRows: 2, page: 'A4P', fontSize: 9, weights: [5, 5, 5, 9, 34, 13, 13, 13] },
  // 收 入 | 支 出 ; 项 目 预算数 | 项 目 合计 一般公共预算 政府性基金预算 国有资本经营预算
  '2': { kind: 'fiscal_summary', headerRows: 2, page: 'A4L', fontSize: 8, sideBySide: true, weights: [26, 12, 26, 12, 12, 12, 12] },
  // line 1 of the block is 部门: / title / 注: ; then 3 header rows that do not nest
  '2-1': { kind: 'fiscal_expenditure_by_economic_class', preRows: 1, headerRows: 3, page: 'A3L', fontSize: 8, repeatHeader: true },
  '3': { kind: 'general_budget_expenditure', headerRows: 2, page: 'A4P', fontSize: 9, weights: [5, 5, 5, 7, 36, 14, 14, 14] },
  // 科目编码 单位代码 单位名称(科目) 合计 基本支出, then 类 款 … 人员经费 公用经费; continues without header
  '3-1': { kind: 'general_budget_basic_expenditure', headerRows: 2, page: 'A4P', fontSize: 8, repeatHeader: false, weights: [6, 6, 10, 36, 14, 14, 14] },
  '3-2': { kind: 'general_budget_project_expenditure', headerRows: 2, page: 'A4P', fontSize: 9, weights: [5, 5, 5, 9, 52, 14] },
  // 单位编码 … 当年财政拨款预算安排 … / 公务用车购置及运行费 / 小计 公务用车购置费 公务用车运行费
  '3-3': { kind: 'general_budget_three_public', headerRows: 3, page: 'A4L', fontSize: 9, weights: [9, 24, 10, 12, 10, 12, 12, 11] },
  // lines 1-2 of the block: title, 部门：/金额单位：万元
  '4': { kind: 'government_fund_expenditure', preRows: 2, headerRows: 2, page: 'A4P', fontSize: 9, weights: [6, 6, 6, 10, 30, 14, 14, 14] },
  '4-1': { kind: 'government_fund_three_public', preRows: 2, headerRows: 3, page: 'A4P', fontSize: 9, weights: [10, 20, 9, 13, 9, 15, 15, 13] },
  '5': { kind: 'state_capital_expenditure', preRows: 2, headerRows: 2, page: 'A4P', fontSize: 9, weights: [6, 6, 6, 10, 30, 14, 14, 14] },
  // one header row; long wrapped text; body cells merged down in columns 0-3
  '6': {
    kind: 'project_performance_targets', headerRows: 1, page: 'A4L', fontSize: 8, repeatHeader: true, bodyMerge: 'performance',
    weights: [14, 16, 8, 26, 9, 12, 30, 8, 8, 8, 6, 10], centerCols: [4, 5, 7, 8, 9, 10, 11],
  },
  // a form: lines 1-3 of the block are title, (2025年度), 单位: 万元; no header rows at all
  '7': {
    kind: 'overall_performance_targets', preRows: 3, headerRows: 0, page: 'A4P', fontSize: 9, bodyMerge: 'form',
    weights: [15, 12, 13, 24, 11, 10, 10, 8], centerCols: [4, 5, 6, 7],
  },
};

/** NFKC, then all whitespace removed. */
export function normalize(/** @type {string} */ s) {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

/** Split the seed text into paragraph and tab blocks. */
export function splitBlocks(/** @type {string} */ text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  /** @type {Block[]} */
  const blocks = [];
  /** @type {Block | null} */
  let cur = null;
  lines.forEach((line, i) => {
    if (line.trim() === '' && !line.includes('\t')) {
      cur = null;
      return;
    }
    const isTab = line.includes('\t');
    if (isTab) {
      if (!cur || cur.type !== 'tabs') {
        cur = { type: 'tabs', rows: [], line: i + 1 };
        blocks.push(cur);
      }
      cur.rows.push(line.split('\t'));
    } else {
      if (!cur || cur.type !== 'para') {
        cur = { type: 'para', lines: [], line: i + 1 };
        blocks.push(cur);
      }
      cur.lines.push(line.trim());
    }
  });
  return blocks;
}

/** @param {Block} b */
const paraText = (b) => (b.type === 'para' ? b.lines.join('\n') : '');

/**
 * Header merge rule (top header row to bottom):
 * 1. horizontal: a non-empty cell spans right over empty cells until the next
 *    non-empty cell of its row, never beyond the right end of the span of the
 *    header cell above it (for the top row: the whole table);
 * 2. vertical: while all cells of the next header row within its column span are
 *    empty, the cell extends down into that row.
 * Positions left uncovered become blank 1×1 cells.
 * @param {string[][]} rows header rows, padded to nCols
 * @param {number} nCols
 * @returns {GridCell[]}
 */
export function mergeHeader(rows, nCols) {
  /** @type {(GridCell | null)[][]} */
  const owner = rows.map(() => Array(nCols).fill(null));
  /** @type {GridCell[]} */
  const cells = [];
  const empty = (/** @type {number} */ r, /** @type {number} */ c) => rows[r][c].trim() === '';
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < nCols; c++) {
      if (owner[r][c]) continue;
      if (empty(r, c)) continue;
      // parent: the nearest header cell above that covers column c
      let parentEnd = nCols - 1;
      for (let up = r - 1; up >= 0; up--) {
        const p = owner[up][c];
        if (p) {
          parentEnd = p.col + p.colSpan - 1;
          break;
        }
      }
      let end = c;
      while (end + 1 <= parentEnd && empty(r, end + 1) && !owner[r][end + 1]) end++;
      /** @type {GridCell} */
      const cell = { row: r, col: c, rowSpan: 1, colSpan: end - c + 1, text: rows[r][c].trim(), header: true };
      for (let k = c; k <= end; k++) owner[r][k] = cell;
      for (let down = r + 1; down < rows.length; down++) {
        let allEmpty = true;
        for (let k = c; k <= end; k++) if (!empty(down, k) || owner[down][k]) allEmpty = false;
        if (!allEmpty) break;
        for (let k = c; k <= end; k++) owner[down][k] = cell;
        cell.rowSpan++;
      }
      cells.push(cell);
    }
  }
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < nCols; c++) {
      if (!owner[r][c]) {
        const blank = { row: r, col: c, rowSpan: 1, colSpan: 1, text: '', header: true };
        owner[r][c] = blank;
        cells.push(blank);
      }
    }
  }
  return cells;
}

/**
 * Body cells and their merges.
 * - 'performance' (表6): a row's leading empty cells (before its first non-empty
 *   cell), restricted to columns 0-3, are covered by the cell above in that column.
 * - 'form' (表7): first horizontal (a non-empty cell spans right up to the next
 *   non-empty cell of its row), then vertical (a row's leading empty cells,
 *   restricted to columns 0-2, are covered by the cell above covering that column).
 * - otherwise: one cell per field, no merges.
 * @param {string[][]} rows body rows, padded to nCols
 * @param {number} nCols
 * @param {number} rowOffset grid row index of the first body row
 * @param {TableConfig['bodyMerge']} mode
 * @returns {GridCell[]}
 */
export function mergeBody(rows, nCols, rowOffset, mode) {
  /** @type {(GridCell | null)[][]} */
  const owner = rows.map(() => Array(nCols).fill(null));
  /** @type {GridCell[]} */
  const cells = [];
  const empty = (/** @type {number} */ r, /** @type {number} */ c) => rows[r][c].trim() === '';
  const maxVerticalCol = mode === 'performance' ? 3 : mode === 'form' ? 2 : -1;
  for (let r = 0; r < rows.length; r++) {
    let first = rows[r].findIndex((f) => f.trim() !== '');
    if (first < 0) first = nCols;
    // vertical cover of leading empty cells
    if (r > 0 && maxVerticalCol >= 0) {
      for (let c = 0; c < Math.min(first, maxVerticalCol + 1); c++) {
        if (owner[r][c]) continue;
        const above = owner[r - 1][c];
        if (!above || above.text === '') continue;
        const end = above.col + above.colSpan - 1;
        if (above.col > maxVerticalCol || end >= first) continue; // would not stay rectangular
        let free = true;
        for (let k = above.col; k <= end; k++) if (owner[r][k]) free = false;
        if (!free) continue;
        for (let k = above.col; k <= end; k++) owner[r][k] = above;
        above.rowSpan = r + rowOffset - above.row + 1; // contiguous: above reaches row r-1
      }
    }
    for (let c = 0; c < nCols; c++) {
      if (owner[r][c]) continue;
      const text = rows[r][c].trim();
      let end = c;
      if (mode === 'form' && text !== '') {
        while (end + 1 < nCols && empty(r, end + 1) && !owner[r][end + 1]) end++;
      }
      /** @type {GridCell} */
      const cell = { row: r + rowOffset, col: c, rowSpan: 1, colSpan: end - c + 1, text, header: false };
      for (let k = c; k <= end; k++) owner[r][k] = cell;
      cells.push(cell);
    }
  }
  return cells;
}

/**
 * Column paths: the header cells covering each column, top to bottom, normalized,
 * a cell merged over several rows appearing once; key = path joined with "/",
 * repeated keys get #2, #3 …; with no header rows: 列1 … 列N.
 * @param {GridCell[]} headerCells
 * @param {number} headerRows
 * @param {number} nCols
 * @returns {Column[]}
 */
export function columnPaths(headerCells, headerRows, nCols) {
  /** @type {Column[]} */
  const columns = [];
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (let c = 0; c < nCols; c++) {
    /** @type {string[]} */
    const path = [];
    if (headerRows > 0) {
      const covering = headerCells
        .filter((h) => h.text !== '' && h.col <= c && c < h.col + h.colSpan)
        .sort((a, b) => a.row - b.row);
      for (const h of covering) path.push(normalize(h.text));
    }
    if (path.length === 0) path.push(`列${c + 1}`);
    let key = path.join('/');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) key = `${key}#${n}`;
    columns.push({ key, path });
  }
  return columns;
}

/**
 * Build the grid of one table from its tab rows (preRows already removed).
 * The column count is the max tab-field count over header + body lines.
 * @param {string[][]} rows
 * @param {TableConfig} cfg
 * @returns {Grid}
 */
export function buildGrid(rows, cfg) {
  const nCols = Math.max(...rows.map((r) => r.length));
  const padded = rows.map((r) => Array.from({ length: nCols }, (_, i) => r[i] ?? ''));
  const H = cfg.headerRows;
  const headerCells = mergeHeader(padded.slice(0, H), nCols);
  const bodyCells = mergeBody(padded.slice(H), nCols, H, cfg.bodyMerge);
  const columns = columnPaths(headerCells, H, nCols);
  let halves = null;
  if (cfg.sideBySide) {
    halves = headerCells
      .filter((h) => h.row === 0 && h.text !== '')
      .sort((a, b) => a.col - b.col)
      .map((h) => ({ key: normalize(h.text), colStart: h.col, colEnd: h.col + h.colSpan - 1 }));
  }
  const cells = [...headerCells, ...bodyCells].sort((a, b) => a.row - b.row || a.col - b.col);
  return { nCols, headerRows: H, nRows: padded.length, cells, columns, halves };
}

/**
 * Classify a text line printed above a grid.
 * @param {string} text
 * @returns {HeadItem[]}
 */
function classifyHeadText(text) {
  const t = text.trim();
  if (/^表\s*\d/.test(t)) return [{ kind: 'label', text: t }];
  if (/^部门\s*([:：]|$)/.test(t)) {
    const i = t.indexOf('金额单位');
    if (i > 0) {
      return [
        { kind: 'left', text: t.slice(0, i).trim() },
        { kind: 'right', text: t.slice(i).trim() },
      ];
    }
    return [{ kind: 'left', text: t }];
  }
  if (/^(金额)?单位\s*[:：]/.test(t) || /^注\s*[:：]/.test(t)) return [{ kind: 'right', text: t }];
  return [{ kind: 'title', text: t }];
}

/**
 * Parse the whole seed into the document model.
 * @param {string} text seed text
 * @returns {SeedModel}
 */
export function parseSeed(text) {
  const blocks = splitBlocks(text);
  const starts = (/** @type {number} */ from, /** @type {RegExp} */ re) => {
    for (let i = from; i < blocks.length; i++) if (re.test(paraText(blocks[i]))) return i;
    throw new Error(`seed: no paragraph matching ${re} after block ${from}`);
  };
  const iContents = starts(0, /^目录$/);
  const iContentsEnd = starts(iContents + 2, /^第一部分/); // second 第一部分: the part itself
  const iPart2 = starts(iContentsEnd + 1, /^第二部分/);
  const iPart3 = starts(iPart2 + 1, /^第三部分/);
  const iPart4 = starts(iPart3 + 1, /^第四部分/);

  const cover = blocks.slice(0, iContents).map(paraText);
  const contents = blocks.slice(iContents + 1, iContentsEnd).map(paraText);
  const part1 = blocks.slice(iContentsEnd, iPart2);
  const part2Title = /** @type {ParaBlock} */ (blocks[iPart2]).lines;
  const part3 = blocks.slice(iPart3, iPart4);
  const part4 = blocks.slice(iPart4);

  // numbered tables
  /** @type {TableModel[]} */
  const tables = [];
  let i = iPart2 + 1;
  while (i < iPart3) {
    const heading = paraText(blocks[i]);
    const m = heading.match(/公开表\s*(\d+(?:-\d+)?)\s*）\s*$/);
    if (!m) throw new Error(`seed: expected a table section heading at line ${blocks[i].line}: ${heading}`);
    const number = m[1];
    const cfg = TABLE_CONFIG[number];
    if (!cfg) throw new Error(`no TABLE_CONFIG for table ${number}`);
    /** @type {HeadItem[]} */
    const items = [];
    i++;
    while (i < iPart3 && blocks[i].type === 'para') items.push(...classifyHeadText(paraText(blocks[i++])));
    const block = /** @type {TabBlock} */ (blocks[i++]);
    if (!block || block.type !== 'tabs') throw new Error(`seed: table ${number} has no tab block`);
    const pre = cfg.preRows ?? 0;
    for (const row of block.rows.slice(0, pre)) {
      for (const f of row) if (f.trim() !== '') items.push(...classifyHeadText(f));
    }
    const grid = buildGrid(block.rows.slice(pre), cfg);
    const label = items.find((x) => x.kind === 'label')?.text ?? null;
    if (label && normalize(label) !== `表${number}`) throw new Error(`table ${number}: label ${label} disagrees with heading`);
    const titleLines = items.filter((x) => x.kind === 'title').map((x) => x.text);
    const lefts = items.filter((x) => x.kind === 'left').map((x) => x.text);
    const rights = items.filter((x) => x.kind === 'right').map((x) => x.text);
    const unitText = rights.find((r) => /单位/.test(r));
    const unitMatch = unitText?.match(/单位\s*[:：]\s*(\S+)/);
    tables.push({
      order: tables.length + 1,
      number,
      heading,
      label,
      titleLines,
      left: lefts.length ? lefts.join(' ') : null,
      right: rights.length ? rights.join(' ') : null,
      title: normalize(titleLines.join('')),
      unit: unitMatch ? unitMatch[1] : '万元',
      unitInferred: !unitMatch,
      config: cfg,
      grid,
      seedLine: block.line + pre,
    });
  }

  const department = cover[0].trim();
  const yearMatch = cover.join(' ').match(/(\d{4})\s*年/);
  return {
    cover,
    contentsTitle: '目录',
    contents,
    part1,
    part2Title,
    tables,
    part3,
    part4,
    document: { department, year: yearMatch ? Number(yearMatch[1]) : 0, kind: 'budget', unit: '万元' },
  };
}

/**
 * A table is empty when its body has only total rows without amounts
 * (a blank 合 计 row): rows: [].
 * @param {Grid} grid
 */
function isEmptyTable(grid) {
  const body = grid.cells.filter((c) => !c.header && c.text !== '');
  return body.every((c) => normalize(c.text) === '合计');
}

/**
 * Expected rows of one table: body rows in printed order (side-by-side tables:
 * left half rows, then right half rows; empty half-rows omitted); cells keyed by
 * the column key of the cell's first column, non-empty cells only; a merged cell
 * appears in its first row, with rowSpans[key] when it spans more than one row.
 * @param {Grid} grid
 */
export function expectedRows(grid) {
  if (isEmptyTable(grid)) return [];
  const halves = grid.halves ?? [{ key: '', colStart: 0, colEnd: grid.nCols - 1 }];
  /** @type {{ cells: Record<string, string>, rowSpans: Record<string, number> }[]} */
  const out = [];
  for (const half of halves) {
    for (let r = grid.headerRows; r < grid.nRows; r++) {
      const starting = grid.cells.filter(
        (c) => c.row === r && c.text !== '' && c.col >= half.colStart && c.col <= half.colEnd,
      );
      if (grid.halves && starting.length === 0) continue;
      /** @type {Record<string, string>} */
      const cells = {};
      /** @type {Record<string, number>} */
      const rowSpans = {};
      for (const c of starting.sort((a, b) => a.col - b.col)) {
        const key = grid.columns[c.col].key;
        cells[key] = c.text;
        if (c.rowSpan > 1) rowSpans[key] = c.rowSpan;
      }
      out.push({ cells, rowSpans });
    }
  }
  return out;
}

/**
 * The expected-content JSON.
 * @param {SeedModel} model
 * @param {{ totalPages: number, tablePages: Map<string, number[]> }} layout
 * @param {string} source path of the seed copy, relative to the repository root
 */
export function buildExpected(model, layout, source) {
  return {
    source,
    document: { ...model.document, pages: layout.totalPages },
    tables: model.tables.map((t) => ({
      order: t.order,
      number: t.number,
      title: t.title,
      kind: t.config.kind,
      unit: t.unit,
      unitInferred: t.unitInferred,
      pages: layout.tablePages.get(t.number) ?? [],
      note: null,
      headerRows: t.grid.headerRows,
      columns: t.grid.columns,
      rows: expectedRows(t.grid),
    })),
  };
}
