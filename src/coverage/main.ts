#!/usr/bin/env node
/**
 * `npm run coverage -- <pdf or folder>...`: measures the tool's extraction
 * against a second, independent reading of each PDF's text layer.
 *
 * Prints one line per document and a summary line (with run time and peak
 * memory). Exit status 0 (it measures), 1 when a `--min-*` threshold is
 * given and a document that prints amounts falls below it, 2 on a usage
 * error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkDocument, type DocumentCoverage } from './check.js';
import { detailsMarkdown, documentLine, markdownTable, placementOf, precisionOf, recallOf, summaryLine, toJson, totals } from './report.js';

const USAGE = `usage: npm run coverage -- INPUT... [options]
  INPUT                 PDF files or folders (searched recursively for *.pdf)
  --min-recall R        exit 1 when a document's amount recall is below R
  --min-precision P     exit 1 when a document's amount precision is below P
  --min-placement Q     exit 1 when a document's placement is below Q
  --markdown FILE       write the per-document table as Markdown
  --details FILE        write every missed / extra / misplaced amount (Markdown)
  --json FILE           write the results as JSON
  --base DIR            print document names relative to DIR (default: the common folder of the inputs)`;

function findPdfs(input: string): string[] {
  const st = fs.statSync(input);
  if (st.isFile()) return [path.resolve(input)];
  const out: string[] = [];
  for (const entry of fs.readdirSync(input, { withFileTypes: true })) {
    const full = path.join(input, entry.name);
    if (entry.isDirectory()) out.push(...findPdfs(full));
    else if (/\.pdf$/iu.test(entry.name)) out.push(path.resolve(full));
  }
  return out;
}

function commonDir(files: readonly string[]): string {
  if (files.length === 0) return process.cwd();
  let dir = path.dirname(files[0]!);
  while (!files.every((f) => f.startsWith(dir + path.sep)) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
}

function threshold(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    console.error(`${name} must be a number between 0 and 1, got ${value}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'min-recall': { type: 'string' },
        'min-precision': { type: 'string' },
        'min-placement': { type: 'string' },
        markdown: { type: 'string' },
        details: { type: 'string' },
        json: { type: 'string' },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const minRecall = threshold(values['min-recall'], '--min-recall');
  const minPrecision = threshold(values['min-precision'], '--min-precision');
  const minPlacement = threshold(values['min-placement'], '--min-placement');
  const files: string[] = [];
  for (const input of positionals) {
    if (!fs.existsSync(input)) {
      console.error(`no such file or folder: ${input}`);
      process.exit(2);
    }
    files.push(...findPdfs(input));
  }
  files.sort();
  const base = values.base ? path.resolve(values.base) : commonDir(files);
  const names = files.map((f) => path.relative(base, f) || path.basename(f));

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const docs: DocumentCoverage[] = [];
  let failed = false;
  for (let i = 0; i < files.length; i++) {
    const d = await checkDocument(files[i]!);
    docs.push(d);
    console.log(documentLine(d, names[i]!));
    if (d.printed > 0) {
      const below = (r: number | null, min: number | null): boolean => min !== null && r !== null && r < min;
      if (below(recallOf(d), minRecall) || below(precisionOf(d), minPrecision) || below(placementOf(d), minPlacement)) failed = true;
    }
    if (d.error) failed = failed || minRecall !== null || minPrecision !== null || minPlacement !== null;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const pages = docs.reduce((a, d) => a + d.pages, 0);
  console.log(summaryLine(totals(docs), seconds, cpuSeconds, peakMB, pages));

  if (values.markdown) fs.writeFileSync(values.markdown, markdownTable(docs, names) + '\n');
  if (values.details) fs.writeFileSync(values.details, docs.map((d, i) => detailsMarkdown(d, names[i]!)).join('\n'));
  if (values.json) {
    const t = totals(docs);
    fs.writeFileSync(
      values.json,
      JSON.stringify({ totals: t, seconds, cpuSeconds, peakRssMB: Math.round(peakMB), documents: docs.map((d, i) => toJson(d, names[i]!)) }, null, 2) + '\n',
    );
  }
  if (failed) process.exitCode = 1;
}

await main();
