import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { InputFile } from './files.js';
import type { JobRequest, JobResult, WorkerMessage } from './protocol.js';

export interface BatchOptions {
  outDir: string;
  tables: string[];
  jobs: number;
  /** Per-document limit; the worker is killed and the document reported when exceeded. */
  timeoutSeconds: number;
  /**
   * Memory limit of one worker process (MB): its resident set, polled while it
   * works (Linux, /proc), and its V8 heap (--max-old-space-size). A worker over
   * the limit is killed and its document reported OUT_OF_MEMORY.
   */
  memoryLimitMb: number;
}

export type BatchOutcome = { input: InputFile; result: JobResult };

/** What the pool tells its caller besides results (progress display). */
export interface BatchEvents {
  /** A document was handed to a worker. */
  onStart?: (input: InputFile) => void;
  /** A worker read another page of the document: pages read so far, pages to read. */
  onPages?: (input: InputFile, done: number, total: number) => void;
}

/** Statistics of the pool, for the run summary. */
export interface BatchStats {
  /** Highest resident set of one worker seen while it worked (MB); null where it cannot be read (not Linux). */
  peakWorkerRssMb: number | null;
  /** Documents run again on a fresh worker after their first worker ran out of memory. */
  retried: number;
}

/** How often a working worker's resident memory is read. */
const MEMORY_POLL_MS = 200;
/** A worker that has not started a document this long after it was sent one is taken as dead (start-up hangs). */
const START_LIMIT_SECONDS = 60;
/**
 * A worker whose resident set after a document is above this share of the
 * limit, or above RECYCLE_RSS_MB, is replaced before the next one: pdf.js
 * caches and the heap a large document grew to stay with the process (a
 * fresh worker is cheap, ~0.2 s).
 */
const RECYCLE_SHARE = 0.5;
/**
 * Resident set (MB) above which a worker is replaced after a document, whatever
 * the limit: one 171-page budget peaks at about 300 MB in a fresh worker, and
 * two workers left at the 1 GB that RECYCLE_SHARE of the default limit allows
 * took a 1,000-document batch with --jobs 2 to 1.24 GB (npm run bench -- --batch 1000).
 */
const RECYCLE_RSS_MB = 384;

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Codes after which the worker process is gone or must go. */
const WORKER_LOST = new Set(['TIMEOUT', 'WORKER_DIED', 'OUT_OF_MEMORY']);

interface Worker {
  process: ChildProcess;
  /** Documents it finished (a document that ran out of memory on a used worker gets a fresh one). */
  jobs: number;
}

/**
 * Runs documents on a pool of worker processes. A worker that crashes, runs
 * out of memory or passes the time limit is replaced; its document is
 * reported as failed and the batch goes on.
 */
export async function runBatch(
  inputs: readonly InputFile[],
  options: BatchOptions,
  onResult: (outcome: BatchOutcome) => void,
  events: BatchEvents = {},
  stats: BatchStats = { peakWorkerRssMb: null, retried: 0 },
): Promise<BatchOutcome[]> {
  const queue = inputs.map((input, id) => ({ input, id, retry: false }));
  const outcomes: BatchOutcome[] = [];
  const lanes = Math.max(1, Math.min(options.jobs, queue.length));
  // --jobs is the number of cores the batch may keep busy: documents in parallel, and the OCR workers
  // within each (one document on 2 jobs reads two pages at a time; two documents read one page each).
  const ocrWorkers = Math.max(1, Math.floor(options.jobs / lanes));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      let worker: Worker | null = null;
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (worker && !worker.process.connected) worker = null; // died between documents
        worker ??= { process: startWorker(options, ocrWorkers), jobs: 0 };
        const job: JobRequest = { id: next.id, file: next.input.file, name: next.input.name, outDir: options.outDir, tables: options.tables };
        events.onStart?.(next.input);
        const input = next.input;
        const result = await runJob(worker.process, job, options, stats, (done, total) => events.onPages?.(input, done, total));
        if (result.kind === 'failed' && WORKER_LOST.has(result.code)) {
          const used = worker.jobs > 0;
          await stopWorker(worker.process, 'SIGKILL');
          worker = null;
          // Memory a used worker had piled up may be what broke the limit: once more on a fresh one.
          if (result.code === 'OUT_OF_MEMORY' && used && !next.retry) {
            stats.retried++;
            queue.unshift({ ...next, retry: true });
            continue;
          }
        } else {
          worker.jobs++;
          const rss = await residentMb(worker.process.pid);
          if (rss !== null && rss > Math.min(options.memoryLimitMb * RECYCLE_SHARE, RECYCLE_RSS_MB)) {
            await stopWorker(worker.process, 'SIGTERM');
            worker = null;
          }
        }
        const outcome = { input: next.input, result };
        outcomes.push(outcome);
        onResult(outcome);
      }
      if (worker) await stopWorker(worker.process, 'SIGTERM');
    }),
  );
  return outcomes.sort((a, b) => (a.input.name < b.input.name ? -1 : a.input.name > b.input.name ? 1 : 0));
}

