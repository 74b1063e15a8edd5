import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { atpNumber } from './shared';

// ---- ERF, ERF.PRECISE, ERFC, ERFC.PRECISE

const SQRT_PI = Math.sqrt(Math.PI);

/** erf by its Taylor series: for |x| < 2 it converges to full precision within ~60 terms. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/** erfc by its continued fraction, evaluated from the tail: accurate for x ≥ 2, where the series would lose digits. */
function erfcFraction(x: number): number {
  let t = x;
  for (let k = 300; k >= 1; k--) t = x + k / 2 / t;
  return Math.exp(-x * x) / SQRT_PI / t;
}

export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  return x < 2 ? erfSeries(x) : 1 - erfcFraction(x);
}

export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  return x < 2 ? 1 - erfSeries(x) : erfcFraction(x);
}

function oneArg(name: string, summary: string, fn: (x: number) => number, example: FunctionSpec['example']): FunctionSpec {
  return {
    name,
    category: 'engineering',
    summary,
    params: [{ name: 'x' }],
    example,
    scalar(args) {
      const x = atpNumber(args, 0, name);
      return isFormulaError(x) ? x : fn(x);
    },
  };
}

export const ERF_FUNCTIONS: FunctionSpec[] = [
  {
    name: 'ERF',
    category: 'engineering',
    summary: 'The error function integrated from 0 to a limit, or between two limits when both are given.',
    params: [{ name: 'lower_limit' }, { name: 'upper_limit', optional: true }],
    example: { formula: '=ERF(1)', result: '0.842700792949715' },
    scalar(args) {
      const a = atpNumber(args, 0, 'ERF');
      if (isFormulaError(a)) return a;
      if (args[1] === undefined) return erf(a);
      const b = atpNumber(args, 1, 'ERF');
      return isFormulaError(b) ? b : erf(b) - erf(a);
    },
  },
  oneArg('ERF.PRECISE', 'The error function integrated from 0 to x.', erf, { formula: '=ERF.PRECISE(0.5)', result: '0.520499877813047' }),
  oneArg('ERFC', 'The complementary error function: 1 - ERF(x), accurate where ERF(x) is near 1.', erfc, { formula: '=ERFC(1)', result: '0.157299207050285' }),
  oneArg('ERFC.PRECISE', 'The complementary error function: 1 - ERF(x).', erfc, { formula: '=ERFC.PRECISE(1)', result: '0.157299207050285' }),
];
