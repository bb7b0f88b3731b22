import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInputs } from '../../../src/cli/files.js';

describe('collectInputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'budget-tables-inputs-'));
    await mkdir(path.join(dir, 'store'));
    await mkdir(path.join(dir, 'batch', 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'store', 'a.pdf'), '%PDF-1.4');
    await writeFile(path.join(dir, 'batch', 'b.PDF'), '%PDF-1.4');
    await writeFile(path.join(dir, 'batch', 'notes.txt'), 'x');
    await writeFile(path.join(dir, 'batch', 'sub', 'c.pdf'), '%PDF-1.4');
    // Links, as a researcher's folder of every department often is: to a file, to a folder, a loop, a dangling one.
    await symlink(path.join(dir, 'store', 'a.pdf'), path.join(dir, 'batch', 'linked.pdf'));
    await symlink(path.join(dir, 'store'), path.join(dir, 'batch', 'store-link'));
    await symlink(path.join(dir, 'batch'), path.join(dir, 'batch', 'sub', 'loop'));
    await symlink(path.join(dir, 'gone.pdf'), path.join(dir, 'batch', 'dangling.pdf'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds PDFs in folders recursively, through symbolic links, each folder once, dangling links kept for the batch to report', async () => {
    const { files, missing } = await collectInputs([path.join(dir, 'batch')]);
    const rel = files.map((f) => path.relative(dir, f.file)).sort();
    expect(rel).toEqual(['batch/b.PDF', 'batch/dangling.pdf', 'batch/linked.pdf', 'batch/store-link/a.pdf', 'batch/sub/c.pdf']);
    expect(missing).toEqual([]);
  });

  it('gives documents of the same name distinct output names', async () => {
    const { files } = await collectInputs([path.join(dir, 'batch'), path.join(dir, 'store', 'a.pdf')]);
    const names = files.map((f) => f.name).sort();
    // store/a.pdf given itself and batch/store-link/a.pdf found through the link: two inputs named a.
    expect(names).toEqual(['a', 'a-2', 'b', 'c', 'dangling', 'linked']);
  });

  it('reports paths that do not exist apart', async () => {
    const { files, missing } = await collectInputs([path.join(dir, 'nowhere')]);
    expect(files).toEqual([]);
    expect(missing).toEqual([path.join(dir, 'nowhere')]);
  });
});
