import type { FunctionSpec, ScalarArg, SqlFunctionContext } from '../catalog';
import { FormulaError, isFormulaError, type ErrorCode } from '../errors';
import { aggregate, anyErr, errCode, errWhen, literal, num, rangeErr, rangeNumbers, result } from '../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr, type SqlRange } from '../sql/types';
import { isDate, isRange, parseNumberText, RangeValue, toNumber, type Scalar } from '../values';
import { matches, parseCriterion, sqlMatches } from './criteria';
import { argValues, numberArg, numbersOf, rangeArg, sqlArg, sqlNum, sqlNumberList, sqlNumberStat } from './helpers';

const AVERAGE: FunctionSpec = {
  name: 'AVERAGE',
  category: 'statistics',
  summary: 'The mean of the numbers (empty cells and text in ranges are skipped; zeros count).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=AVERAGE(2, 4, 9)', result: '5' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0) return new FormulaError('#DIV/0!', 'AVERAGE of no numbers.');
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  },
  sql(args) {
    if (args.length === 1 && isSqlRange(args[0])) return sqlNumberStat(args, { column: (x) => `avg(${x})`, list: (l) => `list_avg(${l})` }, { code: 'divide' });
    // Sums and counts per part: a list of every value would be built again on each row of a column formula.
    const sums: string[] = [];
    const counts: string[] = [];
    const errs: (string | null)[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        const x = rangeNumbers(a.columns[0]!);
        sums.push(`COALESCE(${aggregate(a, `sum(${x})`)}, 0)`);
        counts.push(aggregate(a, `count(${x})`));
        errs.push(rangeErr(a));
      } else if (a.type === 'empty') {
        errs.push(a.err);
      } else {
        const n = num(a);
        sums.push(n.sql);
        counts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN 0 ELSE 1 END` : '1');
        errs.push(n.err);
      }
    }
    const count = counts.length ? `(${counts.join(' + ')})` : '0';
    const total = sums.length ? `(${sums.join(' + ')})` : '0';
    return result(`CASE WHEN ${count} = 0 THEN NULL ELSE ${total} / ${count} END`, 'number', [...errs, errWhen(`${count} = 0`, '#DIV/0!')]);
  },
};

const MEDIAN: FunctionSpec = {
  name: 'MEDIAN',
  category: 'statistics',
  summary: 'The middle number (the mean of the two middle ones for an even count).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=MEDIAN(1, 2, 3, 10)', result: '2.5' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0) return new FormulaError('#NUM!', 'MEDIAN of no numbers.');
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  },
  sql: (args) => sqlNumberStat(args, { column: (x) => `median(${x})`, list: (l) => `list_aggregate(${l}, 'median')` }, { code: 'num' }),
};

const COUNT: FunctionSpec = {
  name: 'COUNT',
  category: 'statistics',
  summary: 'How many numbers (and dates) there are; text, TRUE/FALSE and empty cells in ranges are not counted.',
  params: [{ name: 'value', kind: 'range' }],
  repeat: 1,
  propagate: false,
  example: { formula: '=COUNT(1, "x", 3)', result: '2' },
  scalar(args) {
    let n = 0;
    for (const { value, direct } of argValues(args)) {
      if (typeof value === 'number' || isDate(value)) n++;
      else if (direct && (typeof value === 'boolean' || (typeof value === 'string' && parseNumberText(value) !== undefined))) n++;
    }
    return n;
  },
  sql(args) {
    const parts: string[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) parts.push(`COALESCE(${aggregate(a, `count(${rangeNumbers(a.columns[0]!)})`)}, 0)`);
      else if (a.type === 'number' || a.type === 'date' || a.type === 'datetime' || a.type === 'boolean') parts.push(a.err ? `CASE WHEN ${a.err} IS NULL AND ${a.sql} IS NOT NULL THEN 1 ELSE 0 END` : `CASE WHEN ${a.sql} IS NULL THEN 0 ELSE 1 END`);
      else if (a.type === 'text') parts.push(`CASE WHEN regexp_full_match(trim(${a.sql}), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?%?') THEN 1 ELSE 0 END`);
    }
    return result(parts.length ? `CAST(${parts.join(' + ')} AS DOUBLE)` : 'CAST(0 AS DOUBLE)', 'number', []);
  },
};

const COUNTA: FunctionSpec = {
  name: 'COUNTA',
  category: 'statistics',
  summary: 'How many values are not empty (text, numbers, TRUE/FALSE and errors all count).',
  params: [{ name: 'value', kind: 'range' }],
  repeat: 1,
  propagate: false,
  example: { formula: '=COUNTA(1, "x", TRUE)', result: '3' },
  scalar(args) {
    let n = 0;
    for (const { value, direct } of argValues(args)) if (value !== null || direct) n++;
    return n;
  },
  sql(args) {
    const parts: string[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        const c = a.columns[0]!;
        parts.push(`COALESCE(${aggregate(a, c.err ? `count(*) FILTER (WHERE ${c.sql} IS NOT NULL OR ${c.err} IS NOT NULL)` : `count(${c.sql})`)}, 0)`);
      } else parts.push('1');
    }
    return result(`CAST(${parts.join(' + ') || '0'} AS DOUBLE)`, 'number', []);
  },
};

// ---- MIN and MAX, the A forms, spread, MODE, LARGE and SMALL, RANK, percentiles, CORREL, GEOMEAN

type SqlArgs = (SqlArg | undefined)[];

/** How a range column's values count in SQL: a DOUBLE, NULL where the value is skipped. */
type Reader = (col: SqlExpr) => string;

/** A range value as MINA, MAXA and AVERAGEA read it: text is 0, TRUE 1, FALSE 0, empty is skipped. */
function valueA(v: Scalar): number | FormulaError | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return 0;
  if (isDate(v)) return v.serial;
  return v;
}

/** numbersOf for the A functions: values given directly read as numbersOf reads them, range values as valueA. */
function numbersA(args: readonly ScalarArg[]): number[] | FormulaError {
  const out: number[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    const xs = isRange(a) ? a.values.map(valueA) : numbersOf([a]);
    if (isFormulaError(xs)) return xs;
    for (const x of xs) {
      if (isFormulaError(x)) return x;
      if (x !== undefined) out.push(x);
    }
  }
  return out;
}

