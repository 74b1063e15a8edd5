import * as formulajs from '@formulajs/formulajs';
import { describe, expect, test } from 'vitest';
import { lookupFunction } from '../functions';
import { FormulaError, isFormulaError, type ErrorCode } from '../errors';
import { constantResult, differences, scalarResult, show, type DiffCase } from '../testing/differential';
import { cases, EDGE_DATES, EDGE_NUMBERS, EDGE_TEXTS } from '../testing/generate';
import { displayValue, formatNumber, isDate, type Scalar } from '../values';

// The logic and information functions through both forms (TypeScript and DuckDB), against
// Excel's documented results, and against @formulajs/formulajs where it implements them.

/** The displayed value of a formula's scalar form. */
const shown = (formula: string, c: DiffCase = {}) => show(scalarResult(formula, c));

/** formulajs's own error values (it tells them apart by identity). */
const THEIR_ERRORS: Partial<Record<ErrorCode, unknown>> = {
  '#DIV/0!': formulajs.MOD(1, 0),
  '#N/A': formulajs.NA(),
  '#VALUE!': formulajs.ABS('x'),
  '#NUM!': formulajs.SQRT(-1),
};

/** One of our values as formulajs takes it; undefined for what it reads differently (dates). */
function toTheirs(v: Scalar): unknown {
  if (isFormulaError(v)) return THEIR_ERRORS[v.code];
  if (isDate(v)) return undefined;
  return v;
}

