import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InputFile } from './files.js';
import type { JobRequest, JobResult } from './protocol.js';

export interface BatchOptions {
  outDir: string;
  tables: string[];
  jobs: number;
  /** Per-document limit; the worker is killed and the document reported when exceeded. */
  timeoutSeconds: number;
  /** Heap limit of each worker process (MB). */
  workerMemoryMb: number;
}

export type BatchOutcome = { input: InputFile; result: JobResult };

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * Runs documents on a pool of worker processes. A worker that crashes, runs
 * out of memory or passes the time limit is replaced; its document is
 * reported as failed and the batch goes on.
 */
export async function runBatch(
  inputs: readonly InputFile[],
  options: BatchOptions,
  onResult: (outcome: BatchOutcome) => void,
): Promise<BatchOutcome[]> {
  const queue = inputs.map((input, id) => ({ input, id }));
  const outcomes: BatchOutcome[] = [];
  const lanes = Math.max(1, Math.min(options.jobs, queue.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      let worker: ChildProcess | null = null;
      for (let next = queue.shift(); next; next = queue.shift()) {
        worker ??= startWorker(options);
        const job: JobRequest = { id: next.id, file: next.input.file, name: next.input.name, outDir: options.outDir, tables: options.tables };
        const result = await runJob(worker, job, options.timeoutSeconds);
        if (result.kind === 'failed' && (result.code === 'TIMEOUT' || result.code === 'WORKER_DIED')) {
          worker.kill('SIGKILL');
          worker = null;
        }
        const outcome = { input: next.input, result };
        outcomes.push(outcome);
        onResult(outcome);
      }
      worker?.kill();
    }),
  );
  return outcomes.sort((a, b) => (a.input.name < b.input.name ? -1 : a.input.name > b.input.name ? 1 : 0));
}

function startWorker(options: BatchOptions): ChildProcess {
  return fork(WORKER, [], {
    execArgv: [`--max-old-space-size=${options.workerMemoryMb}`],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

function runJob(worker: ChildProcess, job: JobRequest, timeoutSeconds: number): Promise<JobResult> {
  return new Promise((resolve) => {
    let stderr = '';
    const onData = (chunk: Buffer): void => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    };
    const finish = (result: JobResult): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.stderr?.off('data', onData);
      resolve(result);
    };
    const onMessage = (message: JobResult): void => {
      if (message.id === job.id) finish(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      const outOfMemory = /heap out of memory|Allocation failed/u.test(stderr);
      finish({
        kind: 'failed',
        id: job.id,
        code: outOfMemory ? 'OUT_OF_MEMORY' : 'WORKER_DIED',
        page: null,
        message: outOfMemory
          ? 'the document needed more memory than a worker may use'
          : `the worker process stopped (${signal ?? `exit code ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
      });
    };
    const timer = setTimeout(() => {
      finish({ kind: 'failed', id: job.id, code: 'TIMEOUT', page: null, message: `no result after ${timeoutSeconds} s; stopped` });
    }, timeoutSeconds * 1000);
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.stderr?.on('data', onData);
    worker.send(job);
  });
}
