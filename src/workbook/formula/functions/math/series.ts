import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errWhen } from '../../sql/coerce';
import { arg, argValues, numeric } from '../helpers';
import { NUM, toolpak, toolpakNumber, withNotes } from './shared';

// ---- SQRTPI, FACTDOUBLE, COMBINA, MULTINOMIAL, SERIESSUM

export const SQRTPI = toolpak(
  numeric(
    'SQRTPI',
    'math',
    'The square root of a number times π; #NUM! for a negative number.',
    ['number'],
    { formula: '=SQRTPI(1)', result: '1.77245385090552' },
    (x) => (x < 0 ? NUM('SQRTPI of a negative number.') : Math.sqrt(x * Math.PI)),
    (x) => ({ value: `CASE WHEN ${x} >= 0 THEN sqrt(${x} * pi()) END`, err: errWhen(`${x} < 0`, '#NUM!') }),
  ),
);

/** n!! past this overflows a double. */
const FACTDOUBLE_LIMIT = 300;

export const FACTDOUBLE = toolpak(
  numeric(
    'FACTDOUBLE',
    'math',
    'The double factorial n × (n − 2) × (n − 4) … of a number (fractions are truncated); #NUM! for a negative number.',
    ['number'],
    { formula: '=FACTDOUBLE(7)', result: '105' },
    (x) => {
      const n = Math.trunc(x);
      if (n < 0) return NUM('FACTDOUBLE of a negative number.');
      if (n > FACTDOUBLE_LIMIT) return NUM('FACTDOUBLE: the result is too large.');
      let p = 1;
      for (let i = n; i > 1; i -= 2) p *= i;
      return p;
    },
    (x) => {
      const n = `trunc(${x})`;
      // The count bounded inside range() too: DuckDB folds constants even in branches not taken.
      const top = `CAST(least(greatest(${n}, 0), ${FACTDOUBLE_LIMIT}) AS BIGINT)`;
      return {
        value: `CASE WHEN ${n} >= 0 AND ${n} <= ${FACTDOUBLE_LIMIT} THEN COALESCE(list_product(CAST(range(${top}, 1, -2) AS DOUBLE[])), 1) END`,
        err: errWhen(`${n} < 0 OR ${n} > ${FACTDOUBLE_LIMIT}`, '#NUM!'),
      };
    },
  ),
);

/** n choose k for whole 0 <= k <= n, as a product in doubles (Infinity when it overflows). */
function choose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let p = 1;
  for (let i = 1; i <= m && Number.isFinite(p); i++) p *= (n - m + i) / i;
  return p < 9007199254740992 ? Math.round(p) : p;
}

export const COMBINA = withNotes(
  numeric(
    'COMBINA',
    'math',
    'The number of ways to choose number_chosen items out of number, repetitions allowed (fractions are truncated).',
    ['number', 'number_chosen'],
    { formula: '=COMBINA(4, 3)', result: '20' },
    (x, y) => {
      const [n, k] = [Math.trunc(x), Math.trunc(y)];
      if (n < 0 || k < 0) return NUM('COMBINA takes numbers from 0 up.');
      return n === 0 ? 1 : choose(n + k - 1, k);
    },
    (x, y) => {
      const [n, k] = [`trunc(${x})`, `trunc(${y})`];
      const m = `least(${k}, ${n} - 1)`;
      // The count bounded inside range() too: DuckDB folds constants even in branches not taken.
      const count = `CAST(least(greatest(${m}, 0), 1100) AS BIGINT)`;
      const p = `COALESCE(list_product([(${n} + ${k} - 1 - ${m} + _i) / _i for _i in range(1, ${count} + 1)]), 1)`;
      return {
        value: `CASE WHEN ${n} < 0 OR ${k} < 0 THEN NULL WHEN ${n} = 0 THEN CAST(1 AS DOUBLE) WHEN ${m} > 1100 THEN CAST('inf' AS DOUBLE) WHEN ${p} < 9007199254740992 THEN round(${p}) ELSE ${p} END`,
        err: errWhen(`${n} < 0 OR ${k} < 0`, '#NUM!'),
      };
    },
  ),
  'COMBINA(0, k) is 1. Results too large for a number are #NUM!.',
);

/**
 * The numbers of MULTINOMIAL and SERIESSUM's coefficients: empty cells skipped, text read as a
 * number (#VALUE! when it is not one), TRUE/FALSE #VALUE!, errors passed on.
 */
function toolpakNumbers(name: string, args: readonly ScalarArg[]): number[] | FormulaError {
  const out: number[] = [];
  for (const { value } of argValues(args)) {
    if (value === null) continue;
    const n = toolpakNumber(name, value);
    if (isFormulaError(n)) return n;
    out.push(n);
  }
  return out;
}

export const MULTINOMIAL: FunctionSpec = {
  name: 'MULTINOMIAL',
  category: 'math',
  summary: 'The multinomial (a1 + a2 + …)! / (a1! × a2! × …) of whole numbers (fractions are truncated).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'A negative number is #NUM!; text that is not a number and TRUE/FALSE are #VALUE!, as in Excel.',
  example: { formula: '=MULTINOMIAL(2, 3, 4)', result: '1260' },
  scalar(args) {
    const xs = toolpakNumbers('MULTINOMIAL', args);
    if (isFormulaError(xs)) return xs;
    let total = 0;
    let result = 1;
    for (const x of xs) {
      const k = Math.trunc(x);
      if (k < 0) return NUM('MULTINOMIAL takes no negative numbers.');
      // The product of binomials C(total + k, k): each step stays a whole number.
      total += k;
      result *= choose(total, k);
    }
    return Number.isFinite(result) ? result : NUM('MULTINOMIAL: the result is too large.');
  },
};

export const SERIESSUM: FunctionSpec = {
  name: 'SERIESSUM',
  category: 'math',
  summary: 'The power series a1·x^n + a2·x^(n+m) + a3·x^(n+2m) + … over the coefficients.',
  params: [{ name: 'x' }, { name: 'n' }, { name: 'm' }, { name: 'coefficients', kind: 'range' }],
  notes: 'Empty cells among the coefficients are skipped (the next coefficient takes their power); text or TRUE/FALSE there is #VALUE!.',
  example: { formula: '=SERIESSUM(2, 1, 1, {1,2,3})', result: '34' },
  propagate: false,
  scalar(args) {
    const head: number[] = [];
    for (let i = 0; i < 3; i++) {
      const v = toolpakNumber('SERIESSUM', arg(args, i));
      if (isFormulaError(v)) return v;
      head.push(v);
    }
    const [x, n, m] = head as [number, number, number];
    const coefficients = toolpakNumbers('SERIESSUM', [args[3]]);
    if (isFormulaError(coefficients)) return coefficients;
    let sum = 0;
    coefficients.forEach((a, i) => (sum += a * Math.pow(x, n + i * m)));
    return Number.isFinite(sum) ? sum : NUM('SERIESSUM: the result is not a finite number.');
  },
};