/** A value of formulajs as ours would show it (its errors are Errors with the code as message). */
function theirs(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

// ---- inputs

/** Any single value (numbers, text, booleans, dates, empty), the awkward ones included. */
const ANY_ONE: DiffCase[] = [
  ...cases(50, (g) => ({ values: [g.any()] })),
  ...[0, 1, -1, 2.5, -3.5, 1e15].map((x) => ({ values: [x] })),
  ...['', 'TRUE', 'false', '42', 'x'].map((t) => ({ values: [t] })),
  { values: [true] },
  { values: [false] },
  { values: [null] },
  ...EDGE_DATES.slice(0, 3).map((d) => ({ values: [d] })),
];

/** Values of every kind, with errors: ours, and the same as formulajs reads them. */
const ERRORS: Scalar[] = (['#DIV/0!', '#N/A', '#VALUE!', '#NUM!'] as const).map((code) => new FormulaError(code));
const ORACLE_VALUES: Scalar[] = [...ERRORS, 0, 1, -2.5, 'a', '', '42', 'TRUE', true, false, ...EDGE_TEXTS.slice(0, 6), ...EDGE_NUMBERS.slice(0, 8)];

/** Formulas that make each error from a value, for the SQL forms (an error cannot be a column). */
const ERROR_MAKERS = ['1/$0', 'SQRT($0)', 'XLOOKUP($0, {1}, {2})', '$0 + "x"'];

describe('IFS', () => {
  test('agrees in both forms: the first TRUE condition, #N/A when none, errors only from the branch taken', async () => {
    const sets = cases(60, (g) => ({ values: [g.pick([g.number(), 0, -1, 'x', 'TRUE', null, true, false]), g.any(), g.any()] }));
    for (const t of ['IFS($0 > 0, $1, $0 < 0, $2)', 'IFS($0, $1, TRUE, $2)', 'IFS($0 > 0, 1/0, TRUE, $1)', 'IFS(1/$0 > 1, $1, TRUE, $2)', 'IFS($0 = 1, $1)', 'IFS(FALSE, $1, $0 > 0, $2, $0 < 0, $0)']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
  });
  test('well-known results', () => {
    expect(shown('IFS(5 > 10, "big", 5 > 3, "medium", TRUE, "small")')).toBe('"medium"');
    expect(shown('IFS(1 > 2, "a", 2 > 3, "b")')).toBe('#N/A');
    expect(shown('IFS(TRUE, 1, 1/0, 2)')).toBe('1');
    expect(shown('IFS(1/0, 1, TRUE, 2)')).toBe('#DIV/0!');
    expect(shown('IFS("x", 1)')).toBe('#VALUE!');
    expect(shown('IFS(0, 1, 2, "two")')).toBe('"two"');
  });
  test('needs conditions and values in pairs', () => {
    expect(shown('IFS(TRUE, 1, FALSE)')).toBe('#N/A');
  });
  test('formulajs agrees on TRUE/FALSE conditions', () => {
    for (const c of cases(30, (g) => [g.boolean(), g.number(), g.boolean(), g.text()])) {
      const [c1, v1, c2, v2] = c;
      const formula = `IFS(${c1 ? 'TRUE' : 'FALSE'}, ${v1}, ${c2 ? 'TRUE' : 'FALSE'}, ${JSON.stringify(v2)})`;
      expect(shown(formula), formula).toBe(theirs(formulajs.IFS(c1, v1, c2, v2)));
    }
  });
});

describe('SWITCH', () => {
  test('agrees in both forms: compares as = does, default optional', async () => {
    const sets = cases(60, (g) => ({ values: [g.pick([g.any(), 1, 2, 'a', 'A', '1', null, 0, '']), g.any(), g.any()] }));
    for (const t of [
      'SWITCH($0, 1, "one", "a", "letter a", $1, "second")',
      'SWITCH($0, $1, $2)',
      'SWITCH($0, $1, $2, "default")',
      'SWITCH($0, 2, $1, $2)',
      'SWITCH(1/$0, 1, "one", "other")',
      'SWITCH($0, 1/0, "x", $1, "y")',
      'SWITCH($0, 0, 1/0, "d")',
    ]) {
      expect(await differences(t, sets), t).toEqual([]);
    }
  });
  test('well-known results', () => {
    expect(shown('SWITCH(2, 1, "one", 2, "two", "many")')).toBe('"two"');
    expect(shown('SWITCH(7, 1, "one", 2, "two", "many")')).toBe('"many"');
    expect(shown('SWITCH(7, 1, "one", 2, "two")')).toBe('#N/A');
    expect(shown('SWITCH("B", "a", 1, "b", 2)')).toBe('2');
    expect(shown('SWITCH("1", 1, "number", "text")')).toBe('"text"');
    expect(shown('SWITCH(1, 1, "found", 1/0, "error")')).toBe('"found"');
    expect(shown('SWITCH(1, 1/0, "error", 1, "found")')).toBe('#DIV/0!');
  });
  test('takes three arguments or more, a default after the pairs', () => {
    expect(shown('SWITCH(1, 2)')).toBe('#N/A');
    expect(show(scalarResult('SWITCH(1, 2)', {}))).toBe('#N/A');
  });
  test('formulajs agrees on numbers', () => {
    // formulajs compares text case-sensitively (Excel does not) and does not read empty as 0: numbers only.
    for (const c of cases(40, (g) => [g.integer(0, 4), g.integer(0, 4), g.integer(0, 4), g.boolean()])) {
      const [x, a, b, withDefault] = c;
      const args = [x, a, '"A"', b, '"B"', ...(withDefault ? ['"D"'] : [])];
      const formula = `SWITCH(${args.join(', ')})`;
      expect(shown(formula), formula).toBe(theirs(formulajs.SWITCH(x, a, 'A', b, 'B', ...(withDefault ? ['D'] : []))));
    }
  });
});

describe('IFNA, XOR, TRUE, FALSE', () => {
  test('IFNA catches #N/A only', async () => {
    const sets = cases(40, (g) => ({ values: [g.pick([0, 1, 2, 'x', null, 5]), g.any()] }));
    for (const t of ['IFNA(SWITCH($0, 1, "one"), $1)', 'IFNA(1/$0, $1)', 'IFNA($0, $1)', 'IFNA(XLOOKUP($0, {1,2}, {"a","b"}), "none")']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
    expect(shown('IFNA(NA(), "none")')).toBe('"none"');
    expect(shown('IFNA(1/0, "none")')).toBe('#DIV/0!');
    expect(shown('IFNA(5, "none")')).toBe('5');
  });
  test('formulajs agrees on IFNA', () => {
    for (const v of ORACLE_VALUES) expect(show(scalarResult('IFNA($0, "fallback")', { values: [v] })), show(v)).toBe(theirs(formulajs.IFNA(toTheirs(v), 'fallback')));
  });
  test('XOR agrees in both forms over values and ranges', async () => {
    const sets = cases(50, (g) => {
      const n = g.integer(0, 5);
      const kind = g.integer(0, 3);
      const range = Array.from({ length: n }, () => (g.integer(0, 4) === 0 ? null : kind === 0 ? g.boolean() : kind === 1 ? g.pick([0, 1, 2, -1]) : kind === 2 ? g.text() : g.pick(EDGE_DATES.slice(0, 2))));
      return { values: [g.pick([true, false, 0, 1, 'TRUE', 'x', null, 2]), g.pick([true, false, null])], ranges: [range] };
    });
    for (const t of ['XOR($0, $1)', 'XOR(#0)', 'XOR(#0, $0)', 'XOR($1, #0, $1)', 'XOR(1/$0 > 0, TRUE)']) expect(await differences(t, sets), t).toEqual([]);
  });
  test('XOR is TRUE for an odd number of TRUEs; nothing to read is #VALUE!', () => {
    expect(shown('XOR(TRUE, TRUE)')).toBe('FALSE');
    expect(shown('XOR(TRUE, FALSE)')).toBe('TRUE');
    expect(shown('XOR(TRUE, TRUE, TRUE)')).toBe('TRUE');
    expect(shown('XOR({TRUE, FALSE, "x", 1})')).toBe('FALSE');
    expect(shown('XOR({"x", "y"})')).toBe('#VALUE!');
    expect(shown('XOR("x")')).toBe('#VALUE!');
  });
  test('formulajs agrees on XOR of TRUE/FALSE and numbers', () => {
    for (const xs of cases(30, (g) => Array.from({ length: g.integer(1, 5) }, () => g.pick([true, false, 0, 1, 3])))) {
      const formula = `XOR(${xs.map((x) => (typeof x === 'boolean' ? (x ? 'TRUE' : 'FALSE') : x)).join(', ')})`;
      expect(shown(formula), formula).toBe(theirs(formulajs.XOR(...xs)));
    }
  });
  test('TRUE() and FALSE() are the values', async () => {
    expect(await differences('IF(TRUE(), $0, FALSE())', ANY_ONE)).toEqual([]);
    expect(shown('TRUE()')).toBe('TRUE');
    expect(shown('FALSE()')).toBe('FALSE');
    expect(shown('TRUE()')).toBe(theirs(formulajs.TRUE()));
    expect(shown('FALSE()')).toBe(theirs(formulajs.FALSE()));
  });
});

describe('AND and OR', () => {
  test('skip an empty value given directly and read dates in ranges as numbers, in both forms', async () => {
    const sets = cases(40, (g) => {
      const n = g.integer(0, 4);
      return { values: [g.pick([null, true, false, 0, 2])], ranges: [Array.from({ length: n }, () => (g.boolean() ? null : g.pick(EDGE_DATES.slice(0, 3))))] };
    });
    for (const t of ['AND($0)', 'OR($0)', 'AND(#0)', 'OR(#0, $0)', 'AND($0, #0)']) expect(await differences(t, sets), t).toEqual([]);
  });
  test('"" given directly is skipped like an empty value, other text must read TRUE or FALSE (Excel: OR("", TRUE) is TRUE)', async () => {
    for (const f of ['AND', 'OR', 'XOR']) {
      expect(shown(`${f}("", TRUE)`), f).toBe('TRUE');
      expect(shown(`${f}("", FALSE)`), f).toBe('FALSE');
      expect(shown(`${f}("")`), f).toBe('#VALUE!');
      expect(shown(`${f}("", "")`), f).toBe('#VALUE!');
      expect(shown(`${f}("TRUE")`), f).toBe('TRUE');
      expect(shown(`${f}("0")`), f).toBe('#VALUE!');
    }
    const sets = cases(30, (g) => ({ values: [g.pick(['', 'TRUE', 'false', 'x', '0', null]), g.pick([true, false, '', null])] }));
    for (const t of ['AND($0, $1)', 'OR($0, $1)', 'XOR($0, $1)', 'OR($0)']) expect(await differences(t, sets), t).toEqual([]);
  });
});

describe('IS functions', () => {
  const withErrors: DiffCase[] = cases(30, (g) => ({ values: [g.pick([0, 1, -1, 'x', null, 4, true])] }));
  for (const f of ['ISTEXT', 'ISNONTEXT', 'ISLOGICAL', 'ISNA', 'ISERR']) {
    test(`${f} agrees in both forms, for values and errors`, async () => {
      expect(await differences(`${f}($0)`, ANY_ONE)).toEqual([]);
      for (const maker of ERROR_MAKERS) expect(await differences(`${f}(${maker})`, withErrors), maker).toEqual([]);
    });
    test(`formulajs agrees on ${f}`, () => {
      const theirFn = formulajs[f as 'ISTEXT'] as (v: unknown) => unknown;
      for (const v of ORACLE_VALUES) expect(show(scalarResult(`${f}($0)`, { values: [v] })), `${f}(${show(v)})`).toBe(theirs(theirFn(toTheirs(v))));
    });
  }
  test('well-known results', () => {
    expect(shown('ISTEXT("")')).toBe('TRUE');
    expect(shown('ISTEXT(12)')).toBe('FALSE');
    expect(shown('ISNONTEXT($0)', { values: [null] })).toBe('TRUE');
    expect(shown('ISNONTEXT(NA())')).toBe('TRUE');
    expect(shown('ISLOGICAL("TRUE")')).toBe('FALSE');
    expect(shown('ISNA(NA())')).toBe('TRUE');
    expect(shown('ISNA(1/0)')).toBe('FALSE');
    expect(shown('ISERR(NA())')).toBe('FALSE');
    expect(shown('ISERR(1/0)')).toBe('TRUE');
  });

  for (const f of ['ISEVEN', 'ISODD']) {
    test(`${f} agrees in both forms: truncates, numeric text counts, TRUE/FALSE and text are #VALUE!`, async () => {
      const sets = [...ANY_ONE, ...cases(30, (g) => ({ values: [g.pick([g.number(), g.integer(-9, 9), g.integer(-90, 90) / 10])] }))];
      expect(await differences(`${f}($0)`, sets)).toEqual([]);
      expect(await differences(`${f}(1/$0)`, withErrors)).toEqual([]);
    });
  }
  test('ISEVEN and ISODD: well-known results', () => {
    expect(shown('ISEVEN(-1)')).toBe('FALSE');
    expect(shown('ISEVEN(2.5)')).toBe('TRUE');
    expect(shown('ISEVEN(5)')).toBe('FALSE');
    expect(shown('ISODD(-1)')).toBe('TRUE');
    expect(shown('ISODD(2.5)')).toBe('FALSE');
    expect(shown('ISODD(-3.9)')).toBe('TRUE');
    expect(shown('ISEVEN($0)', { values: [null] })).toBe('TRUE');
    expect(shown('ISEVEN(TRUE)')).toBe('#VALUE!');
    expect(shown('ISEVEN("x")')).toBe('#VALUE!');
    expect(shown('ISEVEN("4")')).toBe('TRUE');
  });
  test('formulajs agrees on ISEVEN and ISODD of numbers', () => {
    // formulajs does not check its argument (ISEVEN(TRUE), ISEVEN("x") are values there, #VALUE! in Excel): numbers only.
    for (const x of [...EDGE_NUMBERS, -3, -4, -3.5, 0, 11.99]) {
      expect(shown('ISEVEN($0)', { values: [x] }), `ISEVEN(${x})`).toBe(theirs(formulajs.ISEVEN(x)));
      expect(shown('ISODD($0)', { values: [x] }), `ISODD(${x})`).toBe(theirs(formulajs.ISODD(x)));
    }
  });
});

describe('NA, N, T, TYPE, ERROR.TYPE', () => {
  test('NA() is #N/A in both forms', async () => {
    expect(await differences('NA()', [{}])).toEqual([]);
    expect(await differences('IF($0 > 0, $0, NA())', cases(10, (g) => ({ values: [g.number()] })))).toEqual([]);
    expect(shown('NA()')).toBe('#N/A');
  });
  test('N and T agree in both forms', async () => {
    for (const t of ['N($0)', 'T($0)', 'N(1/$0)', 'T(1/$0)']) expect(await differences(t, ANY_ONE), t).toEqual([]);
  });
  test('N: numbers as they are, dates as serials, TRUE 1, text 0; T: text or ""', () => {
    expect(shown('N(7)')).toBe('7');
    expect(shown('N("7")')).toBe('0');
    expect(shown('N(TRUE)')).toBe('1');
    expect(shown('N($0)', { values: [EDGE_DATES[3]!] })).toBe('36526');
    expect(shown('N(NA())')).toBe('#N/A');
    expect(shown('T("Rain")')).toBe('"Rain"');
    expect(shown('T(19)')).toBe('""');
    expect(shown('T(TRUE)')).toBe('""');
  });
  test('formulajs agrees on N and T', () => {
    for (const v of ORACLE_VALUES) {
      expect(shown('N($0)', { values: [v] }), `N(${show(v)})`).toBe(theirs(formulajs.N(toTheirs(v))));
      expect(shown('T($0)', { values: [v] }), `T(${show(v)})`).toBe(theirs(formulajs.T(toTheirs(v))));
    }
  });
  test('TYPE agrees in both forms, for values, errors and ranges', async () => {
    expect(await differences('TYPE($0)', ANY_ONE)).toEqual([]);
    expect(await differences('TYPE(1/$0)', cases(10, (g) => ({ values: [g.pick([0, 1, 'x', null])] })))).toEqual([]);
    // The columns of one table have one length.
    const ranges = cases(20, (g) => {
      const n = g.integer(0, 3);
      return { values: [], ranges: [Array.from({ length: n }, () => g.pick([g.number(), null])), Array.from({ length: n }, () => g.pick([g.text(), null]))] };
    });
    for (const t of ['TYPE(#0)', 'TYPE(#1)', 'TYPE(rng)']) expect(await differences(t, ranges), t).toEqual([]);
  });
  test('TYPE: 1 number, 2 text, 4 logical, 16 error, 64 array', () => {
    expect(shown('TYPE(3)')).toBe('1');
    expect(shown('TYPE("a")')).toBe('2');
    expect(shown('TYPE(TRUE)')).toBe('4');
    expect(shown('TYPE(1/0)')).toBe('16');
    expect(shown('TYPE({1,2,3})')).toBe('64');
    expect(shown('TYPE($0)', { values: [null] })).toBe('1');
  });
  test('formulajs agrees on TYPE of values and arrays', () => {
    // formulajs has no type for empty (Excel: 1): left out.
    for (const v of ORACLE_VALUES) expect(shown('TYPE($0)', { values: [v] }), `TYPE(${show(v)})`).toBe(theirs(formulajs.TYPE(toTheirs(v))));
    expect(shown('TYPE({1,2;3,4})')).toBe(theirs(formulajs.TYPE([[1, 2], [3, 4]])));
  });
  test('ERROR.TYPE agrees in both forms', async () => {
    const sets = cases(30, (g) => ({ values: [g.pick([0, 1, -1, 'x', null, 4, true, 'a'])] }));
    for (const maker of [...ERROR_MAKERS, '$0', 'NA()', 'IFS($0 = 1, 1)']) expect(await differences(`ERROR.TYPE(${maker})`, sets), maker).toEqual([]);
  });
  test('ERROR.TYPE numbers errors as Excel does; a value that is not an error is #N/A', () => {
    expect(shown('ERROR.TYPE(1/0)')).toBe('2');
    expect(shown('ERROR.TYPE(NA())')).toBe('7');
    expect(shown('ERROR.TYPE(SQRT(-1))')).toBe('6');
    expect(shown('ERROR.TYPE("x" + 1)')).toBe('3');
    expect(shown('ERROR.TYPE(nope)')).toBe('5');
    expect(shown('ERROR.TYPE(#NULL!)')).toBe('1');
    expect(shown('ERROR.TYPE(#REF!)')).toBe('4');
    expect(shown('ERROR.TYPE(5)')).toBe('#N/A');
  });
  test('formulajs agrees on ERROR.TYPE', () => {
    for (const v of ORACLE_VALUES) expect(shown('ERROR.TYPE($0)', { values: [v] }), `ERROR.TYPE(${show(v)})`).toBe(theirs(formulajs.ERROR.TYPE(toTheirs(v))));
  });
});

test('every example shows its result, in both forms where SQL can run it', async () => {
  for (const name of ['IFS', 'SWITCH', 'IFNA', 'XOR', 'TRUE', 'FALSE', 'ISTEXT', 'ISLOGICAL', 'ISNA', 'ISERR', 'ISNONTEXT', 'ISEVEN', 'ISODD', 'NA', 'N', 'T', 'TYPE', 'ERROR.TYPE']) {
    const spec = lookupFunction(name)!;
    const template = spec.example.formula.slice(1);
    expect(displayValue(scalarResult(template, {})), spec.example.formula).toBe(spec.example.result);
    const sql = await constantResult(template, {});
    if (sql !== 'no-sql') expect(displayValue(sql), `${spec.example.formula} in SQL`).toBe(spec.example.result);
  }
});
