/** Text, Markdown and JSON renderings of coverage results. */
import { ratio, type DocumentCoverage } from './check.js';

export interface Totals {
  documents: number;
  measured: number;
  printed: number;
  found: number;
  foundAsText: number;
  extracted: number;
  precise: number;
  placementChecked: number;
  placementOk: number;
  unverified: number;
  titlesPrinted: number;
  titlesFound: number;
  contents: number;
  contentsFound: number;
  errors: number;
}

export function totals(docs: readonly DocumentCoverage[]): Totals {
  const t: Totals = {
    documents: docs.length,
    measured: 0,
    printed: 0,
    found: 0,
    foundAsText: 0,
    extracted: 0,
    precise: 0,
    placementChecked: 0,
    placementOk: 0,
    unverified: 0,
    titlesPrinted: 0,
    titlesFound: 0,
    contents: 0,
    contentsFound: 0,
    errors: 0,
  };
  for (const d of docs) {
    if (d.textPages > 0) t.measured++;
    t.printed += d.printed;
    t.found += d.found;
    t.foundAsText += d.foundAsText;
    t.extracted += d.extracted;
    t.precise += d.precise;
    t.placementChecked += d.placementChecked;
    t.placementOk += d.placementOk;
    t.unverified += d.unverified;
    t.titlesPrinted += d.titles.printed.length;
    t.titlesFound += d.titles.printed.length - d.titles.missing.length;
    t.contents += d.titles.contents.length;
    t.contentsFound += d.titles.contents.length - d.titles.contentsMissing.length;
    if (d.error) t.errors++;
  }
  return t;
}

export const fmt = (r: number | null, digits = 4): string => (r === null ? '—' : r.toFixed(digits));

export function recallOf(d: Pick<DocumentCoverage, 'found' | 'printed'>): number | null {
  return ratio(d.found, d.printed);
}
export function precisionOf(d: Pick<DocumentCoverage, 'precise' | 'extracted'>): number | null {
  return ratio(d.precise, d.extracted);
}
export function placementOf(d: Pick<DocumentCoverage, 'placementOk' | 'placementChecked'>): number | null {
  return ratio(d.placementOk, d.placementChecked);
}

export function documentLine(d: DocumentCoverage, name: string): string {
  if (d.textPages === 0) return `image only (no text layer, not measured)  pages ${d.pages}  tool tables ${d.toolTables}  ${(d.ms / 1000).toFixed(1)} s  ${name}`;
  const t = d.titles;
  const contents = t.contents.length > 0 ? `${t.contents.length - t.contentsMissing.length}/${t.contents.length} 目录` : 'no 目录';
  return [
    `recall ${fmt(recallOf(d))} (${d.found}/${d.printed}${d.foundAsText ? `, ${d.foundAsText} as text` : ''})`,
    `precision ${fmt(precisionOf(d))} (${d.precise}/${d.extracted})`,
    `placement ${fmt(placementOf(d))} (${d.placementOk}/${d.placementChecked}${d.unverified ? `, ${d.unverified} unverified` : ''})`,
    `tables ${t.printed.length - t.missing.length}/${t.printed.length} titles, ${contents}, tool ${d.toolTables}`,
    `pages ${d.pages} (${d.tablePages} table)`,
    `${(d.ms / 1000).toFixed(1)} s`,
    d.error ? `ERROR ${d.error}` : '',
    name,
  ]
    .filter((s) => s !== '')
    .join('  ');
}

export function summaryLine(t: Totals, seconds: number, cpuSeconds: number, peakMB: number, pages: number): string {
  return [
    `summary  ${t.documents} documents (${t.measured} with text)`,
    `recall ${fmt(ratio(t.found, t.printed))} (${t.found}/${t.printed}${t.foundAsText ? `, ${t.foundAsText} as text` : ''})`,
    `precision ${fmt(ratio(t.precise, t.extracted))} (${t.precise}/${t.extracted})`,
    `placement ${fmt(ratio(t.placementOk, t.placementChecked))} (${t.placementOk}/${t.placementChecked}${t.unverified ? `, ${t.unverified} unverified` : ''})`,
    `tables ${t.titlesFound}/${t.titlesPrinted} titles, ${t.contentsFound}/${t.contents} 目录`,
    `errors ${t.errors}`,
    `${pages} pages in ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (${(pages / cpuSeconds).toFixed(1)} pages per CPU-second, both readings), peak RSS ${peakMB.toFixed(0)} MB`,
  ].join('  ');
}

