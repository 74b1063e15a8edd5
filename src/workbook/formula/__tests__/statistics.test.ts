import * as formulajs from '@formulajs/formulajs';
import { describe, expect, test } from 'vitest';
import { allFunctions } from '../functions';
import { constantResult, differences, scalarResult, show, type DiffCase } from '../testing/differential';
import { cases, type Generators } from '../testing/generate';
import { isFormulaError } from '../errors';
import { DateValue, displayValue, type Scalar } from '../values';

// The statistics functions through both forms (TypeScript and DuckDB), a few of Excel's own
// documented results, and formulajs as an independent oracle for the scalar form.

/** A table column of one type (SQL columns hold one type), with empty cells among the values. */
type ColumnKind = 'number' | 'text' | 'boolean' | 'date';

function column(g: Generators, kind: ColumnKind, n: number, blanks = 0.2): Scalar[] {
  const value = (): Scalar => (kind === 'number' ? g.number() : kind === 'text' ? g.text() : kind === 'boolean' ? g.boolean() : day(g.date()));
  return Array.from({ length: n }, () => (g.integer(0, 99) < blanks * 100 ? null : value()));
}

/** A date without its time: a column of dates and date-times would be neither type in SQL. */
function day(d: DateValue): DateValue {
  return new DateValue(Math.floor(d.serial));
}

/** A number column drawn from a few values, so that values repeat (MODE, RANK's ties). */
function repeating(g: Generators, n: number): Scalar[] {
  return Array.from({ length: n }, () => (g.integer(0, 5) === 0 ? null : g.pick([1, 2, 3, 2.5, -1, 0, 7])));
}

/** Two values of any type and two range columns: numbers, and numbers or something else. */
const mixed = cases(40, (g) => {
  const n = g.integer(0, 7);
  return {
    values: [g.any(), g.pick([g.number(), g.date(), g.boolean(), '3', null])],
    ranges: [column(g, 'number', n), column(g, g.pick(['number', 'text', 'boolean', 'date'] as const), g.integer(0, 7))],
  };
});

/** Argument lists that read numbers as every statistic does: ranges, values given directly, both. */
const STAT_TEMPLATES = {
  'ranges of every type': ['#0', '#1', '#0, #1'],
  'values given directly': ['$0', '$1', '$1, 2'],
  'values and ranges together': ['$0, #0', '#0, $1', '$1, #1, 2'],
};

/** One test per formula template (each stays well inside the time limit), named for what it covers. */
function eachAgrees(templates: string[], cs: DiffCase[], covering: string): void {
  for (const t of templates) {
    test(`${t} agrees in both forms, ${covering}`, async () => expect(await differences(t, cs), t).toEqual([]));
  }
}

/** A statistic's differential tests over STAT_TEMPLATES (and `extra` argument lists). */
function agreesInBothForms(f: string, cs: DiffCase[], extra: string[] = []): void {
  const groups: [string, string[]][] = [...Object.entries(STAT_TEMPLATES), ...(extra.length ? [['more ranges', extra] as [string, string[]]] : [])];
  for (const [what, templates] of groups) eachAgrees(templates.map((t) => `${f}(${t})`), cs, `over ${what}`);
}

/** Runs a formula's scalar form and shows its value as a cell would. */
const shown = (formula: string, c: DiffCase = {}) => show(scalarResult(formula, c));

