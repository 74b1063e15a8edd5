// The .xlsx benchmark's workbook (issue 17): a `Data` worksheet of N rows × 10 columns and a
// `Summary` worksheet of 50 formulas that reach it, written once per size into bench/.data with
// exceljs's streaming writer (generating is not what is measured), and the values those formulas
// must come to, computed here in plain JS so both engines are checked, not just timed.
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DATA_DIR } from './data.mjs';

export const HEADER = ['key', 'id', 'amount', 'qty', 'price', 'date', 'region', 'score', 'rank', 'cost'];
const KEYS = 50; // distinct keys: "x", "k1" … "k49"
const DAY0 = 45000; // Excel serial of 2023-03-15: the date column's first day
const SERIAL_1970 = 25569; // Excel serial of 1970-01-01

/** Row i of Data (0-based; Excel row i + 2), deterministic: every run and machine writes the same bytes. */
export function dataRow(i) {
  const key = i % KEYS === 0 ? 'x' : `k${i % KEYS}`;
  const amount = ((i * 104729) % 1_000_000) / 100;
  return [
    key,
    100_001 + i, // id, unique
    amount,
    Math.floor(((i * 2654435761) % 4294967296) / 65536) % 100, // qty: a multiplicative hash, not periodic in the key
    Math.round(Math.sin(i) * 100_000) / 100, // price, signed
    DAY0 + (i % 1000), // date (an Excel serial; written as a date)
    i % 7, // region code
    ((i * 31) % 1000) / 10, // score
    (i * 17) % 10_000, // rank
    Math.round(amount * 30) / 100, // cost
  ];
}

/** The Summary worksheet: [label, formula without "="], row 2 onwards; 50 formulas. */
export function summaryFormulas(rows) {
  const ids = Array.from({ length: 10 }, (_, j) => 100_001 + Math.floor(((j + 0.5) * rows) / 10) + ((37 * j) % Math.max(1, Math.floor(rows / 20))));
  const f = [['sumifs x', 'SUMIFS(Data!C:C,Data!A:A,"x")']]; // B2: what the edit changes
  f.push(['chain 1', 'B2*2']); // B3 … B12: a chain on Summary, B12 its end (the dependent timed on screen)
  for (let r = 4; r <= 12; r++) f.push([`chain ${r - 2}`, `B${r - 1}+1`]);
  for (let k = 1; k <= 9; k++) f.push([`sumifs k${k}`, `SUMIFS(Data!C:C,Data!A:A,"k${k}")`]);
  for (let k = 10; k <= 19; k++) f.push([`countifs k${k}`, `COUNTIFS(Data!A:A,"k${k}",Data!D:D,">50")`]);
  for (const id of ids) f.push([`vlookup ${id}`, `VLOOKUP(${id},Data!B:E,3,FALSE)`]);
  f.push(['sum qty', 'SUM(Data!D:D)'], ['average price', 'AVERAGE(Data!E:E)'], ['max amount', 'MAX(Data!C:C)'],
    ['min price', 'MIN(Data!E:E)'], ['count id', 'COUNT(Data!B:B)']);
  f.push(['averageifs k5', 'AVERAGEIFS(Data!E:E,Data!A:A,"k5")'], ['countif x', 'COUNTIF(Data!A:A,"x")'],
    ['sumif k7', 'SUMIF(Data!A:A,"k7",Data!D:D)'], ['sumifs 2024', `SUMIFS(Data!C:C,Data!F:F,">=${DAY0 + 292}")`], ['b2 + b13', 'B2+B13']);
  return f;
}

/** Summary's formula cells' addresses, B2 … B51. */
export const formulaAddresses = (rows) => summaryFormulas(rows).map((_, j) => `B${j + 2}`);

/** The edit both sides make: Data!C2 (key "x", the first row) gets this amount. */
export const EDIT = { sheet: 'Data', cell: 'C2', row: 1, col: 2, value: 123456.78, dependent: 'B12' };

/**
 * What every Summary formula comes to, computed here over the same rows (sums in row order, as
 * both engines add them); `edited`: after the edit.
 */