export function markdownTable(docs: readonly DocumentCoverage[], names: readonly string[]): string {
  const rows = [
    '| document | pages (table) | recall | precision | placement | unverified | titles found/printed | 目录 found/listed | tool tables |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  docs.forEach((d, i) => {
    const name = names[i]!;
    if (d.textPages === 0) {
      rows.push(`| ${name} | ${d.pages} (image only) | — | — | — | — | — | — | ${d.toolTables} |`);
      return;
    }
    const t = d.titles;
    const flag = (r: number | null, min: number): string => (r !== null && r < min ? ` **<${min}**` : '');
    const rc = recallOf(d);
    const pr = precisionOf(d);
    const pl = placementOf(d);
    rows.push(
      `| ${name} | ${d.pages} (${d.tablePages}) | ${fmt(rc)} (${d.found}/${d.printed})${flag(rc, 0.98)} | ${fmt(pr)} (${d.precise}/${d.extracted})${flag(pr, 0.998)} | ${fmt(pl)} (${d.placementOk}/${d.placementChecked})${flag(pl, 0.995)} | ${d.unverified} | ${t.printed.length - t.missing.length}/${t.printed.length} | ${t.contents.length ? `${t.contents.length - t.contentsMissing.length}/${t.contents.length}` : '—'} | ${d.toolTables}${d.error ? ` ERROR ${d.error}` : ''} |`,
    );
  });
  return rows.join('\n');
}

/** Every discrepancy of a document, for a person looking for the cause. */
export function detailsMarkdown(d: DocumentCoverage, name: string, limit = 40): string {
  const out: string[] = [`## ${name}`, '', documentLine(d, name), ''];
  if (d.titles.missing.length) {
    out.push(`Printed titles no tool table answers: ${d.titles.missing.map((t) => `p${t.page} ${t.text}`).join('; ')}`, '');
  }
  if (d.titles.contentsMissing.length) {
    out.push(`目录 entries no tool table answers: ${d.titles.contentsMissing.map((t) => t.text).join('; ')}`, '');
  }
  for (const p of d.pageResults) {
    const parts: string[] = [];
    const textual = new Set(p.asText.map((a) => a.printed));
    const missed = p.missed.filter((n) => !textual.has(n));
    if (missed.length) {
      const shown = missed.slice(0, limit).map((n) => `${n.text}@(${n.x0.toFixed(0)},${n.top.toFixed(0)})`);
      parts.push(`- missed ${missed.length}: ${shown.join(' ')}${missed.length > limit ? ' …' : ''}`);
    }
    if (p.asText.length) {
      const shown = p.asText
        .slice(0, Math.min(limit, 8))
        .map((a) => `${a.printed.text} [#${a.cell.table} r${a.cell.row} / ${a.cell.column}]`);
      parts.push(`- held as text ${p.asText.length}: ${shown.join('; ')}${p.asText.length > 8 ? ' …' : ''}`);
    }
    if (p.extras.length) {
      const shown = p.extras
        .slice(0, limit)
        .map((e) => `${e.cell.raw} [#${e.cell.table} r${e.cell.row} "${e.cell.label}" / ${e.cell.column}] ${e.reason}`);
      parts.push(`- extra ${p.extras.length}: ${shown.join('; ')}${p.extras.length > limit ? ' …' : ''}`);
    }
    if (p.misplaced.length) {
      const shown = p.misplaced
        .slice(0, limit)
        .map((m) => `${m.cell.raw}@(${m.printed.x0.toFixed(0)},${m.printed.top.toFixed(0)}) [#${m.cell.table} r${m.cell.row} "${m.cell.label}" / ${m.cell.column}]: ${m.problems.join('; ')}`);
      parts.push(`- misplaced ${p.misplaced.length}: ${shown.join(' | ')}${p.misplaced.length > limit ? ' …' : ''}`);
    }
    if (p.unverified) {
      parts.push(`- unverified ${p.unverified}: ${[...p.unverifiedWhy].map(([w, c]) => `${w} ×${c}`).join(', ')}`);
    }
    if (parts.length) out.push(`p${p.page}${p.tablePage ? '' : ' (not a table page)'}`, ...parts);
  }
  return out.join('\n') + '\n';
}

/** Plain data for `--json`. */
export function toJson(d: DocumentCoverage, name: string): unknown {
  return {
    document: name,
    pages: d.pages,
    textPages: d.textPages,
    tablePages: d.tablePages,
    recall: recallOf(d),
    precision: precisionOf(d),
    placement: placementOf(d),
    printed: d.printed,
    found: d.found,
    foundAsText: d.foundAsText,
    extracted: d.extracted,
    precise: d.precise,
    placementChecked: d.placementChecked,
    placementOk: d.placementOk,
    unverified: d.unverified,
    titles: {
      printed: d.titles.printed.length,
      missing: d.titles.missing.map((t) => ({ page: t.page, title: t.text })),
      contents: d.titles.contents.length,
      contentsMissing: d.titles.contentsMissing.map((t) => t.text),
    },
    toolTables: d.toolTables,
    error: d.error,
    ms: Math.round(d.ms),
    timing: { read: Math.round(d.timing.read), extract: Math.round(d.timing.extract), compare: Math.round(d.timing.compare) },
  };
}
