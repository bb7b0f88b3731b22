/**
 * OCR for pages whose text layer is missing or unreadable: page pixels →
 * the same positioned TextItem[] and Ruling[] the text stage produces.
 * Browser-safe; the Node engine factory is in `./node.js`.
 */
export type { GreyImage, OcrEngine, OcrMode, OcrOptions, OcrPageInfo, OcrResult, OcrWord, RecognizeOptions } from './types.js';
export { createTesseractEngine, OCR_LANGUAGES, type TesseractEngineOptions } from './tesseract.js';
export { findPaints, imageCoverage, ocrReason, type ImagePaint, type PagePaint } from './usability.js';
export { ocrPage, pageImage, type CanvasFactory, type OcrPageContent, type PageImage } from './page.js';
export { estimateSkew, rotateQuarterTurns, rotateSmall, greyFromRgba, greyFromPdfImage, encodePgm } from './image.js';
export { findImageRulings, DEFAULT_IMAGE_RULING_OPTIONS, type ImageRulingOptions } from './rulings.js';
export { wordsToItems, rulingsToPoints, cleanNumberWord, type PixelToPoints } from './words.js';
