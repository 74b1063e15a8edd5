// The .xlsx part's table (issue 17) for the console and its section of docs/benchmarks.md. With
// `--only xlsx` only that section is rewritten in place (the rest of the file is a whole run's).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './data.mjs';
import { sameValue } from './xlsx-data.mjs';

const HEADING = '## Excel workbook: a 200,000 × 10 .xlsx, Cellar beside HyperFormula (issue 17)';

function median(xs) {
  if (!xs || xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const fmtMs = (ms) => (ms == null ? '—' : ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtMB = (b) => (b == null ? '—' : `${(b / 1e6).toFixed(0)} MB`);
const esc = (s) => String(s).replace(/\|/g, '\\|');
const samples = (xs, f = (x) => Math.round(x)) => (xs && xs.length ? xs.map(f).join(', ') : '—');

export const XLSX_COLUMNS = [['work', 'work'], ['cellar', 'Cellar (Chromium)'], ['peer', 'HyperFormula (Node)'], ['ratio', 'ratio (Cellar / HyperFormula)']];

/** The rows of the table (r.xlsx from bench/xlsx.mjs) and the notes they point to. */
export function buildXlsxRows(r) {
  const { cellar: C, peer: H, rows: n } = r.xlsx;
  const notes = [];
  // The same failure under several rows is one note.
  const note = (text) => `[${(notes.includes(text) ? notes.indexOf(text) : notes.push(text) - 1) + 1}]`;
  const failed = (side, errors) => (errors.open ? `failed ${note(`${side}: ${errors.open}`)}` : '—');
  const partial = (side, errors, xs) => (errors.open && xs.length ? ` ${note(`${side}: ${xs.length} of ${r.xlsx.reps} rounds; ${errors.open}`)}` : '');
  const time = (xs, side, errors) => (median(xs) == null ? failed(side, errors) : fmtMs(median(xs)) + partial(side, errors, xs));
  const bytes = (xs, side, errors) => (median(xs) == null ? failed(side, errors) : fmtMB(median(xs)));
  const ratio = (a, b) => (median(a) == null || median(b) == null ? '—' : `${(median(a) / median(b)).toFixed(median(a) / median(b) < 0.1 ? 2 : 1)}×`);
  const list = (bad) => (bad.length > 8 ? `${bad.slice(0, 8).join('; ')}; and ${bad.length - 8} more (bench/.data/xlsx-run.json)` : bad.join('; '));
  const right = (bad) => (bad == null ? '—' : bad.length === 0 ? 'all 50' : `${50 - bad.length} of 50 ${note(`wrong or missing: ${list(bad)}`)}`);
  const rows = [
    { work: 'Open → first Data cells on screen (A2 = "x", B2 = 100001)', cellar: time(C.first, 'Cellar', C.errors.first ? { open: C.errors.first } : C.errors), peer: '— (no view)', ratio: '—' },
    { work: 'Open → all 50 Summary formulas computed', cellar: time(C.all, 'Cellar', C.errors), peer: time(H.open, 'HyperFormula', H.errors), ratio: ratio(C.all, H.open) },
    { work: '… HyperFormula: the .xlsx read into rows (exceljs streaming reader)', cellar: '—', peer: time(H.read, 'HyperFormula', H.errors), ratio: '—' },
    { work: '… HyperFormula: buildFromSheets (parse, dependency graph, compute)', cellar: '—', peer: time(H.build, 'HyperFormula', H.errors), ratio: '—' },
    { work: 'Edit Data!C2 → Summary!B12 (a chain on a SUMIFS over Data) on screen / computed', cellar: time(C.edit, 'Cellar', C.errors.edit ? { open: C.errors.edit } : C.errors), peer: time(H.edit, 'HyperFormula', H.errors), ratio: ratio(C.edit, H.edit) },
    { work: 'JS heap after open, after a GC (Cellar: the page\'s main thread)', cellar: bytes(C.heapAfter, 'Cellar', C.errors), peer: bytes(H.heapAfter, 'HyperFormula', H.errors), ratio: ratio(C.heapAfter, H.heapAfter) },
    { work: 'JS heap peak while opening (sampled)', cellar: bytes(C.heapPeak, 'Cellar', C.errors), peer: bytes(H.heapPeak, 'HyperFormula', H.errors), ratio: ratio(C.heapPeak, H.heapPeak) },
    {
      work: 'Peak memory of the process (RSS; Cellar: the tab\'s renderer, with its workers and DuckDB\'s WASM memory)',
      cellar: median(C.rssPeak) == null ? failed('Cellar', C.errors) : `${fmtMB(median(C.rssPeak))} (${fmtMB(median(C.rssBefore))} before opening)`,
      peer: bytes(H.maxRss, 'HyperFormula', H.errors), ratio: ratio(C.rssPeak, H.maxRss),
    },
    { work: 'Summary formulas that came to the expected value', cellar: right(C.mismatches), peer: right(H.mismatches), ratio: '—' },
  ];
  if (H.errors.edit) rows[4].peer += ` ${note(`HyperFormula: ${H.errors.edit}`)}`;
  // A fast wrong answer is not a result: say so where the time is.
  const wrong = (bad) => (bad?.length ? ` (${bad.length} value${bad.length === 1 ? '' : 's'} wrong: last row)` : '');
  if (median(C.all) != null) rows[1].cellar += wrong(C.mismatches);
  if (median(H.open) != null) rows[1].peer += wrong(H.mismatches);
  if (n !== 200_000) rows.forEach((row) => (row.work = row.work.replace('200,000', n.toLocaleString('en-US'))));
  return { rows, notes };
}

/** The section's markdown lines. */
export function xlsxMarkdown(r) {
  const x = r.xlsx;
  const { cellar: C, peer: H } = x;
  const { rows, notes } = buildXlsxRows(r);
  const size = `${x.rows.toLocaleString('en-US')} × 10`;
  const md = [x.rows === 200_000 ? HEADING : HEADING.replace('200,000 × 10', `${size} (not the issue's 200,000: \`--rows\`)`), ''];
  md.push(`Finished ${r.date}${r.machine ? ` on ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memGB} GB, Node ${r.machine.node}` : ''}; ` +
    `load average (1 min) ${x.loadBefore} when this part started, ${x.loadAfter} when it ended (the machine is shared: other work shows in both).`);
  md.push(`One generated workbook, opened ${x.reps} times by each side, the sides alternating which goes first; medians.` +
    (x.app ? ` The app: ${x.app}.` : ''));
  md.push(`HyperFormula ${H.version ?? '?'} is a dev-only benchmark peer (GPL-3.0, \`licenseKey: 'gpl-v3'\`): never imported by src/, never bundled.`, '');
  md.push(`| ${XLSX_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  md.push(`| ${XLSX_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) md.push(`| ${XLSX_COLUMNS.map(([k]) => esc(row[k])).join(' | ')} |`);
  md.push('');
  if (notes.length > 0) {
    md.push('Notes and failures in this part:', '');
    notes.forEach((t, i) => md.push(`${i + 1}. ${esc(t)}`));
    md.push('');
  }
  if (C.reached) {
    const at = (t) => (t == null || C.reached.t0 == null ? 'not reached' : `after ${fmtMs(t - C.reached.t0)}`);
    md.push(`Where Cellar was when it stopped: first Data cells ${at(C.reached.first)}; Summary computed ${at(C.reached.all)}.`, '');
  }
  md.push('The workbook:', '');
  md.push(`- \`${x.file.path}\`, ${fmtMB(x.file.bytes)}, written with exceljs's streaming writer (shared strings, styles)${x.file.generatedS != null ? ` in ${x.file.generatedS.toFixed(1)} s in this run` : ' by an earlier run, reused'}.`);
  md.push(`- \`Data\`: a header row, then ${x.rows.toLocaleString('en-US')} rows of key (text, 50 values: "x", "k1" … "k49"), id (unique number), amount, qty, price, a date (format \`yyyy-mm-dd\`), region, score, rank, cost.`);
  // Each kind of formula once (the first of its shape), with how many there are.
  const kinds = new Map();
  for (const f of x.formulas) {
    const shape = f.replace(/"[^"]*"|\d+/g, '…');
    kinds.set(shape, { first: kinds.get(shape)?.first ?? f, n: (kinds.get(shape)?.n ?? 0) + 1 });
  }
  md.push(`- \`Summary\`: 50 formulas in B2:B51, with whole-column references into Data: ${[...kinds.values()].map((k) => `\`${k.first}\`${k.n > 1 ? ` (×${k.n})` : ''}`).join(', ')}.`);
  md.push(`- The edit: Data!${x.edit.cell} (key "x") becomes ${x.edit.value}; Summary!B2 is its SUMIFS, B3 = B2*2, B4 … B12 each the one above + 1, and B12 is the value timed.`);
  md.push('- Every formula\'s value is checked against the same sums, counts and lookups computed by the bench in plain JS (numbers within 1e-9, relative).');
  md.push('');
  md.push('All samples, in round order:', '');
  md.push(`- Cellar, open → first cells (ms): ${samples(C.first)}; → all formulas: ${samples(C.all)}; edit → B12: ${samples(C.edit)}`);
  md.push(`- Cellar memory (MB): heap after ${samples(C.heapAfter, (b) => Math.round(b / 1e6))}, heap peak ${samples(C.heapPeak, (b) => Math.round(b / 1e6))}, renderer RSS before ${samples(C.rssBefore, (b) => Math.round(b / 1e6))}, peak ${samples(C.rssPeak, (b) => Math.round(b / 1e6))}, after ${samples(C.rssAfter, (b) => Math.round(b / 1e6))}`);
  md.push(`- HyperFormula (ms): read ${samples(H.read)}; build ${samples(H.build)}; edit → B12 ${samples(H.edit)}`);
  md.push(`- HyperFormula memory (MB): heap after ${samples(H.heapAfter, (b) => Math.round(b / 1e6))}, heap peak ${samples(H.heapPeak, (b) => Math.round(b / 1e6))}, RSS peak ${samples(H.maxRss, (b) => Math.round(b / 1e6))}`);
  if (C.editShown && !C.editShown.inViewport) md.push('- B12 was in the page (the sheet grid renders it) but scrolled out of the 1400 × 1100 viewport when its value arrived.');
  if (C.editShown && !sameValue(C.editShown.value, C.editShown.expected)) md.push(`- After the edit Cellar's B12 showed ${C.editShown.value}; the right value is ${C.editShown.expected} (its sums before the edit were already off: see the formulas row).`);
  md.push('');
  md.push(...HOW, '');
  return md;
}

const HOW = [
  'How measured (bench/xlsx.mjs, bench/xlsx-peer.mjs, bench/xlsx-data.mjs):',
  '',
  '- **Cellar**: the built app in headless Chromium, a fresh browser context every round (1400 × 1100). The file goes in through',
  '  the file input (`setInputFiles`). The clock starts at the input\'s `change` event in the page (the file is the page\'s from',
  '  then on). *First cells*: a MutationObserver sees Data\'s `sheet-cell` A2 and B2 with the right `data-value`, then one',
  '  animation frame. *All formulas*: `window.cellar.cells(\'<file>_Summary\')` (which waits for the block\'s run) holds all 50',
  '  formula cells. *Edit*: a click on Data!C2, the new amount typed, then Enter; the clock starts at Enter\'s keydown and stops',
  '  one frame after Summary\'s B12 cell shows its value before the edit + 2 × the change (B3 = B2*2); that value is checked',
  '  apart. *Memory*: CDP `Runtime.getHeapUsage` every 250 ms while opening (the peak), CDP `Performance.getMetrics` JSHeapUsedSize after a forced GC once open (the page\'s main thread',
  '  only: workers are not in it), and the RSS of the renderer process from /proc (page, workers, DuckDB-WASM\'s memory).',
  '- **HyperFormula**: a fresh `node --expose-gc` process every round. The .xlsx is read with exceljs\'s streaming reader into',
  '  arrays of rows (HyperFormula reads no files; dates become Excel serials, formulas `=…` text), then',
  '  `HyperFormula.buildFromSheets` computes every formula. Excel\'s `FALSE` literal is a function in HyperFormula (`FALSE()`):',
  '  it gets the named expressions TRUE and FALSE, its documented way; and `maxRows` set to Excel\'s 1,048,576 (its default',
  '  refuses sheets over 40,000 rows). The edit is `setCellContents` on Data!C2, then',
  '  `getCellValue` of Summary!B12. Memory: `process.memoryUsage().heapUsed` sampled every 100 ms (peak) and after a GC once',
  '  open; the peak RSS is the process\'s `resourceUsage().maxRSS`.',
  '- **Not apples to apples**: Cellar\'s times are what a person waits for (the file read in the browser, the app\'s import,',
  '  its storage, React drawing the grid); HyperFormula\'s are a library call in Node with no view. Cellar\'s memory is a whole',
  '  browser tab with DuckDB started (see "before opening"); HyperFormula\'s a bare Node process.',
  '- `npm run bench -- --only=xlsx [--rows=N]` runs just this part and rewrites just this section (raw samples in',
  '  bench/.data/xlsx-run.json). `BENCH_XLSX_REPS` sets the rounds (3), `BENCH_XLSX_TIMEOUT_S` how long a side may take to',
  '  open and to edit (600 s; a side that runs out is recorded as such and not run again).',
];

/** `--only xlsx`: replaces this part's section of docs/benchmarks.md (or adds it before "How measured"). */
export function writeXlsxSection(r) {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const section = xlsxMarkdown(r).join('\n');
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const start = doc.indexOf('\n## Excel workbook');
  let out;
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + 1);
    out = `${doc.slice(0, start + 1)}${section}${next >= 0 ? doc.slice(next) : ''}`;
  } else {
    const how = doc.indexOf('\n## How measured');
    out = how >= 0 ? `${doc.slice(0, how + 1)}${section}${doc.slice(how)}` : `${doc.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, out);
}
