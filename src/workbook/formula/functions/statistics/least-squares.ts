/** Least squares for TREND, GROWTH, LINEST and LOGEST: Excel's known_y's / known_x's shapes, and a Householder QR solve. */
import type { ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, isRange, RangeValue, toNumber, type Scalar } from '../../values';

/** The regression's data: n observations of y and of k variables (one per row of `xs`). */
export interface Design {
  y: number[];
  xs: number[][];
  /** Observations run down a column (true) or along a row. */
  vertical: boolean;
}

/** Every value of a range as a number; text, TRUE/FALSE or empty cells are #VALUE!. */
export function numbersStrict(name: string, r: RangeValue): number[] | FormulaError {
  const out: number[] = [];
  for (const v of r.values) {
    if (isFormulaError(v)) return v;
    if (typeof v === 'number') out.push(v);
    else if (isDate(v)) out.push(v.serial);
    else return new FormulaError('#VALUE!', `${name}: every known value must be a number.`);
  }
  return out;
}

const asRange = (a: ScalarArg): RangeValue | undefined => (a === undefined ? undefined : isRange(a) ? a : RangeValue.of(a as Scalar));

/** The variables of an x range laid out along `vertical` observations of length n. */
function variables(name: string, r: RangeValue, n: number, vertical: boolean): number[][] | FormulaError {
  const values = numbersStrict(name, r);
  if (isFormulaError(values)) return values;
  const at = (row: number, col: number) => values[row * r.cols + col]!;
  // One observation per row (column of y) or per column (row of y); a single list of n also works.
  if (vertical ? r.rows === n : r.cols === n) {
    const k = vertical ? r.cols : r.rows;
    return Array.from({ length: k }, (_, j) => Array.from({ length: n }, (_, i) => (vertical ? at(i, j) : at(j, i))));
  }
  if (r.rows * r.cols === n && (r.rows === 1 || r.cols === 1)) return [values];
  return new FormulaError('#REF!', `${name}: known_x's must have as many observations as known_y's.`);
}

/** known_y's and known_x's (1, 2, 3 … when left out) as a design. */
export function design(name: string, ys: ScalarArg, xs: ScalarArg, log: boolean): Design | FormulaError {
  const yr = asRange(ys)!;
  const y0 = numbersStrict(name, yr);
  if (isFormulaError(y0)) return y0;
  if (log && y0.some((v) => v <= 0)) return new FormulaError('#NUM!', `${name}: every known_y must be greater than 0.`);
  const y = log ? y0.map(Math.log) : y0;
  const vertical = yr.cols === 1;
  const xr = asRange(xs);
  if (!xr || (xr.rows === 0 && xr.cols === 0)) return { y, xs: [y.map((_, i) => i + 1)], vertical };
  const v = variables(name, xr, y.length, vertical);
  return isFormulaError(v) ? v : { y, xs: v, vertical };
}

/** New x's as points (each a list of k values), shaped as the new_x range for the result. */
export function newPoints(name: string, d: Design, nx: ScalarArg): { points: number[][]; rows: number; cols: number } | FormulaError {
  const r = asRange(nx);
  const k = d.xs.length;
  if (!r) {
    const n = d.y.length;
    return { points: Array.from({ length: n }, (_, i) => d.xs.map((x) => x[i]!)), rows: d.vertical ? n : 1, cols: d.vertical ? 1 : n };
  }
  const values = numbersStrict(name, r);
  if (isFormulaError(values)) return values;
  if (k === 1) return { points: values.map((v) => [v]), rows: r.rows, cols: r.cols };
  const at = (row: number, col: number) => values[row * r.cols + col]!;
  if (d.vertical ? r.cols !== k : r.rows !== k) return new FormulaError('#REF!', `${name}: new_x's must have one ${d.vertical ? 'column' : 'row'} per variable.`);
  const m = d.vertical ? r.rows : r.cols;
  const points = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => (d.vertical ? at(i, j) : at(j, i))));
  return { points, rows: d.vertical ? m : 1, cols: d.vertical ? 1 : m };
}

/** A least-squares fit: coefficients per variable, the intercept, and the sums LINEST reports. */
export interface Fit {
  coef: number[];
  intercept: number;
  /** Standard errors of coef and of the intercept (0 without a constant). */
  se: number[];
  seIntercept: number;
  r2: number;
  seY: number;
  f: number;
  df: number;
  ssReg: number;
  ssResid: number;
}

