/** LARGE and SMALL, and RANK.EQ. */
import type { FunctionSpec, ScalarArg, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errWhen, num, rangeErr, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg } from '../../sql/types';
import { numberArg, numbersOf, sqlArg, sqlNum } from '../helpers';
import { constantNumber, countOf, sortedList, sqlNumbers, type SqlArgs } from './shared';

/** LARGE and SMALL: the k-th largest or smallest number of a range; k is rounded up. */
export function kth(name: 'LARGE' | 'SMALL', example: FunctionSpec['example']): FunctionSpec {
  const large = name === 'LARGE';
  return {
    name,
    category: 'statistics',
    summary: `The k-th ${large ? 'largest' : 'smallest'} number of a range (k = 1 is the ${large ? 'largest' : 'smallest'}).`,
    params: [
      { name: 'array', kind: 'range' },
      { name: 'k' },
    ],
    notes: 'A fractional k is rounded up, as in Excel; k below 1 or beyond the count of numbers is #NUM!.',
    example,
    scalar(args) {
      const xs = numbersOf([args[0]]);
      if (isFormulaError(xs)) return xs;
      const k = numberArg(args, 1);
      if (isFormulaError(k)) return k;
      if (!(k >= 1 && Math.ceil(k) <= xs.length)) return new FormulaError('#NUM!', `${name}: k must be between 1 and the count of numbers (${xs.length}).`);
      const sorted = [...xs].sort((a, b) => a - b);
      const i = Math.ceil(k);
      return large ? sorted[sorted.length - i]! : sorted[i - 1]!;
    },
    sql(args) {
      const n = sqlNumbers([args[0]]);
      const k = sqlNum(args, 1);
      const count = countOf(n);
      // Clamped so the cast can never fail; out-of-range k is #NUM! anyway.
      const i = `CAST(least(greatest(ceil(${k.sql}), 1), ${count}) AS BIGINT)`;
      const index = large ? `${count} - ${i} + 1` : i;
      const bad = `NOT (${k.sql} >= 1 AND ceil(${k.sql}) <= ${count})`;
      return result(`${sortedList(n)}[${index}]`, 'number', [n.err, k.err, errWhen(bad, '#NUM!')]);
    },
  };
}

/**
 * RANK in SQL: `rank(descending)` is the rank of the number `n` among `ref`'s numbers, NULL when
 * it is not one of them.
 */
function sqlRankOf(ref: SqlArg | undefined, args: SqlArgs, n: string, ctx: SqlFunctionContext): { rank: (descending: boolean) => string; err: string | null } {
  if (!isSqlRange(ref)) {
    // A single value given as ref: a list of at most one number.
    const r = sqlArg(args, 1);
    const v = num(r);
    const present = r.type === 'empty' ? 'FALSE' : r.nullable ? `${r.sql} IS NOT NULL` : 'TRUE';
    return { rank: () => `CASE WHEN ${present} AND ${v.sql} = ${n} THEN 1 END`, err: r.type === 'empty' ? r.err : v.err };
  }
  const x = rangeNumbers(ref.columns[0]!);
  const err = rangeErr(ref);
  if (ref.inline) {
    const count = (cond: string) => `count(*) FILTER (WHERE ${cond})`;
    return { rank: (desc) => `CASE WHEN ${count(`${x} = ${n}`)} > 0 THEN 1 + ${count(`${x} ${desc ? '>' : '<'} ${n}`)} END`, err };
  }
  // The table ranked once by a window, then looked up by equality: a hash join in a column
  // formula, where counting the larger numbers for each row would compare every pair of rows.
  // OFFSET 0 keeps DuckDB from moving the lookup into the window (which then runs once per
  // distinct number) when `n` is an expression.
  return {
    rank: (desc) => {
      const w = ctx.alias();
      const ranked = `SELECT ${x} AS x, rank() OVER (ORDER BY ${x} ${desc ? 'DESC' : 'ASC'}) AS r FROM ${ref.from} AS ${ref.alias} WHERE ${x} IS NOT NULL OFFSET 0`;
      return `(SELECT min(${w}.r) FROM (${ranked}) AS ${w} WHERE ${w}.x = ${n})`;
    },
    err,
  };
}

/**
 * RANK's arguments read (number, ref, order): how many of ref's numbers rank before the number
 * and how many equal it; #N/A when none does.
 */
export function rankOf(args: ScalarArg[], name: string): { before: number; ties: number } | FormulaError {
  const x = numberArg(args, 0);
  if (isFormulaError(x)) return x;
  const xs = numbersOf([args[1]]);
  if (isFormulaError(xs)) return xs;
  const order = numberArg(args, 2, 0);
  if (isFormulaError(order)) return order;
  const ties = xs.filter((v) => v === x).length;
  if (ties === 0) return new FormulaError('#N/A', `${name}: the number is not in the range.`);
  return { before: xs.filter((v) => (order === 0 ? v > x : v < x)).length, ties };
}

export const RANK_EQ: FunctionSpec = {
  name: 'RANK.EQ',
  category: 'statistics',
  summary: "A number's rank among a range's numbers: 1 for the largest (or, with order ≠ 0, the smallest); ties share the best rank.",
  params: [{ name: 'number' }, { name: 'ref', kind: 'range' }, { name: 'order', optional: true }],
  notes: 'Text, TRUE/FALSE and empty cells in ref are skipped; a number not in ref is #N/A.',
  example: { formula: '=RANK.EQ(4, {3,5,3,5,4})', result: '3' },
  scalar(args) {
    const r = rankOf(args, 'RANK');
    return isFormulaError(r) ? r : r.before + 1;
  },
  sql(args, ctx) {
    const x = sqlNum(args, 0);
    const order = sqlNum(args, 2, 0);
    const { rank, err } = sqlRankOf(args[1], args, x.sql, ctx);
    const fixed = constantNumber(sqlArg(args, 2, 0));
    const value = fixed === undefined ? `CASE WHEN ${order.sql} = 0 THEN ${rank(true)} ELSE ${rank(false)} END` : rank(fixed === 0);
    return result(`CAST(${value} AS DOUBLE)`, 'number', [x.err, err, order.err, errWhen(`${value} IS NULL`, '#N/A')]);
  },
};
