import type { FunctionSpec } from '../../catalog';
import type { FormulaError } from '../../errors';
import { DIV0, financial, NUM, p } from './shared';

// The time value of money: an annuity of `nper` equal payments `pmt` at `rate` a period, between a
// present value `pv` and a future value `fv`; `type` 1 pays at the start of each period.
// Excel's identity: pv·(1+r)^n + pmt·(1+r·type)·((1+r)^n − 1)/r + fv = 0.

const growth = (rate: number, nper: number) => Math.pow(1 + rate, nper);

// The same closed forms in SQL (rate 0 apart, as above).
const sqlDue = (t: string) => `(CASE WHEN ${t} <> 0 THEN 1 ELSE 0 END)`;
const sqlAnnuity = (r: string, n: string, m: string, t: string) => `${m} * (1 + ${r} * ${sqlDue(t)}) * (pow(1 + ${r}, ${n}) - 1) / ${r}`;
const DIV0_AT_MINUS_ONE = (r: string, n: string, value: string) => ({
  value: `CASE WHEN ${r} = -1 AND ${n} < 0 THEN NULL ELSE ${value} END`,
  err: `CASE WHEN ${r} = -1 AND ${n} < 0 THEN '#DIV/0!' END`,
});
const due = (type: number) => (type !== 0 ? 1 : 0);

export function fv(rate: number, nper: number, pmt: number, pv: number, type: number): number {
  if (rate === 0) return -(pv + pmt * nper);
  const g = growth(rate, nper);
  return -(pv * g + (pmt * (1 + rate * due(type)) * (g - 1)) / rate);
}

export function pv(rate: number, nper: number, pmt: number, fvalue: number, type: number): number {
  if (rate === 0) return -(fvalue + pmt * nper);
  const g = growth(rate, nper);
  return -(fvalue + (pmt * (1 + rate * due(type)) * (g - 1)) / rate) / g;
}

export function pmt(rate: number, nper: number, pv: number, fvalue: number, type: number): number {
  if (rate === 0) return -(pv + fvalue) / nper;
  const g = growth(rate, nper);
  return (-(fvalue + pv * g) * rate) / ((1 + rate * due(type)) * (g - 1));
}

/** The interest part of payment `per`. */
export function ipmt(rate: number, per: number, nper: number, pvalue: number, fvalue: number, type: number): number {
  const payment = pmt(rate, nper, pvalue, fvalue, type);
  if (per === 1 && due(type)) return 0;
  const interest = fv(rate, per - 1, payment, pvalue, type) * rate;
  return due(type) ? interest / (1 + rate) : interest;
}

const RATE_TYPE = [p('rate'), p('nper'), p('pmt'), p('fv', 0), p('type', 0)];

export const FV = financial(
  'FV',
  'The future value of an investment of periodic, constant payments at a constant interest rate.',
  [p('rate'), p('nper'), p('pmt'), p('pv', 0), p('type', 0)],
  { formula: '=FV(0.06/12, 10, -200, -500, 1)', result: '2581.40337406014' },
  (r, n, m, v, t) => {
    const x = fv(r, n, m, v, t);
    return !Number.isFinite(x) && r === -1 ? DIV0('FV: a rate of -100% over negative periods divides by zero.') : x;
  },
  {
    sql: (r, n, m, v, t) =>
      DIV0_AT_MINUS_ONE(r, n, `CASE WHEN ${r} = 0 THEN -(${v} + ${m} * ${n}) ELSE -(${v} * pow(1 + ${r}, ${n}) + ${sqlAnnuity(r, n, m, t)}) END`),
  },
);

export const PV = financial(
  'PV',
  'The present value of a loan or investment of periodic, constant payments at a constant rate.',
  RATE_TYPE,
  { formula: '=PV(0.08/12, 12*20, 500)', result: '-59777.1458511878' },
  (r, n, m, f, t) => (r === -1 ? DIV0('PV: a rate of -100% divides by zero.') : pv(r, n, m, f, t)),
  {
    sql: (r, n, m, f, t) => ({
      value: `CASE WHEN ${r} = -1 THEN NULL WHEN ${r} = 0 THEN -(${f} + ${m} * ${n}) ELSE -(${f} + ${sqlAnnuity(r, n, m, t)}) / pow(1 + ${r}, ${n}) END`,
      err: `CASE WHEN ${r} = -1 THEN '#DIV/0!' END`,
    }),
  },
);

export const PMT = financial(
  'PMT',
  'The payment each period of a loan at a constant rate, paid off in nper equal payments.',
  [p('rate'), p('nper'), p('pv'), p('fv', 0), p('type', 0)],
  { formula: '=PMT(0.08/12, 10, 10000)', result: '-1037.03208935916' },
  (r, n, v, f, t) => (n === 0 ? NUM('PMT: the number of periods must not be 0.') : pmt(r, n, v, f, t)),
  {
    sql: (r, n, v, f, t) =>
      `CASE WHEN ${n} = 0 THEN NULL WHEN ${r} = 0 THEN -(${v} + ${f}) / ${n} ELSE -(${f} + ${v} * pow(1 + ${r}, ${n})) * ${r} / ((1 + ${r} * ${sqlDue(t)}) * (pow(1 + ${r}, ${n}) - 1)) END`,
  },
);

