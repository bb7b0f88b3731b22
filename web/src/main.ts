/**
 * The page: drop PDFs, watch progress, browse the tables found, compare a
 * table with its source page, download what you need. The pipeline runs in
 * a worker (./worker.ts) with the CLI's own stage code; this file only
 * shows what it returns.
 */
import './style.css';
import type { DocumentJson } from '../../src/export/index.js';
import { copyText, download, h, svg } from './dom.js';
import {
  cellKey,
  checksByCell,
  failedChecksOf,
  headerLayout,
  isAmountColumn,
  isCodeColumn,
  refConcerns,
  tableArea,
  tableTsv,
  type BBox,
  type CheckJson,
  type TableJson,
} from './grid.js';
import { initialLang, kindName, saveLang, texts, type Lang, type Texts } from './i18n.js';
import type { ExtractRequest, OcrAssetUrls, PdfAssetUrls, WorkerMessage } from './protocol.js';
import { PageRenderer } from './render.js';
import { tableXlsx } from './xlsx.js';

interface DocResult {
  json: DocumentJson;
  files: Record<string, string>;
  tableFiles: Record<number, string>;
  seconds: number;
}

interface DocState {
  id: number;
  fileName: string;
  /** File name without .pdf: the prefix of downloaded files. */
  name: string;
  status: 'queued' | 'pages' | 'tables' | 'done' | 'failed';
  /** Pages read (text layer), of `total`. */
  done: number;
  total: number;
  /** Scanned pages: images the OCR has read, of those handed to it so far. */
  ocrDone: number;
  ocrTotal: number;
  result: DocResult | null;
  error: { code: string; message: string } | null;
  renderer: PageRenderer;
}

interface OpenTable {
  docId: number;
  order: number;
  page: number;
  /** Index into the table's failed checks of the one selected, or null. */
  check: number | null;
}

const assetUrl = (path: string): string => new URL(path, document.baseURI).href;
const ASSETS: PdfAssetUrls & { wasmUrl: string } = {
  cMapUrl: assetUrl('pdfjs/cmaps/'),
  standardFontDataUrl: assetUrl('pdfjs/standard_fonts/'),
  wasmUrl: assetUrl('pdfjs/wasm/'),
};
const OCR_ASSETS: OcrAssetUrls = {
  workerPath: assetUrl('tesseract/worker.min.js'),
  corePath: assetUrl('tesseract/core/'),
  langPath: assetUrl('tesseract/lang'),
};

/** OCR cells read with less confidence than this are marked for checking against the page. */
const UNCERTAIN_OCR = 0.8;

let lang: Lang = initialLang();
let ocrMode: ExtractRequest['ocrMode'] = 'auto';
let t: Texts = texts(lang);
const docs: DocState[] = [];
let open: OpenTable | null = null;
let nextId = 1;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'budget-tables-pipeline' });
worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => onWorkerMessage(event.data));

const app = document.getElementById('app')!;
const headerEl = h('header', { class: 'top' });
const dropEl = h('section', { class: 'drop' });
const docsEl = h('section', { class: 'docs', 'aria-live': 'polite' });
const viewerEl = h('section', { class: 'viewer', hidden: true });
const footerEl = h('footer');
app.append(headerEl, dropEl, docsEl, viewerEl, footerEl);

renderAll();

// ---- input ----

function addFiles(files: Iterable<File>): void {
  for (const file of files) void addFile(file);
}

async function addFile(file: File): Promise<void> {
  const id = nextId++;
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  const doc: DocState = {
    id,
    fileName: file.name,
    name: file.name.replace(/\.pdf$/iu, ''),
    status: 'queued',
    done: 0,
    total: 0,
    ocrDone: 0,
    ocrTotal: 0,
    result: null,
    error: null,
    renderer: new PageRenderer(bytes.slice(), ASSETS),
  };
  docs.push(doc);
  renderDocs();
  const request: ExtractRequest = {
    type: 'extract',
    id,
    fileName: file.name,
    bytes: buffer,
    assets: { cMapUrl: ASSETS.cMapUrl, standardFontDataUrl: ASSETS.standardFontDataUrl },
    ocr: OCR_ASSETS,
    ocrMode,
  };
  worker.postMessage(request, [buffer]);
}

