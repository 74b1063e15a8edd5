import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, isRange, toNumber, type Scalar } from '../../values';
import { numberArg, numbersOf } from '../helpers';
import { DIV0, NUM } from './shared';

// Cash flows at regular periods (NPV, IRR, MIRR) and at dates (XNPV, XIRR).

function npv(rate: number, values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! / Math.pow(1 + rate, i + 1);
  return sum;
}

export const NPV: FunctionSpec = {
  name: 'NPV',
  category: 'financial',
  summary: 'The net present value of future cash flows (one a period, at the end of each) at a discount rate.',
  params: [{ name: 'rate' }, { name: 'value', kind: 'range' }],
  repeat: 1,
  example: { formula: '=NPV(0.1, -10000, 3000, 4200, 6800)', result: '1188.44341233522' },
  notes: 'Numbers in ranges count; text, booleans and empty cells in them are skipped, as in Excel.',
  scalar(args) {
    const rate = numberArg(args, 0);
    if (isFormulaError(rate)) return rate;
    if (rate === -1) return DIV0('NPV: a rate of -100% divides by zero.');
    const values = numbersOf(args.slice(1));
    return isFormulaError(values) ? values : npv(rate, values);
  },
};

/**
 * A root of f from the guess: Newton's method first (as Excel iterates), then, when it fails,
 * bisection over a bracket where f changes sign.
 */
function solve(f: (r: number) => number, df: (r: number) => number, guess: number, lo: number, hi: number): number | undefined {
  for (const start of [guess, hi * 2, lo - 1]) {
    let r = start;
    for (let i = 0; i < 100; i++) {
      const [y, dy] = [f(r), df(r)];
      if (!Number.isFinite(y) || !Number.isFinite(dy) || dy === 0) break;
      const next = r - y / dy;
      if (Math.abs(next - r) <= 1e-14 * Math.max(1, Math.abs(r))) {
        if (next > -1) return next;
        break;
      }
      r = next;
    }
    if (start === guess) {
      const b = bisect(f, lo, hi);
      if (b !== undefined) return b;
    }
  }
  return undefined;
}

function bisect(f: (r: number) => number, lo: number, hi: number): number | undefined {
  let [flo, fhi] = [f(lo), f(hi)];
  if (!(flo * fhi <= 0)) return undefined;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm * flo < 0) [hi, fhi] = [mid, fm];
    else [lo, flo] = [mid, fm];
  }
  return (lo + hi) / 2;
}

const changesSign = (values: readonly number[]) => values.some((v) => v > 0) && values.some((v) => v < 0);

export const IRR: FunctionSpec = {
  name: 'IRR',
  category: 'financial',
  summary: 'The internal rate of return of cash flows at regular periods: the rate where their NPV is 0.',
  params: [{ name: 'values', kind: 'range' }, { name: 'guess', optional: true }],
  example: { formula: '=IRR({-70000, 12000, 15000, 18000, 21000, 26000})', result: '0.0866309480365315' },
  notes:
    "Solved by Newton's method from the guess (10% by default) to full precision, then by bisection; #NUM! without both a positive and a negative flow, #VALUE! for a guess at or below -1. Excel stops iterating earlier, so where the NPV is flat (a repeated root) its answer can differ from Cellar's after the 7th digit.",
  scalar(args) {
    const values = numbersOf([args[0]]);
    if (isFormulaError(values)) return values;
    const guess = numberArg(args, 1, 0.1);
    if (isFormulaError(guess)) return guess;
    if (guess <= -1) return new FormulaError('#VALUE!', 'IRR: the guess must be above -100% (-1).');
    if (!changesSign(values)) return NUM('IRR: the cash flows need at least one positive and one negative value.');
    // The NPV at the first flow's date (period 0), as a polynomial in 1/(1+r).
    const f = (r: number) => npv(r, values) * (1 + r);
    const df = (r: number) => values.reduce((s, v, i) => s - (i * v) / Math.pow(1 + r, i + 1), 0);
    const r = solve(f, df, guess, -0.99999999, 1000);
    return r === undefined ? NUM('IRR: the rate did not converge; try another guess.') : r;
  },
};

/** The numbers and whole-day dates of XNPV/XIRR, checked as Excel checks them. */
function datedFlows(name: string, args: ScalarArg[], emptyIsZero: boolean): { values: number[]; days: number[] } | FormulaError {
  const read = (a: ScalarArg): readonly Scalar[] => (a === undefined ? [] : isRange(a) ? a.values : [a]);
  const [vs, ds] = [read(args[1]), read(args[2])];
  if (vs.length !== ds.length) return NUM(`${name}: values and dates must have as many entries.`);
  const values: number[] = [];
  const days: number[] = [];
  for (let i = 0; i < vs.length; i++) {
    const [v, dv] = [vs[i]!, ds[i]!];
    if (isFormulaError(v)) return v;
    if (isFormulaError(dv)) return dv;
    // Excel: XNPV answers #NUM! for any value that is not a number; XIRR reads an empty cell as 0
    // and text or a boolean as #VALUE!.
    const value = v === null && emptyIsZero ? 0 : v;
    if (typeof value !== 'number') {
      const message = `${name}: every value must be a number.`;
      return emptyIsZero ? new FormulaError('#VALUE!', message) : NUM(message);
    }
    const day = isDate(dv) ? dv.serial : typeof dv === 'number' ? dv : toNumber(dv);
    if (isFormulaError(day)) return day;
    if (typeof dv !== 'number' && !isDate(dv)) return new FormulaError('#VALUE!', `${name}: every date must be a date.`);
    if (day < 0) return NUM(`${name}: a date is out of range.`);
    values.push(value);
    days.push(Math.floor(day));
  }
  if (days.some((x) => x < days[0]!)) return NUM(`${name}: no date may come before the first.`);
  return { values, days };
}