/** Solves min |Aβ − y| by Householder QR; also returns (RᵀR)⁻¹'s diagonal for the standard errors. */
function qrSolve(a: number[][], y: number[]): { beta: number[]; covDiag: number[] } | undefined {
  const n = a.length;
  const p = a[0]!.length;
  const r = a.map((row) => [...row]);
  const qty = [...y];
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let i = j; i < n; i++) norm += r[i]![j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) return undefined;
    const alpha = r[j]![j]! > 0 ? -norm : norm;
    const v = Array.from({ length: n }, (_, i) => (i < j ? 0 : r[i]![j]!));
    v[j]! -= alpha;
    const vv = v.reduce((s, t) => s + t * t, 0);
    if (vv === 0) continue;
    for (let c = j; c < p; c++) {
      let dot = 0;
      for (let i = j; i < n; i++) dot += v[i]! * r[i]![c]!;
      for (let i = j; i < n; i++) r[i]![c]! -= (2 * dot * v[i]!) / vv;
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += v[i]! * qty[i]!;
    for (let i = j; i < n; i++) qty[i]! -= (2 * dot * v[i]!) / vv;
  }
  const beta = new Array<number>(p).fill(0);
  for (let j = p - 1; j >= 0; j--) {
    let s = qty[j]!;
    for (let c = j + 1; c < p; c++) s -= r[j]![c]! * beta[c]!;
    if (Math.abs(r[j]![j]!) < 1e-13 * Math.abs(r[0]![0]!)) return undefined;
    beta[j] = s / r[j]![j]!;
  }
  // (RᵀR)⁻¹ = R⁻¹R⁻ᵀ: its diagonal is the squared row norms of R⁻¹.
  const inv = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let c = 0; c < p; c++) {
    for (let j = p - 1; j >= 0; j--) {
      let s = j === c ? 1 : 0;
      for (let t = j + 1; t < p; t++) s -= r[j]![t]! * inv[t]![c]!;
      inv[j]![c] = s / r[j]![j]!;
    }
  }
  return { beta, covDiag: inv.map((row) => row.reduce((s, t) => s + t * t, 0)) };
}

/** The least-squares fit of a design, with or without a constant. */
export function fit(name: string, d: Design, constant: boolean): Fit | FormulaError {
  const n = d.y.length;
  const k = d.xs.length;
  const rows = Array.from({ length: n }, (_, i) => [...d.xs.map((x) => x[i]!), ...(constant ? [1] : [])]);
  const solved = n > 0 ? qrSolve(rows, d.y) : undefined;
  if (!solved) return new FormulaError('#NUM!', `${name}: the known_x's do not determine a fit (too few points, or a variable that does not vary).`);
  const { beta, covDiag } = solved;
  const coef = beta.slice(0, k);
  const intercept = constant ? beta[k]! : 0;
  const predicted = rows.map((row) => row.reduce((s, x, j) => s + x * beta[j]!, 0));
  const ssResid = d.y.reduce((s, y, i) => s + (y - predicted[i]!) ** 2, 0);
  const my = d.y.reduce((s, y) => s + y, 0) / n;
  const ssTotal = constant ? d.y.reduce((s, y) => s + (y - my) ** 2, 0) : d.y.reduce((s, y) => s + y * y, 0);
  const ssReg = ssTotal - ssResid;
  const df = n - k - (constant ? 1 : 0);
  const seY = df > 0 ? Math.sqrt(ssResid / df) : Number.NaN;
  const se = covDiag.map((c) => Math.sqrt(c) * seY);
  return { coef, intercept, se: se.slice(0, k), seIntercept: constant ? se[k]! : 0, r2: ssTotal === 0 ? 1 : ssReg / ssTotal, seY, f: (ssReg / k) / (ssResid / df), df, ssReg, ssResid };
}

/** A flag argument (const, stats): TRUE when left out. */
export function flag(a: ScalarArg): boolean | FormulaError {
  if (a === undefined || a === null) return true;
  const v = isRange(a) ? a.at(0, 0) : a;
  if (isFormulaError(v)) return v;
  if (typeof v === 'boolean') return v;
  const x = toNumber(v);
  return isFormulaError(x) ? x : x !== 0;
}