/** valueA in SQL, for one range column. */
function rangeValuesA(col: SqlExpr): string {
  if (col.type === 'text') return `CAST(CASE WHEN ${col.sql} IS NOT NULL THEN 0 END AS DOUBLE)`;
  if (col.type === 'boolean') return `CAST(${col.sql} AS DOUBLE)`;
  return rangeNumbers(col);
}

/** The numbers a statistic reads, in SQL. */
interface SqlNumbers {
  /** The column, when the numbers are one range's: aggregates then run over it directly. */
  column?: { range: SqlRange; x: string };
  /** Every number as one DOUBLE[], in argument order. */
  list: string;
  err: string | null;
}

/**
 * The numbers of `args` in SQL, read as numbersOf (or with `read`, numbersA) reads them;
 * `ordered` keeps a table's row order in the list, at the cost of a sort.
 */
function sqlNumbers(args: SqlArgs, read: Reader = rangeNumbers, ordered = false): SqlNumbers {
  const only = args.length === 1 && isSqlRange(args[0]) ? args[0] : undefined;
  const l = read === rangeNumbers && !ordered ? sqlNumberList(args) : numberList(args, read, ordered);
  return { column: only && { range: only, x: read(only.columns[0]!) }, list: l.list, err: l.err };
}

/** sqlNumberList with another reader for range columns, optionally in row order. */
function numberList(args: SqlArgs, read: Reader, ordered: boolean): { list: string; err: string | null } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (!isSqlRange(a)) {
      // A value given directly reads the same whatever the reader.
      const one = sqlNumberList([a]);
      parts.push(one.list);
      errs.push(one.err);
      continue;
    }
    const x = read(a.columns[0]!);
    const order = ordered && a.ordered ? ` ORDER BY ${a.alias}.rowid` : '';
    parts.push(`COALESCE(${aggregate(a, `list(${x}${order}) FILTER (WHERE ${x} IS NOT NULL)`)}, [])`);
    errs.push(rangeErr(a));
  }
  const list = parts.length === 0 ? 'CAST([] AS DOUBLE[])' : parts.reduce((acc, p) => `list_concat(${acc}, ${p})`);
  return { list, err: anyErr(...errs) };
}

/** A statistic over the numbers: `column(x)` aggregated over the one range, else `list(l)`. */
function over(n: SqlNumbers, column: (x: string) => string, list: (l: string) => string): string {
  return n.column ? aggregate(n.column.range, column(n.column.x)) : list(n.list);
}

const countOf = (n: SqlNumbers) => over(n, (x) => `count(${x})`, (l) => `len(${l})`);

/** The numbers sorted ascending, as one DOUBLE[]; a single range's is sorted once, by its aggregate. */
function sortedList(n: SqlNumbers): string {
  return n.column ? `COALESCE(${aggregate(n.column.range, `list(${n.column.x} ORDER BY ${n.column.x}) FILTER (WHERE ${n.column.x} IS NOT NULL)`)}, [])` : `list_sort(${n.list})`;
}

/**
 * Each argument's numbers folded to one SQL value, for statistics that combine (MIN of MINs):
 * a range by the aggregate `column(x)`, a value given directly by `value(v)`, NULL for an empty
 * one. Unlike a list of every number, nothing grows with the range on each row of a column formula.
 */