function onWorkerMessage(message: WorkerMessage): void {
  const doc = docs.find((d) => d.id === message.id);
  if (!doc) return;
  if (message.type === 'progress') {
    if (message.stage === 'ocr') {
      doc.ocrDone = message.done;
      doc.ocrTotal = message.total;
    } else {
      doc.status = message.stage;
    }
    if (message.stage === 'pages') {
      doc.done = message.done;
      doc.total = message.total;
    }
    updateDocCard(doc);
    return;
  }
  if (message.type === 'done') {
    doc.status = 'done';
    doc.result = { json: message.json, files: message.files, tableFiles: message.tableFiles, seconds: message.seconds };
  } else {
    doc.status = 'failed';
    doc.error = { code: message.code, message: message.message };
  }
  updateDocCard(doc);
}

// ---- rendering ----

function renderAll(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t.appTitle;
  renderHeader();
  renderDrop();
  renderDocs();
  renderViewer();
  footerEl.replaceChildren(t.footer);
}

function renderHeader(): void {
  const toggle = h(
    'button',
    {
      class: 'lang',
      type: 'button',
      'data-action': 'lang',
      onclick: () => {
        lang = lang === 'zh' ? 'en' : 'zh';
        t = texts(lang);
        saveLang(lang);
        renderAll();
      },
    },
    t.switchLang,
  );
  headerEl.replaceChildren(h('div', { class: 'brand' }, h('h1', {}, t.appTitle), h('p', { class: 'tagline' }, t.tagline), h('p', { class: 'privacy' }, t.privacy)), toggle);
}

function renderDrop(): void {
  const input = h('input', { type: 'file', accept: 'application/pdf,.pdf', multiple: true, id: 'file-input', class: 'visually-hidden' });
  input.addEventListener('change', () => {
    if (input.files) addFiles([...input.files]);
    input.value = '';
  });
  const zone = h(
    'label',
    { class: 'zone', for: 'file-input', 'data-testid': 'drop-zone' },
    h('strong', {}, t.dropHere),
    h('span', {}, ` ${t.or} `),
    h('span', { class: 'button' }, t.choose),
    h('small', {}, t.severalOk),
  );
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const files = [...(event.dataTransfer?.files ?? [])];
    addFiles(files);
  });
  const mode = h(
    'select',
    {
      id: 'ocr-mode',
      onchange: (event) => {
        ocrMode = (event.target as HTMLSelectElement).value as ExtractRequest['ocrMode'];
      },
    },
    ...(['auto', 'always', 'never'] as const).map((m) => h('option', { value: m, selected: m === ocrMode }, t.ocrModes[m])),
  );
  const options = h('p', { class: 'options' }, h('label', { for: 'ocr-mode' }, `${t.ocrMode} `), mode);
  dropEl.replaceChildren(input, zone, options);
}

function renderDocs(): void {
  docsEl.replaceChildren(...docs.map(docCard));
}

function updateDocCard(doc: DocState): void {
  const old = docsEl.querySelector(`[data-doc="${doc.id}"]`);
  if (old) old.replaceWith(docCard(doc));
  else renderDocs();
}

