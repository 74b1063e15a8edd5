import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, errWhen, num, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr } from '../../sql/types';
import { argValues } from '../helpers';
import { EXACT, EXACT_SQL, NUM, toolpakNumber } from './shared';

// ---- GCD and LCM

/**
 * The numbers of GCD / LCM, as Excel reads them, in ranges and references as much as given
 * directly: text read as a number (#VALUE! when it is not one), TRUE/FALSE #VALUE!, empty cells
 * skipped, no numbers at all #VALUE!. Each is truncated; negative or from 2^53 on is #NUM!.
 */
function wholeNumbers(name: string, args: ScalarArg[]): number[] | FormulaError {
  const xs: number[] = [];
  for (const { value } of argValues(args)) {
    if (value === null) continue;
    const n = toolpakNumber(name, value);
    if (isFormulaError(n)) return n;
    xs.push(n);
  }
  if (xs.length === 0) return new FormulaError('#VALUE!', `${name} needs at least one number.`);
  if (xs.some((x) => x < 0)) return NUM(`${name} takes no negative numbers.`);
  if (xs.some((x) => x >= EXACT)) return NUM(`${name} takes numbers below 2^53.`);
  return xs.map(Math.trunc);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** One value's number in SQL, as toolpakNumber reads it: TRUE/FALSE #VALUE!, text read as a number. */
function sqlToolpakNumber(e: SqlExpr): SqlExpr {
  if (e.type !== 'boolean') return num(e);
  return result('CAST(NULL AS DOUBLE)', 'number', [e.err, errWhen(`${e.sql} IS NOT NULL`, '#VALUE!')]);
}

/** The SQL numbers of GCD / LCM, read as wholeNumbers reads them (empty values skipped), and their errors. */
function sqlWholeNumbers(args: (SqlArg | undefined)[]): { list: string; valid: string; errs: (string | null)[] } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      for (const c of a.columns) {
        const n = sqlToolpakNumber(c);
        parts.push(`COALESCE(${aggregate(a, `list(${n.sql}) FILTER (WHERE ${c.sql} IS NOT NULL)`)}, [])`);
        if (n.err) errs.push(aggregate(a, `min(${n.err}) FILTER (WHERE ${c.sql} IS NOT NULL)`));
      }
    } else if (a.type === 'empty') errs.push(a.err);
    else {
      const n = sqlToolpakNumber(a);
      parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN [] ELSE [${n.sql}] END` : `[${n.sql}]`);
      errs.push(n.err);
    }
  }
  const list = parts.length === 0 ? 'CAST([] AS DOUBLE[])' : parts.reduce((acc, p) => `list_concat(${acc}, ${p})`);
  const valid = `len(${list}) > 0 AND list_min(${list}) >= 0 AND list_max(${list}) < ${EXACT_SQL}`;
  return { list: `[trunc(_x) for _x in ${list}]`, valid, errs: [...errs, errWhen(`len(${list}) = 0`, '#VALUE!'), errWhen(`NOT (${valid})`, '#NUM!')] };
}

export const GCD: FunctionSpec = {
  name: 'GCD',
  category: 'math',
  summary: 'The greatest common divisor of whole numbers (fractions are truncated).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'Negative numbers and numbers from 2^53 on are #NUM!; TRUE/FALSE (in ranges too), text that is not a number and no numbers at all are #VALUE!; numeric text is read as a number, as in Excel.',
  example: { formula: '=GCD(24, 36)', result: '12' },
  scalar(args) {
    const xs = wholeNumbers('GCD', args);
    return isFormulaError(xs) ? xs : xs.reduce(gcd, 0);
  },
  sql(args) {
    const { list, valid, errs } = sqlWholeNumbers(args);
    const value = `CAST(list_reduce(CAST(${list} AS BIGINT[]), lambda _a, _b: gcd(_a, _b), CAST(0 AS BIGINT)) AS DOUBLE)`;
    return result(`CASE WHEN ${valid} THEN ${value} END`, 'number', errs);
  },
};

export const LCM: FunctionSpec = {
  name: 'LCM',
  category: 'math',
  summary: 'The least common multiple of whole numbers (fractions are truncated); 0 when any of them is 0.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'Negative numbers, numbers from 2^53 on and a multiple from 2^53 on are #NUM!; TRUE/FALSE (in ranges too), text that is not a number and no numbers at all are #VALUE!; numeric text is read as a number, as in Excel.',
  example: { formula: '=LCM(4, 6)', result: '12' },
  scalar(args) {
    const xs = wholeNumbers('LCM', args);
    if (isFormulaError(xs)) return xs;
    if (xs.some((x) => x === 0)) return 0;
    // Once the multiple passes 2^53 it is an error whatever follows; it stays there.
    const m = xs.reduce((acc, b) => (acc >= EXACT ? acc : (acc / gcd(acc, b)) * b), 1);
    return m >= EXACT ? NUM('LCM: the multiple is 2^53 or more.') : m;
  },
  sql(args) {
    const { list, valid, errs } = sqlWholeNumbers(args);
    const step = `CASE WHEN _a >= ${EXACT_SQL} THEN _a ELSE _a / gcd(CAST(_a AS BIGINT), CAST(_b AS BIGINT)) * _b END`;
    const m = `list_reduce(${list}, lambda _a, _b: ${step}, CAST(1 AS DOUBLE))`;
    // All of them are >= 0 here, so a minimum below 1 is a 0 (after truncation).
    const value = `CASE WHEN list_min(${list}) < 1 THEN CAST(0 AS DOUBLE) ELSE ${m} END`;
    return result(`CASE WHEN ${valid} AND ${value} < ${EXACT_SQL} THEN ${value} END`, 'number', [...errs, errWhen(`${valid} AND ${value} >= ${EXACT_SQL}`, '#NUM!')]);
  },
};
