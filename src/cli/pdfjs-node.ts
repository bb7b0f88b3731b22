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
 */
import vm from 'node:vm';

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
    const worker = (await import(workerModule)) as unknown;
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    await import('pdfjs-dist/legacy/build/pdf.mjs');
    restoreBuiltins();
  })();
  return prepared;
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