function perArgument(args: SqlArgs, read: Reader, column: (x: string) => string, value: (v: string) => string): { parts: string[]; err: string | null } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      parts.push(aggregate(a, column(read(a.columns[0]!))));
      errs.push(rangeErr(a));
    } else if (a.type === 'empty') errs.push(a.err);
    else {
      const v = num(a);
      parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NOT NULL THEN ${value(v.sql)} END` : value(v.sql));
      errs.push(v.err);
    }
  }
  return { parts: parts.length ? parts : ['CAST(NULL AS DOUBLE)'], err: anyErr(...errs) };
}

/** The sum of per-argument parts, an empty part counting 0. */
const total = (parts: string[]) => `(${parts.map((p) => `COALESCE(${p}, 0)`).join(' + ')})`;

/** A number as a DOUBLE literal. */
const double = (x: number) => literal(x).sql;

/** A statistic's SQL: its value, how many numbers it read (for `least`), and its inputs' errors. */
interface SqlStat {
  value: string;
  count?: string;
  err: string | null;
}

/** A statistic over the numbers as one column (a single range) or one list (several arguments). */
function overNumbers(column: (x: string) => string, list: (l: string) => string): (args: SqlArgs, read: Reader) => SqlStat {
  return (args, read) => {
    const n = sqlNumbers(args, read);
    return { value: over(n, column, list), count: countOf(n), err: n.err };
  };
}

/** A statistic of all its arguments' numbers, in both forms. */
interface Statistic {
  name: string;
  summary: string;
  example: FunctionSpec['example'];
  notes?: string;
  /** Ranges read as MINA, MAXA and AVERAGEA read them: text 0, TRUE 1, FALSE 0. */
  a?: boolean;
  /** Fewer numbers than `count` is the error `code` (STDEV.S of one number is #DIV/0!). */
  least?: { count: number; code: ErrorCode };
  /** The result can overflow: not finite is #NUM!. */
  overflows?: boolean;
  scalar(xs: number[]): number;
  sql(args: SqlArgs, read: Reader): SqlStat;
}

/** A Statistic as a catalog function: numbers read, too few of them an error, overflow #NUM!. */
function statistic(s: Statistic): FunctionSpec {
  return {
    name: s.name,
    category: 'statistics',
    summary: s.summary,
    params: [{ name: 'number', kind: 'range' }],
    repeat: 1,
    example: s.example,
    ...(s.notes ? { notes: s.notes } : {}),
    scalar(args) {
      const xs = s.a ? numbersA(args) : numbersOf(args);
      if (isFormulaError(xs)) return xs;
      if (s.least && xs.length < s.least.count) return new FormulaError(s.least.code, `${s.name} needs at least ${s.least.count} number${s.least.count === 1 ? '' : 's'}.`);
      const r = s.scalar(xs);
      return Number.isFinite(r) ? r : new FormulaError('#NUM!', `${s.name}: the result is too large.`);
    },
    sql(args) {
      const { value, count, err } = s.sql(args, s.a ? rangeValuesA : rangeNumbers);
      const short = s.least && count ? errWhen(`${count} < ${s.least.count}`, s.least.code) : null;
      if (!s.overflows) return result(value, 'number', [err, short]);
      return result(`CASE WHEN isfinite(${value}) THEN ${value} END`, 'number', [err, short, errWhen(`NOT isfinite(${value})`, '#NUM!')]);
    },
  };
}

/** The same function under another name (Excel's older spellings: STDEV for STDEV.S …). */
function alias(spec: FunctionSpec, name: string, example: FunctionSpec['example']): FunctionSpec {
  return { ...spec, name, example, notes: `The same as ${spec.name}${spec.notes ? `. ${spec.notes}` : '.'}` };
}

function smallest(xs: number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < m) m = x;
  return xs.length ? m : 0;
}

function largest(xs: number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  return xs.length ? m : 0;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** MIN and MAX (and the A forms) in SQL: the least or greatest of each argument's, 0 when none. */
function extreme(kind: 'min' | 'max'): Statistic['sql'] {
  return (args, read) => {
    const { parts, err } = perArgument(args, read, (x) => `${kind}(${x})`, (v) => v);
    const fold = parts.length === 1 ? parts[0]! : `${kind === 'min' ? 'least' : 'greatest'}(${parts.join(', ')})`;
    return { value: `COALESCE(${fold}, 0)`, err };
  };
}

const MIN = statistic({
  name: 'MIN',
  summary: 'The smallest number (0 when there are none; text and TRUE/FALSE in ranges are skipped).',
  example: { formula: '=MIN(4, 2, 9)', result: '2' },
  scalar: smallest,
  sql: extreme('min'),
});

const MAX = statistic({
  name: 'MAX',
  summary: 'The largest number (0 when there are none; text and TRUE/FALSE in ranges are skipped).',
  example: { formula: '=MAX(4, 2, 9)', result: '9' },
  scalar: largest,
  sql: extreme('max'),
});

const A_NOTE = 'In ranges, text counts as 0 and TRUE/FALSE as 1/0; empty cells are skipped.';

/** What MINA and MAXA share. */
function aForm(name: 'MINA' | 'MAXA', which: string): Pick<Statistic, 'name' | 'summary' | 'example' | 'notes' | 'a'> {
  return {
    name,
    summary: `The ${which} value, counting text in ranges as 0 and TRUE as 1 (0 when there are none).`,
    example: name === 'MINA' ? { formula: '=MINA(4, FALSE, 9)', result: '0' } : { formula: '=MAXA(-2, TRUE, -5)', result: '1' },
    notes: A_NOTE,
    a: true,
  };
}

const MINA = statistic({ ...aForm('MINA', 'smallest'), scalar: smallest, sql: extreme('min') });
const MAXA = statistic({ ...aForm('MAXA', 'largest'), scalar: largest, sql: extreme('max') });

const AVERAGEA = statistic({
  name: 'AVERAGEA',
  summary: 'The mean of the values, counting text in ranges as 0 and TRUE as 1.',
  example: { formula: '=AVERAGEA(2, TRUE, 3)', result: '2' },
  notes: A_NOTE,
  a: true,
  least: { count: 1, code: '#DIV/0!' },
  overflows: true,
  scalar: (xs) => sum(xs) / xs.length,
  sql(args, read) {
    const sums = perArgument(args, read, (x) => `sum(${x})`, (v) => v);
    const count = total(perArgument(args, read, (x) => `count(${x})`, () => '1').parts);
    return { value: `${total(sums.parts)} / ${count}`, count, err: sums.err };
  },
});

// DuckDB's variance raises an error (rather than returning infinity) when its sums overflow,
// which numbers beyond ±1e145 can make happen; those are scaled by 2^-600 first (exact: a power
// of two), in both forms, and the result scaled back.
const HUGE = 1e145;
const DOWN = 2 ** -600;
const UP = 2 ** 600;

type Spread = 'var_samp' | 'var_pop' | 'stddev_samp' | 'stddev_pop';

/** A variance or standard deviation by two passes, scaled as the SQL form scales. */
function spread(xs: number[], kind: Spread): number {
  const scaled = xs.some((x) => Math.abs(x) > HUGE);
  const ys = scaled ? xs.map((x) => x * DOWN) : xs;
  const mean = sum(ys) / ys.length;
  const squares = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
  const v = squares / (kind.endsWith('samp') ? ys.length - 1 : ys.length);
  if (kind.startsWith('var')) return scaled ? v * UP * UP : v;
  return scaled ? Math.sqrt(v) * UP : Math.sqrt(v);
}

/** spread() in SQL: DuckDB's Welford aggregate, over the scaled numbers when any is huge. */
function sqlSpread(kind: Spread): Statistic['sql'] {
  const up = kind.startsWith('var') ? `${double(UP)} * ${double(UP)}` : double(UP);
  const [huge, down] = [double(HUGE), double(DOWN)];
  return overNumbers(
    (x) => `CASE WHEN max(abs(${x})) > ${huge} THEN ${kind}(${x} * ${down}) * ${up} ELSE ${kind}(${x}) FILTER (WHERE abs(${x}) <= ${huge}) END`,
    (l) =>
      `CASE WHEN list_max(list_transform(${l}, lambda _v: abs(_v))) > ${huge} THEN list_${kind}(list_transform(${l}, lambda _v: _v * ${down})) * ${up} ` +
      `ELSE list_${kind}(list_filter(${l}, lambda _v: abs(_v) <= ${huge})) END`,
  );
}

function spreadFunction(name: string, kind: Spread, summary: string, example: FunctionSpec['example']): FunctionSpec {
  const sample = kind.endsWith('samp');
  return statistic({
    name,
    summary,
    example,
    least: { count: sample ? 2 : 1, code: '#DIV/0!' },
    overflows: true,
    scalar: (xs) => spread(xs, kind),
    sql: sqlSpread(kind),
  });
}

const STDEV_S = spreadFunction('STDEV.S', 'stddev_samp', 'The standard deviation of a sample (n − 1 in the denominator); #DIV/0! with fewer than two numbers.', {
  formula: '=STDEV.S(2, 4, 6)',
  result: '2',
});
const STDEV_P = spreadFunction('STDEV.P', 'stddev_pop', 'The standard deviation of a whole population (n in the denominator).', { formula: '=STDEV.P(2, 4, 4, 4, 5, 5, 7, 9)', result: '2' });
const VAR_S = spreadFunction('VAR.S', 'var_samp', 'The variance of a sample (n − 1 in the denominator); #DIV/0! with fewer than two numbers.', { formula: '=VAR.S(1, 2, 3, 4)', result: '1.66666666666667' });
const VAR_P = spreadFunction('VAR.P', 'var_pop', 'The variance of a whole population (n in the denominator).', { formula: '=VAR.P(1, 2, 3, 4)', result: '1.25' });

/** The most frequent number; on ties the one that appears first; undefined when none repeats. */
function modeOf(xs: number[]): number | undefined {
  // A Map keeps its keys in first-appearance order, so the first of equally frequent ones wins.
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: number | undefined;
  let most = 1;
  for (const [x, c] of counts) {
    if (c > most) [best, most] = [x, c];
  }
  return best;
}

const MODE_SNGL: FunctionSpec = {
  name: 'MODE.SNGL',
  category: 'statistics',
  summary: 'The most frequent number; #N/A when no number repeats.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'When several numbers are equally frequent, the one that appears first (in argument and row order) wins, as in Excel.',
  example: { formula: '=MODE.SNGL(1, 2, 2, 3)', result: '2' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    return modeOf(xs) ?? new FormulaError('#N/A', 'MODE: no number appears more than once.');
  },
  sql(args) {
    const n = sqlNumbers(args, rangeNumbers, true);
    let value: string;
    let repeats: string;
    if (n.column) {
      const { range, x } = n.column;
      // DuckDB's mode() breaks ties by first appearance, so the rows go to it in their order.
      const order = range.ordered ? ` ORDER BY ${range.alias}.rowid` : '';
      value = aggregate(range, `mode(${x}${order}) FILTER (WHERE ${x} IS NOT NULL)`);
      repeats = aggregate(range, `count(${x}) > count(DISTINCT ${x})`);
    } else {
      value = `list_aggregate(${n.list}, 'mode')`;
      repeats = `len(list_distinct(${n.list})) < len(${n.list})`;
    }
    return result(value, 'number', [n.err, errWhen(`NOT ${repeats}`, '#N/A')]);
  },
};

/** LARGE and SMALL: the k-th largest or smallest number of a range; k is rounded up. */
function kth(name: 'LARGE' | 'SMALL', example: FunctionSpec['example']): FunctionSpec {
  const large = name === 'LARGE';
  return {
    name,
    category: 'statistics',
    summary: `The k-th ${large ? 'largest' : 'smallest'} number of a range (k = 1 is the ${large ? 'largest' : 'smallest'}).`,
    params: [
      { name: 'array', kind: 'range' },
      { name: 'k' },
    ],
    notes: 'A fractional k is rounded up, as in Excel; k below 1 or beyond the count of numbers is #NUM!.',
    example,
    scalar(args) {
      const xs = numbersOf([args[0]]);
      if (isFormulaError(xs)) return xs;
      const k = numberArg(args, 1);
      if (isFormulaError(k)) return k;
      if (!(k >= 1 && Math.ceil(k) <= xs.length)) return new FormulaError('#NUM!', `${name}: k must be between 1 and the count of numbers (${xs.length}).`);
      const sorted = [...xs].sort((a, b) => a - b);
      const i = Math.ceil(k);
      return large ? sorted[sorted.length - i]! : sorted[i - 1]!;
    },
    sql(args) {
      const n = sqlNumbers([args[0]]);
      const k = sqlNum(args, 1);
      const count = countOf(n);
      // Clamped so the cast can never fail; out-of-range k is #NUM! anyway.
      const i = `CAST(least(greatest(ceil(${k.sql}), 1), ${count}) AS BIGINT)`;
      const index = large ? `${count} - ${i} + 1` : i;
      const bad = `NOT (${k.sql} >= 1 AND ceil(${k.sql}) <= ${count})`;
      return result(`${sortedList(n)}[${index}]`, 'number', [n.err, k.err, errWhen(bad, '#NUM!')]);
    },
  };
}

/** The argument's value when the compiler knows it (a literal), as a number. */
function constantNumber(e: SqlExpr): number | undefined {
  if (e.constant === undefined) return undefined;
  const n = toNumber(e.constant);
  return isFormulaError(n) ? undefined : n;
}

/**
 * RANK in SQL: `rank(descending)` is the rank of the number `n` among `ref`'s numbers, NULL when
 * it is not one of them.
 */
function sqlRankOf(ref: SqlArg | undefined, args: SqlArgs, n: string, ctx: SqlFunctionContext): { rank: (descending: boolean) => string; err: string | null } {
  if (!isSqlRange(ref)) {
    // A single value given as ref: a list of at most one number.
    const r = sqlArg(args, 1);
    const v = num(r);
    const present = r.type === 'empty' ? 'FALSE' : r.nullable ? `${r.sql} IS NOT NULL` : 'TRUE';
    return { rank: () => `CASE WHEN ${present} AND ${v.sql} = ${n} THEN 1 END`, err: r.type === 'empty' ? r.err : v.err };
  }
  const x = rangeNumbers(ref.columns[0]!);
  const err = rangeErr(ref);
  if (ref.inline) {
    const count = (cond: string) => `count(*) FILTER (WHERE ${cond})`;
    return { rank: (desc) => `CASE WHEN ${count(`${x} = ${n}`)} > 0 THEN 1 + ${count(`${x} ${desc ? '>' : '<'} ${n}`)} END`, err };
  }
  // The table ranked once by a window, then looked up by equality: a hash join in a column
  // formula, where counting the larger numbers for each row would compare every pair of rows.
  // OFFSET 0 keeps DuckDB from moving the lookup into the window (which then runs once per
  // distinct number) when `n` is an expression.
  return {
    rank: (desc) => {
      const w = ctx.alias();
      const ranked = `SELECT ${x} AS x, rank() OVER (ORDER BY ${x} ${desc ? 'DESC' : 'ASC'}) AS r FROM ${ref.from} AS ${ref.alias} WHERE ${x} IS NOT NULL OFFSET 0`;
      return `(SELECT min(${w}.r) FROM (${ranked}) AS ${w} WHERE ${w}.x = ${n})`;
    },
    err,
  };
}

const RANK_EQ: FunctionSpec = {
  name: 'RANK.EQ',
  category: 'statistics',
  summary: "A number's rank among a range's numbers: 1 for the largest (or, with order ≠ 0, the smallest); ties share the best rank.",
  params: [{ name: 'number' }, { name: 'ref', kind: 'range' }, { name: 'order', optional: true }],
  notes: 'Text, TRUE/FALSE and empty cells in ref are skipped; a number not in ref is #N/A.',
  example: { formula: '=RANK.EQ(4, {3,5,3,5,4})', result: '3' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const xs = numbersOf([args[1]]);
    if (isFormulaError(xs)) return xs;
    const order = numberArg(args, 2, 0);
    if (isFormulaError(order)) return order;
    if (!xs.includes(x)) return new FormulaError('#N/A', 'RANK: the number is not in the range.');
    return 1 + xs.filter((v) => (order === 0 ? v > x : v < x)).length;
  },
  sql(args, ctx) {
    const x = sqlNum(args, 0);
    const order = sqlNum(args, 2, 0);
    const { rank, err } = sqlRankOf(args[1], args, x.sql, ctx);
    const fixed = constantNumber(sqlArg(args, 2, 0));
    const value = fixed === undefined ? `CASE WHEN ${order.sql} = 0 THEN ${rank(true)} ELSE ${rank(false)} END` : rank(fixed === 0);
    return result(`CAST(${value} AS DOUBLE)`, 'number', [x.err, err, order.err, errWhen(`${value} IS NULL`, '#N/A')]);
  },
};

/** The k-th percentile (0 ≤ k ≤ 1) of sorted numbers, interpolated as DuckDB's quantile_cont does. */
function percentileOf(sorted: number[], k: number): number {
  const pos = k * (sorted.length - 1);
  const lo = Math.floor(pos);
  const d = pos - lo;
  return d === 0 ? sorted[lo]! : sorted[lo]! * (1 - d) + sorted[lo + 1]! * d;
}

/** PERCENTILE.INC's shape: the numbers of `array` and k, in both forms; QUARTILE gives k as quart / 4. */
interface PercentileShape {
  /** k from the second argument; an error for a k out of range. */
  k(x: number): number | FormulaError;
  /** The same in SQL: k, and the condition under which it is out of range. */
  sqlK(x: string): { k: string; bad: string };
}

function percentileScalar(name: string, args: ScalarArg[], shape: PercentileShape) {
  const xs = numbersOf([args[0]]);
  if (isFormulaError(xs)) return xs;
  const x = numberArg(args, 1);
  if (isFormulaError(x)) return x;
  const k = shape.k(x);
  if (isFormulaError(k)) return k;
  if (xs.length === 0) return new FormulaError('#NUM!', `${name} of no numbers.`);
  return percentileOf([...xs].sort((a, b) => a - b), k);
}

function percentileSql(args: SqlArgs, shape: PercentileShape): SqlExpr {
  const n = sqlNumbers([args[0]]);
  const x = sqlNum(args, 1);
  const { k, bad } = shape.sqlK(x.sql);
  const count = countOf(n);
  const errs = [n.err, x.err, errWhen(`${bad} OR ${count} = 0`, '#NUM!')];
  const fixed = constantNumber(sqlArg(args, 1));
  const fixedK = fixed === undefined ? undefined : shape.k(fixed);
  if (n.column && typeof fixedK === 'number') {
    // A constant k over one column: DuckDB's own quantile_cont, which interpolates as Excel does.
    return result(aggregate(n.column.range, `quantile_cont(${n.column.x}, ${double(fixedK)})`), 'number', errs);
  }
  // Otherwise (k varies by row, or several arguments) the same interpolation on the sorted list;
  // k is clamped so the index stays in the list whatever k is.
  const sorted = sortedList(n);
  const pos = `(greatest(0.0, least(1.0, ${k})) * (${count} - 1))`;
  const lo = `floor(${pos})`;
  const d = `(${pos} - ${lo})`;
  const at = (i: string) => `${sorted}[CAST(${i} AS BIGINT)]`;
  return result(`CASE WHEN ${d} = 0 THEN ${at(`${lo} + 1`)} ELSE ${at(`${lo} + 1`)} * (1 - ${d}) + ${at(`${lo} + 2`)} * ${d} END`, 'number', errs);
}

function percentileFunction(name: string, summary: string, param: string, shape: PercentileShape, example: FunctionSpec['example'], notes: string): FunctionSpec {
  return {
    name,
    category: 'statistics',
    summary,
    params: [{ name: 'array', kind: 'range' }, { name: param }],
    notes,
    example,
    scalar: (args) => percentileScalar(name, args, shape),
    sql: (args) => percentileSql(args, shape),
  };
}

const PERCENTILE_INC = percentileFunction(
  'PERCENTILE.INC',
  'The k-th percentile of a range (0 ≤ k ≤ 1), interpolating between neighbouring numbers.',
  'k',
  {
    k: (x) => (x >= 0 && x <= 1 ? x : new FormulaError('#NUM!', 'PERCENTILE: k must be between 0 and 1.')),
    sqlK: (x) => ({ k: x, bad: `NOT (${x} >= 0 AND ${x} <= 1)` }),
  },
  { formula: '=PERCENTILE.INC({1,2,3,4}, 0.3)', result: '1.9' },
  'The position is k × (n − 1) in the sorted numbers, interpolated linearly; k outside 0…1 or no numbers is #NUM!.',
);

const QUARTILE_INC = percentileFunction(
  'QUARTILE.INC',
  'A quartile of a range: 0 the minimum, 1 the 25th percentile, 2 the median, 3 the 75th, 4 the maximum.',
  'quart',
  {
    k: (x) => (x >= 0 && x < 5 ? Math.trunc(x) / 4 : new FormulaError('#NUM!', 'QUARTILE: quart must be 0, 1, 2, 3 or 4.')),
    sqlK: (x) => ({ k: `trunc(${x}) / 4`, bad: `NOT (${x} >= 0 AND ${x} < 5)` }),
  },
  { formula: '=QUARTILE.INC({1,2,4,7,8,9,10,12}, 1)', result: '3.5' },
  'A fractional quart is rounded down (4.5 reads as 4); quart below 0 or from 5 up is #NUM!. The same as PERCENTILE.INC with k = quart / 4.',
);

/** A range value as a number for CORREL: numbers and dates; anything else is skipped. */
function pairNumber(v: Scalar): number | undefined {
  return typeof v === 'number' ? v : isDate(v) ? v.serial : undefined;
}

/** Pearson's r of paired numbers; #DIV/0! when either side does not vary. */
function correlation(xs: number[], ys: number[]): number | FormulaError {
  const flat = (v: number[]) => v.every((x) => x === v[0]);
  const none = new FormulaError('#DIV/0!', 'CORREL: one of the arrays does not vary.');
  if (xs.length === 0 || flat(xs) || flat(ys)) return none;
  // Correlation does not change with scale: huge numbers are scaled down as the SQL form does.
  const fit = (v: number[]) => (v.some((x) => Math.abs(x) > HUGE) ? v.map((x) => x * DOWN) : v);
  const [a, b] = [fit(xs), fit(ys)];
  const [ma, mb] = [sum(a) / a.length, sum(b) / b.length];
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [a[i]! - ma, b[i]! - mb];
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const r = sab / (Math.sqrt(saa) * Math.sqrt(sbb));
  return Number.isFinite(r) ? Math.min(1, Math.max(-1, r)) : none;
}

const CORREL: FunctionSpec = {
  name: 'CORREL',
  category: 'statistics',
  summary: 'The correlation coefficient (Pearson’s r, −1 to 1) of two ranges of the same size.',
  params: [
    { name: 'array1', kind: 'range' },
    { name: 'array2', kind: 'range' },
  ],
  notes: 'Rows where either side is not a number (text, TRUE/FALSE, empty) are skipped. Ranges of different sizes are #N/A; a side that does not vary is #DIV/0!.',
  example: { formula: '=CORREL({3,2,4,5,6}, {9,7,12,15,17})', result: '0.997054485501581' },
  scalar(args) {
    const [a, b] = [rangeArg(args, 0), rangeArg(args, 1)];
    if (a.values.length !== b.values.length) return new FormulaError('#N/A', 'CORREL: the arrays must be the same size.');
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < a.values.length; i++) {
      const [x, y] = [a.values[i]!, b.values[i]!];
      if (isFormulaError(x)) return x;
      if (isFormulaError(y)) return y;
      const [nx, ny] = [pairNumber(x), pairNumber(y)];
      if (nx !== undefined && ny !== undefined) {
        xs.push(nx);
        ys.push(ny);
      }
    }
    return correlation(xs, ys);
  },
  sql(args) {
    const [a, b] = [args[0], args[1]];
    if (isSqlRange(a) && isSqlRange(b)) return correlSql(a, b);
    return correlOfValues(args);
  },
};

/** CORREL of two columns of one table. */
function correlSql(a: SqlRange, b: SqlRange): SqlExpr {
  const [cx, cy] = [rangeNumbers(a.columns[0]!), rangeNumbers(b.columns[0]!)];
  // Only rows where both are numbers count.
  const x = `(CASE WHEN ${cy} IS NOT NULL THEN ${cx} END)`;
  const y = `(CASE WHEN ${cx} IS NOT NULL THEN ${cy} END)`;
  const [huge, down] = [double(HUGE), double(DOWN)];
  const corr = (scaleX: boolean, scaleY: boolean) => {
    // Unscaled sides leave huge numbers out, so no variant can overflow (see spread()).
    const within = [scaleX ? '' : `abs(${x}) <= ${huge}`, scaleY ? '' : `abs(${y}) <= ${huge}`].filter(Boolean);
    const filter = within.length ? ` FILTER (WHERE ${within.join(' AND ')})` : '';
    return `corr(${scaleY ? `${y} * ${down}` : y}, ${scaleX ? `${x} * ${down}` : x})${filter}`;
  };
  const [bigX, bigY] = [`max(abs(${x})) > ${huge}`, `max(abs(${y})) > ${huge}`];
  const r = `(CASE WHEN ${bigX} AND ${bigY} THEN ${corr(true, true)} WHEN ${bigX} THEN ${corr(true, false)} WHEN ${bigY} THEN ${corr(false, true)} ELSE ${corr(false, false)} END)`;
  const flat = `count(${x}) = 0 OR min(${x}) = max(${x}) OR min(${y}) = max(${y})`;
  const value = aggregate(a, `CASE WHEN ${flat} THEN NULL WHEN isfinite(${r}) THEN greatest(-1.0, least(1.0, ${r})) END`);
  const err = rangeErr({ ...a, columns: [a.columns[0]!, b.columns[0]!] });
  return result(value, 'number', [err, errWhen(`${value} IS NULL`, '#DIV/0!')]);
}

/** CORREL where a side is a single value: one pair at most, so #DIV/0! (or #N/A beside a range of another size). */
function correlOfValues(args: SqlArgs): SqlExpr {
  const sideErr = (a: SqlArg | undefined) => (a === undefined ? null : isSqlRange(a) ? rangeErr(a) : a.err);
  const errs = anyErr(sideErr(args[0]), sideErr(args[1]));
  const range = [args[0], args[1]].find(isSqlRange);
  const sized = errs ? `COALESCE(${errs}, ${errCode('#DIV/0!')})` : errCode('#DIV/0!');
  const err = range ? `CASE WHEN ${aggregate(range, 'count(*)')} <> 1 THEN ${errCode('#N/A')} ELSE ${sized} END` : sized;
  return result('NULL', 'number', [err]);
}

const GEOMEAN: FunctionSpec = {
  name: 'GEOMEAN',
  category: 'statistics',
  summary: 'The geometric mean of positive numbers: the n-th root of their product.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'A number that is 0 or negative, or no numbers at all, is #NUM!.',
  example: { formula: '=GEOMEAN(2, 8)', result: '4' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0 || xs.some((x) => x <= 0)) return new FormulaError('#NUM!', 'GEOMEAN needs positive numbers.');
    // Through logarithms, so the product cannot overflow.
    return Math.exp(sum(xs.map(Math.log)) / xs.length);
  },
  sql(args) {
    // Per argument, so that a range is never copied into a list on each row of a column formula.
    const logs = perArgument(args, rangeNumbers, (x) => `sum(ln(CASE WHEN ${x} > 0 THEN ${x} END))`, (v) => `ln(CASE WHEN ${v} > 0 THEN ${v} END)`);
    const count = total(perArgument(args, rangeNumbers, (x) => `count(${x})`, () => '1').parts);
    const nonPositive = total(perArgument(args, rangeNumbers, (x) => `count(*) FILTER (WHERE ${x} <= 0)`, (v) => `CASE WHEN ${v} <= 0 THEN 1 ELSE 0 END`).parts);
    const bad = `${count} = 0 OR ${nonPositive} > 0`;
    return result(`exp(${total(logs.parts)} / ${count})`, 'number', [logs.err, errWhen(bad, '#NUM!')]);
  },
};

const COUNTBLANK: FunctionSpec = {
  name: 'COUNTBLANK',
  category: 'statistics',
  summary: 'How many cells of a range are empty or hold empty text ""; zeros are not blank.',
  params: [{ name: 'range', kind: 'range' }],
  propagate: false,
  notes: 'A single value in place of the range counts as a one-cell range. Errors are not blank.',
  example: { formula: '=COUNTBLANK({1,"",3})', result: '1' },
  scalar(args) {
    return rangeArg(args, 0).values.filter((v) => v === null || v === '').length;
  },
  sql(args) {
    const a = args[0];
    const c = isSqlRange(a) ? a.columns[0]! : sqlArg(args, 0);
    const blank = c.type === 'text' ? `(${c.sql} IS NULL OR ${c.sql} = '')` : `${c.sql} IS NULL`;
    // Where err holds an error the value is NULL: that is not a blank.
    const cond = c.err ? `${c.err} IS NULL AND ${blank}` : blank;
    const count = isSqlRange(a) ? `COALESCE(${aggregate(a, `count(*) FILTER (WHERE ${cond})`)}, 0)` : `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
    return result(`CAST(${count} AS DOUBLE)`, 'number', []);
  },
};

