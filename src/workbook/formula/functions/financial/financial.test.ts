import * as formulajs from '@formulajs/formulajs';
import { describe, expect, test } from 'vitest';
import { constantResult, scalarResult, show, type DiffCase } from '../../testing/differential';
import { displayValue, type Scalar } from '../../values';
import { FINANCIAL_FUNCTIONS } from '.';

// The financial functions against Excel's documented examples and error conditions, and against
// @formulajs/formulajs on generated inputs where it implements the same closed forms.

const shown = (formula: string, c: DiffCase = {}) => show(scalarResult(formula, c));
/** A formula's number, for comparisons to a few decimals. */
function value(formula: string, c: DiffCase = {}): number {
  const v = scalarResult(formula, c);
  if (typeof v !== 'number') throw new Error(`${formula} is ${show(v)}, not a number`);
  return v;
}
const code = (formula: string, c: DiffCase = {}) => {
  const v: Scalar = scalarResult(formula, c);
  return typeof v === 'object' && v !== null && 'code' in v ? v.code : show(v);
};

test('every example shows its result, in both forms where SQL can run it', async () => {
  for (const spec of FINANCIAL_FUNCTIONS) {
    const template = spec.example.formula.slice(1);
    expect(displayValue(scalarResult(template, {})), spec.example.formula).toBe(spec.example.result);
    const sql = await constantResult(template, {});
    if (sql !== 'no-sql') expect(displayValue(sql), `${spec.example.formula} in SQL`).toBe(spec.example.result);
  }
});

