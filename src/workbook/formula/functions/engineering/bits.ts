import type { FunctionSpec } from '../../catalog';
import { FormulaError } from '../../errors';
import { errWhen } from '../../sql/coerce';
import { numeric } from '../helpers';
import { rejectBooleans } from './shared';

// ---- BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT, GESTEP, DELTA

/** 2^48: Excel's bit functions take whole numbers from 0 up to 2^48 - 1. */
const LIMIT = 281474976710656;
const NUM = (message: string) => new FormulaError('#NUM!', message);

function badBits(name: string, x: number): FormulaError | undefined {
  if (x < 0 || x !== Math.trunc(x) || x >= LIMIT) return NUM(`${name} takes whole numbers from 0 to 2^48 - 1; ${x} is not one.`);
  return undefined;
}

const sqlBad = (x: string) => `(${x} < 0 OR ${x} <> trunc(${x}) OR ${x} >= ${LIMIT})`;

/** x and y split in 24-bit halves, so a bitwise operator on doubles stays exact past 2^32. */
function bitwise(x: number, y: number, op: (a: number, b: number) => number): number {
  const H = 16777216;
  const [xh, xl, yh, yl] = [Math.floor(x / H), x % H, Math.floor(y / H), y % H];
  return (op(xh, yh) >>> 0) * H + (op(xl, yl) >>> 0);
}

function bitOp(name: string, summary: string, op: (a: number, b: number) => number, sqlOp: (a: string, b: string) => string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'engineering',
    summary,
    ['number1', 'number2'],
    example,
    (x, y) => badBits(name, x) ?? badBits(name, y) ?? bitwise(x, y, op),
    (x, y) => ({
      value: `CASE WHEN NOT (${sqlBad(x)} OR ${sqlBad(y)}) THEN CAST(${sqlOp(`CAST(${x} AS BIGINT)`, `CAST(${y} AS BIGINT)`)} AS DOUBLE) END`,
      err: errWhen(`${sqlBad(x)} OR ${sqlBad(y)}`, '#NUM!'),
    }),
  );
}

export const BITAND = bitOp('BITAND', 'The bitwise AND of two whole numbers from 0 to 2^48 - 1.', (a, b) => a & b, (a, b) => `(${a} & ${b})`, { formula: '=BITAND(13, 25)', result: '9' });
export const BITOR = bitOp('BITOR', 'The bitwise OR of two whole numbers from 0 to 2^48 - 1.', (a, b) => a | b, (a, b) => `(${a} | ${b})`, { formula: '=BITOR(23, 10)', result: '31' });
export const BITXOR = bitOp('BITXOR', 'The bitwise exclusive OR of two whole numbers from 0 to 2^48 - 1.', (a, b) => a ^ b, (a, b) => `xor(${a}, ${b})`, { formula: '=BITXOR(5, 3)', result: '6' });

/** x shifted left by `shift` bits (right when negative); #NUM! past 53 bits either way or at 2^48 and above. */
function shifted(name: string, x: number, shift: number): number | FormulaError {
  const bad = badBits(name, x);
  if (bad) return bad;
  const s = Math.trunc(shift);
  if (Math.abs(s) > 53) return NUM(`${name}: the shift must be between -53 and 53.`);
  const r = s >= 0 ? x * 2 ** s : Math.floor(x / 2 ** -s);
  return r >= LIMIT ? NUM(`${name}: the result is 2^48 or more.`) : r;
}

function sqlShifted(x: string, shift: string): { value: string; err: string } {
  const s = `trunc(${shift})`;
  const r = `(CASE WHEN ${s} >= 0 THEN ${x} * pow(2, ${s}) ELSE floor(${x} / pow(2, -${s})) END)`;
  const bad = `(${sqlBad(x)} OR abs(${s}) > 53 OR ${r} >= ${LIMIT})`;
  return { value: `CASE WHEN NOT ${bad} THEN ${r} END`, err: errWhen(bad, '#NUM!') };
}

export const BITLSHIFT = numeric(
  'BITLSHIFT',
  'engineering',
  'A whole number shifted left by some bits (right when the shift is negative).',
  ['number', 'shift_amount'],
  { formula: '=BITLSHIFT(4, 2)', result: '16' },
  (x, s) => shifted('BITLSHIFT', x, s),
  (x, s) => sqlShifted(x, s),
);

export const BITRSHIFT = numeric(
  'BITRSHIFT',
  'engineering',
  'A whole number shifted right by some bits (left when the shift is negative).',
  ['number', 'shift_amount'],
  { formula: '=BITRSHIFT(13, 2)', result: '3' },
  (x, s) => shifted('BITRSHIFT', x, -s),
  (x, s) => sqlShifted(x, `(-${s})`),
);

export const GESTEP = rejectBooleans(numeric(
  'GESTEP',
  'engineering',
  'Whether a number is at least a step (0 when left out): 1 if so, else 0.',
  ['number', { name: 'step', optional: true }],
  { formula: '=GESTEP(5, 4)', result: '1' },
  (x, step = 0) => (x >= step ? 1 : 0),
  (x, step = '0') => `CASE WHEN ${x} >= ${step} THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END`,
  [undefined, 0],
));

export const DELTA = rejectBooleans(numeric(
  'DELTA',
  'engineering',
  'Whether two numbers are equal (the second is 0 when left out): 1 if so, else 0.',
  ['number1', { name: 'number2', optional: true }],
  { formula: '=DELTA(5, 4)', result: '0' },
  (x, y = 0) => (x === y ? 1 : 0),
  (x, y = '0') => `CASE WHEN ${x} = ${y} THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END`,
  [undefined, 0],
));
