import type { FunctionSpec } from '../../catalog';
import { FormulaError } from '../../errors';
import { errWhen } from '../../sql/coerce';
import { numeric } from '../helpers';
import { NUM } from './shared';

// ---- hyperbolic functions and their inverses

const DIV0 = (name: string) => new FormulaError('#DIV/0!', `${name} of 0 divides by zero.`);

/** A function defined on all numbers (SINH, COSH, TANH, ASINH): an overflow is #NUM!. */
function everywhere(name: string, fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(name, 'math', summary, ['number'], example, fn, (x) => `${sqlFn}(${x})`);
}

/** A function defined where `inside(x)`; #NUM! elsewhere. */
function within(
  name: string,
  fn: (x: number) => number,
  sql: (x: string) => string,
  inside: [(x: number) => boolean, (x: string) => string],
  domain: string,
  summary: string,
  example: FunctionSpec['example'],
): FunctionSpec {
  const [ok, sqlOk] = inside;
  return numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (ok(x) ? fn(x) : NUM(`${name} takes ${domain}.`)),
    (x) => ({ value: `CASE WHEN ${sqlOk(x)} THEN ${sql(x)} END`, err: errWhen(`NOT (${sqlOk(x)})`, '#NUM!') }),
  );
}

/**
 * COTH and CSCH: 1 / f(x), #DIV/0! at 0. Excel's reference says numbers from 2^27 on are #NUM!,
 * yet Excel gives COTH(9999999999999) = 1: there is no such limit.
 */
function reciprocal(name: string, fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (x === 0 ? DIV0(name) : 1 / fn(x)),
    (x) => ({ value: `CASE WHEN ${x} <> 0 THEN 1 / ${sqlFn}(${x}) END`, err: errWhen(`${x} = 0`, '#DIV/0!') }),
  );
}

export const HYPERBOLIC_FUNCTIONS: FunctionSpec[] = [
  everywhere('SINH', Math.sinh, 'sinh', 'The hyperbolic sine of a number.', { formula: '=SINH(1)', result: '1.1752011936438' }),
  everywhere('COSH', Math.cosh, 'cosh', 'The hyperbolic cosine of a number.', { formula: '=COSH(1)', result: '1.54308063481524' }),
  everywhere('TANH', Math.tanh, 'tanh', 'The hyperbolic tangent of a number.', { formula: '=TANH(0.5)', result: '0.46211715726001' }),
  everywhere('ASINH', Math.asinh, 'asinh', 'The inverse hyperbolic sine of a number.', { formula: '=ASINH(1)', result: '0.881373587019543' }),
  within('ACOSH', Math.acosh, (x) => `acosh(${x})`, [(x) => x >= 1, (x) => `${x} >= 1`], 'numbers from 1 up', 'The inverse hyperbolic cosine of a number from 1 up.', {
    formula: '=ACOSH(10)',
    result: '2.99322284612638',
  }),
  within('ATANH', Math.atanh, (x) => `atanh(${x})`, [(x) => Math.abs(x) < 1, (x) => `abs(${x}) < 1`], 'numbers strictly between -1 and 1', 'The inverse hyperbolic tangent of a number between -1 and 1.', {
    formula: '=ATANH(0.5)',
    result: '0.549306144334055',
  }),
  within(
    'ACOTH',
    (x) => 0.5 * Math.log((x + 1) / (x - 1)),
    (x) => `0.5 * ln((${x} + 1) / (${x} - 1))`,
    [(x) => Math.abs(x) > 1, (x) => `abs(${x}) > 1`],
    'numbers above 1 in size',
    'The inverse hyperbolic cotangent of a number above 1 in size.',
    { formula: '=ACOTH(6)', result: '0.168236118310606' },
  ),
  reciprocal('COTH', Math.tanh, 'tanh', 'The hyperbolic cotangent of a number; #DIV/0! for 0.', { formula: '=COTH(2)', result: '1.03731472072755' }),
  reciprocal('CSCH', Math.sinh, 'sinh', 'The hyperbolic cosecant of a number; #DIV/0! for 0.', { formula: '=CSCH(1.5)', result: '0.469642440595225' }),
  everywhere('SECH', (x) => 1 / Math.cosh(x), '1 / cosh', 'The hyperbolic secant of a number.', { formula: '=SECH(1)', result: '0.648054273663885' }),
];
