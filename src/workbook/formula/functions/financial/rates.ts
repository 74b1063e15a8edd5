import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { numberArg, rangeArg } from '../helpers';
import { DIV0, financial, NUM, p } from './shared';

// Rates and prices that need no schedule: growth over time, compounding, fractional dollars.

export const PDURATION = financial(
  'PDURATION',
  'The number of periods an investment at a constant rate takes to grow from pv to fv.',
  [p('rate'), p('pv'), p('fv')],
  { formula: '=PDURATION(0.025, 2000, 2200)', result: '3.85986616262266' },
  (r, v, f) => (r <= 0 || v <= 0 || f <= 0 ? NUM('PDURATION: rate, pv and fv must be positive.') : (Math.log(f) - Math.log(v)) / Math.log(1 + r)),
  { sql: (r, v, f) => `CASE WHEN ${r} > 0 AND ${v} > 0 AND ${f} > 0 THEN (ln(${f}) - ln(${v})) / ln(1 + ${r}) END` },
);

export const RRI = financial(
  'RRI',
  'The equivalent interest rate per period for an investment to grow from pv to fv in nper periods.',
  [p('nper'), p('pv'), p('fv')],
  { formula: '=RRI(96, 10000, 11000)', result: '0.00099330737629133' },
  (n, v, f) => (n <= 0 || v === 0 ? NUM('RRI: nper must be positive and pv not 0.') : Math.pow(f / v, 1 / n) - 1),
  { sql: (n, v, f) => `CASE WHEN ${n} > 0 AND ${v} <> 0 THEN pow(${f} / ${v}, 1 / ${n}) - 1 END` },
);

export const EFFECT = financial(
  'EFFECT',
  'The effective annual interest rate of a nominal rate compounded npery times a year.',
  [p('nominal_rate'), p('npery')],
  { formula: '=EFFECT(0.0525, 4)', result: '0.0535426673707582' },
  (r, n0) => {
    const n = Math.trunc(n0);
    return r <= 0 || n < 1 ? NUM('EFFECT: the rate must be positive and npery at least 1.') : Math.pow(1 + r / n, n) - 1;
  },
  { sql: (r, n) => `CASE WHEN ${r} > 0 AND trunc(${n}) >= 1 THEN pow(1 + ${r} / trunc(${n}), trunc(${n})) - 1 END` },
);

export const NOMINAL = financial(
  'NOMINAL',
  'The nominal annual interest rate that compounds npery times a year to an effective rate.',
  [p('effect_rate'), p('npery')],
  { formula: '=NOMINAL(0.053543, 4)', result: '0.052500319868356' },
  (r, n0) => {
    const n = Math.trunc(n0);
    return r <= 0 || n < 1 ? NUM('NOMINAL: the rate must be positive and npery at least 1.') : n * (Math.pow(1 + r, 1 / n) - 1);
  },
  { sql: (r, n) => `CASE WHEN ${r} > 0 AND trunc(${n}) >= 1 THEN trunc(${n}) * (pow(1 + ${r}, 1 / trunc(${n})) - 1) END` },
);

export const FVSCHEDULE: FunctionSpec = {
  name: 'FVSCHEDULE',
  category: 'financial',
  summary: 'The future value of a principal after applying a series of compound interest rates.',
  params: [{ name: 'principal' }, { name: 'schedule', kind: 'range' }],
  example: { formula: '=FVSCHEDULE(1, {0.09, 0.11, 0.1})', result: '1.33089' },
  notes: 'Empty cells in the schedule count as a rate of 0; text in it is #VALUE!, as in Excel.',
  scalar(args) {
    const principal = numberArg(args, 0);
    if (isFormulaError(principal)) return principal;
    let out = principal;
    for (const v of rangeArg(args, 1).values) {
      if (isFormulaError(v)) return v;
      if (typeof v === 'string' || typeof v === 'boolean') return new FormulaError('#VALUE!', 'FVSCHEDULE: every rate in the schedule must be a number.');
      out *= 1 + (v === null ? 0 : typeof v === 'number' ? v : v.serial);
    }
    return out;
  },
};

/** The number of decimal digits a fraction's denominator takes (Excel: 10^ceil(log10(f))). */
const digitsOf = (f: number) => Math.pow(10, Math.ceil(Math.log10(f)));

function dollar(name: string, toDecimal: boolean): FunctionSpec {
  return financial(
    name,
    toDecimal
      ? 'A dollar price written as an integer part and a fraction (1.02 with fraction 16 is 1 2/16) as a decimal number.'
      : 'A decimal dollar price written as an integer part and a fraction (1.125 with fraction 16 is 1.02, 1 2/16).',
    [p(toDecimal ? 'fractional_dollar' : 'decimal_dollar'), p('fraction')],
    toDecimal ? { formula: '=DOLLARDE(1.02, 16)', result: '1.125' } : { formula: '=DOLLARFR(1.125, 16)', result: '1.02' },
    (x, f0) => {
      const f = Math.trunc(f0);
      if (f < 0) return NUM(`${name}: the fraction must not be negative.`);
      if (f === 0) return DIV0(`${name}: a fraction of 0 divides by zero.`);
      const whole = Math.trunc(x);
      const part = x - whole;
      const scale = digitsOf(f);
      return whole + (toDecimal ? (part * scale) / f : (part * f) / scale);
    },
  );
}
export const DOLLARDE = dollar('DOLLARDE', true);
export const DOLLARFR = dollar('DOLLARFR', false);
