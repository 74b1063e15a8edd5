import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg } from '../../sql/types';
import { isDate } from '../../values';
import { argValues, sqlNumberList } from '../helpers';
import { EXACT, EXACT_SQL, NUM, toolpakNumber } from './shared';

// ---- GCD and LCM

/**
 * The numbers of GCD / LCM, as Excel reads them: a value given directly (a single cell too) is read
 * as a number, TRUE/FALSE #VALUE!, empty skipped; inside a range only numbers and dates count; no
 * numbers at all is #VALUE!. Each is truncated; negative or from 2^53 on is #NUM!.
 */
function wholeNumbers(name: string, args: ScalarArg[]): number[] | FormulaError {
  const xs: number[] = [];
  for (const { value, direct } of argValues(args)) {
    if (isFormulaError(value)) return value;
    if (value === null) continue;
    if (direct) {
      const n = toolpakNumber(name, value);
      if (isFormulaError(n)) return n;
      xs.push(n);
    } else if (typeof value === 'number') xs.push(value);
    else if (isDate(value)) xs.push(value.serial);
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

/** The SQL numbers of GCD / LCM, and the #NUM! for negative or too large ones. */
function sqlWholeNumbers(args: (SqlArg | undefined)[]): { list: string; valid: string; errs: (string | null)[] } {
  const { list, err } = sqlNumberList(args);
  const valid = `len(${list}) > 0 AND list_min(${list}) >= 0 AND list_max(${list}) < ${EXACT_SQL}`;
  // TRUE or FALSE given directly is #VALUE!, as no numbers at all is.
  const bool = args.some((a) => a !== undefined && !isSqlRange(a) && a.type === 'boolean') ? errCode('#VALUE!') : null;
  const none = errWhen(`len(${list}) = 0`, '#VALUE!');
  return { list: `[trunc(_x) for _x in ${list}]`, valid, errs: [err, bool, none, errWhen(`NOT (${valid})`, '#NUM!')] };
}

export const GCD: FunctionSpec = {
  name: 'GCD',
  category: 'math',
  summary: 'The greatest common divisor of whole numbers (fractions are truncated).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'Negative numbers and numbers from 2^53 on are #NUM!; TRUE/FALSE given directly and no numbers at all are #VALUE!, as in Excel.',
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
  notes: 'Negative numbers, numbers from 2^53 on and a multiple from 2^53 on are #NUM!; TRUE/FALSE given directly and no numbers at all are #VALUE!, as in Excel.',
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
