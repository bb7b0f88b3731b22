import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PdfAssets } from '../ingest/index.js';
import { createInProcessWorker } from './pdfjs-node.js';

/** pdf.js's bundled cMaps and standard fonts, from the installed package (nothing is fetched), and its in-process worker. */
export function nodePdfAssets(): PdfAssets {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: `${path.join(root, 'cmaps')}${path.sep}`,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}${path.sep}`,
    createWorker: createInProcessWorker,
  };
}

export interface InputFile {
  /** Absolute path. */
  file: string;
  /** Output folder name (file name without .pdf, `-2`, `-3` … for repeats). */
  name: string;
}

/** Files given, and `*.pdf` (any case) found recursively in folders given; missing paths reported apart. */
export async function collectInputs(inputs: readonly string[]): Promise<{ files: InputFile[]; missing: string[] }> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(input);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      missing.push(absolute);
      continue;
    }
    if (info.isDirectory()) found.push(...(await findPdfs(absolute)));
    else found.push(absolute);
  }
  const unique = [...new Set(found)].sort();
  const base = (file: string): string => path.basename(file).replace(/\.pdf$/iu, '');
  // A suffix must not take a name another input has of its own (x.pdf twice beside x-2.pdf).
  const taken = new Set(unique.map(base));
  const used = new Set<string>();
  const files = unique.map((file) => {
    let name = base(file);
    for (let n = 2; used.has(name); n++) {
      const candidate = `${base(file)}-${n}`;
      if (!taken.has(candidate) && !used.has(candidate)) name = candidate;
    }
    used.add(name);
    return { file, name };
  });
  return { files, missing };
}

/** The PDFs under a folder, symbolic links followed (a folder reached twice, through a link loop or not, is read once). */
async function findPdfs(dir: string, seen = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // A link is taken for what it points to; a dangling *.pdf link stays in, so the batch reports the file it cannot read.
    const target = entry.isSymbolicLink() ? await stat(full).catch(() => null) : entry;
    if (target?.isDirectory()) out.push(...(await findPdfs(full, seen)));
    else if ((target?.isFile() || (entry.isSymbolicLink() && target === null)) && /\.pdf$/iu.test(entry.name)) out.push(full);
  }
  return out;
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** What a complete output folder holds, for the run summary and errors.json of a resumed run. */
export interface CompleteOutput {
  failedChecks: number;
  pages: number;
  tables: number;
  /** Lines of its records.csv (non-empty body cells). */
  records: number;
  /** The page problems it was written with: a resumed run lists them again. */
  problems: Array<{ page: number; code: string; message: string }>;
}

/**
 * A complete output for this source (same sha256) and this table selection,
 * with its figures; null when the document must be (re)done.
 * document.json is written last, so its presence means the folder is whole.
 */
export async function completeOutput(dir: string, sha256: string, tables: readonly string[]): Promise<CompleteOutput | null> {
  const documentJson = path.join(dir, 'document.json');
  if (!existsSync(documentJson) || !existsSync(path.join(dir, 'records.csv'))) return null;
  try {
    const parsed = JSON.parse(await readFile(documentJson, 'utf8')) as {
      source?: { sha256?: string; pages?: number };
      selectedTables?: string[];
      tables?: Array<{ rows?: Array<{ cells?: Record<string, unknown> }> }>;
      validation?: { summary?: { fail?: number } };
      problems?: CompleteOutput['problems'];
    };
    const sameSelection = JSON.stringify(parsed.selectedTables ?? []) === JSON.stringify([...tables].sort());
    if (parsed.source?.sha256 !== sha256 || !sameSelection) return null;
    const tableList = parsed.tables ?? [];
    return {
      failedChecks: parsed.validation?.summary?.fail ?? 0,
      pages: parsed.source.pages ?? 0,
      tables: tableList.length,
      records: tableList.reduce((n, t) => n + (t.rows ?? []).reduce((m, r) => m + Object.keys(r.cells ?? {}).length, 0), 0),
      problems: parsed.problems ?? [],
    };
  } catch {
    return null;
  }
}

/**
 * Removes `.partial-NAME-PID` folders left in OUTDIR by workers that no
 * longer run (killed mid-write, or the whole run was killed). Folders of a
 * live process are left alone.
 */
export async function removeStalePartials(outDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = /^\.partial-.*-(\d+)$/u.exec(entry)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    await rm(path.join(outDir, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes a document's files into a temporary sibling folder, then renames it
 * into place: an interrupted run never leaves half a document behind.
 */
export async function writeOutputsAtomically(outDir: string, name: string, files: ReadonlyMap<string, string>): Promise<void> {
  const target = path.join(outDir, name);
  const temp = path.join(outDir, `.partial-${name}-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  const ordered = [...files.entries()].sort(([a], [b]) => (a === 'document.json' ? 1 : b === 'document.json' ? -1 : 0));
  for (const [relative, content] of ordered) {
    const full = path.join(temp, relative);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
}
