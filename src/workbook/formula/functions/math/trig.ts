import type { FunctionSpec } from '../../catalog';
import { FormulaError } from '../../errors';
import { errCode, errWhen } from '../../sql/coerce';
import { numeric } from '../helpers';
import { NUM, withNotes } from './shared';

// ---- trigonometry

/** 2^27: Excel's SIN, COS and TAN give #NUM! from here on (too few digits are left for the angle). */
const TRIG_LIMIT = 134217728;

export function trig(name: string, fn: (x: number) => number, sqlFn: string, example: FunctionSpec['example']): FunctionSpec {
  const spec = numeric(
    name,
    'math',
    `The ${name === 'SIN' ? 'sine' : name === 'COS' ? 'cosine' : 'tangent'} of an angle in radians (RADIANS converts degrees).`,
    ['number'],
    example,
    (x) => (Math.abs(x) < TRIG_LIMIT ? fn(x) : NUM(`${name} takes angles below 2^27 in size.`)),
    (x) => ({ value: `CASE WHEN abs(${x}) < ${TRIG_LIMIT} THEN ${sqlFn}(${x}) END`, err: errWhen(`abs(${x}) >= ${TRIG_LIMIT}`, '#NUM!') }),
  );
  return withNotes(spec, 'Angles of 2^27 (134,217,728) or more in size are #NUM!, as in Excel.');
}

export function inverseTrig(name: string, fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (Math.abs(x) <= 1 ? fn(x) : NUM(`${name} takes numbers from -1 to 1.`)),
    (x) => ({ value: `CASE WHEN abs(${x}) <= 1 THEN ${sqlFn}(${x}) END`, err: errWhen(`abs(${x}) > 1`, '#NUM!') }),
  );
}

export const ATAN2 = numeric(
  'ATAN2',
  'math',
  'The angle, in radians from -π to π, of the point (x, y): note x comes first, as in Excel.',
  ['x_num', 'y_num'],
  { formula: '=ATAN2(1, 1)', result: '0.785398163397448' },
  (x, y) => (x === 0 && y === 0 ? new FormulaError('#DIV/0!', 'ATAN2 of the point (0, 0).') : Math.atan2(y, x)),
  (x, y) => ({ value: `CASE WHEN ${x} = 0 AND ${y} = 0 THEN NULL ELSE atan2(${y}, ${x}) END`, err: errWhen(`${x} = 0 AND ${y} = 0`, '#DIV/0!') }),
);

/** COT and CSC (1 / TAN, 1 / SIN): #DIV/0! at 0; SEC never divides by 0 in doubles. */
function reciprocalTrig(name: 'COT' | 'CSC' | 'SEC', fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  const zeroAt0 = name !== 'SEC';
  const spec = numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (Math.abs(x) >= TRIG_LIMIT ? NUM(`${name} takes angles below 2^27 in size.`) : zeroAt0 && x === 0 ? new FormulaError('#DIV/0!', `${name} of 0 divides by zero.`) : 1 / fn(x)),
    (x) => ({
      value: `CASE WHEN abs(${x}) < ${TRIG_LIMIT}${zeroAt0 ? ` AND ${x} <> 0` : ''} THEN 1 / ${sqlFn}(${x}) END`,
      err: `CASE WHEN abs(${x}) >= ${TRIG_LIMIT} THEN ${errCode('#NUM!')}${zeroAt0 ? ` WHEN ${x} = 0 THEN ${errCode('#DIV/0!')}` : ''} END`,
    }),
  );
  return withNotes(spec, 'Angles of 2^27 (134,217,728) or more in size are #NUM!, as in Excel.');
}

export const RECIPROCAL_TRIG: FunctionSpec[] = [
  reciprocalTrig('COT', Math.tan, 'tan', 'The cotangent of an angle in radians; #DIV/0! for 0.', { formula: '=COT(PI() / 4)', result: '1' }),
  reciprocalTrig('CSC', Math.sin, 'sin', 'The cosecant of an angle in radians; #DIV/0! for 0.', { formula: '=CSC(PI() / 2)', result: '1' }),
  reciprocalTrig('SEC', Math.cos, 'cos', 'The secant of an angle in radians.', { formula: '=SEC(0)', result: '1' }),
  numeric(
    'ACOT',
    'math',
    'The arccotangent of a number, in radians from 0 to π.',
    ['number'],
    { formula: '=ACOT(1)', result: '0.785398163397448' },
    (x) => Math.PI / 2 - Math.atan(x),
    (x) => `pi() / 2 - atan(${x})`,
  ),
];