// ---- conditional aggregates: SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS, MINIFS and their one-criterion forms

type IfsKind = 'sum' | 'count' | 'average' | 'max' | 'min';

/** The (range, criterion) pairs of an IFS call, and the range whose values are aggregated. */
interface IfsShape {
  /** Index of the aggregated range, or undefined (COUNTIFS counts rows). */
  value?: number;
  /** Indexes of criteria ranges and their criteria. */
  pairs: [number, number][];
}

function ifsScalar(kind: IfsKind, name: string, args: ScalarArg[], shape: IfsShape): Scalar {
  const ranges = shape.pairs.map(([r]) => asRange(args[r]));
  const target = shape.value === undefined ? undefined : asRange(args[shape.value]);
  const size = (target ?? ranges[0]!).values.length;
  if ([...ranges, ...(target ? [target] : [])].some((r) => r.values.length !== size)) {
    return new FormulaError('#VALUE!', `${name}: its ranges must all be the same size.`);
  }
  const criteria = shape.pairs.map(([, c]) => parseCriterion(args[c] as Scalar));
  const picked: number[] = [];
  let count = 0;
  for (let i = 0; i < size; i++) {
    if (!criteria.every((c, j) => matches(c, ranges[j]!.values[i]!))) continue;
    count++;
    if (!target) continue;
    const v = target.values[i]!;
    if (isFormulaError(v)) return v;
    if (typeof v === 'number') picked.push(v);
    else if (isDate(v)) picked.push(v.serial);
  }
  switch (kind) {
    case 'count':
      return count;
    case 'sum':
      return picked.reduce((a, b) => a + b, 0);
    case 'average':
      return picked.length === 0 ? new FormulaError('#DIV/0!', `${name}: no numbers match.`) : picked.reduce((a, b) => a + b, 0) / picked.length;
    case 'max':
      return largest(picked);
    case 'min':
      return smallest(picked);
  }
}

