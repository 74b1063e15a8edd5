import { describe, expect, test } from 'vitest';
import { isFormulaError, type FormulaError } from '../errors';
import { evaluate, type EvalContext } from '../evaluate';
import { lookupFunction } from '../functions';
import { parseFormula } from '../parser';
import { compileFormula, type SqlScope } from '../sql/compile';
import { displayValue, isRange, RangeValue, type Value } from '../values';
import { LAMBDA_FUNCTIONS } from './specs';
import { LambdaValue } from './closure';

/** A context with named cells (`names`), as a cell block's formula sees them. */
function context(names: Record<string, Value> = {}): EvalContext {
  const byKey = new Map(Object.entries(names).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    name: (n) => byKey.get(n.toLowerCase()),
    isTable: () => false,
    names: () => byKey.keys(),
    now: () => new Date(Date.UTC(2024, 0, 1)),
    random: () => 0.5,
  };
}

const run = (formula: string, names: Record<string, Value> = {}, sheet = false): Value => evaluate(parseFormula(formula, { sheet }), context(names));
const shown = (formula: string, names: Record<string, Value> = {}): string => {
  const v = run(formula, names);
  return isRange(v) ? JSON.stringify(v.values.map((x) => displayValue(x))) : displayValue(v);
};
const error = (formula: string, names: Record<string, Value> = {}, sheet = false): FormulaError => {
  const v = run(formula, names, sheet);
  if (!isFormulaError(v)) throw new Error(`${formula} gave ${displayValue(v)}, not an error`);
  return v;
};
const array = (formula: string): { rows: number; cols: number; values: string[] } => {
  const v = run(formula);
  if (!isRange(v)) throw new Error(`${formula} gave ${displayValue(v)}, not an array`);
  return { rows: v.rows, cols: v.cols, values: v.values.map((x) => displayValue(x)) };
};

describe('LET', () => {
  test('binds names left to right, each visible to the later values and the calculation', () => {
    expect(shown('=LET(x, 2, y, x + 1, x * y)')).toBe('6');
    expect(shown('=LET(x, 2, X * 5)')).toBe('10');
  });
  test('a LET name shadows a named cell of the same name, only inside the LET', () => {
    expect(shown('=LET(rate, 0.5, rate * 2) + rate', { rate: 10 })).toBe('11');
  });
  test('reads the names as Excel writes them in files (_xlfn.LET, _xlpm.x)', () => {
    expect(shown('=_xlfn.LET(_xlpm.x, 2, _xlpm.x * 3)')).toBe('6');
  });
  test('an even number of arguments is #VALUE! saying how LET is written', () => {
    expect(error('=LET(x, 1)').code).toBe('#VALUE!');
    expect(error('=LET(x, 1)').message).toMatch(/pairs/);
  });
  test('a name that is a cell address, or not a name at all, is #VALUE! in words', () => {
    expect(error('=LET(A1, 1, A1)', {}, true).message).toMatch(/cell addresses/);
    expect(error('=LET(1, 1, 2)').message).toMatch(/expects a name/);
  });
  test('a name given twice is #VALUE!', () => {
    expect(error('=LET(x, 1, x, 2, x)').message).toMatch(/twice/);
  });
  test('an error in a value stays in its name until the name is used', () => {
    expect(shown('=LET(bad, 1/0, ok, 2, ok)')).toBe('2');
    expect(shown('=LET(bad, 1/0, bad + 1)')).toBe('#DIV/0!');
  });
});

