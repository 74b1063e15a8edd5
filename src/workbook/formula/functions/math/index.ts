import type { FunctionSpec } from '../../catalog';
import { FormulaError } from '../../errors';
import { errWhen } from '../../sql/coerce';
import { numeric } from '../helpers';
import { BASE, DECIMAL } from './base';
import { COMBIN, FACT } from './counting';
import { HYPERBOLIC_FUNCTIONS } from './hyperbolic';
import { GCD, LCM } from './divisors';
import { CEILING, EVEN, FLOOR, MOD, MROUND, ODD, QUOTIENT, roundingMath } from './multiples';
import { LOG, POWER, positiveOnly } from './powers';
import { CEILING_PRECISE, FLOOR_PRECISE, ISO_CEILING } from './precise';
import { RAND, RANDBETWEEN } from './random';
import { ARABIC, ROMAN } from './roman';
import { COMBINA, FACTDOUBLE, MULTINOMIAL, SERIESSUM, SQRTPI } from './series';
import { SUMX_FUNCTIONS } from './sumx';
import { rounding, sqlTruncDigits, truncDigits } from './round';
import { PRODUCT, SUM, SUMPRODUCT, SUMSQ } from './sums';
import { ATAN2, inverseTrig, RECIPROCAL_TRIG, trig } from './trig';

export { roundDigits, sqlRoundDigits } from './round';

/**
 * Excel reads a function's arguments left to right, and the first that fails is the answer:
 * FLOOR("", 1/0) is #VALUE! (the "" fails first), not #DIV/0!. Every math function reads its
 * arguments itself (errors included), so none stops at the first error argument the evaluator sees.
 */
const leftToRight = (spec: FunctionSpec): FunctionSpec => (spec.propagate === undefined ? { ...spec, propagate: false } : spec);

const FUNCTIONS: FunctionSpec[] = [
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
  PRODUCT,
  SUMPRODUCT,
  SUMSQ,
  POWER,
  numeric('EXP', 'math', 'e raised to the power of a number.', ['number'], { formula: '=EXP(1)', result: '2.71828182845905' }, Math.exp, (x) => `exp(${x})`),
  positiveOnly('LN', Math.log, 'ln', 'The natural logarithm of a positive number.', { formula: '=LN(1)', result: '0' }),
  LOG,
  positiveOnly('LOG10', Math.log10, 'log10', 'The base-10 logarithm of a positive number.', { formula: '=LOG10(1000)', result: '3' }),
  numeric('PI', 'math', 'The number π, 3.14159265358979.', [], { formula: '=PI()', result: '3.14159265358979' }, () => Math.PI, () => 'pi()'),
  numeric('SIGN', 'math', 'The sign of a number: 1, 0 or -1.', ['number'], { formula: '=SIGN(-4)', result: '-1' }, (x) => Math.sign(x) + 0, (x) => `CAST(sign(${x}) AS DOUBLE)`),
  numeric(
    'TRUNC',
    'math',
    'Cuts a number to a number of digits, toward zero (digits 0 when left out).',
    ['number', { name: 'digits', optional: true }],
    { formula: '=TRUNC(-8.9)', result: '-8' },
    (x, d = 0) => truncDigits(x, d),
    (x, d = '0') => sqlTruncDigits(x, d),
    [undefined, 0],
  ),
  CEILING,
  roundingMath('CEILING.MATH', 'Rounds up to a multiple of significance (1 when left out); with a nonzero mode, negative numbers round away from zero.', { formula: '=CEILING.MATH(-2.5, 2)', result: '-2' }),
  FLOOR,
  roundingMath('FLOOR.MATH', 'Rounds down to a multiple of significance (1 when left out); with a nonzero mode, negative numbers round toward zero.', { formula: '=FLOOR.MATH(-2.5, 2)', result: '-4' }),
  FLOOR_PRECISE,
  CEILING_PRECISE,
  ISO_CEILING,
  MROUND,
  QUOTIENT,
  EVEN,
  ODD,
  FACT,
  COMBIN,
  GCD,
  LCM,
  numeric('DEGREES', 'math', 'Converts radians to degrees.', ['angle'], { formula: '=DEGREES(PI())', result: '180' }, (x) => (x * 180) / Math.PI, (x) => `(${x}) * 180 / pi()`),
  numeric('RADIANS', 'math', 'Converts degrees to radians.', ['angle'], { formula: '=RADIANS(180)', result: '3.14159265358979' }, (x) => (x * Math.PI) / 180, (x) => `(${x}) * pi() / 180`),
  trig('SIN', Math.sin, 'sin', { formula: '=SIN(PI() / 2)', result: '1' }),
  trig('COS', Math.cos, 'cos', { formula: '=COS(0)', result: '1' }),
  trig('TAN', Math.tan, 'tan', { formula: '=TAN(PI() / 4)', result: '1' }),
  inverseTrig('ASIN', Math.asin, 'asin', 'The arcsine, in radians, of a number from -1 to 1.', { formula: '=ASIN(1)', result: '1.5707963267949' }),
  inverseTrig('ACOS', Math.acos, 'acos', 'The arccosine, in radians, of a number from -1 to 1.', { formula: '=ACOS(-1)', result: '3.14159265358979' }),
  numeric('ATAN', 'math', 'The arctangent of a number, in radians from -π/2 to π/2.', ['number'], { formula: '=ATAN(1)', result: '0.785398163397448' }, Math.atan, (x) => `atan(${x})`),
  ATAN2,
  ...RECIPROCAL_TRIG,
  ...HYPERBOLIC_FUNCTIONS,
  RAND,
  RANDBETWEEN,
  ROMAN,
  ARABIC,
  BASE,
  DECIMAL,
  SQRTPI,
  FACTDOUBLE,
  COMBINA,
  MULTINOMIAL,
  SERIESSUM,
  ...SUMX_FUNCTIONS,
];

export const MATH_FUNCTIONS: FunctionSpec[] = FUNCTIONS.map(leftToRight);
