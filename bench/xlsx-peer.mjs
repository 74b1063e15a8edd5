// The .xlsx benchmark's peer: HyperFormula (a JavaScript spreadsheet engine; GPL-3.0, a dev-only
// benchmark dependency, never bundled) opens the same file in Node, in a process of its own per
// round (run by bench/xlsx.mjs as `node --expose-gc bench/xlsx-peer.mjs <file> <rows>`), so every
// round starts cold like the browser's fresh page and its memory is its own. Prints one JSON line.
//
//   read:    the file through exceljs's streaming reader into arrays of rows (HyperFormula reads no .xlsx)
//   build:   HyperFormula.buildFromSheets: parse, build the dependency graph, compute every formula
//   edit:    setCellContents(Data!C2) → Summary!B12 (the end of the chain that reads B2's SUMIFS)
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { EDIT, formulaAddresses } from './xlsx-data.mjs';

const [path, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const SERIAL_1970 = 25569;

let peakHeap = 0;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
const sampler = setInterval(sample, 100);

/** A cell as HyperFormula takes it: numbers, text, "=…" formulas; dates as Excel serials (their format is display only). */
function cellOf(v) {
  if (v == null) return null;
  if (v instanceof Date) return v.getTime() / 86_400_000 + SERIAL_1970;
  if (typeof v === 'object') {
    if ('formula' in v) return `=${v.formula}`;
    if ('sharedFormula' in v) throw new Error('shared formulas are not expected in the generated file');
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return v.error;
    return null;
  }
  return v;
}

async function readSheets() {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  const sheets = {};
  for await (const ws of reader) {
    const out = [];
    for await (const row of ws) {
      const vals = row.values; // 1-based and sparse
      const r = [];
      for (let c = 1; c < vals.length; c++) r.push(cellOf(vals[c]));
      out[row.number - 1] = r;
    }
    for (let i = 0; i < out.length; i++) out[i] ??= [];
    sheets[ws.name] = out;
  }
  return sheets;
}

const t0 = performance.now();
const sheets = await readSheets();
const t1 = performance.now();
// Excel writes TRUE and FALSE as literals (VLOOKUP's last argument); HyperFormula has them only as
// functions, TRUE() and FALSE(): its documented way is a named expression for each.
const BOOLEANS = [{ name: 'TRUE', expression: '=TRUE()' }, { name: 'FALSE', expression: '=FALSE()' }];
// maxRows: HyperFormula refuses sheets over 40,000 rows by default; Excel's limit instead.
const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', maxRows: 1_048_576 }, BOOLEANS);
const t2 = performance.now();
sample();
const summary = hf.getSheetId('Summary');
const data = hf.getSheetId('Data');
const at = (addr, sheet = summary) => hf.simpleCellAddressFromString(addr, sheet);
const valueOf = (v) => (v && typeof v === 'object' && 'type' in v ? { error: v.value ?? v.type, message: v.message } : { value: v });
const values = Object.fromEntries(formulaAddresses(rows).map((a) => [a, valueOf(hf.getCellValue(at(a)))]));
globalThis.gc?.();
const heapAfterOpen = process.memoryUsage().heapUsed;

const t3 = performance.now();
hf.setCellContents({ sheet: data, row: EDIT.row, col: EDIT.col }, [[EDIT.value]]);
const dependent = hf.getCellValue(at(EDIT.dependent));
const t4 = performance.now();
clearInterval(sampler);
sample();

console.log(JSON.stringify({
  readMs: t1 - t0,
  buildMs: t2 - t1,
  openMs: t2 - t0,
  editMs: t4 - t3,
  dataRows: sheets.Data?.length,
  values,
  dependent: valueOf(dependent),
  heapAfterOpen,
  peakHeap,
  maxRss: process.resourceUsage().maxRSS * 1024,
  version: HyperFormula.version,
}));
process.exit(0);