function asRange(a: ScalarArg): RangeValue {
  return a === undefined ? new RangeValue(0, 0, []) : isRange(a) ? a : RangeValue.of(a);
}

function ifsSql(kind: IfsKind, args: (SqlArg | undefined)[], shape: IfsShape) {
  const rangeIndexes = [...(shape.value !== undefined ? [shape.value] : []), ...shape.pairs.map(([r]) => r)];
  const ranges = rangeIndexes.map((i) => args[i]);
  if (!ranges.every(isSqlRange)) {
    // A range given as a single value (not a table column): compare it as a one-row range.
    return result('NULL', 'number', [errCode('#VALUE!')]);
  }
  const first = ranges[0] as SqlRange;
  const conditions = shape.pairs.map(([r, c]) => {
    const col = (args[r] as SqlRange).columns[0]!;
    const match = sqlMatches(col, sqlArg(args, c));
    // An error never matches (as in `matches`); its value is NULL, which "" and "<>x" would take.
    return col.err ? `(${col.err} IS NULL AND ${match})` : match;
  });
  const where = conditions.length ? conditions.join(' AND ') : 'TRUE';
  const criteriaErrs = shape.pairs.map(([, c]) => sqlArg(args, c).err);
  const target = shape.value === undefined ? undefined : (args[shape.value] as SqlRange).columns[0]!;
  const x = target && rangeNumbers(target);
  const agg = (fn: string) => aggregate(first, `${fn} FILTER (WHERE ${where})`);
  // An error on a matching row of the aggregated range is the answer, as in the scalar form.
  const errs = [...criteriaErrs, target?.err ? agg(`min(${target.err})`) : null];
  switch (kind) {
    case 'count':
      return result(`CAST(COALESCE(${agg('count(*)')}, 0) AS DOUBLE)`, 'number', criteriaErrs);
    case 'sum':
      return result(`COALESCE(${agg(`sum(${x})`)}, 0)`, 'number', errs);
    case 'max':
    case 'min':
      return result(`COALESCE(${agg(`${kind}(${x})`)}, 0)`, 'number', errs);
    case 'average': {
      const avg = agg(`avg(${x})`);
      return result(avg, 'number', [anyErr(...errs), `CASE WHEN ${avg} IS NULL THEN '#DIV/0!' END`]);
    }
  }
}