function xnpv(rate: number, values: number[], days: number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! / Math.pow(1 + rate, (days[i]! - days[0]!) / 365);
  return sum;
}

export const XNPV: FunctionSpec = {
  name: 'XNPV',
  category: 'financial',
  summary: 'The net present value of cash flows at given dates, discounted to the first date.',
  params: [{ name: 'rate' }, { name: 'values', kind: 'range' }, { name: 'dates', kind: 'range' }],
  example: { formula: '=XNPV(0.09, {-10000, 2750, 4250, 3250, 2750}, {39448, 39508, 39751, 39859, 39904})', result: '2086.64760203153' },
  scalar(args) {
    const rate = numberArg(args, 0);
    if (isFormulaError(rate)) return rate;
    const flows = datedFlows('XNPV', args, false);
    if (isFormulaError(flows)) return flows;
    if (rate < 0) return NUM('XNPV: the rate must not be negative.');
    const r = xnpv(rate, flows.values, flows.days);
    return Number.isFinite(r) ? r : NUM('XNPV: the result is not a finite number.');
  },
};

export const XIRR: FunctionSpec = {
  name: 'XIRR',
  category: 'financial',
  summary: 'The internal rate of return of cash flows at given dates: the rate where their XNPV is 0.',
  params: [{ name: 'values', kind: 'range' }, { name: 'dates', kind: 'range' }, { name: 'guess', optional: true }],
  example: { formula: '=XIRR({-10000, 2750, 4250, 3250, 2750}, {39448, 39508, 39751, 39859, 39904})', result: '0.373362533518832' },
  notes:
    "Solved by Newton's method from the guess (10% by default) to full precision, then by bisection; #NUM! without both a positive and a negative flow. Excel's own iteration stops within about 1e-8 of the root, so its answers can differ from Cellar's (the exact root) in the 8th or 9th significant digit. An empty cell among the values counts as 0; text or a boolean is #VALUE!.",
  scalar(args) {
    const flows = datedFlows('XIRR', [undefined, args[0], args[1]], true);
    if (isFormulaError(flows)) return flows;
    const guess = numberArg(args, 2, 0.1);
    if (isFormulaError(guess)) return guess;
    const { values, days } = flows;
    if (guess <= -1) return new FormulaError('#VALUE!', 'XIRR: the guess must be above -100% (-1).');
    if (!changesSign(values)) return NUM('XIRR: the cash flows need at least one positive and one negative value.');
    const f = (r: number) => xnpv(r, values, days);
    const df = (r: number) => values.reduce((s, v, i) => {
      const t = (days[i]! - days[0]!) / 365;
      return s - (t * v) / Math.pow(1 + r, t + 1);
    }, 0);
    const r = solve(f, df, guess, -0.99999999, 1000);
    return r === undefined ? NUM('XIRR: the rate did not converge; try another guess.') : r;
  },
};

export const MIRR: FunctionSpec = {
  name: 'MIRR',
  category: 'financial',
  summary: 'The modified internal rate of return: negative flows financed at one rate, positive ones reinvested at another.',
  params: [{ name: 'values', kind: 'range' }, { name: 'finance_rate' }, { name: 'reinvest_rate' }],
  example: { formula: '=MIRR({-120000, 39000, 30000, 21000, 37000, 46000}, 0.1, 0.12)', result: '0.126094130365905' },
  scalar(args) {
    const values = numbersOf([args[0]]);
    if (isFormulaError(values)) return values;
    const finance = numberArg(args, 1);
    if (isFormulaError(finance)) return finance;
    const reinvest = numberArg(args, 2);
    if (isFormulaError(reinvest)) return reinvest;
    const n = values.length;
    let gains = 0;
    let costs = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v > 0) gains += v * Math.pow(1 + reinvest, n - 1 - i);
      else if (v < 0) costs += v / Math.pow(1 + finance, i);
    }
    // No negative flow divides by zero; no positive one is a return of -100%, as in Excel.
    if (costs === 0) return DIV0('MIRR: the cash flows need at least one negative value.');
    const r = Math.pow(-gains / costs, 1 / (n - 1)) - 1;
    return Number.isFinite(r) ? r : NUM('MIRR: the result is not a finite number.');
  },
};
