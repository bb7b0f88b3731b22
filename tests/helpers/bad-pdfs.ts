/**
 * Builds, in code, the broken and awkward inputs of the bad-input test: no
 * downloads, no fixtures on disk. Encrypted PDFs come from pdfkit (a
 * devDependency) with the Noto Sans SC font another devDependency ships.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    ...(passwords ? { ...passwords, permissions: { printing: 'lowResolution', modifying: false, copying: false, annotating: false } } : {}),
    info: { Title: 'budget-tables test input', CreationDate: new Date('2025-01-01T00:00:00Z') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
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