function ifs(kind: IfsKind, name: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  const counts = kind === 'count';
  const shape = (n: number): IfsShape => {
    const start = counts ? 0 : 1;
    const pairs: [number, number][] = [];
    for (let i = start; i + 1 < n; i += 2) pairs.push([i, i + 1]);
    return { value: counts ? undefined : 0, pairs };
  };
  return {
    name,
    category: 'statistics',
    summary,
    params: [
      ...(counts ? [] : [{ name: `${kind}_range`, kind: 'range' as const }]),
      { name: 'criteria_range', kind: 'range' },
      { name: 'criterion' },
    ],
    repeat: 2,
    example,
    scalar: (args) => ifsScalar(kind, name, args, shape(args.length)),
    sql: (args) => ifsSql(kind, args, shape(args.length)),
  };
}

/** SUMIF(range, criterion, [sum_range]) and friends: the one-criterion forms, value range last. */
function ifOne(kind: 'sum' | 'count' | 'average', name: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  const shape = (args: unknown[]): IfsShape => ({ value: kind === 'count' ? undefined : args[2] !== undefined ? 2 : 0, pairs: [[0, 1]] });
  return {
    name,
    category: 'statistics',
    summary,
    params: [{ name: 'range', kind: 'range' }, { name: 'criterion' }, ...(kind === 'count' ? [] : [{ name: `${kind}_range`, kind: 'range' as const, optional: true }])],
    example,
    scalar: (args) => ifsScalar(kind, name, args, shape(args)),
    sql: (args) => ifsSql(kind, args, shape(args)),
  };
}

