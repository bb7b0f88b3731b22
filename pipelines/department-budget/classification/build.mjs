#!/usr/bin/env node
// Builds function-codes-YYYY.json and economic-codes-YYYY.json from the
// output of `budget-tables extract` run over published budget PDFs.
//
//   npx budget-tables extract ../shared/corpus/real --out /tmp/cls-out
//   npx budget-tables extract samples/yaan-2025-budget.pdf --out /tmp/cls-out
//   node pipelines/department-budget/classification/build.mjs /tmp/cls-out \
//        --manifest ../shared/corpus/real/MANIFEST.tsv
//
// Every entry is a code printed next to a name in a government table; nothing
// is typed in by hand. See README.md for what this is and is not.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outDir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--manifest');
if (!outDir) {
  console.error('usage: build.mjs <extract-output-dir> [--manifest MANIFEST.tsv] [--dest DIR]');
  process.exit(2);
}
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const manifestPath = opt('--manifest', path.resolve(here, '../../../../shared/corpus/real/MANIFEST.tsv'));
const dest = opt('--dest', here);

// ---------------------------------------------------------------------------
// Where each input PDF comes from (by sha256).
// ---------------------------------------------------------------------------
const sources = new Map();
if (fs.existsSync(manifestPath)) {
  const [head, ...lines] = fs.readFileSync(manifestPath, 'utf8').trim().split('\n');
  const cols = head.split('\t');
  for (const line of lines) {
    const row = Object.fromEntries(line.split('\t').map((v, i) => [cols[i], v]));
    sources.set(row.sha256, { corpusFile: row.file, repo: row.repo, commit: row.commit, path: row.path_in_repo });
  }
}
// The seed sample is rendered from the seed text, itself a copy of a published
// document (samples/README.md); name it by the seed file.
const seedSample = path.resolve(here, '../../../samples/yaan-2025-budget.pdf');
if (fs.existsSync(seedSample)) {
  const sha = crypto.createHash('sha256').update(fs.readFileSync(seedSample)).digest('hex');
  sources.set(sha, { corpusFile: 'samples/yaan-2025-budget.pdf', repo: null, commit: null, path: 'rendered from /work/shared/seeds/000_812e6a8656527e55.txt (雅安市科学技术局 2025年部门预算, published text)' });
}

// Documents whose codes are not a government's own printing.
const EXCLUDE = {
  'shanghai-putuo/tianbao-1769321433314-826553525.pdf': 'output of a third-party report-drafting tool (repo zxj6827111-blip/tianbaoxitong), prints non-standard economic codes (30202 咨询费, 30206 办公设备购置费 …)',
  'shanghai-putuo/tianbao-draft_1c165a10-71f3-471e-8463-7290b6eb1247_preview-1.pdf': 'draft preview rendered by the same third-party tool, not a published document',
};

// ---------------------------------------------------------------------------
// Pairing: a code cell (or a run of 类/款/项 cells) immediately left of a
// name cell on the same printed line, or a cell holding both ([2010101]行政运行,
// 2010101-行政运行, 30101 基本工资). Pairing by position, not by the row's
// label, keeps the two halves of side-by-side tables apart.
// ---------------------------------------------------------------------------
const CJK = /[\u3400-\u9fff]/u;
const norm = (s) => s.normalize('NFKC').replace(/\s+/gu, '');
const CODE_COL = /编码|代码|代\/码|科目|(^|\/)类$|(^|\/)款$|(^|\/)项$/u;
const NOT_CODE_COL = /单位|部门代码|名称/u;
const NOT_NAME_COL = /采购|^单位名称$|部门名称|^单位\(项目\)名称$|项目名称/u;
const isCodeCell = (c) => /^\d{2,7}$/u.test(c.raw) && CODE_COL.test(c.key) && !NOT_CODE_COL.test(c.key);

function cleanName(raw) {
  return raw
    .replace(/^[[【(（]?\d{3,7}[\]】)）]?[-—－_:：]?/u, '') // code echoed in the name cell
    .replace(/注[:：].*$/u, '') // a table note run into the last row
    .trim();
}

function classify(code) {
  if (!/^\d+$/u.test(code)) return null;
  if (/^2\d{2}(\d{2}(\d{2})?)?$/u.test(code)) return 'function';
  if (/^3\d{2}(\d{2})?$/u.test(code)) return 'department_economic';
  if (/^5\d{2}(\d{2})?$/u.test(code)) return 'government_economic';
  return null;
}

