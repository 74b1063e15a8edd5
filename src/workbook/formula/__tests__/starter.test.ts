import { describe, expect, test } from 'vitest';
import { differences, scalarResult, show } from '../testing/differential';
import { cases, EDGE_DATES, EDGE_NUMBERS, EDGE_TEXTS } from '../testing/generate';

// The starter functions through both forms. Each category's own test file does the same for
// its functions; this one also checks the operators.

describe('operators agree in TypeScript and DuckDB', () => {
  const numberPairs = cases(60, (g) => ({ values: [g.number(), g.number()] }));
  for (const op of ['+', '-', '*', '/', '^', '&', '=', '<>', '<', '>=']) {
    test(`$0 ${op} $1 on numbers`, async () => {
      expect(await differences(`$0 ${op} $1`, numberPairs)).toEqual([]);
    });
  }
  test('mixed types compare by type, text case-insensitively, empty as the other side', async () => {
    const mixed = cases(80, (g) => ({ values: [g.any(), g.any()] }));
    for (const op of ['=', '<', '>=']) expect(await differences(`$0 ${op} $1`, mixed)).toEqual([]);
  });
  test('text and numbers coerce as in Excel: "3" + 1, TRUE + 1, "x" + 1', async () => {
    const mixed = cases(80, (g) => ({ values: [g.any(), g.any()] }));
    expect(await differences('$0 + $1', mixed)).toEqual([]);
    expect(await differences('$0 & $1', mixed)).toEqual([]);
  });
  test('dates plus days are dates, date minus date is days', async () => {
    const pairs = cases(30, (g) => ({ values: [g.date(), g.integer(-400, 400)] }));
    expect(await differences('$0 + $1', pairs)).toEqual([]);
    expect(await differences('$0 - $1', pairs)).toEqual([]);
    const dates = cases(30, (g) => ({ values: [g.date(), g.date()] }));
    expect(await differences('$0 - $1', dates)).toEqual([]);
  });
  test('unary minus and percent', async () => {
    const xs = EDGE_NUMBERS.map((x) => ({ values: [x] }));
    expect(await differences('-$0', xs)).toEqual([]);
    expect(await differences('$0%', xs)).toEqual([]);
  });
  test('errors: #DIV/0!, 0^0 #NUM!, negative to a fraction #NUM!', () => {
    expect(show(scalarResult('1/0', {}))).toBe('#DIV/0!');
    expect(show(scalarResult('0^0', {}))).toBe('#NUM!');
    expect(show(scalarResult('(-8)^0.5', {}))).toBe('#NUM!');
  });
});