describe('LAMBDA', () => {
  test('called in place with its arguments', () => {
    expect(shown('=LAMBDA(x, x+1)(5)')).toBe('6');
    expect(shown('=LAMBDA(x,y, SQRT(x*x+y*y))(3,4)')).toBe('5');
    expect(shown('=(LAMBDA(x, x*2))(4)')).toBe('8');
    expect(shown('=LAMBDA(7)()')).toBe('7');
  });
  test('a LAMBDA left uncalled is #CALC!, as in Excel', () => {
    const v = error('=LAMBDA(x, x+1)');
    expect(v.code).toBe('#CALC!');
    expect(v.message).toMatch(/call it/);
  });
  test('the wrong number of arguments is #VALUE! saying how many it takes', () => {
    expect(error('=LAMBDA(x, x+1)(1, 2)').code).toBe('#VALUE!');
    expect(error('=LAMBDA(x, x+1)(1, 2)').message).toMatch(/takes 1 argument \(x\); it was given 2/);
    expect(error('=LAMBDA(x, y, x+y)(1)').message).toMatch(/takes 2 arguments/);
  });
  test('called through a LET name', () => {
    expect(shown('=LET(area, LAMBDA(x,y,x*y), area(6,7))')).toBe('42');
  });
  test('closes over the names where it is written, not where it is called', () => {
    expect(shown('=LET(a, 10, f, LAMBDA(x, x + a), LET(a, 100, f(1)))')).toBe('11');
    expect(shown('=LAMBDA(x, LAMBDA(y, x + y))(1)(2)')).toBe('3');
  });
  test('a LAMBDA may call a LAMBDA it is given, itself included (recursion)', () => {
    expect(shown('=LET(f, LAMBDA(self, n, IF(n <= 1, 1, n * self(self, n - 1))), f(f, 5))')).toBe('120');
  });
  test('a LAMBDA that calls itself without end is #NUM!', () => {
    const v = error('=LET(f, LAMBDA(self, self(self)), f(f))');
    expect(v.code).toBe('#NUM!');
    expect(v.message).toMatch(/nested LAMBDA calls/);
  });
  test('calling what is not a LAMBDA is #VALUE! in words', () => {
    expect(error('=(1)(2)').message).toMatch(/Only a LAMBDA can be called/);
    expect(error('=LET(x, 1, x(2))').message).toMatch(/x is a name for a value here, not a LAMBDA/);
    expect(shown('=(1/0)(2)')).toBe('#DIV/0!');
  });
  test('parameters that are not names, or given twice, are #VALUE!', () => {
    expect(error('=LAMBDA(1, 2)(3)').message).toMatch(/expects a name/);
    expect(error('=LAMBDA(x, x, x)(1, 2)').message).toMatch(/two parameters called x/);
    expect(error('=LAMBDA()').message).toMatch(/needs a calculation/);
  });
  test('a named cell holding a LAMBDA is called by its name', () => {
    const twice = run('=LAMBDA(x, x * 2)');
    expect(twice).toBeInstanceOf(LambdaValue);
    expect(shown('=MYFN(21)', { myfn: twice })).toBe('42');
    expect(shown('=SUM(MYFN(2), 1)', { myfn: twice })).toBe('5');
  });
  test('ranges go in whole and operators apply to each value', () => {
    expect(array('=LAMBDA(r, r * 2)({1, 2, 3})')).toEqual({ rows: 1, cols: 3, values: ['2', '4', '6'] });
  });
});

describe('ISOMITTED', () => {
  test('TRUE for an argument left out of the call (Excel\'s example)', () => {
    expect(shown('=LAMBDA(x,y, IF(ISOMITTED(y),"Missing second argument",x+y))(1,)')).toBe('Missing second argument');
    expect(shown('=LAMBDA(x,y, IF(ISOMITTED(y),"Missing second argument",x+y))(1,2)')).toBe('3');
  });
  test('optional parameters (_xlop.b as Excel files write them, or [b]) may be left out', () => {
    expect(shown('=LAMBDA(a,_xlop.b,IF(ISOMITTED(b),a/2,a*b))(12)')).toBe('6');
    expect(shown('=LAMBDA(a,_xlop.b,IF(ISOMITTED(b),a/2,a*b))(12, 3)')).toBe('36');
    expect(shown('=LAMBDA(a,[b],IF(ISOMITTED(b),a/2,a*b))(12)')).toBe('6');
  });
  test('an omitted argument reads as empty', () => {
    expect(shown('=LAMBDA(x, y, x + y)(1, )')).toBe('1');
  });
  test('FALSE for anything that is not a left-out parameter', () => {
    expect(shown('=ISOMITTED(1)')).toBe('FALSE');
    expect(shown('=LET(x, 1, ISOMITTED(x))')).toBe('FALSE');
  });
});