function pairsOfRow(row) {
  const cells = Object.entries(row.cells)
    .map(([key, c]) => ({ key: key.replace(/#\d+$/u, ''), raw: norm(c.raw), page: c.page, x: c.bbox[0] }))
    .sort((a, b) => a.page - b.page || a.x - b.x);
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const one = /^[[【(（]?(\d{3}|\d{5}|\d{7})[\]】)）]?[-—－_:：]?(\D.*)$/u.exec(c.raw);
    if (one && CJK.test(one[2]) && CODE_COL.test(c.key) && !NOT_CODE_COL.test(c.key)) {
      found.push({ code: one[1], name: one[2], page: c.page, how: 'same cell' });
      continue;
    }
    if (!isCodeCell(c)) continue;
    let k = i;
    let digits = '';
    while (k < cells.length && isCodeCell(cells[k]) && cells[k].page === c.page) digits += cells[k++].raw;
    // a 单位代码 column printed between the subject code and the name (雅安 layout)
    while (k < cells.length && /单位代码|部门代码/u.test(cells[k].key) && /^\d+$/u.test(cells[k].raw)) k++;
    const name = cells[k];
    i = k - 1;
    if (!name || name.page !== c.page || !CJK.test(name.raw) || /^\d/u.test(name.raw) || NOT_NAME_COL.test(name.key)) continue;
    let code = digits;
    if (!classify(code)) {
      // 款/项 printed without its 类: take the extractor's carried code when it ends with these digits.
      const carried = [row.codes?.function, row.codes?.economic].find((x) => x && x.endsWith(digits));
      if (!(carried && digits.length === 2 && norm(row.label ?? '') === name.raw)) continue;
      code = carried;
    }
    found.push({ code, name: name.raw, page: c.page, how: 'code cell + name cell' });
  }
  return found;
}

// ---------------------------------------------------------------------------
// Read every document.json.
// ---------------------------------------------------------------------------
const documents = [];
const observations = []; // { year, cls, code, name, doc }
for (const dir of fs.readdirSync(outDir).sort()) {
  const file = path.join(outDir, dir, 'document.json');
  if (!fs.existsSync(file)) continue;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  const src = sources.get(j.source.sha256) ?? { corpusFile: j.source.file, repo: null, commit: null, path: null };
  const excluded = EXCLUDE[src.corpusFile];
  const doc = {
    file: src.corpusFile,
    sha256: j.source.sha256,
    repo: src.repo,
    commit: src.commit,
    path: src.path,
    department: j.document.department,
    year: j.document.year,
    kind: j.document.kind,
    ...(excluded ? { excluded } : {}),
  };
  documents.push(doc);
  if (excluded || !j.document.year) continue;
  for (const t of j.tables) {
    for (const r of t.rows) {
      for (const p of pairsOfRow(r)) {
        const cls = classify(p.code);
        const name = cleanName(p.name);
        if (!cls || !name || !CJK.test(name)) continue;
        observations.push({ year: j.document.year, cls, code: p.code, name, doc, page: p.page, table: t.order ?? t.title });
      }
    }
  }
}

// ---------------------------------------------------------------------------
// One vote per document. Project lists (项目支出表, 采购表) print a subject code
// beside each project's name, so:
//  (a) a code printed with two or more different names inside one table is
//      dropped for that table;
//  (b) inside one document a code keeps the name printed in the most tables;
//      a tie there gives the document no vote for that code.
// ---------------------------------------------------------------------------
{
  const perTable = new Map();
  for (const o of observations) {
    const k = `${o.doc.file}|${o.table}|${o.cls}|${o.code}`;
    if (!perTable.has(k)) perTable.set(k, new Set());
    perTable.get(k).add(o.name);
  }
  const kept = observations.filter((o) => perTable.get(`${o.doc.file}|${o.table}|${o.cls}|${o.code}`).size === 1);
  const perDoc = new Map();
  for (const o of kept) {
    const k = `${o.doc.file}|${o.cls}|${o.code}`;
    if (!perDoc.has(k)) perDoc.set(k, new Map());
    const names = perDoc.get(k);
    if (!names.has(o.name)) names.set(o.name, new Set());
    names.get(o.name).add(o.table);
  }
  const winner = new Map();
  for (const [k, names] of perDoc) {
    const ranked = [...names.entries()].sort((a, b) => b[1].size - a[1].size);
    if (ranked.length === 1 || ranked[0][1].size > ranked[1][1].size) winner.set(k, ranked[0][0]);
  }
  const dropped = observations.length;
  observations.splice(0, observations.length, ...kept.filter((o) => winner.get(`${o.doc.file}|${o.cls}|${o.code}`) === o.name));
  console.error(`pairs: ${dropped} printed, ${observations.length} kept after the per-table and per-document rules`);
}

// ---------------------------------------------------------------------------
// Per year and classification: the name most documents print for a code.
// A tie is broken by the name the same code has in the nearest other year;
// a tie that stays is listed as disputed and left out of `codes`.
// ---------------------------------------------------------------------------
const byKey = new Map(); // year|cls|code -> Map(name -> Map(docFile -> [pages]))
for (const o of observations) {
  const key = `${o.year}|${o.cls}|${o.code}`;
  if (!byKey.has(key)) byKey.set(key, new Map());
  const names = byKey.get(key);
  if (!names.has(o.name)) names.set(o.name, new Map());
  const docs = names.get(o.name);
  if (!docs.has(o.doc.file)) docs.set(o.doc.file, new Set());
  docs.get(o.doc.file).add(o.page);
}
const years = [...new Set(observations.map((o) => o.year))].sort();
const namesIn = (year, cls, code) => byKey.get(`${year}|${cls}|${code}`);

function decide(year, cls, code) {
  const names = namesIn(year, cls, code);
  const ranked = [...names.entries()].map(([name, docs]) => ({ name, docs: docs.size })).sort((a, b) => b.docs - a.docs);
  if (ranked.length === 1 || ranked[0].docs > ranked[1].docs) return { name: ranked[0].name, rule: ranked.length === 1 ? 'unanimous' : 'majority of documents' };
  const tied = ranked.filter((r) => r.docs === ranked[0].docs).map((r) => r.name);
  const others = years.filter((y) => y !== year).sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a);
  for (const y of others) {
    const there = namesIn(y, cls, code);
    if (!there) continue;
    const hit = tied.filter((n) => there.has(n));
    if (hit.length === 1) return { name: hit[0], rule: `tie broken by the name printed in ${y}` };
  }
  return null;
}

const CLASS_LABEL = {
  function: '支出功能分类科目 (类 3 digits, 款 5, 项 7)',
  department_economic: '部门预算支出经济分类科目 (类 3 digits, 款 5)',
  government_economic: '政府预算支出经济分类科目 (类 3 digits, 款 5)',
};

const docIndex = (list) => new Map(list.map((d, i) => [d.file, i]));
const written = [];
for (const year of years) {
  for (const [fileKind, classes] of [['function', ['function']], ['economic', ['department_economic', 'government_economic']]]) {
    const yearDocs = [];
    const parts = {};
    let total = 0;
    for (const cls of classes) {
      const codes = {};
      const evidence = {};
      const variants = {};
      const disputed = {};
      const keys = [...byKey.keys()].filter((k) => k.startsWith(`${year}|${cls}|`)).map((k) => k.split('|')[2]);
      keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const code of keys) {
        const names = namesIn(year, cls, code);
        for (const docs of names.values()) for (const f of docs.keys()) if (!yearDocs.includes(f)) yearDocs.push(f);
        const d = decide(year, cls, code);
        const all = Object.fromEntries([...names.entries()].map(([n, docs]) => [n, [...docs.keys()]]));
        if (!d) { disputed[code] = all; continue; }
        codes[code] = d.name;
        evidence[code] = [...names.get(d.name).keys()];
        if (names.size > 1) variants[code] = { chosen: d.name, rule: d.rule, printed: all };
      }
      parts[cls] = { codes, evidence, variants, disputed };
      total += Object.keys(codes).length;
    }
    if (!total) continue;
    yearDocs.sort();
    const idx = docIndex(yearDocs.map((f) => ({ file: f })));
    const docsMeta = yearDocs.map((f) => {
      const d = documents.find((x) => x.file === f);
      return { id: idx.get(f), file: d.file, department: d.department, kind: d.kind, repo: d.repo, commit: d.commit, path: d.path, sha256: d.sha256 };
    });
    const toIds = (files) => files.map((f) => idx.get(f)).sort((a, b) => a - b);
    const section = (cls) => {
      const p = parts[cls];
      return {
        classification: CLASS_LABEL[cls],
        count: Object.keys(p.codes).length,
        codes: p.codes,
        evidence: Object.fromEntries(Object.entries(p.evidence).map(([c, f]) => [c, toIds(f)])),
        variants: Object.fromEntries(Object.entries(p.variants).map(([c, v]) => [c, { ...v, printed: Object.fromEntries(Object.entries(v.printed).map(([n, f]) => [n, toIds(f)])) }])),
        disputed: Object.fromEntries(Object.entries(p.disputed).map(([c, v]) => [c, Object.fromEntries(Object.entries(v).map(([n, f]) => [n, toIds(f)]))])),
      };
    };
    const source = `Code/name pairs printed in ${yearDocs.length} published ${year} budget/final-account table document(s) (listed in "documents"), extracted with budget-tables and paired by position. NOT the Ministry of Finance's 《${year}年政府收支分类科目》: no copy of it was found in any store searched; see README.md.`;
    const body = fileKind === 'function'
      ? { source, official: false, year, documents: docsMeta, ...section('function') }
      : {
          source,
          official: false,
          year,
          documents: docsMeta,
          codes: parts.department_economic.codes,
          department: section('department_economic'),
          government: section('government_economic'),
        };
    const name = `${fileKind}-codes-${year}.json`;
    fs.writeFileSync(path.join(dest, name), JSON.stringify(body, null, 2) + '\n');
    written.push({ name, year, fileKind, counts: classes.map((c) => `${c}=${Object.keys(parts[c].codes).length}` + (Object.keys(parts[c].disputed).length ? ` (disputed ${Object.keys(parts[c].disputed).length})` : '')).join(', '), docs: yearDocs.length });
  }
}
// ---------------------------------------------------------------------------
// All years together: for each code the name of the latest year that prints
// it, and every year's name (`attested`), so a check can be year-exact where
// the year has evidence and fall back otherwise.
// ---------------------------------------------------------------------------
function combined(cls) {
  const attested = {};
  for (const w of written) {
    const file = JSON.parse(fs.readFileSync(path.join(dest, w.name), 'utf8'));
    const sec = cls === 'function' ? file : cls === 'department_economic' ? file.department : file.government;
    if (!sec || w.fileKind !== (cls === 'function' ? 'function' : 'economic')) continue;
    for (const [code, name] of Object.entries(sec.codes)) (attested[code] ??= {})[w.year] = name;
  }
  const codes = {};
  const renamed = {};
  for (const code of Object.keys(attested).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ys = Object.keys(attested[code]).map(Number).sort();
    codes[code] = attested[code][ys[ys.length - 1]];
    if (new Set(Object.values(attested[code])).size > 1) renamed[code] = attested[code];
  }
  const sorted = Object.fromEntries(Object.keys(codes).map((c) => [c, attested[c]]));
  return { classification: CLASS_LABEL[cls], count: Object.keys(codes).length, codes, attested: sorted, renamed };
}
const allYears = [...new Set(written.map((w) => w.year))].sort();
const combinedSource = `Union of the per-year files ${allYears.map((y) => y).join(', ')} (function-codes-YYYY.json / economic-codes-YYYY.json): code/name pairs printed in published budget and final-account tables. "codes" gives the name of the latest year that prints the code; "attested" gives every year's name. NOT the Ministry of Finance's 《政府收支分类科目》; see README.md.`;
fs.writeFileSync(path.join(dest, 'function-codes.json'), JSON.stringify({ source: combinedSource, official: false, years: allYears, ...combined('function') }, null, 2) + '\n');
{
  const dep = combined('department_economic');
  const gov = combined('government_economic');
  fs.writeFileSync(path.join(dest, 'economic-codes.json'), JSON.stringify({ source: combinedSource, official: false, years: allYears, codes: dep.codes, department: dep, government: gov }, null, 2) + '\n');
  console.log(`function-codes.json\tall years\tfunction=${combined('function').count}`);
  console.log(`economic-codes.json\tall years\tdepartment_economic=${dep.count}, government_economic=${gov.count}`);
}

fs.writeFileSync(
  path.join(dest, 'sources.json'),
  JSON.stringify({ note: 'Every input document of the last build; "excluded" ones contributed nothing.', documents }, null, 2) + '\n',
);
for (const w of written) console.log(`${w.name}\t${w.docs} docs\t${w.counts}`);