/** Numbers agree to 1e-9, relative for large ones. */
function close(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The number columns the oracle checks run over: no blanks, no text (formulajs reads neither as Excel does). */
const numberSets = cases(60, (g) => column(g, 'number', g.integer(1, 9), 0), 11);

describe('MIN, MAX, MINA, MAXA and AVERAGEA', () => {
  for (const f of ['MIN', 'MAX', 'MINA', 'MAXA', 'AVERAGEA']) agreesInBothForms(f, mixed);
  test('MIN and MAX are 0 when there are no numbers; text and TRUE/FALSE in ranges are skipped', () => {
    expect(shown('MIN(#0)', { ranges: [['a', 'b']] })).toBe('0');
    expect(shown('MAX(#0)', { ranges: [[true, null]] })).toBe('0');
    expect(shown('MAX(#0)', { ranges: [[-3, 'zzz', -1]] })).toBe('-1');
    expect(shown('MIN(4, "2", TRUE)')).toBe('1');
    expect(shown('MAX(1, "x")')).toBe('#VALUE!');
  });
  test('MINA, MAXA and AVERAGEA count text in ranges as 0 and TRUE as 1, and skip empty cells', () => {
    const c = { ranges: [[10, 'x', true, null]] };
    expect(shown('AVERAGEA(#0)', c)).toBe('3.66666666666667');
    expect(shown('MINA(#0)', c)).toBe('0');
    expect(shown('MAXA(#0)', { ranges: [[-5, true, null]] })).toBe('1');
    expect(shown('MAXA(#0)', { ranges: [[-5, -2, null]] })).toBe('-2');
    expect(shown('AVERAGEA(#0)', { ranges: [[null, null]] })).toBe('#DIV/0!');
    expect(shown('AVERAGEA(#0)', { ranges: [['', 4]] })).toBe('2');
  });
  test('MIN and MAX handle ranges too long to spread into Math.min', () => {
    const big = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 100_003);
    expect(scalarResult('MAX(#0)', { ranges: [big] })).toBe(100_002);
    expect(scalarResult('MIN(#0)', { ranges: [big] })).toBe(0);
  });
  test('formulajs agrees on MIN, MAX, MINA, MAXA and AVERAGEA over numbers', () => {
    for (const xs of numberSets) {
      const c = { ranges: [xs] };
      expect(scalarResult('MIN(#0)', c)).toBe(formulajs.MIN(xs));
      expect(scalarResult('MAX(#0)', c)).toBe(formulajs.MAX(xs));
      expect(scalarResult('MINA(#0)', c)).toBe(formulajs.MINA(xs));
      expect(scalarResult('MAXA(#0)', c)).toBe(formulajs.MAXA(xs));
      expect(close(scalarResult('AVERAGEA(#0)', c), formulajs.AVERAGEA(xs))).toBe(true);
    }
  });
  test('formulajs agrees on AVERAGEA with text and TRUE/FALSE in the range', () => {
    // Numeric text is left out: formulajs reads "42" in a range as 42, Excel (and we) as text, 0.
    const sets = cases(40, (g) => Array.from({ length: g.integer(1, 8) }, () => g.pick([g.number(), g.boolean(), g.pick(['a', 'Cellar', '', 'x y']), null])), 12);
    for (const xs of sets) {
      if (xs.every((x) => x === null)) continue;
      expect(close(scalarResult('AVERAGEA(#0)', { ranges: [xs] }), formulajs.AVERAGEA(xs)), JSON.stringify(xs)).toBe(true);
    }
  });
});

