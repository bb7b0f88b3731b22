export { readPdf, type PdfAssets, type ReadPdfOptions } from './pdf.js';