export function expectedValues(rows, { edited = false } = {}) {
  const col = (c) => Array.from({ length: rows }, (_, i) => (edited && c === EDIT.col && i === 0 ? EDIT.value : dataRow(i)[c]));
  const [A, B, C, D, E, F] = [0, 1, 2, 3, 4, 5].map(col);
  const sumWhere = (vals, pred) => vals.reduce((s, v, i) => (pred(i) ? s + v : s), 0);
  const countWhere = (pred) => A.reduce((n, _, i) => (pred(i) ? n + 1 : n), 0);
  const out = {};
  const sumifs = (key) => sumWhere(C, (i) => A[i] === key);
  out.B2 = sumifs('x');
  out.B3 = out.B2 * 2;
  for (let r = 4; r <= 12; r++) out[`B${r}`] = out[`B${r - 1}`] + 1;
  for (let k = 1; k <= 9; k++) out[`B${12 + k}`] = sumifs(`k${k}`);
  for (let k = 10; k <= 19; k++) out[`B${12 + k}`] = countWhere((i) => A[i] === `k${k}` && D[i] > 50);
  summaryFormulas(rows).slice(30, 40).forEach(([label], j) => {
    const id = Number(label.split(' ')[1]);
    out[`B${32 + j}`] = D[B.indexOf(id)];
  });
  out.B42 = sumWhere(D, () => true);
  out.B43 = sumWhere(E, () => true) / rows;
  out.B44 = C.reduce((m, v) => Math.max(m, v), -Infinity);
  out.B45 = E.reduce((m, v) => Math.min(m, v), Infinity);
  out.B46 = rows;
  out.B47 = sumWhere(E, (i) => A[i] === 'k5') / countWhere((i) => A[i] === 'k5');
  out.B48 = countWhere((i) => A[i] === 'x');
  out.B49 = sumWhere(D, (i) => A[i] === 'k7');
  out.B50 = sumWhere(C, (i) => F[i] >= DAY0 + 292);
  out.B51 = out.B2 + out.B13;
  return out;
}

/** Whether a computed value is the expected one (numbers within 1e-9 relative: sums may add in another order). */
export const sameValue = (got, want) =>
  typeof got === 'number' && typeof want === 'number' ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)) : got === want;

export const xlsxPath = (rows) => join(DATA_DIR, `xlsx-${rows}.xlsx`);
/** The app names a worksheet's block `<file>_<sheet>`, non-[A-Za-z0-9_] → "_". */
export const blockNames = (rows) => ({ data: `xlsx_${rows}_Data`, summary: `xlsx_${rows}_Summary` });

/** Writes bench/.data/xlsx-<rows>.xlsx unless it is there; returns its path, size and how long writing took. */
export async function ensureXlsx(rows, log) {
  const path = xlsxPath(rows);
  if (existsSync(path)) return { path, bytes: statSync(path).size, generatedS: null };
  mkdirSync(DATA_DIR, { recursive: true });
  log?.(`xlsx: writing ${path} (${rows.toLocaleString('en-US')} rows × 10, exceljs streaming writer)`);
  const t0 = performance.now();
  const tmp = `${path}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
  const data = wb.addWorksheet('Data');
  data.columns = HEADER.map((h, c) => ({ key: h, width: c === 5 ? 12 : 10, style: c === 5 ? { numFmt: 'yyyy-mm-dd' } : {} }));
  data.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const v = dataRow(i);
    v[5] = new Date((v[5] - SERIAL_1970) * 86_400_000); // exceljs writes a Date as its serial
    data.addRow(v).commit();
  }
  data.commit();
  const summary = wb.addWorksheet('Summary');
  summary.columns = [{ width: 18 }, { width: 16 }];
  summary.addRow(['what', 'value']).commit();
  for (const [label, formula] of summaryFormulas(rows)) summary.addRow([label, { formula }]).commit();
  summary.commit();
  await wb.commit();
  renameSync(tmp, path);
  const generatedS = (performance.now() - t0) / 1000;
  return { path, bytes: statSync(path).size, generatedS };
}