/** IPMT and PPMT: a payment period between 1 and nper. */
function perPayment(name: string, part: 'interest' | 'principal'): FunctionSpec {
  return financial(
    name,
    `The ${part} part of one payment (period per) of a loan at a constant rate.`,
    [p('rate'), p('per'), p('nper'), p('pv'), p('fv', 0), p('type', 0)],
    part === 'interest'
      ? { formula: '=IPMT(0.1/12, 1, 36, 8000)', result: '-66.6666666666667' }
      : { formula: '=PPMT(0.1/12, 1, 24, 2000)', result: '-75.6231860083666' },
    (r, per, n, v, f, t) => {
      if (per < 1 || per > n) return NUM(`${name}: the period must be between 1 and nper.`);
      const interest = ipmt(r, per, n, v, f, t);
      return part === 'interest' ? interest : pmt(r, n, v, f, t) - interest;
    },
  );
}
export const IPMT = perPayment('IPMT', 'interest');
export const PPMT = perPayment('PPMT', 'principal');

export const NPER = financial(
  'NPER',
  'The number of periods of an investment of periodic, constant payments at a constant rate.',
  [p('rate'), p('pmt'), p('pv'), p('fv', 0), p('type', 0)],
  { formula: '=NPER(0.12/12, -100, -1000, 10000, 1)', result: '59.6738656742946' },
  (r, m, v, f, t) => {
    if (r === 0) return m === 0 ? NUM('NPER: with a rate of 0 the payment must not be 0.') : -(v + f) / m;
    if (r <= -1) return NUM('NPER: the rate must be above -100%.');
    const a = m * (1 + r * due(t));
    const ratio = (a - f * r) / (v * r + a);
    return ratio > 0 ? Math.log(ratio) / Math.log(1 + r) : NUM('NPER: no number of periods brings these values to balance.');
  },
);

/** f(rate) of the annuity identity and its derivative, for RATE's Newton steps. */
function annuity(rate: number, nper: number, payment: number, pvalue: number, fvalue: number, type: number): [number, number] {
  if (Math.abs(rate) < 1e-12) {
    // The limit as rate → 0, where the closed form divides by zero.
    return [pvalue + payment * nper + fvalue, pvalue * nper + payment * (nper * (nper - 1)) / 2 + payment * due(type) * nper];
  }
  const g = growth(rate, nper);
  const dg = nper * Math.pow(1 + rate, nper - 1);
  const k = 1 + rate * due(type);
  const f = pvalue * g + (payment * k * (g - 1)) / rate + fvalue;
  const df = pvalue * dg + payment * ((due(type) * (g - 1)) / rate + (k * (dg * rate - (g - 1))) / (rate * rate));
  return [f, df];
}

/** RATE: Newton's method from the guess, as Excel iterates, until two steps agree to 1e-7 relative. */
export function rate(nper: number, payment: number, pvalue: number, fvalue: number, type: number, guess: number): number | FormulaError {
  let r = guess;
  let polish = -1;
  for (let i = 0; i < 100; i++) {
    const [f, df] = annuity(r, nper, payment, pvalue, fvalue, type);
    if (!Number.isFinite(f) || !Number.isFinite(df) || df === 0) break;
    const next = r - f / df;
    if (!Number.isFinite(next) || next <= -1) break;
    // Excel stops when two steps agree to 1e-7; a few more steps give the digits it shows.
    if (polish < 0 && Math.abs(next - r) < 1e-7) polish = 3;
    r = next;
    if (polish >= 0 && polish-- === 0) return r;
  }
  return polish >= 0 ? r : NUM('RATE: the rate did not converge; try another guess.');
}

export const RATE = financial(
  'RATE',
  'The interest rate per period of an annuity, found by iteration from a guess (10% by default).',
  [p('nper'), p('pmt'), p('pv'), p('fv', 0), p('type', 0), p('guess', 0.1)],
  { formula: '=RATE(4*12, -200, 8000)', result: '0.00770147248820162' },
  (n, m, v, f, t, g) => (n <= 0 ? NUM('RATE: the number of periods must be positive.') : rate(n, m, v, f, t, g)),
  { notes: 'Solved by Newton iteration to full precision; #NUM! when it does not converge from the guess.' },
);

/** CUMIPMT and CUMPRINC: the interest or principal paid between two periods. */
function cumulative(name: string, part: 'interest' | 'principal'): FunctionSpec {
  return financial(
    name,
    `The cumulative ${part} paid on a loan between a start and an end period.`,
    [p('rate'), p('nper'), p('pv'), p('start_period'), p('end_period'), p('type')],
    part === 'interest'
      ? { formula: '=CUMIPMT(0.09/12, 30*12, 125000, 13, 24, 0)', result: '-11135.2321307508' }
      : { formula: '=CUMPRINC(0.09/12, 30*12, 125000, 13, 24, 0)', result: '-934.107123420876' },
    (r, n0, v, s0, e0, t) => {
      const [n, s, e] = [Math.trunc(n0), Math.ceil(s0), Math.trunc(e0)];
      if (r <= 0 || n <= 0 || v <= 0) return NUM(`${name}: rate, nper and pv must be positive.`);
      if (s < 1 || e < 1 || s > e || e > n) return NUM(`${name}: the periods must run from 1 to nper, start before end.`);
      if (t !== 0 && t !== 1) return NUM(`${name}: the type must be 0 or 1.`);
      const payment = pmt(r, n, v, 0, t);
      let sum = 0;
      for (let per = s; per <= e; per++) {
        const interest = ipmt(r, per, n, v, 0, t);
        sum += part === 'interest' ? interest : payment - interest;
      }
      return sum;
    },
  );
}
export const CUMIPMT = cumulative('CUMIPMT', 'interest');
export const CUMPRINC = cumulative('CUMPRINC', 'principal');

export const ISPMT = financial(
  'ISPMT',
  'The interest paid in one period of a loan repaid in equal parts of principal.',
  [p('rate'), p('per'), p('nper'), p('pv')],
  { formula: '=ISPMT(0.1/12, 1, 36, 8000000)', result: '-64814.8148148148' },
  (r, per, n, v) => (n === 0 ? DIV0('ISPMT: the number of periods must not be 0.') : v * r * (per / n - 1)),
);
