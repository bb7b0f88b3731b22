/**
 * What the command prints while a batch runs.
 *
 * - On a terminal (stdout is a TTY): a progress line redrawn in place —
 *   documents done of all, pages read, the current rate (pages per second
 *   over the last half minute), an ETA and the failures so far — with the
 *   per-document lines scrolling above it.
 * - Otherwise (a pipe, a log file, CI): the plain lines only, one per
 *   document, so logs stay greppable.
 * - `--quiet`: nothing but the errors (stderr).
 */
import cliProgress from 'cli-progress';

export interface Reporter {
  /** A line for stdout (ok, skip, the summary); dropped with --quiet. */
  info(line: string): void;
  /** A line for stderr (a failure); always written. */
  error(line: string): void;
  /** The batch starts: the documents to run and their sizes (bytes: the ETA weighs documents by size). */
  begin(documents: ReadonlyArray<{ file: string; bytes: number }>): void;
  /** A worker read another page of a document. */
  pages(file: string, done: number, total: number): void;
  /** A document finished (or failed) after reading this many pages. */
  finished(file: string, pages: number, failed: boolean): void;
  /** The batch is over: the progress line goes away. Call before printing the summary. */
  end(): void;
}

interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Rate window: pages per second over this many last milliseconds. */
const RATE_WINDOW_MS = 30_000;

export function createReporter(quiet: boolean, streams: Streams = { stdout: process.stdout, stderr: process.stderr }): Reporter {
  const plain: Reporter = {
    info: (line) => {
      if (!quiet) streams.stdout.write(`${line}\n`);
    },
    error: (line) => {
      streams.stderr.write(`${line}\n`);
    },
    begin: () => {},
    pages: () => {},
    finished: () => {},
    end: () => {},
  };
  if (quiet || !streams.stdout.isTTY) return plain;
  return new TerminalReporter(streams);
}

class TerminalReporter implements Reporter {
  private readonly bars: cliProgress.MultiBar;
  private bar: cliProgress.SingleBar | null = null;
  private documents = 0;
  private bytes = 0;
  private readonly sizes = new Map<string, number>();
  private started = 0;
  private docsDone = 0;
  private failures = 0;
  private pagesFinished = 0;
  private bytesFinished = 0;
  /** Documents being read: pages read and to read. */
  private readonly running = new Map<string, { done: number; total: number }>();
  /** (time, pages read) samples for the current rate. */
  private readonly samples: Array<[number, number]> = [];

  constructor(private readonly streams: Streams) {
    this.bars = new cliProgress.MultiBar({
      stream: streams.stdout,
      format: (options, params) => this.line(cliProgress.Format.BarFormat(params.progress, options)),
      barsize: 20,
      fps: 4,
      hideCursor: false,
      // Leave the terminal's line wrapping alone (an interrupted run must not leave it off); line() keeps within the width.
      linewrap: true,
      clearOnComplete: true,
      autopadding: false,
    });
  }

  info(line: string): void {
    if (this.bar) this.bars.log(`${line}\n`);
    else this.streams.stdout.write(`${line}\n`);
  }

  error(line: string): void {
    // stderr on the same terminal would tear the progress line: route it through the bar's log.
    if (this.bar && this.streams.stderr.isTTY) this.bars.log(`${line}\n`);
    else this.streams.stderr.write(`${line}\n`);
  }

  begin(documents: ReadonlyArray<{ file: string; bytes: number }>): void {
    this.documents = documents.length;
    for (const d of documents) {
      this.sizes.set(d.file, d.bytes);
      this.bytes += d.bytes;
    }
    this.started = Date.now();
    this.samples.push([this.started, 0]);
    if (this.documents > 0) this.bar = this.bars.create(this.documents, 0);
  }

  pages(file: string, done: number, total: number): void {
    this.running.set(file, { done, total });
    this.sample();
  }

  finished(file: string, pages: number, failed: boolean): void {
    this.running.delete(file);
    this.docsDone++;
    if (failed) this.failures++;
    this.pagesFinished += pages;
    this.bytesFinished += this.sizes.get(file) ?? 0;
    this.sample();
    this.bar?.update(this.docsDone);
  }

  end(): void {
    if (!this.bar) return;
    this.bar.update(this.docsDone);
    this.bars.update(); // flushes the lines logged since the last redraw (stop() would drop them)
    this.bars.stop();
    this.bar = null;
  }

  private pagesRead(): number {
    let n = this.pagesFinished;
    for (const doc of this.running.values()) n += doc.done;
    return n;
  }

  private sample(): void {
    const now = Date.now();
    this.samples.push([now, this.pagesRead()]);
    while (this.samples.length > 2 && this.samples[1]![0] < now - RATE_WINDOW_MS) this.samples.shift();
  }

  /** The progress line: bar, documents, pages, rate, ETA, failures; cut to the terminal's width. */
  private line(bar: string): string {
    const now = Date.now();
    const pages = this.pagesRead();
    const first = this.samples[0] ?? [this.started, 0];
    const seconds = (now - first[0]) / 1000;
    const rate = seconds > 0.5 ? (pages - first[1]) / seconds : 0;
    // Work done in bytes: finished documents, plus the read share of running ones.
    let doneBytes = this.bytesFinished;
    for (const [file, doc] of this.running) doneBytes += doc.total > 0 ? ((this.sizes.get(file) ?? 0) * doc.done) / doc.total : 0;
    const elapsed = (now - this.started) / 1000;
    const eta = doneBytes > 0 && elapsed > 2 ? (elapsed * (this.bytes - doneBytes)) / doneBytes : null;
    const parts = [
      `${bar} ${this.docsDone}/${this.documents} documents`,
      `${pages} pages`,
      `${rate.toFixed(1)} pages/s`,
      `ETA ${eta === null ? '…' : duration(eta)}`,
      `${this.failures} failed`,
    ];
    const text = parts.join(' · ');
    const width = this.streams.stdout.columns || 100; // 0 on a terminal of unknown size
    return text.length > width - 1 ? text.slice(0, Math.max(10, width - 2)) + '…' : text;
  }
}

/** 45s, 3m05s, 1h02m. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
