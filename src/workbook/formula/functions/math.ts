import type { FunctionSpec } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, errWhen, num, rangeErr, rangeNumbers, result } from '../sql/coerce';
import { isSqlRange } from '../sql/types';
import { numberArg, numbersOf, numeric, sqlNum } from './helpers';

/**
 * Rounds as Excel does: on the number's 15 significant digits, half away from zero, so
 * ROUND(1.005, 2) is 1.01 (the double nearest 1.005 is a hair below it). The digits are shifted
 * through the decimal text, not by multiplying, which would bring the binary error back.
 */
export function roundDigits(x: number, digits: number, mode: 'nearest' | 'up' | 'down'): number {
  const d = Math.trunc(digits);
  const [mantissa, exponent] = x.toExponential(14).split('e') as [string, string];
  const shifted = Number(`${mantissa}e${Number(exponent) + d}`);
  const a = Math.abs(shifted);
  const f = Math.floor(a);
  const r = mode === 'up' ? Math.ceil(a) : mode === 'down' ? f : a - f >= 0.5 ? f + 1 : f;
  const signed = shifted < 0 ? -r : r;
  const back = d >= 0 ? signed / 10 ** d : signed * 10 ** -d;
  return back === 0 ? 0 : back;
}

/** roundDigits in SQL: the same shift through `printf('%.14e')`'s text. */
export function sqlRoundDigits(x: string, digits: string, mode: 'nearest' | 'up' | 'down'): string {
  const d = `CAST(trunc(${digits}) AS INTEGER)`;
  const s = `printf('%.14e', ${x})`;
  const shifted = `CAST(split_part(${s}, 'e', 1) || 'e' || (CAST(split_part(${s}, 'e', 2) AS INTEGER) + ${d}) AS DOUBLE)`;
  const a = `abs(${shifted})`;
  const r = mode === 'up' ? `ceil(${a})` : mode === 'down' ? `floor(${a})` : `CASE WHEN ${a} - floor(${a}) >= 0.5 THEN floor(${a}) + 1 ELSE floor(${a}) END`;
  const signed = `(CASE WHEN ${shifted} < 0 THEN -1 ELSE 1 END * ${r})`;
  return `(CASE WHEN ${d} >= 0 THEN ${signed} / pow(10, ${d}) ELSE ${signed} * pow(10, -${d}) END + 0.0)`;
}

const SUM: FunctionSpec = {
  name: 'SUM',
  category: 'math',
  summary: 'Adds numbers: values, ranges and table columns (text and TRUE/FALSE in ranges are skipped).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=SUM(1, 2, 3)', result: '6' },
  scalar(args) {
    const xs = numbersOf(args);
    return isFormulaError(xs) ? xs : xs.reduce((a, b) => a + b, 0);
  },
  sql(args) {
    const parts: string[] = [];
    const errs: (string | null)[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        parts.push(`COALESCE(${aggregate(a, `sum(${rangeNumbers(a.columns[0]!)})`)}, 0)`);
        errs.push(rangeErr(a));
      } else if (a.type !== 'empty') {
        const n = num(a);
        parts.push(n.sql);
        errs.push(n.err);
      } else errs.push(a.err);
    }
    return result(parts.length ? `(${parts.join(' + ')})` : 'CAST(0 AS DOUBLE)', 'number', errs);
  },
};

const ROUND_SUMMARY = {
  nearest: 'Rounds to a number of digits, halves away from zero (negative digits round left of the point).',
  up: 'Rounds away from zero to a number of digits.',
  down: 'Rounds toward zero to a number of digits.',
};

function rounding(name: string, mode: 'nearest' | 'up' | 'down', example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    ROUND_SUMMARY[mode],
    ['number', { name: 'digits', optional: name !== 'ROUND' }],
    example,
    (x, d = 0) => roundDigits(x, d, mode),
    (x, d = '0') => sqlRoundDigits(x, d, mode),
    [undefined, name === 'ROUND' ? undefined : 0],
  );
}

const MOD: FunctionSpec = {
  name: 'MOD',
  category: 'math',
  summary: 'The remainder of a division, with the sign of the divisor (MOD(-3, 2) is 1).',
  params: [{ name: 'number' }, { name: 'divisor' }],
  example: { formula: '=MOD(-3, 2)', result: '1' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const y = numberArg(args, 1);
    if (isFormulaError(y)) return y;
    if (y === 0) return new FormulaError('#DIV/0!', 'MOD by zero.');
    const r = x - y * Math.floor(x / y);
    return r === 0 ? 0 : r;
  },
  sql(args) {
    const x = sqlNum(args, 0);
    const y = sqlNum(args, 1);
    return result(`CASE WHEN ${y.sql} = 0 THEN NULL ELSE (${x.sql} - ${y.sql} * floor(${x.sql} / ${y.sql})) + 0.0 END`, 'number', [x.err, y.err, errWhen(`${y.sql} = 0`, '#DIV/0!')]);
  },
};

export const MATH_FUNCTIONS: FunctionSpec[] = [
  SUM,
  numeric('ABS', 'math', 'The absolute value of a number.', ['number'], { formula: '=ABS(-2.5)', result: '2.5' }, Math.abs, (x) => `abs(${x})`),
  rounding('ROUND', 'nearest', { formula: '=ROUND(1.005, 2)', result: '1.01' }),
  rounding('ROUNDUP', 'up', { formula: '=ROUNDUP(3.141, 2)', result: '3.15' }),
  rounding('ROUNDDOWN', 'down', { formula: '=ROUNDDOWN(-3.149, 2)', result: '-3.14' }),
  numeric('INT', 'math', 'Rounds down to the nearest integer (INT(-1.5) is -2).', ['number'], { formula: '=INT(-1.5)', result: '-2' }, Math.floor, (x) => `floor(${x})`),
  MOD,
  numeric(
    'SQRT',
    'math',
    'The square root; #NUM! for a negative number.',
    ['number'],
    { formula: '=SQRT(16)', result: '4' },
    (x) => (x < 0 ? new FormulaError('#NUM!', 'SQRT of a negative number.') : Math.sqrt(x)),
    (x) => ({ value: `CASE WHEN ${x} >= 0 THEN sqrt(${x}) END`, err: errWhen(`${x} < 0`, '#NUM!') }),
  ),
];