describe('STDEV.S, STDEV.P, STDEV, VAR.S, VAR.P and VAR', () => {
  const spreads = ['STDEV.S', 'STDEV.P', 'STDEV', 'VAR.S', 'VAR.P', 'VAR'];
  for (const f of spreads) agreesInBothForms(f, mixed);
  test('the sample forms need two numbers, the population forms one (#DIV/0! otherwise)', () => {
    expect(shown('STDEV.S(5)')).toBe('#DIV/0!');
    expect(shown('VAR(#0)', { ranges: [[5, 'a', null]] })).toBe('#DIV/0!');
    expect(shown('STDEV.P(5)')).toBe('0');
    expect(shown('VAR.P(#0)', { ranges: [['a']] })).toBe('#DIV/0!');
  });
  test("Excel's results: STDEV.S and STDEV.P of 2, 4, 4, 4, 5, 5, 7, 9; VAR of 1…4", () => {
    expect(close(scalarResult('STDEV.S(2, 4, 4, 4, 5, 5, 7, 9)', {}), Math.sqrt(32 / 7))).toBe(true);
    expect(shown('STDEV.P(2, 4, 4, 4, 5, 5, 7, 9)')).toBe('2');
    expect(shown('VAR.S(1, 2, 3, 4)')).toBe('1.66666666666667');
    expect(shown('VAR.P(1, 2, 3, 4)')).toBe('1.25');
  });
  test('numbers beyond ±1e145 do not overflow inside DuckDB: both forms scale them', async () => {
    const huge = [
      { ranges: [[1e200, -1e200, 3]] },
      { ranges: [[1e300, 1e300, 1e300]] },
      { ranges: [[1.5e308, -1.5e308]] },
      { ranges: [[1e146, 2e146, null, 5]] },
    ];
    for (const f of spreads) expect(await differences(`${f}(#0)`, huge), f).toEqual([]);
    expect(shown('STDEV.P(#0)', huge[0]!)).toBe(show(scalarResult('STDEV.P(1E200, -1E200, 3)', {})));
    expect(shown('VAR.S(#0)', huge[2]!)).toBe('#NUM!');
    expect(shown('STDEV.S(#0)', huge[1]!)).toBe('0');
  });
  test('formulajs agrees on STDEV.S, STDEV.P, VAR.S and VAR.P over numbers', () => {
    for (const xs of numberSets) {
      if (xs.length < 2) continue;
      const c = { ranges: [xs] };
      expect(close(scalarResult('STDEV.S(#0)', c), formulajs.STDEV.S(xs))).toBe(true);
      expect(close(scalarResult('STDEV.P(#0)', c), formulajs.STDEV.P(xs))).toBe(true);
      expect(close(scalarResult('VAR.S(#0)', c), formulajs.VAR.S(xs))).toBe(true);
      expect(close(scalarResult('VAR.P(#0)', c), formulajs.VAR.P(xs))).toBe(true);
    }
  });
});

