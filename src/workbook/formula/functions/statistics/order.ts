/** Statistics of order: RANK.AVG, MODE.MULT, PERCENTILE.EXC, QUARTILE.EXC, PERCENTRANK.*, FREQUENCY and PROB. */
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { RangeValue } from '../../values';
import { numberArg, numbersOf, rangeArg } from '../helpers';
import { numbersStrict } from './least-squares';
import { rankOf } from './rank';
import { alias } from './statistic';

export const RANK_AVG: FunctionSpec = {
  name: 'RANK.AVG',
  category: 'statistics',
  summary: "A number's rank among a range's numbers (1 for the largest, or with order ≠ 0 the smallest); ties share the average of their ranks.",
  params: [{ name: 'number' }, { name: 'ref', kind: 'range' }, { name: 'order', optional: true }],
  notes: 'Text, TRUE/FALSE and empty cells in ref are skipped; a number not in ref is #N/A.',
  example: { formula: '=RANK.AVG(5, {3,5,3,5,4})', result: '1.5' },
  scalar(args) {
    const r = rankOf(args, 'RANK.AVG');
    return isFormulaError(r) ? r : r.before + (r.ties + 1) / 2;
  },
};

export const MODE_MULT: FunctionSpec = {
  name: 'MODE.MULT',
  category: 'statistics',
  summary: 'Every most frequent number, as a vertical array in the order they first appear; #N/A when no number repeats.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=MODE.MULT(1, 2, 2, 3)', result: '2' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    const top = Math.max(0, ...counts.values());
    if (top < 2) return new FormulaError('#N/A', 'MODE.MULT: no number appears more than once.');
    return RangeValue.column([...counts].filter(([, c]) => c === top).map(([x]) => x));
  },
};

/** The k-th percentile by Excel's exclusive rule: position k·(n + 1), which must fall within 1…n. */
function percentileExc(name: string, xs: number[], k: number): number | FormulaError {
  const n = xs.length;
  const pos = k * (n + 1);
  if (!(k > 0 && k < 1) || pos < 1 || pos > n) return new FormulaError('#NUM!', `${name}: k·(n + 1) must fall between 1 and the count of numbers (${n}).`);
  const s = [...xs].sort((a, b) => a - b);
  const lo = Math.floor(pos);
  const d = pos - lo;
  return d === 0 ? s[lo - 1]! : s[lo - 1]! + d * (s[lo]! - s[lo - 1]!);
}

export const PERCENTILE_EXC: FunctionSpec = {
  name: 'PERCENTILE.EXC',
  category: 'statistics',
  summary: 'The k-th percentile of a range (0 < k < 1), by the exclusive rule: position k·(n + 1).',
  params: [{ name: 'array', kind: 'range' }, { name: 'k' }],
  example: { formula: '=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9}, 0.25)', result: '2.5' },
  scalar(args) {
    const xs = numbersOf([args[0]]);
    if (isFormulaError(xs)) return xs;
    const k = numberArg(args, 1);
    return isFormulaError(k) ? k : percentileExc('PERCENTILE.EXC', xs, k);
  },
};

export const QUARTILE_EXC: FunctionSpec = {
  name: 'QUARTILE.EXC',
  category: 'statistics',
  summary: 'The 1st, 2nd or 3rd quartile of a range by the exclusive rule (PERCENTILE.EXC at quart / 4).',
  params: [{ name: 'array', kind: 'range' }, { name: 'quart' }],
  example: { formula: '=QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49}, 1)', result: '15' },
  scalar(args) {
    const xs = numbersOf([args[0]]);
    if (isFormulaError(xs)) return xs;
    const q = numberArg(args, 1);
    if (isFormulaError(q)) return q;
    const t = Math.trunc(q);
    if (t <= 0 || t >= 4) return new FormulaError('#NUM!', 'QUARTILE.EXC: quart must be 1, 2 or 3.');
    return percentileExc('QUARTILE.EXC', xs, t / 4);
  },
};

/** PERCENTRANK's rank of x among the sorted numbers, interpolated, truncated to `digits` digits. */
function percentRank(name: string, args: ScalarArg[], exclusive: boolean): number | FormulaError {
  const xs = numbersOf([args[0]]);
  if (isFormulaError(xs)) return xs;
  const x = numberArg(args, 1);
  if (isFormulaError(x)) return x;
  const digits = numberArg(args, 2, 3);
  if (isFormulaError(digits)) return digits;
  const sig = Math.trunc(digits);
  if (sig < 1) return new FormulaError('#NUM!', `${name}: significance must be at least 1.`);
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0 || x < s[0]! || x > s[n - 1]!) return new FormulaError('#N/A', `${name}: x is outside the range of the numbers.`);
  let pos = s.findIndex((v) => v >= x);
  if (s[pos] !== x) pos = pos - 1 + (x - s[pos - 1]!) / (s[pos]! - s[pos - 1]!);
  const r = exclusive ? (pos + 1) / (n + 1) : n === 1 ? 1 : pos / (n - 1);
  const f = 10 ** sig;
  // Rounded to 15 digits first, so 0.3 computed as 0.29999… truncates to 0.3.
  return Math.floor(Number((r * f).toPrecision(15))) / f;
}