function docCard(doc: DocState): HTMLElement {
  const card = h('article', { class: `doc ${doc.status}`, 'data-doc': doc.id, 'data-status': doc.status });
  card.append(h('h2', {}, doc.fileName));
  if (doc.status !== 'done' && doc.status !== 'failed') {
    const label = doc.status === 'queued' ? t.queued : doc.status === 'tables' ? t.building : t.reading(doc.done, doc.total);
    const progress = h('progress', { max: Math.max(1, doc.total), value: doc.status === 'tables' ? doc.total : doc.done });
    card.append(h('div', { class: 'progress', 'data-testid': 'progress' }, progress, h('span', {}, label)));
    if (doc.ocrTotal > 0) {
      const ocr = h('progress', { max: Math.max(1, doc.ocrTotal), value: doc.ocrDone });
      card.append(h('div', { class: 'progress', 'data-testid': 'ocr-progress' }, ocr, h('span', {}, t.ocrReading(doc.ocrDone, doc.ocrTotal))));
    }
    return card;
  }
  if (doc.status === 'failed') {
    card.append(h('p', { class: 'error' }, `${t.failed}: ${doc.error?.message ?? ''} (${doc.error?.code ?? ''})`));
    return card;
  }
  const { json, seconds } = doc.result!;
  const summary = json.validation.summary;
  card.append(
    h(
      'p',
      { class: 'meta' },
      h('span', {}, `${t.department}: ${json.document.department ?? t.none}`),
      h('span', {}, `${t.year}: ${json.document.year ?? t.none}`),
      h('span', {}, `${t.pages}: ${json.source.pages}`),
      h('span', {}, t.tablesFound(json.tables.length)),
      h('span', { class: summary.fail > 0 ? 'bad' : 'good' }, t.checks(summary.run, summary.fail)),
      h('span', { class: 'muted' }, t.doneIn(seconds)),
    ),
  );
  for (const problem of json.problems ?? []) card.append(h('p', { class: 'error' }, `${t.pageOf(problem.page)}: ${problem.code} ${problem.message}`));
  card.append(
    h(
      'p',
      { class: 'downloads' },
      h('span', {}, t.downloadsDoc),
      fileButton(doc, 'document.json', t.dlDocumentJson, 'application/json'),
      fileButton(doc, 'records.csv', t.dlRecordsCsv, 'text/csv;charset=utf-8'),
      fileButton(doc, 'validation.json', t.dlValidationJson, 'application/json'),
      fileButton(doc, 'validation.md', t.dlValidationMd, 'text/markdown;charset=utf-8'),
    ),
  );
  if (json.tables.length === 0) {
    card.append(h('p', { class: 'notice' }, t.noTables));
    return card;
  }
  card.append(tableList(doc, json));
  return card;
}

function fileButton(doc: DocState, file: string, label: string, type: string): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'link', 'data-download': file, onclick: () => download(`${doc.name}_${file}`, doc.result!.files[file] ?? '', type) },
    label,
  );
}