describe('time value of money', () => {
  test("Excel's documented examples", () => {
    expect(value('PV(0.08/12, 12*20, 500)')).toBeCloseTo(-59777.15, 2);
    expect(value('FV(0.06/12, 10, -200, -500, 1)')).toBeCloseTo(2581.4, 2);
    expect(value('PMT(0.08/12, 10, 10000)')).toBeCloseTo(-1037.03, 2);
    expect(value('IPMT(0.1/12, 1, 36, 8000)')).toBeCloseTo(-66.67, 2);
    expect(value('PPMT(0.1/12, 1, 24, 2000)')).toBeCloseTo(-75.62, 2);
    expect(value('NPER(0.12/12, -100, -1000, 10000, 1)')).toBeCloseTo(59.6738657, 6);
    expect(value('RATE(4*12, -200, 8000)')).toBeCloseTo(0.0077014725, 9);
    expect(value('CUMIPMT(0.09/12, 30*12, 125000, 1, 1, 0)')).toBeCloseTo(-937.5, 6);
    expect(value('CUMPRINC(0.09/12, 30*12, 125000, 1, 1, 0)')).toBeCloseTo(-68.27827118, 6);
    expect(value('ISPMT(0.1, 1, 3, 8000000)')).toBeCloseTo(-533333.33, 2);
  });
  test('a rate of 0 is simple arithmetic, not a division by zero', () => {
    expect(shown('PV(0, 10, -100)')).toBe('1000');
    expect(shown('FV(0, 10, -100, -50)')).toBe('1050');
    expect(shown('PMT(0, 10, 1000)')).toBe('-100');
    expect(shown('NPER(0, -100, 1000)')).toBe('10');
  });
  test('IPMT and PPMT add up to PMT, and IPMT of the first period paid in advance is 0', () => {
    const [i, p, m] = ['IPMT(0.01, 5, 24, 5000)', 'PPMT(0.01, 5, 24, 5000)', 'PMT(0.01, 24, 5000)'].map((f) => value(f));
    expect(i! + p!).toBeCloseTo(m!, 10);
    expect(shown('IPMT(0.01, 1, 24, 5000, 0, 1)')).toBe('0');
  });
  test('RATE agrees with the payment it solves for', () => {
    const r = value('RATE(60, PMT(0.005, 60, 20000), 20000)');
    expect(r).toBeCloseTo(0.005, 12);
  });
  test('errors: periods out of range, no solution, -100% rates', () => {
    expect(code('PMT(0.1, 0, 1000)')).toBe('#NUM!');
    expect(code('IPMT(0.1, 0, 10, 1000)')).toBe('#NUM!');
    expect(code('PPMT(0.1, 11, 10, 1000)')).toBe('#NUM!');
    expect(code('NPER(0.1, -50, 1000)')).toBe('#NUM!');
    expect(code('NPER(0, 0, 1000)')).toBe('#NUM!');
    expect(code('RATE(10, 100, 1000)')).toBe('#NUM!');
    expect(code('FV(-1, -2, 1)')).toBe('#DIV/0!');
    expect(code('PV(-1, 2, 1)')).toBe('#DIV/0!');
    expect(code('CUMIPMT(0.1, 10, 1000, 5, 4, 0)')).toBe('#NUM!');
    expect(code('CUMIPMT(0.1, 10, 1000, 1, 4, 2)')).toBe('#NUM!');
    expect(code('ISPMT(0.1, 1, 0, 1000)')).toBe('#DIV/0!');
    expect(code('PV("x", 1, 1)')).toBe('#VALUE!');
  });
  test('formulajs agrees on PV, FV, PMT, IPMT, PPMT and NPER', () => {
    const bad: string[] = [];
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    for (const rate of [0.001, 0.01, 0.05, 0.3]) {
      for (const nper of [1, 7, 36, 360]) {
        for (const type of [0, 1]) {
          const cases: [string, number, number][] = [
            [`PV(${rate}, ${nper}, -120, 500, ${type})`, value(`PV(${rate}, ${nper}, -120, 500, ${type})`), formulajs.PV(rate, nper, -120, 500, type) as number],
            [`FV(${rate}, ${nper}, -120, 500, ${type})`, value(`FV(${rate}, ${nper}, -120, 500, ${type})`), formulajs.FV(rate, nper, -120, 500, type) as number],
            [`PMT(${rate}, ${nper}, 8000, 100, ${type})`, value(`PMT(${rate}, ${nper}, 8000, 100, ${type})`), formulajs.PMT(rate, nper, 8000, 100, type) as number],
            [`IPMT(${rate}, 1, ${nper}, 8000, 0, 0)`, value(`IPMT(${rate}, 1, ${nper}, 8000, 0, 0)`), formulajs.IPMT(rate, 1, nper, 8000, 0, 0) as number],
            [`PPMT(${rate}, 1, ${nper}, 8000)`, value(`PPMT(${rate}, 1, ${nper}, 8000)`), formulajs.PPMT(rate, 1, nper, 8000) as number],
            [`NPER(${rate}, -3000, 8000, 0, ${type})`, value(`NPER(${rate}, -3000, 8000, 0, ${type})`), formulajs.NPER(rate, -3000, 8000, 0, type) as number],
          ];
          for (const [f, ours, theirs] of cases) if (!near(ours, theirs)) bad.push(`${f}: ours ${ours}, formulajs ${theirs}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('cash flows', () => {
  test("Excel's documented examples", () => {
    expect(value('NPV(0.1, -10000, 3000, 4200, 6800)')).toBeCloseTo(1188.44, 2);
    expect(value('IRR({-70000, 12000, 15000, 18000, 21000})')).toBeCloseTo(-0.021244848, 8);
    expect(value('IRR({-70000, 12000, 15000}, -0.1)')).toBeCloseTo(-0.443506941, 8);
    expect(value('MIRR({-120000, 39000, 30000, 21000, 37000, 46000}, 0.1, 0.12)')).toBeCloseTo(0.126094, 6);
    expect(value('MIRR({-120000, 39000, 30000, 21000}, 0.1, 0.12)')).toBeCloseTo(-0.048044655, 8);
  });
  test('IRR is the rate where NPV is 0, and XIRR the rate where XNPV is 0', () => {
    const flows = '{-1000, 300, 400, 500, 200}';
    expect(value(`NPV(IRR(${flows}), ${flows})`)).toBeCloseTo(0, 9);
    const dates = '{45000, 45100, 45300, 45500, 45800}';
    expect(value(`XNPV(XIRR(${flows}, ${dates}), ${flows}, ${dates})`)).toBeCloseTo(0, 5);
  });
  test('NPV skips text and booleans inside ranges but reads them given directly', () => {
    expect(shown('NPV(0, {1, "x", TRUE, 2})')).toBe('3');
    expect(shown('NPV(0, 1, TRUE)')).toBe('2');
  });
  test('errors: no sign change, a guess at or below -100%, mismatched or misordered dates', () => {
    expect(code('IRR({1, 2, 3})')).toBe('#NUM!');
    expect(code('IRR({-10, 5, 6}, -1)')).toBe('#VALUE!');
    expect(code('NPV(-1, 1, 2)')).toBe('#DIV/0!');
    expect(code('MIRR({1, 2, 3}, 0.1, 0.1)')).toBe('#DIV/0!');
    expect(shown('MIRR({-1, -2, -3}, 0.1, 0.1)')).toBe('-1');
    expect(code('XNPV(0.1, {-10, 5}, {45000})')).toBe('#NUM!');
    expect(code('XNPV(0.1, {-10, 5, 6}, {45000, 44000, 45200})')).toBe('#NUM!');
    expect(code('XNPV(-0.1, {-10, 5}, {45000, 45100})')).toBe('#NUM!');
    expect(code('XNPV(0.1, {-10, "x"}, {45000, 45100})')).toBe('#NUM!');
    expect(code('XIRR({-10, "x"}, {45000, 45100})')).toBe('#VALUE!');
    expect(code('XIRR({10, 5}, {45000, 45100})')).toBe('#NUM!');
    expect(code('XIRR({-10, 5}, {45000, 45100}, -2)')).toBe('#VALUE!');
  });
  test('IRR with two sign changes finds the root nearest the guess', () => {
    expect(value('IRR({-100, 230, -132}, 0.05)')).toBeCloseTo(0.1, 9);
    expect(value('IRR({-100, 230, -132}, 0.3)')).toBeCloseTo(0.2, 9);
  });
});

describe('rates', () => {
  test("Excel's documented examples", () => {
    expect(value('PDURATION(0.025, 2000, 2200)')).toBeCloseTo(3.86, 2);
    expect(value('RRI(96, 10000, 11000)')).toBeCloseTo(0.0009933, 7);
    expect(value('EFFECT(0.0525, 4)')).toBeCloseTo(0.0535427, 7);
    expect(value('NOMINAL(0.053543, 4)')).toBeCloseTo(0.0525003, 7);
    expect(value('FVSCHEDULE(1, {0.09, 0.11, 0.1})')).toBeCloseTo(1.33089, 10);
    expect(shown('DOLLARDE(1.02, 16)')).toBe('1.125');
    expect(shown('DOLLARDE(1.1, 32)')).toBe('1.3125');
    expect(shown('DOLLARFR(1.125, 16)')).toBe('1.02');
    expect(shown('DOLLARFR(1.125, 32)')).toBe('1.04');
  });
  test('errors: non-positive rates and values, fractions of 0 or below', () => {
    expect(code('PDURATION(0, 100, 200)')).toBe('#NUM!');
    expect(code('PDURATION(0.1, -100, 200)')).toBe('#NUM!');
    expect(code('RRI(0, 100, 200)')).toBe('#NUM!');
    expect(code('EFFECT(0, 4)')).toBe('#NUM!');
    expect(code('NOMINAL(0.05, 0.5)')).toBe('#NUM!');
    expect(code('DOLLARDE(1.02, 0)')).toBe('#DIV/0!');
    expect(code('DOLLARFR(1.02, -1)')).toBe('#NUM!');
    expect(code('FVSCHEDULE(1, {0.1, "x"})')).toBe('#VALUE!');
  });
});

describe('depreciation', () => {
  test("Excel's documented examples", () => {
    expect(shown('SLN(30000, 7500, 10)')).toBe('2250');
    expect(value('SYD(30000, 7500, 10, 10)')).toBeCloseTo(409.09, 2);
    const db = [186083.33, 259639.42, 176814.44, 120410.64, 81999.64, 55841.76, 15845.1];
    db.forEach((x, i) => expect(value(`DB(1000000, 100000, 6, ${i + 1}, 7)`)).toBeCloseTo(x, 2));
    expect(value('DDB(2400, 300, 10*365, 1)')).toBeCloseTo(1.32, 2);
    expect(value('DDB(2400, 300, 10, 2, 1.5)')).toBeCloseTo(306, 6);
    expect(value('DDB(2400, 300, 10, 10)')).toBeCloseTo(22.12, 2);
    expect(value('VDB(2400, 300, 10*12, 0, 1)')).toBeCloseTo(40, 6);
    expect(value('VDB(2400, 300, 10, 0, 1)')).toBeCloseTo(480, 6);
    expect(value('VDB(2400, 300, 10*12, 6, 18)')).toBeCloseTo(396.31, 2);
    expect(value('VDB(2400, 300, 10*12, 6, 18, 1.5)')).toBeCloseTo(311.81, 2);
    expect(value('VDB(2400, 300, 10, 0, 0.875, 1.5)')).toBeCloseTo(315, 6);
  });
  test('VDB over the whole life depreciates down to salvage, switching to straight line', () => {
    expect(value('VDB(2400, 300, 10, 0, 10)')).toBeCloseTo(2100, 9);
    expect(value('VDB(2400, 300, 10, 0, 10, 2, TRUE)')).toBeCloseTo(2100, 9);
    expect(value('VDB(2400, 300, 10, 0, 3, 2, TRUE)')).toBeCloseTo(480 + 384 + 307.2, 9);
  });
  test('an empty cell as the factor or month is 0 (#NUM!), not the default', () => {
    expect(code('DDB(100, 10, 4, 3, $0)', { values: [null] })).toBe('#NUM!');
    expect(code('DB(100, 10, 4, 3, $0)', { values: [null] })).toBe('#NUM!');
  });
  test('errors: a life of 0, periods past the life, negative values', () => {
    expect(code('SLN(100, 10, 0)')).toBe('#DIV/0!');
    expect(code('SYD(100, 10, 4, 5)')).toBe('#NUM!');
    expect(code('DB(100, 10, 4, 5)')).toBe('#NUM!');
    expect(code('DB(100, 10, 4, 1, 13)')).toBe('#NUM!');
    expect(code('DDB(100, 10, 4, 5)')).toBe('#NUM!');
    expect(code('DDB(-100, 10, 4, 1)')).toBe('#NUM!');
    expect(code('VDB(100, 10, 4, 3, 2)')).toBe('#NUM!');
  });
  test('formulajs agrees on SLN, SYD and DDB', () => {
    for (const [c, s, l] of [[2400, 300, 10], [10000, 1000, 7], [500, 0, 3]] as const) {
      expect(value(`SLN(${c}, ${s}, ${l})`)).toBeCloseTo(formulajs.SLN(c, s, l) as number, 9);
      for (let per = 1; per <= l; per++) {
        expect(value(`SYD(${c}, ${s}, ${l}, ${per})`)).toBeCloseTo(formulajs.SYD(c, s, l, per) as number, 9);
        expect(value(`DDB(${c}, ${s}, ${l}, ${per})`)).toBeCloseTo(formulajs.DDB(c, s, l, per, 2) as number, 9);
      }
    }
  });
});

describe('the SQL forms agree with the scalar forms', () => {
  const grid = [-1, -0.5, 0, 0.05, 1, 3, 12, -200];
  const formulas = ['PV($0, $1, $2)', 'PV($0, $1, $2, 100, $3)', 'FV($0, $1, $2, -50, $3)', 'PMT($0, $1, $2, 0, $3)', 'EFFECT($0, $1)', 'NOMINAL($0, $1)', 'RRI($0, $1, $2)', 'PDURATION($0, $1, $2)', 'SLN($0, $1, $2)', 'SYD($0, $1, $2, $3)'];
  test.each(formulas)('%s on a grid of edge values', async (formula) => {
    const bad: string[] = [];
    for (let i = 0; i < 40; i++) {
      const values = [0, 1, 2, 3].map((k) => grid[(i * (k * 3 + 1) + k) % grid.length]!);
      const ours = show(scalarResult(formula, { values }));
      const sql = await constantResult(formula, { values });
      const theirs = sql === 'no-sql' ? 'no-sql' : show(sql);
      const close = (a: string, b: string) => a === b || Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(a)));
      if (!close(ours, theirs)) bad.push(`${formula} with ${JSON.stringify(values)}: scalar ${ours}, SQL ${theirs}`);
    }
    expect(bad).toEqual([]);
  });
});