function startWorker(options: BatchOptions, ocrWorkers: number): ChildProcess {
  return fork(WORKER, [], {
    execArgv: [`--max-old-space-size=${options.memoryLimitMb}`],
    // A pool size set by the user in the environment wins.
    env: { BUDGET_TABLES_OCR_WORKERS: String(ocrWorkers), ...process.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

/** Ends a worker and waits for it to be gone (so its CPU time is accounted to this process and nothing is left behind). */
async function stopWorker(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.kill(signal);
  // One that does not end on SIGTERM within a few seconds is killed.
  const force = setTimeout(() => worker.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(force);
}

/** Resident set of a process in MB, from /proc (Linux); null elsewhere or when it is gone. */
export async function residentMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined || process.platform !== 'linux') return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'latin1');
    const kb = /^VmRSS:\s+(\d+)\s+kB/mu.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

function runJob(
  worker: ChildProcess,
  job: JobRequest,
  options: BatchOptions,
  stats: BatchStats,
  onPages: (done: number, total: number) => void,
): Promise<JobResult> {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    /** Pages read so far and to read, from the worker's progress messages. */
    let pages = { done: 0, total: 0 };
    /** Where the document was when it was stopped: the page being read, if it was reading. */
    const where = (): { page: number | null; text: string } =>
      pages.total === 0
        ? { page: null, text: 'while opening the document or reading its first page' }
        : pages.done < pages.total
          ? { page: pages.done + 1, text: `while reading page ${pages.done + 1} of ${pages.total}` }
          : { page: null, text: `after reading its ${pages.total} pages (finding, checking or writing the tables)` };
    const onData = (chunk: Buffer): void => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    };
    const finish = (result: JobResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.stderr?.off('data', onData);
      resolve(result);
    };
    const onMessage = (message: WorkerMessage): void => {
      if (message.id !== job.id) return;
      if (message.kind === 'started') {
        // The time limit is the document's: it runs from here, not from the worker's start-up.
        clearTimeout(timer);
        timer = setTimeout(onTimeout, options.timeoutSeconds * 1000);
      } else if (message.kind === 'progress') {
        pages = { done: message.done, total: message.total };
        onPages(message.done, message.total);
      } else finish(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      const outOfMemory = /heap out of memory|Allocation failed/u.test(stderr);
      const at = where();
      finish({
        kind: 'failed',
        id: job.id,
        code: outOfMemory ? 'OUT_OF_MEMORY' : 'WORKER_DIED',
        page: at.page,
        message: outOfMemory
          ? `the worker's JavaScript heap passed the memory limit of ${options.memoryLimitMb} MB ${at.text}; stopped`
          : `the worker process stopped ${at.text} (${signal ?? `exit code ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
      });
    };
    const onTimeout = (): void => {
      const at = where();
      finish({ kind: 'failed', id: job.id, code: 'TIMEOUT', page: at.page, message: `no result after ${options.timeoutSeconds} s, ${at.text}; stopped` });
    };
    let timer = setTimeout(() => {
      finish({ kind: 'failed', id: job.id, code: 'WORKER_DIED', page: null, message: `the worker process did not start the document within ${START_LIMIT_SECONDS} s; stopped` });
    }, Math.max(START_LIMIT_SECONDS, options.timeoutSeconds) * 1000);
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      void residentMb(worker.pid).then((rss) => {
        polling = false;
        if (rss === null || settled) return;
        stats.peakWorkerRssMb = Math.max(stats.peakWorkerRssMb ?? 0, rss);
        if (rss <= options.memoryLimitMb) return;
        const at = where();
        worker.kill('SIGKILL');
        finish({
          kind: 'failed',
          id: job.id,
          code: 'OUT_OF_MEMORY',
          page: at.page,
          message: `the worker used ${Math.round(rss)} MB, over the memory limit of ${options.memoryLimitMb} MB (--memory-limit), ${at.text}; stopped`,
        });
      });
    }, MEMORY_POLL_MS);
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.stderr?.on('data', onData);
    worker.send(job);
  });
}