describe('MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY', () => {
  test('MAP applies the LAMBDA to every value, keeping the shape', () => {
    expect(array('=MAP({1, 2; 3, 4}, LAMBDA(x, x * 10))')).toEqual({ rows: 2, cols: 2, values: ['10', '20', '30', '40'] });
    expect(array('=MAP({1, 2}, {10, 20}, LAMBDA(a, b, a + b))')).toEqual({ rows: 1, cols: 2, values: ['11', '22'] });
  });
  test('MAP over arrays of different sizes: a single row repeats, beyond the smaller array is #N/A', () => {
    expect(array('=MAP({1, 2, 3}, {1, 2}, LAMBDA(a, b, a + b))').values).toEqual(['2', '4', '#N/A']);
    expect(array('=MAP({1; 2}, {10, 20}, LAMBDA(a, b, a + b))').values).toEqual(['11', '21', '12', '22']);
  });
  test('a LAMBDA with the wrong number of parameters is #VALUE! (Incorrect parameters)', () => {
    const v = error('=MAP({1, 2}, LAMBDA(a, b, a + b))');
    expect(v.code).toBe('#VALUE!');
    expect(v.message).toMatch(/Incorrect parameters: MAP calls its LAMBDA with 1 argument/);
    expect(error('=MAP({1, 2}, 5)').message).toMatch(/needs a LAMBDA/);
  });
  test('a LAMBDA giving several values for one place is #CALC! (no nested arrays)', () => {
    const v = run('=MAP({1, 2}, LAMBDA(x, {1, 2} * x))') as RangeValue;
    expect(displayValue(v.at(0, 0))).toBe('#CALC!');
    expect(displayValue(run('=INDEX(BYROW({1, 2; 3, 4}, LAMBDA(r, r * 2)), 1, 1)'))).toBe('#CALC!');
  });
  test('a function name alone stands for a LAMBDA calling it (eta), as Excel allows', () => {
    expect(array('=MAP({-1, 2}, ABS)').values).toEqual(['1', '2']);
    expect(array('=BYROW({1, 2; 3, 4}, SUM)').values).toEqual(['3', '7']);
  });
  test('REDUCE gives the last accumulator; left out, the initial value is empty', () => {
    expect(shown('=REDUCE(0, {1, 2, 3}, LAMBDA(acc, x, acc + x))')).toBe('6');
    expect(shown('=REDUCE(, {1, 2, 3}, LAMBDA(acc, x, acc + x))')).toBe('6');
    expect(shown('=REDUCE("", {"a", "b"}, LAMBDA(acc, x, acc & x))')).toBe('ab');
  });
  test('REDUCE may accumulate an array', () => {
    expect(array('=REDUCE(0, {1, 2}, LAMBDA(acc, x, acc + {1, 1} * x))')).toEqual({ rows: 1, cols: 2, values: ['3', '3'] });
  });
  test('SCAN gives every accumulator, row by row, in the array\'s shape', () => {
    expect(array('=SCAN(1, {3, 5, 7; 9, 11, 13}, LAMBDA(x, y, x + 8 * y))')).toEqual({ rows: 2, cols: 3, values: ['25', '65', '121', '193', '281', '385'] });
    expect(array('=SCAN("Days: ", {"Monday", "Tuesday"}, LAMBDA(x, y, CONCAT(x, " AND ", y)))').values).toEqual(['Days:  AND Monday', 'Days:  AND Monday AND Tuesday']);
  });
  test('BYROW gives a column of one value per row, BYCOL a row of one value per column', () => {
    expect(array('=BYROW({1, 2; 3, 4}, LAMBDA(r, SUM(r)))')).toEqual({ rows: 2, cols: 1, values: ['3', '7'] });
    expect(array('=BYCOL({1, 2; 3, 4}, LAMBDA(c, SUM(c)))')).toEqual({ rows: 1, cols: 2, values: ['4', '6'] });
  });
  test('MAKEARRAY computes each value from its row and column, from 1', () => {
    expect(array('=MAKEARRAY(3, 3, LAMBDA(r, c, r * c))')).toEqual({ rows: 3, cols: 3, values: ['1', '2', '3', '2', '4', '6', '3', '6', '9'] });
    expect(array('=MAKEARRAY(2.9, 1, LAMBDA(r, c, r))').rows).toBe(2);
  });
  test('MAKEARRAY with rows or cols below 1 or not a number is #VALUE!; beyond a sheet is #NUM!', () => {
    expect(error('=MAKEARRAY(0, 2, LAMBDA(r, c, 1))').message).toMatch(/rows must be at least 1/);
    expect(error('=MAKEARRAY(2, "x", LAMBDA(r, c, 1))').message).toMatch(/cols must be a number/);
    expect(error('=MAKEARRAY(2, 20000, LAMBDA(r, c, 1))').code).toBe('#NUM!');
  });
  test('a wrong number of arguments says how the function is written', () => {
    expect(error('=BYROW({1})').message).toMatch(/BYROW takes an array and a LAMBDA/);
    expect(error('=REDUCE({1})').message).toMatch(/REDUCE takes \[initial_value\], array, lambda/);
  });
});

describe('catalog and SQL', () => {
  test('every form is in the catalog (completion, docs, #NAME?), in logic, with no SQL form', () => {
    for (const name of ['LET', 'LAMBDA', 'ISOMITTED', 'MAP', 'REDUCE', 'SCAN', 'BYROW', 'BYCOL', 'MAKEARRAY']) {
      const spec = lookupFunction(name);
      expect(spec?.category, name).toBe('logic');
      expect(spec?.sql, name).toBeUndefined();
    }
  });
  test('every example shows its result', () => {
    for (const spec of LAMBDA_FUNCTIONS) expect(shown(spec.example.formula), spec.example.formula).toBe(spec.example.result);
  });
  test('a LAMBDA or LET in a column formula says SQL cannot compute it', () => {
    const scope: SqlScope = {
      row: { name: 't', relation: { from: 't', columns: [{ name: 'qty', type: 'DOUBLE' }], ordered: true }, alias: 't' },
      table: () => undefined,
      name: () => undefined,
      names: () => [],
    };
    expect(() => compileFormula(parseFormula('=LAMBDA(x, x + 1)([qty])'), scope)).toThrow(/LAMBDA cannot be computed by SQL/);
    expect(() => compileFormula(parseFormula('=LET(x, [qty], x * 2)'), scope)).toThrow(/LET cannot be computed by SQL/);
    expect(() => compileFormula(parseFormula('=MAP([qty], LAMBDA(x, x))'), scope)).toThrow(/MAP cannot be computed by SQL/);
  });
});
