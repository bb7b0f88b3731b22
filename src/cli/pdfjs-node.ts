/**
 * pdf.js in a Node process, loaded once and without its polyfills' cost.
 *
 * The legacy build of pdfjs-dist bundles core-js, which on Node 20 *replaces*
 * some built-ins it finds non-conforming in edge cases: `Array.prototype.push`
 * (length overflow), `JSON.stringify` and `JSON.parse` (JSON.rawJSON support),
 * `Function.prototype.toString`. The replacements are plain JS and apply to
 * the whole process: every `push` of every stage and every JSON.stringify of
 * document.json went through them (on a 122-page document, writing its
 * outputs took 3.7 s of CPU and 700 MB instead of 0.5 s and 230 MB). Node 22
 * has the features and gets no replacements.
 *
 * This module must be imported before anything that loads pdf.js (it takes
 * the built-ins as they are when it is evaluated); `preparePdfjs()` then loads
 * pdf.js and its in-process "worker" (the fake worker pdf.js would otherwise
 * import at the first document, re-installing the polyfills) and puts the
 * native built-ins back. Functions core-js *adds* (Promise.withResolvers,
 * Set methods …) stay: pdf.js uses them.
 *
 * Two costs of that in-process worker are cut (pdf.js's reading of the
 * corpus's text PDFs: 13–15% less CPU, the same text items and operator lists):
 * Node's DecompressionStream, which pdf.js inflates every Flate stream with,
 * and the deep copy of every operator list passed from the worker side to
 * the page (see `createInProcessWorker`).
 */
import vm from 'node:vm';
import type { PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';

type Holder = Record<PropertyKey, unknown>;

/** Built-ins core-js may replace, as they were before pdf.js was loaded. */
const ORIGINALS: Array<[Holder, string, unknown]> = [
  [Array.prototype as unknown as Holder, 'push'],
  [Array.prototype as unknown as Holder, 'unshift'],
  [JSON as unknown as Holder, 'stringify'],
  [JSON as unknown as Holder, 'parse'],
  [Function.prototype as unknown as Holder, 'toString'],
].map(([holder, key]) => [holder as Holder, key as string, (holder as Holder)[key as string]]);

const isNative = (fn: unknown): boolean =>
  typeof fn === 'function' && /\{\s*\[native code\]\s*\}\s*$/u.test(Reflect.apply(vm.runInNewContext('Function.prototype.toString') as () => string, fn, []));

let prepared: Promise<void> | null = null;

/** Loads pdf.js (main and worker modules) and restores the built-ins its polyfills replaced. Idempotent. */
export function preparePdfjs(): Promise<void> {
  prepared ??= (async () => {
    // pdfjs-dist ships no types for the worker module: a plain string keeps tsc from resolving it.
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker = (await import(workerModule)) as { WorkerMessageHandler: WorkerMessageHandler };
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    restoreBuiltins();
    // pdf.js inflates each Flate stream (a page's content stream once per getTextContent and once per
    // getOperatorList) through DecompressionStream when there is one. In Node that is zlib behind web-stream
    // adapters whose per-stream machinery costs more than the inflating; without it pdf.js inflates with its own
    // code, which it already falls back to whenever DecompressionStream fails: the same bytes. Nothing else here uses it.
    delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
    inProcess = { PDFWorker: pdfjs.PDFWorker, WorkerMessageHandler: worker.WorkerMessageHandler };
  })();
  return prepared;
}

/** pdf.worker.mjs's entry point: serves the documents of the main side over a port. */
interface WorkerMessageHandler {
  initializeFromPort(port: unknown): void;
}

let inProcess: { PDFWorker: typeof PDFWorker; WorkerMessageHandler: WorkerMessageHandler } | null = null;

/**
 * A pdf.js worker in this process for one document (destroy it after the
 * document), whose messages skip the deep copy of operator lists; undefined
 * before `preparePdfjs()` has run (pdf.js then makes its own).
 */
export function createInProcessWorker(): PDFWorker | undefined {
  if (!inProcess) return undefined;
  const port = new InProcessPort();
  const worker = inProcess.PDFWorker.create({ port: port as unknown as Worker });
  inProcess.WorkerMessageHandler.initializeFromPort(port);
  return worker;
}

/** One chunk of a page's operator list, as pdf.js's worker side sends it. */
interface OperatorListChunk {
  fnArray: unknown[];
  argsArray: unknown[];
  length: number;
}

/** One chunk of a page's text content, as pdf.js's worker side sends it. */
interface TextContentChunk {
  items: unknown[];
  styles: object;
}

/** What the worker side's streams send: chunks of one of the two kinds above, or anything else. */
type StreamChunk = Partial<OperatorListChunk> & Partial<TextContentChunk>;

/**
 * The port between the two sides of an in-process pdf.js worker. pdf.js's own
 * (LoopbackPort) structured-clones every message, as a real worker's port
 * would; for an operator list that is a deep copy of every operand, a glyph
 * object per character shown: a tenth of pdf.js's time on the corpus.
 * The worker side never touches an operand again once sent (it transfers the
 * buffers among them, which a real port would detach), but it empties the
 * chunk's two arrays for the next chunk: only those are copied. Text content
 * is the same: its items are new objects the worker side never touches again,
 * but it gives the chunk object fresh `items` and `styles` right after sending
 * it, so the chunk is copied, not what it holds (another 4 % of the corpus's
 * reading). Every other message is cloned as before.
 */
class InProcessPort {
  readonly #listeners = new Set<(event: { data: unknown }) => void>();

  postMessage(message: { chunk?: StreamChunk } | null, transfer?: Transferable[]): void {
    const chunk = message?.chunk;
    let data: unknown;
    if (chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray) && typeof chunk.length === 'number') {
      data = { ...message, chunk: { ...chunk, fnArray: chunk.fnArray.slice(0, chunk.length), argsArray: chunk.argsArray.slice(0, chunk.length) } };
    } else if (chunk && Array.isArray(chunk.items) && typeof chunk.styles === 'object') {
      data = { ...message, chunk: { ...chunk } };
    } else data = structuredClone(message, transfer ? { transfer } : undefined);
    const event = { data };
    // Delivered asynchronously, like a port's messages (pdf.js relies on it).
    void Promise.resolve().then(() => {
      for (const listener of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    if (type === 'message') this.#listeners.add(listener);
  }

  removeEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    if (type === 'message') this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}

/** Puts back every built-in that was native before pdf.js loaded and has been replaced since. */
export function restoreBuiltins(): string[] {
  const restored: string[] = [];
  for (const [holder, key, original] of ORIGINALS) {
    if (holder[key] === original || !isNative(original)) continue;
    Object.defineProperty(holder, key, { value: original, writable: true, configurable: true, enumerable: false });
    restored.push(key);
  }
  return restored;
}