export const PERCENTRANK_INC: FunctionSpec = {
  name: 'PERCENTRANK.INC',
  category: 'statistics',
  summary: 'The rank of x in a range as a fraction from 0 to 1 (inclusive), truncated to significance digits (3 by default).',
  params: [{ name: 'array', kind: 'range' }, { name: 'x' }, { name: 'significance', optional: true }],
  notes: 'x between two numbers is interpolated; x outside the numbers is #N/A.',
  example: { formula: '=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1}, 2)', result: '0.333' },
  scalar: (args) => percentRank('PERCENTRANK.INC', args, false),
};
export const PERCENTRANK = alias(PERCENTRANK_INC, 'PERCENTRANK', { formula: '=PERCENTRANK({13,12,11,8,4,3,2,1,1,1}, 2)', result: '0.333' });
export const PERCENTRANK_EXC: FunctionSpec = {
  name: 'PERCENTRANK.EXC',
  category: 'statistics',
  summary: 'The rank of x in a range as a fraction strictly between 0 and 1, truncated to significance digits (3 by default).',
  params: [{ name: 'array', kind: 'range' }, { name: 'x' }, { name: 'significance', optional: true }],
  example: { formula: '=PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9}, 7)', result: '0.7' },
  scalar: (args) => percentRank('PERCENTRANK.EXC', args, true),
};

export const FREQUENCY: FunctionSpec = {
  name: 'FREQUENCY',
  category: 'statistics',
  summary: 'How many numbers fall in each bin, as a vertical array: up to the first bin, above it up to the next …, and a last count above every bin.',
  params: [{ name: 'data_array', kind: 'range' }, { name: 'bins_array', kind: 'range' }],
  example: { formula: '=INDEX(FREQUENCY({79,85,78,85,50,81,95,88,97}, {70,79,89}), 3)', result: '4' },
  scalar(args) {
    const xs = numbersOf([args[0]]);
    if (isFormulaError(xs)) return xs;
    const bins = numbersOf([args[1]]);
    if (isFormulaError(bins)) return bins;
    const sorted = [...new Set(bins)].sort((a, b) => a - b);
    const counts = new Map<number, number>();
    let above = 0;
    for (const x of xs) {
      const bin = sorted.find((b) => x <= b);
      if (bin === undefined) above++;
      else counts.set(bin, (counts.get(bin) ?? 0) + 1);
    }
    // Bins keep their given order; a repeated bin counts once, at its first place.
    const seen = new Set<number>();
    const out = bins.map((b) => (seen.has(b) ? 0 : (seen.add(b), counts.get(b) ?? 0)));
    return RangeValue.column([...out, above]);
  },
};

export const PROB: FunctionSpec = {
  name: 'PROB',
  category: 'statistics',
  summary: 'The probability that a value of x_range lies between lower_limit and upper_limit (or equals lower_limit), given each value’s probability.',
  params: [{ name: 'x_range', kind: 'range' }, { name: 'prob_range', kind: 'range' }, { name: 'lower_limit' }, { name: 'upper_limit', optional: true }],
  notes: 'The probabilities must lie in 0…1 and add up to 1 (#NUM! otherwise); ranges of different sizes are #N/A.',
  example: { formula: '=PROB({0,1,2,3}, {0.2,0.3,0.1,0.4}, 1, 3)', result: '0.8' },
  scalar(args) {
    const [xr, pr] = [rangeArg(args, 0), rangeArg(args, 1)];
    if (xr.values.length !== pr.values.length) return new FormulaError('#N/A', 'PROB: x_range and prob_range must be the same size.');
    const xs = numbersStrict('PROB', xr);
    if (isFormulaError(xs)) return xs;
    const ps = numbersStrict('PROB', pr);
    if (isFormulaError(ps)) return ps;
    const lo = numberArg(args, 2);
    if (isFormulaError(lo)) return lo;
    const hi = args[3] === undefined ? lo : numberArg(args, 3);
    if (isFormulaError(hi)) return hi;
    const total = ps.reduce((s, p) => s + p, 0);
    if (ps.some((p) => p < 0 || p > 1) || Math.abs(total - 1) > 1e-7) return new FormulaError('#NUM!', 'PROB: the probabilities must lie between 0 and 1 and add up to 1.');
    return xs.reduce((s, x, i) => (x >= lo && x <= hi ? s + ps[i]! : s), 0);
  },
};

export const ORDER_FUNCTIONS: FunctionSpec[] = [RANK_AVG, MODE_MULT, PERCENTILE_EXC, QUARTILE_EXC, PERCENTRANK_INC, PERCENTRANK, PERCENTRANK_EXC, FREQUENCY, PROB];