function tableList(doc: DocState, json: DocumentJson): HTMLElement {
  const head = h(
    'tr',
    {},
    ...[t.colNumber, t.colTitle, t.colKind, t.colUnit, t.colPages, t.colFailed].map((label) => h('th', { scope: 'col' }, label)),
  );
  const rows = json.tables.map((table) => {
    const failed = failedChecksOf(json.validation.checks, table).length;
    const isOpen = open?.docId === doc.id && open.order === table.order;
    return h(
      'tr',
      { class: isOpen ? 'open' : '', 'data-table-order': table.order, 'data-table-title': table.title },
      h('td', { class: 'num' }, table.number ?? t.none),
      h(
        'td',
        {},
        h('button', { type: 'button', class: 'link title', 'data-action': 'open-table', onclick: () => openTable(doc.id, table.order) }, table.title),
      ),
      h('td', {}, kindName(table.kind, lang)),
      h('td', {}, `${table.unit ?? t.none}${table.unitInferred ? t.unitInferred : ''}`),
      h('td', { class: 'num' }, pagesLabel(table.pages)),
      h('td', { class: 'num' }, failed > 0 ? h('span', { class: 'badge bad', 'data-failed': failed }, failed) : h('span', { class: 'badge good', 'data-failed': 0 }, 0)),
    );
  });
  return h('table', { class: 'tables', 'data-testid': 'tables' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

function pagesLabel(pages: readonly number[]): string {
  if (pages.length === 0) return '';
  const first = pages[0]!;
  const last = pages[pages.length - 1]!;
  return first === last ? String(first) : `${first}–${last}`;
}

// ---- one table ----

function openTable(docId: number, order: number): void {
  const table = findTable(docId, order);
  if (!table) return;
  open = { docId, order, page: table.pages[0] ?? 1, check: null };
  renderDocs();
  renderViewer();
  viewerEl.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function findTable(docId: number, order: number): TableJson | null {
  return docs.find((d) => d.id === docId)?.result?.json.tables.find((x) => x.order === order) ?? null;
}

function renderViewer(): void {
  const doc = open ? docs.find((d) => d.id === open!.docId) : undefined;
  const table = open ? findTable(open.docId, open.order) : null;
  if (!open || !doc?.result || !table) {
    viewerEl.hidden = true;
    viewerEl.replaceChildren();
    return;
  }
  const state = open;
  const { json } = doc.result;
  const failed = failedChecksOf(json.validation.checks, table);
  const byCell = checksByCell(failed, table);
  const selected = state.check === null ? null : (failed[state.check] ?? null);

  viewerEl.hidden = false;
  const title = `${table.number ? `${lang === 'zh' ? '表' : 'Table '}${table.number} ` : ''}${table.title}`;
  const meta = [
    kindName(table.kind, lang),
    `${t.colUnit}: ${table.unit ?? t.none}${table.unitInferred ? t.unitInferred : ''}`,
    `${t.colPages}: ${pagesLabel(table.pages)}`,
    t.method[table.method] ?? table.method,
    t.source[table.source] ?? table.source,
    `${t.quality} ${Math.round(table.quality * 100)}%`,
  ].join(' · ');
  const csvPath = doc.result.tableFiles[table.order] ?? '';
  const csvName = csvPath.replace(/^tables\//u, '');
  const status = h('span', { class: 'status', role: 'status' });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('button', { type: 'button', 'data-action': 'csv', onclick: () => download(`${doc.name}_${csvName}`, doc.result!.files[csvPath] ?? '', 'text/csv;charset=utf-8') }, t.dlCsv),
    h(
      'button',
      {
        type: 'button',
        'data-action': 'xlsx',
        onclick: () =>
          download(
            `${doc.name}_${csvName.replace(/\.csv$/u, '.xlsx')}`,
            tableXlsx(table, table.number ? `${table.number} ${table.title}` : table.title),
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ),
      },
      t.dlXlsx,
    ),
    h(
      'button',
      {
        type: 'button',
        'data-action': 'copy',
        onclick: () => {
          void copyText(tableTsv(table)).then((ok) => {
            status.textContent = ok ? t.copied : t.copyFailed;
          });
        },
      },
      t.copyTsv,
    ),
    h('button', { type: 'button', class: 'close', 'data-action': 'close', onclick: () => closeTable() }, t.close),
    status,
  );

  const checksEl = h('div', { class: 'checks', 'data-testid': 'checks' });
  if (failed.length === 0) {
    checksEl.append(h('p', { class: 'good' }, t.allChecksPass));
  } else {
    checksEl.append(h('h3', {}, t.failedChecks(failed.length)));
    const list = h('ol', {});
    failed.forEach((check, i) => {
      list.append(
        h(
          'li',
          {
            class: `check ${check.severity}${state.check === i ? ' selected' : ''}`,
            'data-check': check.id,
            tabindex: 0,
            onclick: () => selectCheck(i),
            onkeydown: (event) => {
              if ((event as KeyboardEvent).key === 'Enter') selectCheck(i);
            },
          },
          explainCheck(check, table),
        ),
      );
    });
    checksEl.append(list);
  }

  const grid = gridElement(table, byCell, selected);
  const pagePane = h('div', { class: 'page-pane', 'data-testid': 'page-pane' });
  const body = h('div', { class: 'table-body' }, h('div', { class: 'grid-pane' }, grid), pagePane);
  viewerEl.replaceChildren(
    h('div', { class: 'viewer-head' }, h('h2', { 'data-testid': 'open-title' }, title), h('p', { class: 'meta' }, meta), toolbar),
    checksEl,
    body,
  );
  if (table.note) viewerEl.insertBefore(h('p', { class: 'notice' }, table.note), body);
  void renderPage(doc, table, pagePane, failed, selected);
}

function closeTable(): void {
  open = null;
  renderDocs();
  renderViewer();
}

function selectCheck(index: number): void {
  if (!open) return;
  const table = findTable(open.docId, open.order);
  const doc = docs.find((d) => d.id === open!.docId);
  if (!table || !doc?.result) return;
  const check = failedChecksOf(doc.result.json.validation.checks, table)[index];
  open.check = open.check === index ? null : index;
  const ref = check?.refs.find((r) => refConcerns(r, table) && r.page !== null);
  if (open.check !== null && ref?.page) open.page = ref.page;
  renderViewer();
  viewerEl.querySelector('td.selected')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function explainCheck(check: CheckJson, table: TableJson): HTMLElement {
  const refs = check.refs.filter((r) => refConcerns(r, table));
  // The first cell in full (the total a sum check is about), then how many more it involves.
  const where = refs
    .slice(0, 1)
    .map((r) =>
      [
        r.row !== null ? `${t.row} ${r.row}${r.label ? ` (${r.label})` : ''}` : null,
        r.column ? `${t.column} ${r.column}` : null,
        r.page ? t.pageOf(r.page) : null,
      ]
        .filter(Boolean)
        .join(', '),
    )
    .join('') + (refs.length > 1 ? t.moreCells(refs.length - 1) : '');
  const others = check.refs.filter((r) => !refConcerns(r, table)).map((r) => `${lang === 'zh' ? '表' : 'table '}${r.table}${r.row ? ` ${t.row} ${r.row}` : ''}`);
  const numbers =
    check.found !== null || check.expected !== null
      ? h(
          'span',
          { class: 'numbers' },
          `${t.printed} ${check.found ?? t.none} · ${t.expected} ${check.expected ?? t.none} · ${t.difference} ${check.difference ?? t.none}`,
        )
      : null;
  return h(
    'div',
    {},
    h('span', { class: `severity ${check.severity}` }, t.severity[check.severity] ?? check.severity),
    ' ',
    h('span', { class: 'where' }, where || t.none),
    others.length ? h('span', { class: 'muted' }, ` ↔ ${others.join(', ')}`) : null,
    h('br', {}),
    numbers,
    h('br', {}),
    h('span', { class: 'message' }, check.message),
    h('br', {}),
    h('span', { class: 'rule muted' }, `${t.rule}: ${check.rule}`),
  );
}

function gridElement(table: TableJson, byCell: Map<string, CheckJson[]>, selected: CheckJson | null): HTMLElement {
  const { rows: header } = headerLayout(table.columns);
  const thead = h('thead', {});
  for (const level of header) {
    thead.append(
      h(
        'tr',
        {},
        ...level.map((cell) => {
          const column = table.columns[cell.col]!;
          const cls = cell.colSpan === 1 && cell.rowSpan >= 1 && isAmountColumn(column) && cell.level === column.path.length - 1 ? 'amount' : '';
          const short = [...cell.label].length <= 6 ? 'short' : '';
          return h(
            'th',
            { scope: 'col', colspan: cell.colSpan > 1 ? cell.colSpan : null, rowspan: cell.rowSpan > 1 ? cell.rowSpan : null, class: [cls, short].filter(Boolean).join(' ') },
            cell.label,
          );
        }),
      ),
    );
  }
  const selectedKeys = new Set(
    selected ? selected.refs.filter((r) => refConcerns(r, table) && r.row !== null).map((r) => cellKey(r.row!, r.column)) : [],
  );
  const tbody = h('tbody', {});
  // Cells merged over several body rows (绩效目标表) sit in their first row with rowSpan; later rows leave the slot.
  const covered = new Set<string>();
  table.rows.forEach((row, i) => {
    const rowNumber = i + 1;
    const rowChecks = byCell.get(cellKey(rowNumber, null));
    const tr = h('tr', { class: rowChecks ? 'fail-row' : '', 'data-row': rowNumber });
    if (rowChecks) tr.title = rowChecks.map((c) => c.message).join('\n');
    table.columns.forEach((column, c) => {
      if (covered.has(`${i}:${c}`)) return;
      const cell = row.cells[column.key];
      const span = cell && cell.rowSpan > 1 ? Math.min(cell.rowSpan, table.rows.length - i) : 1;
      for (let k = 1; k < span; k++) covered.add(`${i + k}:${c}`);
      const checks = byCell.get(cellKey(rowNumber, column.key));
      const classes = [
        isAmountColumn(column) ? 'amount' : '',
        isCodeColumn(column) ? 'code' : '',
        checks ? 'fail' : '',
        cell && [...cell.raw].length <= 8 ? 'short' : '',
        cell?.confidence !== null && cell?.confidence !== undefined && cell.confidence < UNCERTAIN_OCR ? 'uncertain' : '',
        selectedKeys.has(cellKey(rowNumber, column.key)) || (selectedKeys.has(cellKey(rowNumber, null)) && checks === undefined && column.role === 'label') ? 'selected' : '',
      ].filter(Boolean);
      const td = h(
        'td',
        {
          class: classes.join(' '),
          rowspan: span > 1 ? span : null,
          'data-col': column.key,
          'data-page': cell?.page ?? null,
          'data-bbox': cell ? cell.bbox.map((v) => v.toFixed(1)).join(',') : null,
        },
        cell?.raw ?? '',
      );
      if (cell?.confidence !== null && cell?.confidence !== undefined) td.title = t.ocrConfidence(cell.confidence);
      if (checks) {
        td.title = [td.title, ...checks.map((x) => x.message)].filter(Boolean).join('\n');
        td.addEventListener('click', () => {
          const doc = docs.find((d) => d.id === open?.docId);
          const failed = doc?.result ? failedChecksOf(doc.result.json.validation.checks, table) : [];
          const index = failed.indexOf(checks[0]!);
          if (index >= 0) selectCheck(index);
        });
      }
      tr.append(td);
    });
    tbody.append(tr);
  });
  if (table.rows.length === 0) {
    tbody.append(h('tr', {}, h('td', { colspan: Math.max(1, table.columns.length), class: 'empty' }, table.note ?? t.emptyTable)));
  }
  const el = h('table', { class: 'grid', 'data-testid': 'grid' }, thead, tbody);
  // Hovering a cell marks it on the page image.
  el.addEventListener('mouseover', (event) => {
    const td = (event.target as HTMLElement).closest('td');
    const focus = viewerEl.querySelector<SVGRectElement>('rect.hover');
    if (!td || !focus || !td.dataset.bbox || Number(td.dataset.page) !== open?.page) {
      focus?.setAttribute('visibility', 'hidden');
      return;
    }
    const [x0, y0, x1, y1] = td.dataset.bbox.split(',').map(Number) as BBox;
    focus.setAttribute('x', String(x0 - 1));
    focus.setAttribute('y', String(y0 - 1));
    focus.setAttribute('width', String(x1 - x0 + 2));
    focus.setAttribute('height', String(y1 - y0 + 2));
    focus.setAttribute('visibility', 'visible');
  });
  return el;
}

async function renderPage(doc: DocState, table: TableJson, pane: HTMLElement, failed: readonly CheckJson[], selected: CheckJson | null): Promise<void> {
  const state = open!;
  const pages = table.pages.length > 0 ? table.pages : [state.page];
  const tabs = h(
    'div',
    { class: 'page-tabs' },
    h('span', {}, `${t.sourcePage} `),
    ...pages.map((p) =>
      h(
        'button',
        {
          type: 'button',
          class: p === state.page ? 'active' : '',
          'data-page': p,
          onclick: () => {
            if (open) open.page = p;
            renderViewer();
          },
        },
        String(p),
      ),
    ),
    t.sourcePageSuffix ? h('span', {}, ` ${t.sourcePageSuffix}`) : null,
  );
  const canvas = h('canvas', { 'aria-label': t.pageOf(state.page) });
  const frame = h('div', { class: 'page-frame' }, canvas);
  const status = h('p', { class: 'muted' }, t.rendering);
  pane.replaceChildren(tabs, frame, status);
  let size: { width: number; height: number };
  try {
    size = await doc.renderer.render(state.page, canvas, Math.max(300, pane.clientWidth || 480));
  } catch (error) {
    status.textContent = `${t.renderFailed}: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  if (open !== state) return;
  status.remove();
  // Overlay in PDF points (origin top-left), the bboxes' own frame.
  const overlay = svg('svg', { viewBox: `0 0 ${size.width} ${size.height}`, class: 'overlay' });
  const area = tableArea(table, state.page);
  if (area) {
    const rect = svg('rect', { x: area[0] - 3, y: area[1] - 3, width: area[2] - area[0] + 6, height: area[3] - area[1] + 6, class: 'area' });
    rect.append(svg('title', {}));
    rect.firstChild!.textContent = t.tableArea;
    overlay.append(rect);
  }
  for (const check of failed) {
    for (const ref of check.refs) {
      if (!refConcerns(ref, table) || ref.page !== state.page || !ref.bbox) continue;
      const [x0, y0, x1, y1] = ref.bbox as BBox;
      overlay.append(svg('rect', { x: x0 - 1, y: y0 - 1, width: x1 - x0 + 2, height: y1 - y0 + 2, class: check === selected ? 'fail selected' : 'fail' }));
    }
  }
  overlay.append(svg('rect', { class: 'hover', visibility: 'hidden', x: 0, y: 0, width: 0, height: 0 }));
  frame.append(overlay);
  frame.dataset.rendered = String(state.page);
}
