/**
 * Builds, in code, the broken, hostile and awkward inputs of the bad-input
 * and batch tests: no downloads, no fixtures on disk. pdfkit (a
 * devDependency) with the Noto Sans SC font another devDependency ships makes
 * the PDFs with text; images and the memory bomb are written as PDF bytes
 * directly (zlib from Node). Everything here takes well under 2 s.
 */
import { createWriteStream } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
// pdfkit ships no type declarations; the tests only use its documented constructor options.
// @ts-ignore
import PDFDocument from 'pdfkit';
import { CJK_FONT, SAMPLE_PDF } from './paths.js';

export interface BadInput {
  /** File name inside the folder. */
  file: string;
  /** What it is, for test names. */
  what: string;
}

export const BAD_INPUTS = {
  empty: { file: 'empty.pdf', what: 'a zero-byte .pdf' },
  text: { file: 'x.pdf', what: 'a text file named x.pdf' },
  html: { file: 'saved-page.pdf', what: 'an HTML page saved as .pdf' },
  truncated30: { file: 'truncated-30.pdf', what: 'the sample truncated at 30 %' },
  truncated70: { file: 'truncated-70.pdf', what: 'the sample truncated at 70 %' },
  userPassword: { file: 'encrypted-user.pdf', what: 'a PDF encrypted with a user password' },
} as const satisfies Record<string, BadInput>;

/** Encrypted with an owner password only: anyone may open it, permissions are restricted. */
export const OWNER_ONLY: BadInput = { file: 'encrypted-owner-only.pdf', what: 'a PDF encrypted with an owner password only' };
/** A copy of the sample under a name with spaces and Chinese characters. */
export const CHINESE_NAME: BadInput = { file: '雅安 2025 部门预算 副本.pdf', what: 'a copy of the sample with spaces and Chinese in its name' };

/**
 * The small table printed in the pdfkit-made PDFs: 表1-2 部门支出总表, a unit
 * line and a fully ruled 3 × 3 grid.
 */
export const SMALL_TABLE = {
  number: '1-2',
  title: '部门支出总表',
  header: ['科目名称', '合计', '基本支出'],
  body: [
    ['合计', '100.00', '100.00'],
    ['行政运行', '100.00', '100.00'],
  ],
} as const;

/**
 * A one-page PDF with SMALL_TABLE; encrypted (AES-128, PDF 1.7) with
 * restricted permissions when passwords are given.
 */
export function smallTablePdf(passwords: { userPassword?: string; ownerPassword: string } | null = null): Promise<Buffer> {
  return tablePdf(passwords ? { passwords } : {});
}

export interface TablePdfOptions {
  passwords?: { userPassword?: string; ownerPassword: string };
  /** Page size in points (default A4). */
  size?: [number, number];
  /** Pages of filler text (Helvetica, one line each) before the page with the table. */
  pagesBefore?: number;
  /** JavaScript run on opening (an /OpenAction and a page /AA action) — by a viewer that runs scripts; pdf.js here must not. */
  javascript?: string;
}