export const STATISTICS_FUNCTIONS: FunctionSpec[] = [
  AVERAGE,
  AVERAGEA,
  MEDIAN,
  MODE_SNGL,
  alias(MODE_SNGL, 'MODE', { formula: '=MODE(5, 1, 5, 1, 3)', result: '5' }),
  GEOMEAN,
  MIN,
  MAX,
  MINA,
  MAXA,
  kth('LARGE', { formula: '=LARGE({3,5,3,5,4}, 3)', result: '4' }),
  kth('SMALL', { formula: '=SMALL({3,5,3,5,4}, 2)', result: '3' }),
  RANK_EQ,
  alias(RANK_EQ, 'RANK', { formula: '=RANK(3, {3,5,3,5,4}, 1)', result: '1' }),
  PERCENTILE_INC,
  alias(PERCENTILE_INC, 'PERCENTILE', { formula: '=PERCENTILE({1,2,3,4}, 0.75)', result: '3.25' }),
  QUARTILE_INC,
  alias(QUARTILE_INC, 'QUARTILE', { formula: '=QUARTILE({1,2,4,7,8,9,10,12}, 3)', result: '9.25' }),
  STDEV_S,
  STDEV_P,
  alias(STDEV_S, 'STDEV', { formula: '=STDEV(1, 3, 5, 7)', result: '2.58198889747161' }),
  VAR_S,
  VAR_P,
  alias(VAR_S, 'VAR', { formula: '=VAR(1, 2, 3, 4)', result: '1.66666666666667' }),
  CORREL,
  COUNT,
  COUNTA,
  COUNTBLANK,
  ifs('sum', 'SUMIFS', 'Adds the values whose rows match every criterion.', { formula: '=SUMIFS({1,2,3}, {"a","b","a"}, "a")', result: '4' }),
  ifs('count', 'COUNTIFS', 'Counts the rows that match every criterion, such as ">30" or "SFO".', { formula: '=COUNTIFS({1,5,9}, ">3")', result: '2' }),
  ifs('average', 'AVERAGEIFS', 'The mean of the values whose rows match every criterion.', { formula: '=AVERAGEIFS({2,4,9}, {1,1,0}, 1)', result: '3' }),
  ifs('max', 'MAXIFS', 'The largest value among the rows that match every criterion.', { formula: '=MAXIFS({2,4,9}, {"x","x","y"}, "x")', result: '4' }),
  ifs('min', 'MINIFS', 'The smallest value among the rows that match every criterion.', { formula: '=MINIFS({2,4,9}, {"x","y","y"}, "y")', result: '4' }),
  ifOne('sum', 'SUMIF', 'Adds the values that match one criterion (or the values of sum_range on those rows).', { formula: '=SUMIF({1,5,9}, ">3")', result: '14' }),
  ifOne('count', 'COUNTIF', 'Counts the values that match one criterion; "*" and "?" are wildcards.', { formula: '=COUNTIF({"apple","avocado","kiwi"}, "a*")', result: '2' }),
  ifOne('average', 'AVERAGEIF', 'The mean of the values that match one criterion.', { formula: '=AVERAGEIF({1,5,9}, ">3")', result: '7' }),
];