describe('starter functions agree in both forms', () => {
  const numbers = cases(40, (g) => ({ values: [g.number(), g.integer(-3, 4)] }));
  for (const f of ['ROUND', 'ROUNDUP', 'ROUNDDOWN', 'MOD']) {
    test(f, async () => expect(await differences(`${f}($0, $1)`, numbers)).toEqual([]));
  }
  for (const f of ['ABS', 'INT', 'SQRT']) {
    test(f, async () => expect(await differences(`${f}($0)`, numbers)).toEqual([]));
  }
  test('ROUND past the 15th digit keeps the number; huge digit counts do not break SQL', async () => {
    expect(scalarResult('ROUND(1E300, 100)', {})).toBe(1e300);
    expect(scalarResult('ROUND(0.1 + 0.2, 20)', {})).toBe(0.3);
    const edges = [{ values: [1e300, 100] }, { values: [0.30000000000000004, 20] }, { values: [1, 1e10] }, { values: [123.456, -1e10] }, { values: [5, -400] }];
    for (const f of ['ROUND', 'ROUNDUP', 'ROUNDDOWN']) expect(await differences(`${f}($0, $1)`, edges), f).toEqual([]);
  });
  test('ROUND rounds like Excel, not like binary doubles', () => {
    expect(scalarResult('ROUND(1.005, 2)', {})).toBe(1.01);
    expect(scalarResult('ROUND(-2.5, 0)', {})).toBe(-3);
    expect(scalarResult('ROUND(1234.5678, -2)', {})).toBe(1200);
  });
  test('SUM, AVERAGE, MEDIAN, COUNT, COUNTA over values and table columns', async () => {
    const sets = cases(25, (g) => ({ values: [g.number(), g.any()], ranges: [Array.from({ length: g.integer(0, 6) }, () => (g.integer(0, 4) === 0 ? null : g.number()))] }));
    for (const f of ['SUM', 'AVERAGE', 'MEDIAN', 'COUNT', 'COUNTA']) {
      expect(await differences(`${f}(#0)`, sets), f).toEqual([]);
      expect(await differences(`${f}($0, #0)`, sets), f).toEqual([]);
    }
  });
  test('operators apply value by value inside ranges, as Excel array formulas do', async () => {
    const sets = cases(25, (g) => {
      const n = g.integer(1, 6);
      return { values: [g.number()], ranges: [Array.from({ length: n }, () => (g.integer(0, 5) === 0 ? null : g.number())), Array.from({ length: n }, () => g.number())] };
    });
    for (const t of ['SUM(#0*2)', 'SUM(#0*#1)', 'SUM(1/(#0-$0))', 'MAX(-#1)', 'AVERAGE(#0+#1)', 'COUNT(#0/#1)', 'AVERAGE($0, #0)', 'AVERAGE($0, #0, #1)']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
    expect(scalarResult('SUMPRODUCT({1,2,3}*{4,5,6})', {})).toBe(32);
    expect(show(scalarResult('{1,2}*{1,2,3}', {}))).toBe('#VALUE!');
  });
  describe('the IFS family over table columns, with operators and wildcards', () => {
    const criteria = ['>3', '<=0', '<>5', 'a*', '?', '', '<>', '=a', 'apple', 7, true];
    const sets = cases(30, (g) => {
      const n = g.integer(1, 8);
      return {
        values: [g.pick(criteria), g.pick(criteria)],
        ranges: [Array.from({ length: n }, () => g.number()), Array.from({ length: n }, () => g.pick(['a', 'apple', 'b', 'A', null, 'avocado', ''])), Array.from({ length: n }, () => g.integer(0, 8))],
      };
    });
    for (const t of ['SUMIFS(#0, #1, $0)', 'COUNTIFS(#1, $0, #2, $1)', 'AVERAGEIFS(#0, #2, $1)', 'MAXIFS(#0, #1, $0)', 'MINIFS(#2, #2, $1)', 'COUNTIF(#1, $0)', 'SUMIF(#2, $1)', 'SUMIF(#1, $0, #0)', 'AVERAGEIF(#2, $1)']) {
      test(t, async () => expect(await differences(t, sets)).toEqual([]));
    }
  });
  test('IF, IFERROR, AND, OR, NOT', async () => {
    const sets = cases(40, (g) => ({ values: [g.any(), g.any(), g.number()] }));
    for (const t of ['IF($2 > 0, $0, $1)', 'IF($2 > 0, $2, -$2)', 'IFERROR($2 / ($2 - 1), "x")', 'IFERROR(1 / $2, 0)', 'AND($2 > 0, $2 < 100)', 'OR($2 < 0, $2 > 10)', 'NOT($2 > 0)']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
  });
  test('LEFT, RIGHT, LEN, CONCAT', async () => {
    const sets = cases(40, (g) => ({ values: [g.text(), g.integer(0, 5), g.any()] }));
    for (const t of ['LEFT($0, $1)', 'RIGHT($0, $1)', 'LEFT($0)', 'LEN($0)', 'CONCAT($0, $2, "!")']) {
      expect(await differences(t, sets), t).toEqual([]);
    }
  });
  test('DATE rolls months and days over; YEAR, MONTH, DAY read dates, serials and ISO text', async () => {
    const sets = cases(40, (g) => ({ values: [g.integer(1899, 2100), g.integer(-14, 26), g.integer(-40, 70)] }));
    expect(await differences('DATE($0, $1, $2)', sets)).toEqual([]);
    const dates = [...EDGE_DATES.map((d) => ({ values: [d] })), { values: [45000] }, { values: ['2024-02-29'] }, { values: ['nope'] }, { values: [null] }];
    // An empty text column reads as serial 0 too.
    expect(await differences('YEAR($0 & "")', [{ values: [null] }, { values: ['2024-02-29'] }])).toEqual([]);
    for (const f of ['YEAR', 'MONTH', 'DAY']) expect(await differences(`${f}($0)`, dates), f).toEqual([]);
  });
  test('XLOOKUP: exact, next smaller, next larger, wildcard, not found, fallback', async () => {
    const sets = cases(40, (g) => {
      const n = g.integer(1, 7);
      return { values: [g.pick([1, 2, 3, 5, 'b', 'B', 'zz', 'a*'])], ranges: [Array.from({ length: n }, () => g.pick([1, 2, 3, 4, 5])), Array.from({ length: n }, () => g.text())] };
    });
    // Match and search modes shape the query, so SQL takes them as constants.
    for (const mode of [0, -1, 1, 2]) {
      for (const search of [1, -1]) expect(await differences(`XLOOKUP($0, #0, #1, "none", ${mode}, ${search})`, sets), `mode ${mode}, search ${search}`).toEqual([]);
    }
    expect(await differences('XLOOKUP($0, #1, #0)', sets), 'text keys').toEqual([]);
  });
  test('ISBLANK, ISNUMBER, ISERROR', async () => {
    const sets = [...cases(30, (g) => ({ values: [g.any()] })), { values: [null] }];
    for (const f of ['ISBLANK', 'ISNUMBER']) expect(await differences(`${f}($0)`, sets), f).toEqual([]);
    expect(await differences('ISERROR(1/$0)', cases(20, (g) => ({ values: [g.pick([0, 1, 2, null])] })))).toEqual([]);
  });
  test('texts of every shape survive the trip', async () => {
    expect(await differences('$0 & ""', EDGE_TEXTS.map((t) => ({ values: [t] })))).toEqual([]);
  });
});