/** SMALL_TABLE on the last page of a PDF; see the options. */
export function tablePdf(options: TablePdfOptions = {}): Promise<Buffer> {
  const { passwords } = options;
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    margin: 0,
    pdfVersion: '1.7',
    autoFirstPage: false,
    ...(passwords ? { ...passwords, permissions: { printing: 'lowResolution', modifying: false, copying: false, annotating: false } } : {}),
    info: { Title: 'budget-tables test input', CreationDate: new Date('2025-01-01T00:00:00Z') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pages = options.pagesBefore ?? 0;
  for (let k = 1; k <= pages; k++) {
    doc.addPage();
    doc.font('Helvetica').fontSize(10).text(`Filler page ${k} of ${pages + 1}`, 60, 60, { lineBreak: false });
  }
  doc.addPage();
  if (options.javascript !== undefined) addJavascript(doc, options.javascript);
  doc.registerFont('cjk', CJK_FONT);
  doc.font('cjk');
  const xs = [60, 260, 400, 540];
  const ys = [130, 150, 170, 190];
  doc.fontSize(10).text(`表${SMALL_TABLE.number}`, 500, 60, { lineBreak: false });
  doc.fontSize(16).text(SMALL_TABLE.title, 250, 80, { lineBreak: false });
  doc.fontSize(9).text('部门：测试单位', 60, 110, { lineBreak: false });
  doc.fontSize(9).text('金额单位：万元', 476, 110, { lineBreak: false });
  doc.lineWidth(0.5);
  for (const y of ys) doc.moveTo(xs[0]!, y).lineTo(xs[xs.length - 1]!, y);
  for (const x of xs) doc.moveTo(x, ys[0]!).lineTo(x, ys[ys.length - 1]!);
  doc.stroke();
  const rows = [SMALL_TABLE.header, ...SMALL_TABLE.body];
  rows.forEach((cells, r) => {
    cells.forEach((text, c) => {
      doc.fontSize(9).text(text, xs[c]! + 4, ys[r]! + 5, { width: xs[c + 1]! - xs[c]! - 8, align: c === 0 ? 'left' : 'right', lineBreak: false });
    });
  });
  doc.end();
  return done;
}

/** pdfkit's document as far as these helpers reach into it (it ships no types). */
interface PdfkitDoc {
  ref(data: Record<string, unknown>): { end(): void };
  _root: { data: Record<string, unknown> };
  page: { dictionary: { data: Record<string, unknown> } };
  link(x: number, y: number, w: number, h: number, url: string): unknown;
}

/** An /OpenAction JavaScript action, the same as the page's open action (/AA /O), and a link to a URL. */
function addJavascript(doc: PdfkitDoc, code: string): void {
  // A JS String object is written as a PDF string (a plain string would be a name).
  const action = doc.ref({ Type: 'Action', S: 'JavaScript', JS: new String(code) });
  action.end();
  doc._root.data.OpenAction = action;
  doc.page.dictionary.data.AA = { O: action };
  doc.link(60, 300, 200, 20, 'http://127.0.0.1:9/budget-tables-test-must-not-be-fetched');
}

/** The small table with its cross-reference table broken: every offset wrong, `startxref` too. */
export async function brokenXrefPdf(): Promise<Buffer> {
  const text = (await tablePdf()).toString('latin1');
  const at = text.lastIndexOf('\nxref');
  const tail = text
    .slice(at)
    .replace(/^(\d{10}) (\d{5}) n/gmu, (_m, offset: string, gen: string) => `${String((Number(offset) * 7 + 13) % 99_999).padStart(10, '0')} ${gen} n`)
    .replace(/startxref\n\d+/u, 'startxref\n123');
  return Buffer.from(text.slice(0, at) + tail, 'latin1');
}

/**
 * The small table with its fonts' ToUnicode maps taken out (the key renamed
 * in place, so no offset moves): the embedded subset's glyph ids are all
 * that is left, and pdf.js reads them as control characters.
 */
export async function noToUnicodePdf(): Promise<Buffer> {
  const text = (await tablePdf()).toString('latin1');
  if (!text.includes('/ToUnicode')) throw new Error('pdfkit wrote no /ToUnicode: the test input would not be what it says');
  return Buffer.from(text.replaceAll('/ToUnicode', '/ToUnicodX'), 'latin1');
}

/** A PDF from numbered objects (`1 0 obj` … in order), with a correct cross-reference table. */
function rawPdf(objects: ReadonlyArray<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${k + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** One A4 page that is one grey image (FlateDecode) of `width` × `height` pixels, placed over the whole page. */
function imagePagePdf(width: number, height: number, deflated: Buffer): Buffer {
  const content = 'q 595.28 0 0 841.89 0 0 cm /Im1 Do Q';
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 ` +
          `/Filter /FlateDecode /Length ${deflated.length} >>\nstream\n`,
        'latin1',
      ),
      deflated,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  ]);
}

/**
 * A page that is one big image and nothing else, as a scan without a text
 * layer: 2480 × 3508 grey pixels (A4 at 300 dpi) drawing the rules of a table
 * on an off-white, slightly noisy ground. There is no text to read without OCR.
 */
export function imageOnlyPdf(): Buffer {
  const width = 2480;
  const height = 3508;
  const pixels = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    const rowRule = y >= 400 && y <= 1600 && (y - 400) % 100 < 4;
    for (let x = 0; x < width; x++) {
      const columnRule = x >= 250 && x <= 2250 && (x - 250) % 500 < 4 && y >= 400 && y <= 1600;
      pixels[y * width + x] = (rowRule && x >= 250 && x <= 2254) || columnRule ? 20 : 236 + ((x * 7 + y * 13) % 17);
    }
  }
  return imagePagePdf(width, height, zlib.deflateSync(pixels, { level: 1 }));
}

/**
 * A decompression bomb: one page whose image is `side` × `side` grey pixels
 * of white, a few hundred KB in the file and side² bytes (plus pdf.js's
 * copies) once decoded. Written to `file` as a stream: the test process never
 * holds the pixels.
 */
export async function writeMemoryBombPdf(file: string, side = 12_000): Promise<void> {
  const deflate = zlib.createDeflate({ level: 9 });
  const row = Buffer.alloc(side * 64, 0xff);
  const compressed: Buffer[] = [];
  deflate.on('data', (c: Buffer) => compressed.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', () => resolve());
    deflate.on('error', reject);
  });
  for (let y = 0; y < side; y += 64) {
    if (!deflate.write(row.subarray(0, side * Math.min(64, side - y)))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await finished;
  const pdf = imagePagePdf(side, side, Buffer.concat(compressed));
  await pipeline(async function* () {
    yield pdf;
  }, createWriteStream(file));
}

/**
 * Inputs that must give correct output, or output that says what it could not
 * read (a page problem naming the page): never a crash, never a hang, never
 * garbage presented as tables.
 */
export const HOSTILE_INPUTS = {
  brokenXref: { file: 'broken-xref.pdf', what: 'the small table with every cross-reference offset wrong' },
  hugeMediaBox: { file: 'huge-media-box.pdf', what: 'the small table on a 14400 × 14400 pt page (the largest PDF allows)' },
  manyPages: { file: 'pages-2000.pdf', what: '2,000 pages, the small table on the last one' },
  imageOnly: { file: 'image-only.pdf', what: 'a page that is one big image (a scan without text)' },
  noToUnicode: { file: 'no-tounicode.pdf', what: 'the small table in fonts without a ToUnicode map' },
  javascript: { file: 'javascript.pdf', what: 'the small table with an /OpenAction JavaScript and a URL link' },
} as const satisfies Record<string, BadInput>;

/** Where the JavaScript of HOSTILE_INPUTS.javascript would leave its mark, were it ever run. */
export const JAVASCRIPT_MARK = 'javascript-ran.txt';

/** Writes HOSTILE_INPUTS into `dir` (about 1.5 s, mostly the 2,000 pages). */
export async function writeHostileInputs(dir: string): Promise<void> {
  const mark = path.join(dir, JAVASCRIPT_MARK).replaceAll('\\', '/');
  const javascript =
    `app.alert('budget-tables test');\n` +
    `try { require('fs').writeFileSync('${mark}', 'ran'); } catch (e) {}\n` +
    `this.submitForm('http://127.0.0.1:9/budget-tables-test-must-not-be-fetched');`;
  const h = HOSTILE_INPUTS;
  await Promise.all([
    brokenXrefPdf().then((b) => writeFile(path.join(dir, h.brokenXref.file), b)),
    tablePdf({ size: [14_400, 14_400] }).then((b) => writeFile(path.join(dir, h.hugeMediaBox.file), b)),
    tablePdf({ pagesBefore: 1999 }).then((b) => writeFile(path.join(dir, h.manyPages.file), b)),
    writeFile(path.join(dir, h.imageOnly.file), imageOnlyPdf()),
    noToUnicodePdf().then((b) => writeFile(path.join(dir, h.noToUnicode.file), b)),
    tablePdf({ javascript }).then((b) => writeFile(path.join(dir, h.javascript.file), b)),
  ]);
}

/** Writes every bad input, the owner-password-only PDF and the Chinese-named copy into `dir`. */
export async function writeBadInputs(dir: string): Promise<void> {
  const sample = await readFile(SAMPLE_PDF);
  await writeFile(path.join(dir, BAD_INPUTS.empty.file), Buffer.alloc(0));
  await writeFile(path.join(dir, BAD_INPUTS.text.file), 'This is a plain text file, not a PDF.\n第二行：不是 PDF。\n');
  await writeFile(
    path.join(dir, BAD_INPUTS.html.file),
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>2025年部门预算</title></head>\n' +
      '<body><h1>雅安市科学技术局2025年部门预算</h1><p>下载 PDF</p></body></html>\n',
  );
  await writeFile(path.join(dir, BAD_INPUTS.truncated30.file), sample.subarray(0, Math.floor(sample.length * 0.3)));
  await writeFile(path.join(dir, BAD_INPUTS.truncated70.file), sample.subarray(0, Math.floor(sample.length * 0.7)));
  await writeFile(path.join(dir, BAD_INPUTS.userPassword.file), await smallTablePdf({ userPassword: 'user-secret', ownerPassword: 'owner-secret' }));
  await writeFile(path.join(dir, OWNER_ONLY.file), await smallTablePdf({ ownerPassword: 'owner-secret' }));
  await copyFile(SAMPLE_PDF, path.join(dir, CHINESE_NAME.file));
}

/**
 * A module for `node --import` (through NODE_OPTIONS, so the CLI's worker
 * processes load it too) that makes every way out to the network — fetch,
 * sockets, DNS, http(s) — record the attempt in the file named by
 * BUDGET_TABLES_NETWORK_LOG and throw. A test runs a batch under it and then
 * expects that file not to exist: pdf.js fetched nothing.
 */
export const NO_NETWORK_MODULE = `import fs from 'node:fs';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
const log = process.env.BUDGET_TABLES_NETWORK_LOG;
const deny = (what) => function denied() {
  if (log) fs.appendFileSync(log, \`\${process.pid} \${what} \${new Error().stack.split('\\n').slice(2, 6).join(' | ')}\\n\`);
  throw new Error(\`network access denied in this test (\${what})\`);
};
globalThis.fetch = deny('fetch');
net.Socket.prototype.connect = deny('net.Socket.connect');
net.connect = net.createConnection = deny('net.connect');
dns.lookup = deny('dns.lookup');
dns.promises.lookup = deny('dns.promises.lookup');
http.request = http.get = deny('http.request');
https.request = https.get = deny('https.request');
`;

/** Writes NO_NETWORK_MODULE into `dir`; returns the environment that loads it in every node process and where attempts are logged. */
export async function noNetworkEnv(dir: string): Promise<{ env: NodeJS.ProcessEnv; log: string }> {
  const module = path.join(dir, 'no-network.mjs');
  const log = path.join(dir, 'network-attempts.log');
  await writeFile(module, NO_NETWORK_MODULE);
  const options = [process.env.NODE_OPTIONS ?? '', `--import=${module}`].join(' ').trim();
  return { env: { NODE_OPTIONS: options, BUDGET_TABLES_NETWORK_LOG: log }, log };
}