describe('MODE.SNGL and MODE', () => {
  const repeats = cases(40, (g) => ({ values: [g.pick([1, 2, 7, 'x', null, true]), g.pick([2, 2.5, '3', null])], ranges: [repeating(g, g.integer(0, 9)), repeating(g, g.integer(0, 5))] }));
  for (const f of ['MODE.SNGL', 'MODE']) {
    describe('with numbers that repeat, ties and no repeats included', () => agreesInBothForms(f, repeats, ['#0, $0, #1', '#1, #0']));
    describe('with values of every type', () => agreesInBothForms(f, mixed));
  }
  test('the most frequent number; on ties the one that appears first; #N/A when none repeats', () => {
    expect(shown('MODE(1, 2, 2, 3)')).toBe('2');
    expect(shown('MODE(1, 2, 2, 1)')).toBe('1');
    expect(shown('MODE(2, 1, 1, 2)')).toBe('2');
    expect(shown('MODE.SNGL(#0)', { ranges: [[3, 1, 2, 2, 1]] })).toBe('1');
    expect(shown('MODE(1, 2, 3)')).toBe('#N/A');
    expect(shown('MODE(#0)', { ranges: [['a', 'a']] })).toBe('#N/A');
  });
  test('ties follow the rows of a table in SQL too', async () => {
    const ties = [{ ranges: [[5, 1, 1, 5, 3]] }, { ranges: [[1, 5, 5, 1]] }, { ranges: [[null, 9, 8, 9, 8]] }];
    expect(await differences('MODE(#0)', ties)).toEqual([]);
    expect(await differences('MODE(#0, 4)', ties)).toEqual([]);
  });
  test('formulajs agrees on MODE.SNGL where one number is the most frequent', () => {
    // formulajs picks the smallest of equally frequent numbers, Excel the first: ties are left out.
    const sets = cases(60, (g) => repeating(g, g.integer(2, 9)).filter((x): x is number => x !== null), 13);
    let checked = 0;
    for (const xs of sets) {
      const counts = xs.map((x) => xs.filter((y) => y === x).length);
      const most = Math.max(...counts);
      if (most < 2 || new Set(xs.filter((_, i) => counts[i] === most)).size > 1) continue;
      checked++;
      expect(scalarResult('MODE.SNGL(#0)', { ranges: [xs] })).toBe(formulajs.MODE.SNGL(xs));
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('LARGE and SMALL', () => {
  const ks = [0, 0.5, 1, 1.5, 2, 3, 4, 9, -1, '2', 'x', true, null];
  const sets = cases(60, (g) => ({ values: [g.pick(ks)], ranges: [column(g, 'number', g.integer(0, 7)), column(g, 'date', g.integer(0, 4))] }));
  for (const f of ['LARGE', 'SMALL']) eachAgrees([`${f}(#0, $0)`, `${f}(#1, $0)`, `${f}(#0, 2)`, `${f}(7, $0)`, `${f}($0, 1)`], sets, 'k out of range and fractional included');
  test('k = 1 is the largest (smallest); a fractional k is rounded up; out of range is #NUM!', () => {
    expect(shown('LARGE(#0, 1)', { ranges: [[3, 5, 3, 5, 4]] })).toBe('5');
    expect(shown('LARGE(#0, 3)', { ranges: [[3, 5, 3, 5, 4]] })).toBe('4');
    expect(shown('SMALL(#0, 2)', { ranges: [[3, 5, 3, 5, 4]] })).toBe('3');
    expect(shown('SMALL(#0, 2.1)', { ranges: [[3, 5, 1, 5, 4]] })).toBe('4');
    expect(shown('LARGE(#0, 0.5)', { ranges: [[3, 5]] })).toBe('#NUM!');
    expect(shown('SMALL(#0, 3)', { ranges: [[3, 5, 'x']] })).toBe('#NUM!');
  });
  test('formulajs agrees on LARGE and SMALL for whole k within the count', () => {
    for (const xs of numberSets) {
      for (let k = 1; k <= xs.length; k++) {
        const c = { ranges: [xs], values: [k] };
        expect(scalarResult('LARGE(#0, $0)', c)).toBe(formulajs.LARGE(xs, k));
        expect(scalarResult('SMALL(#0, $0)', c)).toBe(formulajs.SMALL([...xs], k));
      }
    }
  });
});

describe('RANK.EQ and RANK', () => {
  const orders = [undefined, 0, 1, -1, true, 'x'];
  const sets = cases(80, (g) => {
    const ref = repeating(g, g.integer(0, 8));
    const order = g.pick(orders);
    return { values: [g.pick([...ref, 4, 'x', '2', null]), ...(order === undefined ? [] : [order])], ranges: [ref] };
  });
  const withOrder = sets.filter((c) => c.values!.length === 2);
  const without = sets.filter((c) => c.values!.length === 1);
  for (const f of ['RANK.EQ', 'RANK']) {
    eachAgrees([`${f}($0, #0)`], without, 'ties and numbers missing from the range included');
    eachAgrees([`${f}($0, #0, $1)`], withOrder, 'descending, ascending and a wrong order included');
    eachAgrees([`${f}($0, #0, 1)`, `${f}(2, $0)`], sets, 'a single value as the range included');
  }
  test('descending by default; ties share the best rank; a number not in the range is #N/A', () => {
    const c = { ranges: [[7, 3.5, 3.5, 1, 2, 'x', null]] };
    expect(shown('RANK.EQ(7, #0)', c)).toBe('1');
    expect(shown('RANK.EQ(3.5, #0)', c)).toBe('2');
    expect(shown('RANK.EQ(2, #0)', c)).toBe('4');
    expect(shown('RANK(2, #0, 1)', c)).toBe('2');
    expect(shown('RANK(3.5, #0, 5)', c)).toBe('3');
    expect(shown('RANK(4, #0)', c)).toBe('#N/A');
  });
  test('formulajs agrees on RANK.EQ for numbers in the range', () => {
    // formulajs gives 0 for a number not in the range, where Excel gives #N/A: only numbers in it.
    for (const xs of numberSets) {
      for (const x of xs) {
        for (const order of [0, 1]) {
          expect(scalarResult('RANK.EQ($0, #0, $1)', { values: [x, order], ranges: [xs] })).toBe(formulajs.RANK.EQ(x, [...xs], order));
        }
      }
    }
  });
});

describe('PERCENTILE.INC, PERCENTILE, QUARTILE.INC and QUARTILE', () => {
  const ks = [0, 0.1, 0.25, 0.3, 0.5, 0.75, 0.99, 1, -0.1, 1.1, '0.5', 'x', true, null];
  const quarts = [0, 1, 2, 3, 4, 1.5, 4.5, -0.5, 5, '2', 'x'];
  const sets = cases(60, (g) => ({
    values: [g.pick(ks), g.pick(quarts)],
    ranges: [column(g, 'number', g.integer(0, 8)), column(g, g.pick(['number', 'date', 'text'] as const), g.integer(0, 5))],
  }));
  // A constant k runs DuckDB's quantile_cont; a k that varies by row, the sorted list.
  for (const f of ['PERCENTILE.INC', 'PERCENTILE']) eachAgrees([`${f}(#0, $0)`, `${f}(#1, $0)`, `${f}(#0, 0.3)`, `${f}($1, $0)`], sets, 'k out of 0…1 included');
  for (const f of ['QUARTILE.INC', 'QUARTILE']) eachAgrees([`${f}(#0, $1)`, `${f}(#1, $1)`, `${f}(#0, 3)`], sets, 'fractional and out-of-range quart included');
  test("Excel's results: k × (n − 1) in the sorted numbers, interpolated", () => {
    expect(shown('PERCENTILE.INC(#0, 0.3)', { ranges: [[1, 3, 2, 4]] })).toBe('1.9');
    expect(shown('QUARTILE.INC(#0, 1)', { ranges: [[1, 2, 4, 7, 8, 9, 10, 12]] })).toBe('3.5');
    expect(shown('QUARTILE(#0, 4)', { ranges: [[1, 2, 4, 7, 8, 9, 10, 12]] })).toBe('12');
    expect(shown('QUARTILE(#0, 0)', { ranges: [[5, 2, 9]] })).toBe('2');
    expect(shown('QUARTILE(#0, 2.7)', { ranges: [[5, 2, 9]] })).toBe('5');
    expect(shown('PERCENTILE(#0, 1.1)', { ranges: [[1, 2]] })).toBe('#NUM!');
    expect(shown('QUARTILE(#0, -1)', { ranges: [[1, 2]] })).toBe('#NUM!');
    expect(shown('PERCENTILE(#0, 0.5)', { ranges: [['a']] })).toBe('#NUM!');
  });
  test('formulajs agrees on PERCENTILE.INC and QUARTILE.INC', () => {
    // formulajs rounds its result to 14 decimals and reads quart 1–3 only: compared to 1e-9, quart 1–3.
    for (const xs of numberSets) {
      for (const k of [0, 0.1, 0.25, 0.3, 0.5, 0.9, 1]) {
        expect(close(scalarResult('PERCENTILE.INC(#0, $0)', { values: [k], ranges: [xs] }), formulajs.PERCENTILE.INC([...xs], k)), `${k} ${JSON.stringify(xs)}`).toBe(true);
      }
      for (const q of [1, 2, 3]) expect(close(scalarResult('QUARTILE.INC(#0, $0)', { values: [q], ranges: [xs] }), formulajs.QUARTILE.INC([...xs], q))).toBe(true);
    }
  });
});

describe('CORREL', () => {
  const pairs = cases(60, (g) => {
    const n = g.integer(0, 7);
    const other = g.pick(['number', 'number', 'date', 'text'] as const);
    return { values: [g.pick([1, 'x', null])], ranges: [column(g, 'number', n), column(g, other, n), column(g, 'number', n).map((x) => (typeof x === 'number' ? 2 * x + 1 : null))] };
  });
  eachAgrees(['CORREL(#0, #1)', 'CORREL(#1, #0)', 'CORREL(#0, #2)', 'CORREL(#0, #0)', 'CORREL($0, #0)', 'CORREL($0, 2)'], pairs, 'pairs with a non-number on either side skipped');
  test("Excel's result, and #DIV/0! when a side does not vary", () => {
    expect(shown('CORREL(#0, #1)', { ranges: [[3, 2, 4, 5, 6], [9, 7, 12, 15, 17]] })).toBe('0.997054485501581');
    expect(shown('CORREL(#0, #1)', { ranges: [[1, 2, 3], [5, 5, 5]] })).toBe('#DIV/0!');
    expect(shown('CORREL(#0, #1)', { ranges: [[1, 2, 'x'], [4, 'y', 6]] })).toBe('#DIV/0!');
    expect(shown('CORREL(#0, #1)', { ranges: [[1, 2, 3], [1, 2]] })).toBe('#N/A');
    expect(shown('CORREL(#0, #1)', { ranges: [[1, 2, 3], [3, 2, 1]] })).toBe('-1');
  });
  test('huge and tiny numbers neither overflow in DuckDB nor disagree', async () => {
    const extremes = [
      { ranges: [[1e200, -1e200, 3], [1, 2, 3]] },
      { ranges: [[1e160, 2e160, 4e160], [1e170, -1e170, 5]] },
      { ranges: [[1, 2, 4], [1e300, 1.2e300, 0]] },
      { ranges: [[1e-200, 2e-200, 4e-200], [1, 2, 3]] },
    ];
    expect(await differences('CORREL(#0, #1)', extremes)).toEqual([]);
    expect(shown('CORREL(#0, #1)', extremes[0]!)).not.toBe('#DIV/0!');
  });
  test('formulajs agrees on CORREL of numbers that vary', () => {
    const sets = cases(60, (g) => {
      const n = g.integer(2, 9);
      return [column(g, 'number', n, 0), column(g, 'number', n, 0)] as [number[], number[]];
    }, 14);
    for (const [xs, ys] of sets) {
      if (new Set(xs).size < 2 || new Set(ys).size < 2) continue;
      expect(close(scalarResult('CORREL(#0, #1)', { ranges: [xs, ys] }), formulajs.CORREL(xs, ys))).toBe(true);
    }
  });
});

describe('GEOMEAN', () => {
  const positive = cases(40, (g) => ({ values: [g.pick([2, 0.5, 0, -1, 'x', '4', null])], ranges: [column(g, 'number', g.integer(0, 6)).map((x) => (typeof x === 'number' ? Math.abs(x) + 0.25 : x)), column(g, 'number', g.integer(0, 4))] }));
  eachAgrees(['GEOMEAN(#0)', 'GEOMEAN(#1)', 'GEOMEAN($0)', 'GEOMEAN($0, #0)', 'GEOMEAN(#0, #1)', 'GEOMEAN(#0, 3)'], positive, 'zero and negative numbers (#NUM!) included');
  test("Excel's result, and #NUM! for no numbers or a non-positive one", () => {
    expect(shown('GEOMEAN(4, 5, 8, 7, 11, 4, 3)')).toBe('5.47698696965696');
    expect(shown('GEOMEAN(2, 0)')).toBe('#NUM!');
    expect(shown('GEOMEAN(#0)', { ranges: [['a']] })).toBe('#NUM!');
  });
  test('formulajs agrees on GEOMEAN of positive numbers', () => {
    for (const xs of numberSets) {
      const ps = xs.map((x) => Math.abs(x as number) + 0.25);
      expect(close(scalarResult('GEOMEAN(#0)', { ranges: [ps] }), formulajs.GEOMEAN(ps))).toBe(true);
    }
  });
});

describe('COUNTBLANK', () => {
  const sets = cases(50, (g) => {
    const kind = g.pick(['number', 'text', 'boolean', 'date'] as const);
    const col = column(g, kind, g.integer(0, 8), 0.3).map((v) => (kind === 'text' && g.integer(0, 3) === 0 ? '' : v));
    return { values: [g.pick([null, '', 0, 'x', false])], ranges: [col] };
  });
  eachAgrees(['COUNTBLANK(#0)', 'COUNTBLANK($0)'], sets, 'empty cells and "" counted, zeros not');
  test('COUNTBLANK counts empty cells and empty text only', () => {
    expect(shown('COUNTBLANK(#0)', { ranges: [[1, null, '', 0, 'x', false]] })).toBe('2');
  });
  test('formulajs agrees on COUNTBLANK', () => {
    for (const { ranges } of sets) expect(scalarResult('COUNTBLANK(#0)', { ranges })).toBe(formulajs.COUNTBLANK(ranges![0]));
  });
});

describe('the conditional aggregates', () => {
  // The scalar form cannot compute 1/(range - 5) (it has no array arithmetic), so these run SQL
  // alone, against what ifsScalar does with errors in ranges.
  const withError = { ranges: [[1, 5, 9]] };
  test('in SQL, an error on a matching row of the summed range is the answer', async () => {
    expect(show(await constantResult('SUMIFS(1/(#0-5), #0, ">3")', withError))).toBe('#DIV/0!');
    expect(show(await constantResult('AVERAGEIF(#0, ">3", 1/(#0-5))', withError))).toBe('#DIV/0!');
    expect(show(await constantResult('MAXIFS(1/(#0-5), #0, "<>5")', withError))).toBe('0.25');
  });
  // Excel counts an error cell as "not 5" (COUNTIFS.xlsx, Rows2!T2: "<>*brown" counts the error cells).
  test('in SQL, an error in a criteria range matches "<>5" but not ""', async () => {
    expect(show(await constantResult('COUNTIF(1/(#0-5), "<>5")', withError))).toBe('3');
    expect(show(await constantResult('COUNTIF(1/(#0-5), "")', withError))).toBe('0');
  });
  const criteria = ['>3', '<=0', '<>5', 'a*', '?', '', '<>', '=a', 'apple', 7, true];
  const sets = cases(30, (g) => {
    const n = g.integer(1, 8);
    return {
      values: [g.pick(criteria), g.pick(criteria)],
      ranges: [column(g, 'number', n), Array.from({ length: n }, () => g.pick(['a', 'apple', 'b', 'A', null, 'avocado', ''])), Array.from({ length: n }, () => g.integer(0, 8))],
    };
  });
  eachAgrees(['SUMIFS(#0, #1, $0)', 'COUNTIFS(#1, $0, #2, $1)', 'AVERAGEIFS(#0, #2, $1)', 'MAXIFS(#0, #1, $0)', 'MINIFS(#2, #2, $1)'], sets, 'with operators, wildcards and blanks');
  test('MAXIFS and MINIFS handle ranges too long to spread into Math.max', () => {
    const big = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(scalarResult('MAXIFS(#0, #0, ">5")', { ranges: [big] })).toBe(999);
    expect(scalarResult('MINIFS(#0, #0, ">5")', { ranges: [big] })).toBe(6);
  });
});

describe('every statistics example shows its documented result', () => {
  const mine = new Set(['MIN', 'MAX', 'MINA', 'MAXA', 'AVERAGEA', 'COUNTBLANK', 'STDEV.S', 'STDEV.P', 'STDEV', 'VAR.S', 'VAR.P', 'VAR', 'MODE.SNGL', 'MODE', 'LARGE', 'SMALL', 'RANK.EQ', 'RANK', 'PERCENTILE.INC', 'PERCENTILE', 'QUARTILE.INC', 'QUARTILE', 'CORREL', 'GEOMEAN']);
  test('in TypeScript and, where it has no array constant, in DuckDB', async () => {
    const specs = allFunctions().filter((s) => mine.has(s.name));
    expect(specs.map((s) => s.name).sort()).toEqual([...mine].sort());
    for (const spec of specs) {
      const formula = spec.example.formula.slice(1);
      const v = scalarResult(formula, {});
      expect(isFormulaError(v) ? v.code : displayValue(v), spec.name).toBe(spec.example.result);
      expect(await differences(formula, [{}]), spec.name).toEqual([]);
    }
  });
});

