import { errWhen } from '../../sql/coerce';
import { numeric } from '../helpers';
import { EXACT, EXACT_SQL, NUM, withNotes } from './shared';

// ---- counting

/** 170! is the largest factorial a double holds. */
const FACT_LIMIT = 170;

export const FACT = numeric(
  'FACT',
  'math',
  'The factorial 1 × 2 × … × n of a number (fractions are truncated); #NUM! for a negative number.',
  ['number'],
  { formula: '=FACT(5)', result: '120' },
  (x) => {
    if (x < 0) return NUM('FACT of a negative number.');
    if (x >= FACT_LIMIT + 1) return NUM('FACT: the result is too large.');
    let p = 1;
    for (let i = 2; i <= Math.trunc(x); i++) p *= i;
    return p;
  },
  (x) => ({
    // The bound inside range() too: DuckDB folds constants in branches not taken, and would build the list.
    value: `CASE WHEN ${x} >= 0 AND ${x} < ${FACT_LIMIT + 1} THEN COALESCE(list_product(CAST(range(1, CAST(least(greatest(trunc(${x}), 0), ${FACT_LIMIT}) AS BIGINT) + 1) AS DOUBLE[])), 1) END`,
    err: errWhen(`${x} < 0 OR ${x} >= ${FACT_LIMIT + 1}`, '#NUM!'),
  }),
);

/**
 * min(k, n − k) from here on makes COMBIN(n, k) at least C(2m, m) > 10^308: an overflow, answered
 * without multiplying so many factors.
 */
const COMBIN_LIMIT = 1030;

/** n choose k (whole, 0 <= k <= n) as the product of (n − m + i) / i: the same factors in the same order as in SQL. */
function choose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  if (m > COMBIN_LIMIT) return Number.POSITIVE_INFINITY;
  let p = 1;
  for (let i = 1; i <= m; i++) p *= (n - m + i) / i;
  return p < EXACT ? Math.round(p) : p;
}

export const COMBIN = withNotes(
  numeric(
    'COMBIN',
    'math',
    'The number of ways to choose number_chosen items out of number, ignoring order (fractions are truncated).',
    ['number', 'number_chosen'],
    { formula: '=COMBIN(8, 2)', result: '28' },
    (x, y) => {
      const [n, k] = [Math.trunc(x), Math.trunc(y)];
      return n < 0 || k < 0 || n < k ? NUM('COMBIN needs 0 <= number_chosen <= number.') : choose(n, k);
    },
    (x, y) => {
      const [n, k] = [`trunc(${x})`, `trunc(${y})`];
      const m = `least(${k}, ${n} - ${k})`;
      // The count bounded inside range() too: DuckDB folds constants even in branches not taken.
      const count = `CAST(least(greatest(${m}, 0), ${COMBIN_LIMIT}) AS BIGINT)`;
      const p = `COALESCE(list_product([(${n} - ${m} + _i) / _i for _i in range(1, ${count} + 1)]), 1)`;
      const valid = `${n} >= 0 AND ${k} >= 0 AND ${n} >= ${k}`;
      return {
        value: `CASE WHEN ${valid} AND ${m} <= ${COMBIN_LIMIT} THEN (CASE WHEN ${p} < ${EXACT_SQL} THEN round(${p}) ELSE ${p} END) WHEN ${valid} THEN CAST('inf' AS DOUBLE) END`,
        err: errWhen(`NOT (${valid})`, '#NUM!'),
      };
    },
  ),
  'Results above 2^53 keep 15 significant digits, as in Excel.',
);
