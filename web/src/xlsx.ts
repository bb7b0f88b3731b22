/**
 * A minimal XLSX writer for one table (a few KB instead of exceljs's ~1 MB in
 * the bundle): the printed multi-level header with merged cells, amounts as
 * numbers with their printed decimals, everything else as text (codes keep
 * their leading zeros). The zip is written uncompressed ("stored").
 */
import { headerLayout, type TableJson } from './grid.js';

export function tableXlsx(table: TableJson, sheetName: string): Uint8Array {
  const files: Array<[string, string]> = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', workbook(sheetName)],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', sheet(table)],
  ];
  const encoder = new TextEncoder();
  return zipStored(files.map(([name, text]) => [name, encoder.encode(text)]));
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

/** Style 0: plain text; 1: header (bold, centred, wrapped, bordered); 2 + d: amount with d decimals (0–6), bordered. */
const MAX_DECIMALS = 6;
const STYLES = (() => {
  const formats = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => `<numFmt numFmtId="${164 + d}" formatCode="#,##0${d > 0 ? `.${'0'.repeat(d)}` : ''}"/>`);
  const amountXfs = Array.from(
    { length: MAX_DECIMALS + 1 },
    (_, d) => `<xf numFmtId="${164 + d}" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>`,
  );
  return `${XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="${formats.length}">${formats.join('')}</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${3 + MAX_DECIMALS}"><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>${amountXfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
})();

function workbook(name: string): string {
  return `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(safeSheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\. */
export function safeSheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/gu, ' ').trim();
  return [...clean].slice(0, 31).join('') || 'Sheet1';
}

function sheet(table: TableJson): string {
  const { depth, rows: header } = headerLayout(table.columns);
  const rowsXml: string[] = [];
  const merges: string[] = [];
  for (let level = 0; level < depth; level++) {
    const cells = (header[level] ?? []).map((h) => {
      if (h.colSpan > 1 || h.rowSpan > 1) merges.push(`${ref(level, h.col)}:${ref(level + h.rowSpan - 1, h.col + h.colSpan - 1)}`);
      return textCell(level, h.col, h.label, 1);
    });
    rowsXml.push(`<row r="${level + 1}">${cells.join('')}</row>`);
  }
  table.rows.forEach((row, i) => {
    const r = depth + i;
    const cells: string[] = [];
    table.columns.forEach((column, c) => {
      const cell = row.cells[column.key];
      if (!cell) return;
      if (cell.value !== null && column.role === 'amount') {
        const decimals = Math.min(MAX_DECIMALS, cell.value.split('.')[1]?.length ?? 0);
        cells.push(`<c r="${ref(r, c)}" s="${2 + decimals}"><v>${Number(cell.value)}</v></c>`);
      } else {
        cells.push(textCell(r, c, cell.raw, 0));
      }
    });
    rowsXml.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const widths = table.columns.map((column, c) => {
    const longest = Math.max(
      ...column.path.map(displayWidth).map((w) => Math.min(w, 16)),
      ...table.rows.map((row) => displayWidth(row.cells[column.key]?.raw ?? '')),
    );
    return `<col min="${c + 1}" max="${c + 1}" width="${Math.min(60, Math.max(6, longest + 2))}" customWidth="1"/>`;
  });
  const freeze =
    depth > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${depth}" topLeftCell="A${depth + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      : '';
  return `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${freeze}${widths.length ? `<cols>${widths.join('')}</cols>` : ''}<sheetData>${rowsXml.join('')}</sheetData>${
    merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : ''
  }</worksheet>`;
}

function textCell(r: number, c: number, text: string, style: number): string {
  return `<c r="${ref(r, c)}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** Column width in Excel's units: a CJK character counts double. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/u.test(ch) ? 2 : 1;
  return w;
}

/** A1 reference of a 0-based row and column. */
export function ref(row: number, col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

// ---- zip (stored, no compression) ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function zipStored(entries: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed date keeps the file the same for the same table.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  for (const [name, data] of entries) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true);
    local.setUint16(8, 0, true);
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, 0, true);
    chunks.push(new Uint8Array(local.buffer), nameBytes, data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint16(10, 0, true);
    entry.setUint16(12, time, true);
    entry.setUint16(14, date, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, nameBytes.length, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of all) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
