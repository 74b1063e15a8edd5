import type { FunctionSpec, ScalarArg } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { finiteOr, power } from '../operators';
import { aggregate, errCode, errWhen, finite, num, rangeErr, rangeNumbers, result } from '../sql/coerce';
import { power as sqlPower } from '../sql/operators';
import { isSqlRange, type SqlArg, type SqlExpr } from '../sql/types';
import { isDate, isRange, RangeValue, type Scalar } from '../values';
import { numberArg, numbersOf, numeric, sqlNum, sqlNumberList } from './helpers';

/**
 * Rounds as Excel does: on the number's 15 significant digits, half away from zero, so
 * ROUND(1.005, 2) is 1.01 (the double nearest 1.005 is a hair below it). The digits are shifted
 * through the decimal text, not by multiplying, which would bring the binary error back. Rounding
 * past the 15th digit leaves those 15 digits (ROUND(1E300, 100) is 1E+300).
 */
export function roundDigits(x: number, digits: number, mode: 'nearest' | 'up' | 'down'): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.max(-ROUND_LIMIT, Math.min(ROUND_LIMIT, Math.trunc(digits)));
  const [mantissa, exponentText] = x.toExponential(14).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent + d >= 15) return Number(`${mantissa}e${exponent}`);
  const shifted = Number(`${mantissa}e${exponent + d}`);
  const a = Math.abs(shifted);
  const f = Math.floor(a);
  const r = mode === 'up' ? Math.ceil(a) : mode === 'down' ? f : a - f >= 0.5 ? f + 1 : f;
  const signed = shifted < 0 ? -r : r;
  const back = d >= 0 ? signed / 10 ** d : signed * 10 ** -d;
  return back === 0 ? 0 : back;
}

/** Digit counts past this shift every double to 0 or infinity; clamped, as DuckDB's INTEGER needs. */
const ROUND_LIMIT = 330;

/**
 * roundDigits in SQL: the same shift through `printf('%.14e')`'s text. Each step is bound once per
 * value through a one-element list's lambda: DuckDB would repeat the printf in every CASE branch.
 */
export function sqlRoundDigits(x: string, digits: string, mode: 'nearest' | 'up' | 'down'): string {
  const d = `CAST(least(greatest(trunc(${digits}), -${ROUND_LIMIT}), ${ROUND_LIMIT}) AS INTEGER)`;
  const a = 'abs(_v)';
  const r = mode === 'up' ? `ceil(${a})` : mode === 'down' ? `floor(${a})` : `CASE WHEN ${a} - floor(${a}) >= 0.5 THEN floor(${a}) + 1 ELSE floor(${a}) END`;
  const signed = `(CASE WHEN _v < 0 THEN -1 ELSE 1 END * ${r})`;
  const back = `CASE WHEN ${d} >= 0 THEN ${signed} / pow(10, ${d}) ELSE ${signed} * pow(10, -${d}) END`;
  const exponent = `CAST(split_part(_s, 'e', 2) AS INTEGER)`;
  const shifted = `CAST(split_part(_s, 'e', 1) || 'e' || (${exponent} + ${d}) AS DOUBLE)`;
  const onText = `CASE WHEN ${exponent} + ${d} >= 15 THEN CAST(_s AS DOUBLE) ELSE list_transform([${shifted}], _v -> ${back})[1] END`;
  return `(CASE WHEN isfinite(${x}) THEN list_transform([printf('%.14e', ${x})], _s -> ${onText})[1] ELSE ${x} END + 0.0)`;
}

const SUM: FunctionSpec = {
  name: 'SUM',
  category: 'math',
  summary: 'Adds numbers: values, ranges and table columns (text and TRUE/FALSE in ranges are skipped).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=SUM(1, 2, 3)', result: '6' },
  scalar(args) {
    const xs = numbersOf(args);
    return isFormulaError(xs) ? xs : xs.reduce((a, b) => a + b, 0);
  },
  sql(args) {
    const parts: string[] = [];
    const errs: (string | null)[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        parts.push(`COALESCE(${aggregate(a, `sum(${rangeNumbers(a.columns[0]!)})`)}, 0)`);
        errs.push(rangeErr(a));
      } else if (a.type !== 'empty') {
        const n = num(a);
        parts.push(n.sql);
        errs.push(n.err);
      } else errs.push(a.err);
    }
    return result(parts.length ? `(${parts.join(' + ')})` : 'CAST(0 AS DOUBLE)', 'number', errs);
  },
};

const ROUND_SUMMARY = {
  nearest: 'Rounds to a number of digits, halves away from zero (negative digits round left of the point).',
  up: 'Rounds away from zero to a number of digits.',
  down: 'Rounds toward zero to a number of digits.',
};

function rounding(name: string, mode: 'nearest' | 'up' | 'down', example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    ROUND_SUMMARY[mode],
    ['number', { name: 'digits', optional: name !== 'ROUND' }],
    example,
    (x, d = 0) => roundDigits(x, d, mode),
    (x, d = '0') => sqlRoundDigits(x, d, mode),
    [undefined, name === 'ROUND' ? undefined : 0],
  );
}

const MOD: FunctionSpec = {
  name: 'MOD',
  category: 'math',
  summary: 'The remainder of a division, with the sign of the divisor (MOD(-3, 2) is 1).',
  params: [{ name: 'number' }, { name: 'divisor' }],
  example: { formula: '=MOD(-3, 2)', result: '1' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const y = numberArg(args, 1);
    if (isFormulaError(y)) return y;
    if (y === 0) return new FormulaError('#DIV/0!', 'MOD by zero.');
    const r = x - y * Math.floor(x / y);
    return r === 0 ? 0 : r;
  },
  sql(args) {
    const x = sqlNum(args, 0);
    const y = sqlNum(args, 1);
    return result(`CASE WHEN ${y.sql} = 0 THEN NULL ELSE (${x.sql} - ${y.sql} * floor(${x.sql} / ${y.sql})) + 0.0 END`, 'number', [x.err, y.err, errWhen(`${y.sql} = 0`, '#DIV/0!')]);
  },
};

// ---- shared pieces of the functions below

const NUM = (message: string) => new FormulaError('#NUM!', message);
/** 2^53: integers up to here are exact doubles; GCD and LCM take nothing larger, as in Excel. */
const EXACT = 9007199254740992;
const EXACT_SQL = '9007199254740992';

/**
 * x on 15 significant digits, as Excel keeps results: so 1.3 / 0.1 is 13 (not
 * 13.000000000000002) before CEILING or QUOTIENT look at it.
 */
function sig15(x: number): number {
  return Number(x.toExponential(14)) + 0;
}

/** sig15 in SQL, through the same decimal text (`printf('%.14e')` writes what toExponential(14) does). */
function sqlSig15(x: string): string {
  return `CAST(printf('%.14e', ${x}) AS DOUBLE)`;
}

/** A spec made by numeric(), with notes for the reference. */
const withNotes = (spec: FunctionSpec, notes: string): FunctionSpec => ({ ...spec, notes });

const ON_15_DIGITS = 'The quotient is taken on 15 significant digits, as Excel keeps numbers: in binary 1.3 / 0.1 is a hair above 13, yet CEILING(1.3, 0.1) is 1.3.';

type Step = 'ceil' | 'floor' | 'round' | 'trunc';

/** Half away from zero, as Excel rounds (Math.round rounds -2.5 to -2). */
const roundHalfAway = (q: number) => Math.sign(q) * Math.floor(Math.abs(q) + 0.5);
const STEP: Record<Step, (q: number) => number> = { ceil: Math.ceil, floor: Math.floor, round: roundHalfAway, trunc: Math.trunc };
const SQL_STEP: Record<Step, (q: string) => string> = {
  ceil: (q) => `ceil(${q})`,
  floor: (q) => `floor(${q})`,
  round: (q) => `(sign(${q}) * floor(abs(${q}) + 0.5))`,
  trunc: (q) => `trunc(${q})`,
};

/** x as a whole multiple of s (s not 0), the count chosen by `step` on 15 significant digits. */
function toMultiple(x: number, s: number, step: Step): number {
  return sig15(STEP[step](sig15(x / s)) * s);
}

function sqlToMultiple(x: string, s: string, step: Step): string {
  return sqlSig15(`${SQL_STEP[step](sqlSig15(`(${x}) / (${s})`))} * (${s})`);
}

/** SQL's sign of a number, as the DOUBLE 1 or -1 (0 counts as positive, as Excel's EVEN and ODD treat it). */
const sqlSignOf = (x: string) => `CASE WHEN ${x} < 0 THEN -1.0 ELSE 1.0 END`;

/**
 * TRUNC to `digits` on 15 significant digits. Digits far beyond the number's own are answered
 * directly: roundDigits would shift the number out of the double range (and sqlRoundDigits would
 * fail to cast them to INTEGER).
 */
function truncDigits(x: number, digits: number): number {
  const e = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  const d = Math.trunc(digits);
  if (e + d >= 15) return sig15(x);
  if (e + d < -1) return 0;
  return roundDigits(x, d, 'down');
}

function sqlTruncDigits(x: string, digits: string): string {
  const e = `(CASE WHEN ${x} = 0 THEN 0 ELSE floor(log10(abs(${x}))) END)`;
  const d = `trunc(${digits})`;
  return `CASE WHEN ${e} + ${d} >= 15 THEN ${sqlSig15(x)} WHEN ${e} + ${d} < -1 THEN CAST(0 AS DOUBLE) ELSE ${sqlRoundDigits(x, d, 'down')} END`;
}

// ---- sums and products over ranges

/**
 * Each argument's part in SQL, read as numbersOf reads them: a range aggregated with
 * `column(x)` over its numbers, a direct value mapped with `value(n)`; an empty direct value is
 * NULL (skipped), as numbersOf skips it.
 */
function sqlNumberParts(args: (SqlArg | undefined)[], column: (x: string) => string, value: (n: string) => string): { parts: string[]; errs: (string | null)[] } {
  const parts: string[] = [];
  const errs: (string | null)[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      parts.push(aggregate(a, column(rangeNumbers(a.columns[0]!))));
      errs.push(rangeErr(a));
    } else if (a.type === 'empty') errs.push(a.err);
    else {
      const n = num(a);
      parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN NULL ELSE ${value(n.sql)} END` : value(n.sql));
      errs.push(n.err);
    }
  }
  return { parts, errs };
}

const PRODUCT: FunctionSpec = {
  name: 'PRODUCT',
  category: 'math',
  summary: 'Multiplies numbers: values, ranges and table columns (text, TRUE/FALSE and empty cells in ranges are skipped; no numbers at all is 0).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=PRODUCT(2, 3, 4)', result: '24' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    return xs.length === 0 ? 0 : finiteOr(xs.reduce((a, b) => a * b, 1));
  },
  sql(args) {
    // product() is NULL over no numbers, and list_product skips NULLs: all NULL is "no numbers".
    const { parts, errs } = sqlNumberParts(args, (x) => `product(${x})`, (n) => n);
    const f = finite(`COALESCE(list_product([${parts.join(', ') || 'CAST(NULL AS DOUBLE)'}]), 0)`);
    return result(f.value, 'number', [...errs, f.err]);
  },
};

const SUMSQ: FunctionSpec = {
  name: 'SUMSQ',
  category: 'math',
  summary: 'The sum of the squares of the numbers (text, TRUE/FALSE and empty cells in ranges are skipped).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  example: { formula: '=SUMSQ(3, 4)', result: '25' },
  scalar(args) {
    const xs = numbersOf(args);
    if (isFormulaError(xs)) return xs;
    return finiteOr(xs.reduce((a, b) => a + b * b, 0));
  },
  sql(args) {
    const { parts, errs } = sqlNumberParts(args, (x) => `sum(${x} * ${x})`, (n) => `${n} * ${n}`);
    const f = finite(parts.length ? `(${parts.map((p) => `COALESCE(${p}, 0)`).join(' + ')})` : 'CAST(0 AS DOUBLE)');
    return result(f.value, 'number', [...errs, f.err]);
  },
};

/** A cell's number in SUMPRODUCT: numbers and dates count, anything else is 0. */
function productNumber(v: Scalar): number {
  return typeof v === 'number' ? v : isDate(v) ? v.serial : 0;
}

/** A value's number in SUMPRODUCT's SQL, as productNumber reads it (rangeNumbers is NULL for text and booleans). */
const sqlProductNumber = (e: SqlExpr) => `COALESCE(${rangeNumbers(e)}, 0)`;

const SUMPRODUCT: FunctionSpec = {
  name: 'SUMPRODUCT',
  category: 'math',
  summary: 'Multiplies ranges of the same size position by position and adds the products; text, TRUE/FALSE and empty cells count as 0.',
  params: [{ name: 'array', kind: 'range' }],
  repeat: 1,
  notes: 'The ranges must be the same size (#VALUE! otherwise) and, over tables, columns of one table: SUMPRODUCT(sales[qty], sales[price]) is the sum of qty × price over the rows. A single value counts as a 1×1 range.',
  example: { formula: '=SUMPRODUCT({1,2,3}, {4,5,6})', result: '32' },
  scalar(args) {
    const arrays = args.filter((a): a is Exclude<ScalarArg, undefined> => a !== undefined).map((a) => (isRange(a) ? a : RangeValue.of(a)));
    const first = arrays[0];
    if (!first) return new FormulaError('#VALUE!', 'SUMPRODUCT needs at least one range.');
    if (arrays.some((r) => r.rows !== first.rows || r.cols !== first.cols)) return new FormulaError('#VALUE!', 'SUMPRODUCT: its ranges must all be the same size.');
    for (const r of arrays) {
      const e = r.values.find(isFormulaError);
      if (e) return e;
    }
    let total = 0;
    for (let i = 0; i < first.values.length; i++) total += arrays.reduce((p, r) => p * productNumber(r.values[i]!), 1);
    return finiteOr(total);
  },
  sql(args) {
    const present = args.filter((a): a is SqlArg => a !== undefined);
    const ranges = present.filter(isSqlRange);
    const values = present.filter((a): a is SqlExpr => !isSqlRange(a));
    const valueErrs = values.map((v) => v.err);
    const valueProduct = values.map(sqlProductNumber).join(' * ');
    const first = ranges[0];
    if (!first) {
      const f = finite(`(${valueProduct})`);
      return result(f.value, 'number', [...valueErrs, f.err]);
    }
    const width = first.columns.length;
    if (ranges.some((r) => r.columns.length !== width) || (values.length > 0 && width !== 1)) return result('NULL', 'number', [errCode('#VALUE!')]);
    const terms = first.columns.map((_, j) => ranges.map((r) => sqlProductNumber(r.columns[j]!)).join(' * '));
    const sum = `COALESCE(${aggregate(first, `sum(${terms.join(' + ')})`)}, 0)`;
    // A single value beside a range is a 1×1 range: it fits only a one-row table.
    const shape = values.length > 0 ? errWhen(`${aggregate(first, 'count(*)')} <> 1`, '#VALUE!') : null;
    const f = finite(values.length > 0 ? `(${sum} * ${valueProduct})` : sum);
    return result(f.value, 'number', [shape, ...ranges.map(rangeErr), ...valueErrs, f.err]);
  },
};

// ---- GCD and LCM

/** The numbers of GCD / LCM: each truncated; negative or from 2^53 on is #NUM!. */
function wholeNumbers(name: string, args: ScalarArg[]): number[] | FormulaError {
  const xs = numbersOf(args);
  if (isFormulaError(xs)) return xs;
  if (xs.some((x) => x < 0)) return NUM(`${name} takes no negative numbers.`);
  if (xs.some((x) => x >= EXACT)) return NUM(`${name} takes numbers below 2^53.`);
  return xs.map(Math.trunc);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The SQL numbers of GCD / LCM, and the #NUM! for negative or too large ones. */
function sqlWholeNumbers(args: (SqlArg | undefined)[]): { list: string; valid: string; errs: (string | null)[] } {
  const { list, err } = sqlNumberList(args);
  const valid = `COALESCE(list_min(${list}) >= 0 AND list_max(${list}) < ${EXACT_SQL}, TRUE)`;
  return { list: `[trunc(_x) for _x in ${list}]`, valid, errs: [err, errWhen(`NOT ${valid}`, '#NUM!')] };
}

const GCD: FunctionSpec = {
  name: 'GCD',
  category: 'math',
  summary: 'The greatest common divisor of whole numbers (fractions are truncated).',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'Negative numbers and numbers from 2^53 on are #NUM!, as in Excel. No numbers at all gives 0.',
  example: { formula: '=GCD(24, 36)', result: '12' },
  scalar(args) {
    const xs = wholeNumbers('GCD', args);
    return isFormulaError(xs) ? xs : xs.reduce(gcd, 0);
  },
  sql(args) {
    const { list, valid, errs } = sqlWholeNumbers(args);
    const value = `CAST(list_reduce(CAST(${list} AS BIGINT[]), lambda _a, _b: gcd(_a, _b), CAST(0 AS BIGINT)) AS DOUBLE)`;
    return result(`CASE WHEN ${valid} THEN ${value} END`, 'number', errs);
  },
};

const LCM: FunctionSpec = {
  name: 'LCM',
  category: 'math',
  summary: 'The least common multiple of whole numbers (fractions are truncated); 0 when any of them is 0.',
  params: [{ name: 'number', kind: 'range' }],
  repeat: 1,
  notes: 'Negative numbers, numbers from 2^53 on and a multiple from 2^53 on are #NUM!. No numbers at all gives 0.',
  example: { formula: '=LCM(4, 6)', result: '12' },
  scalar(args) {
    const xs = wholeNumbers('LCM', args);
    if (isFormulaError(xs)) return xs;
    if (xs.length === 0 || xs.some((x) => x === 0)) return 0;
    // Once the multiple passes 2^53 it is an error whatever follows; it stays there.
    const m = xs.reduce((acc, b) => (acc >= EXACT ? acc : (acc / gcd(acc, b)) * b), 1);
    return m >= EXACT ? NUM('LCM: the multiple is 2^53 or more.') : m;
  },
  sql(args) {
    const { list, valid, errs } = sqlWholeNumbers(args);
    const step = `CASE WHEN _a >= ${EXACT_SQL} THEN _a ELSE _a / gcd(CAST(_a AS BIGINT), CAST(_b AS BIGINT)) * _b END`;
    const m = `list_reduce(${list}, lambda _a, _b: ${step}, CAST(1 AS DOUBLE))`;
    // All of them are >= 0 here, so a minimum below 1 is a 0 (after truncation).
    const value = `CASE WHEN COALESCE(list_min(${list}) < 1, TRUE) THEN CAST(0 AS DOUBLE) ELSE ${m} END`;
    return result(`CASE WHEN ${valid} AND ${value} < ${EXACT_SQL} THEN ${value} END`, 'number', [...errs, errWhen(`${valid} AND ${value} >= ${EXACT_SQL}`, '#NUM!')]);
  },
};

// ---- powers, logarithms, trigonometry

const POWER: FunctionSpec = {
  name: 'POWER',
  category: 'math',
  summary: 'A number raised to a power, as number ^ power (0^0 and a negative number to a fraction are #NUM!).',
  params: [{ name: 'number' }, { name: 'power' }],
  example: { formula: '=POWER(2, 10)', result: '1024' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const y = numberArg(args, 1);
    return isFormulaError(y) ? y : power(x, y);
  },
  sql: (args) => sqlPower(sqlNum(args, 0), sqlNum(args, 1)),
};

/** A logarithm in SQL, only asked of positive numbers (DuckDB's ln throws at 0 and below). */
function positiveOnly(name: string, fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (x > 0 ? fn(x) : NUM(`${name} takes only positive numbers.`)),
    (x) => ({ value: `CASE WHEN ${x} > 0 THEN ${sqlFn}(${x}) END`, err: errWhen(`${x} <= 0`, '#NUM!') }),
  );
}

/** LOG's quotient: base 10 through log10 so LOG(1000) is exactly 3. */
function logBase(x: number, b: number): number {
  return b === 10 ? Math.log10(x) : Math.log(x) / Math.log(b);
}

const LOG = withNotes(
  numeric(
    'LOG',
    'math',
    'The logarithm of a positive number to a base (10 when left out).',
    ['number', { name: 'base', optional: true }],
    { formula: '=LOG(8, 2)', result: '3' },
    (x, b = 10) => (x <= 0 || b <= 0 ? NUM('LOG takes only positive numbers and bases.') : b === 1 ? new FormulaError('#DIV/0!', 'LOG to base 1 divides by ln(1) = 0.') : logBase(x, b)),
    (x, b = '10') => ({
      value: `CASE WHEN ${x} > 0 AND ${b} > 0 AND ${b} <> 1 THEN (CASE WHEN ${b} = 10 THEN log10(${x}) ELSE ln(${x}) / ln(${b}) END) END`,
      err: `CASE WHEN ${x} <= 0 OR ${b} <= 0 THEN ${errCode('#NUM!')} WHEN ${b} = 1 THEN ${errCode('#DIV/0!')} END`,
    }),
    [undefined, 10],
  ),
  'LOG to base 1 is #DIV/0! (it divides by ln 1 = 0), as in Excel.',
);

/** 2^27: Excel's SIN, COS and TAN give #NUM! from here on (too few digits are left for the angle). */
const TRIG_LIMIT = 134217728;

function trig(name: string, fn: (x: number) => number, sqlFn: string, example: FunctionSpec['example']): FunctionSpec {
  const spec = numeric(
    name,
    'math',
    `The ${name === 'SIN' ? 'sine' : name === 'COS' ? 'cosine' : 'tangent'} of an angle in radians (RADIANS converts degrees).`,
    ['number'],
    example,
    (x) => (Math.abs(x) < TRIG_LIMIT ? fn(x) : NUM(`${name} takes angles below 2^27 in size.`)),
    (x) => ({ value: `CASE WHEN abs(${x}) < ${TRIG_LIMIT} THEN ${sqlFn}(${x}) END`, err: errWhen(`abs(${x}) >= ${TRIG_LIMIT}`, '#NUM!') }),
  );
  return withNotes(spec, 'Angles of 2^27 (134,217,728) or more in size are #NUM!, as in Excel.');
}

function inverseTrig(name: string, fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (Math.abs(x) <= 1 ? fn(x) : NUM(`${name} takes numbers from -1 to 1.`)),
    (x) => ({ value: `CASE WHEN abs(${x}) <= 1 THEN ${sqlFn}(${x}) END`, err: errWhen(`abs(${x}) > 1`, '#NUM!') }),
  );
}

const ATAN2 = numeric(
  'ATAN2',
  'math',
  'The angle, in radians from -π to π, of the point (x, y): note x comes first, as in Excel.',
  ['x_num', 'y_num'],
  { formula: '=ATAN2(1, 1)', result: '0.785398163397448' },
  (x, y) => (x === 0 && y === 0 ? new FormulaError('#DIV/0!', 'ATAN2 of the point (0, 0).') : Math.atan2(y, x)),
  (x, y) => ({ value: `CASE WHEN ${x} = 0 AND ${y} = 0 THEN NULL ELSE atan2(${y}, ${x}) END`, err: errWhen(`${x} = 0 AND ${y} = 0`, '#DIV/0!') }),
);

// ---- rounding to multiples

const CEILING = withNotes(
  numeric(
    'CEILING',
    'math',
    'Rounds up to a multiple of significance (a negative number with a positive significance rounds toward zero).',
    ['number', 'significance'],
    { formula: '=CEILING(2.5, 2)', result: '4' },
    (x, s) => (s === 0 ? 0 : x > 0 && s < 0 ? NUM('CEILING of a positive number with a negative significance.') : toMultiple(x, s, 'ceil')),
    (x, s) => ({
      value: `CASE WHEN ${s} = 0 THEN CAST(0 AS DOUBLE) WHEN ${x} > 0 AND ${s} < 0 THEN NULL ELSE ${sqlToMultiple(x, s, 'ceil')} END`,
      err: errWhen(`${x} > 0 AND ${s} < 0`, '#NUM!'),
    }),
  ),
  `CEILING(x, 0) is 0. ${ON_15_DIGITS}`,
);

const FLOOR = withNotes(
  numeric(
    'FLOOR',
    'math',
    'Rounds down to a multiple of significance (a negative number with a negative significance rounds toward zero).',
    ['number', 'significance'],
    { formula: '=FLOOR(2.5, 2)', result: '2' },
    (x, s) =>
      s === 0 ? new FormulaError('#DIV/0!', 'FLOOR to a significance of 0.') : x > 0 && s < 0 ? NUM('FLOOR of a positive number with a negative significance.') : toMultiple(x, s, 'floor'),
    (x, s) => ({
      value: `CASE WHEN ${s} = 0 OR (${x} > 0 AND ${s} < 0) THEN NULL ELSE ${sqlToMultiple(x, s, 'floor')} END`,
      err: `CASE WHEN ${s} = 0 THEN ${errCode('#DIV/0!')} WHEN ${x} > 0 AND ${s} < 0 THEN ${errCode('#NUM!')} END`,
    }),
  ),
  `FLOOR(x, 0) is #DIV/0!. ${ON_15_DIGITS}`,
);

/** CEILING.MATH / FLOOR.MATH: the significance's sign is ignored; a nonzero mode turns negative numbers' direction. */
function roundingMath(name: 'CEILING.MATH' | 'FLOOR.MATH', summary: string, example: FunctionSpec['example']): FunctionSpec {
  const [usual, negativeMode]: [Step, Step] = name === 'CEILING.MATH' ? ['ceil', 'floor'] : ['floor', 'ceil'];
  return withNotes(
    numeric(
      name,
      'math',
      summary,
      ['number', { name: 'significance', optional: true }, { name: 'mode', optional: true }],
      example,
      (x, sig = 1, mode = 0) => (sig === 0 ? 0 : toMultiple(x, Math.abs(sig), x < 0 && mode !== 0 ? negativeMode : usual)),
      (x, sig = '1', mode = '0') =>
        `CASE WHEN ${sig} = 0 THEN CAST(0 AS DOUBLE) WHEN ${x} < 0 AND ${mode} <> 0 THEN ${sqlToMultiple(x, `abs(${sig})`, negativeMode)} ELSE ${sqlToMultiple(x, `abs(${sig})`, usual)} END`,
      [undefined, 1, 0],
    ),
    ON_15_DIGITS,
  );
}

const MROUND = withNotes(
  numeric(
    'MROUND',
    'math',
    'Rounds to the nearest multiple (halves away from zero); the number and the multiple must have the same sign.',
    ['number', 'multiple'],
    { formula: '=MROUND(10, 3)', result: '9' },
    (x, m) => (m === 0 ? 0 : (x > 0 && m < 0) || (x < 0 && m > 0) ? NUM('MROUND: the number and the multiple have different signs.') : toMultiple(x, m, 'round')),
    (x, m) => {
      const signs = `((${x} > 0 AND ${m} < 0) OR (${x} < 0 AND ${m} > 0))`;
      return { value: `CASE WHEN ${m} = 0 THEN CAST(0 AS DOUBLE) WHEN ${signs} THEN NULL ELSE ${sqlToMultiple(x, m, 'round')} END`, err: errWhen(`${m} <> 0 AND ${signs}`, '#NUM!') };
    },
  ),
  ON_15_DIGITS,
);

const QUOTIENT = withNotes(
  numeric(
    'QUOTIENT',
    'math',
    'The whole part of a division (toward zero); #DIV/0! when dividing by 0.',
    ['numerator', 'denominator'],
    { formula: '=QUOTIENT(-7, 2)', result: '-3' },
    (x, y) => (y === 0 ? new FormulaError('#DIV/0!', 'QUOTIENT by zero.') : Math.trunc(sig15(x / y)) + 0),
    (x, y) => ({ value: `CASE WHEN ${y} = 0 THEN NULL ELSE trunc(${sqlSig15(`${x} / ${y}`)}) END`, err: errWhen(`${y} = 0`, '#DIV/0!') }),
  ),
  'The quotient is taken on 15 significant digits, as Excel keeps numbers: QUOTIENT(0.3, 0.1) is 3, though in binary 0.3 / 0.1 is a hair below 3.',
);

const EVEN = numeric(
  'EVEN',
  'math',
  'Rounds away from zero to the nearest even whole number.',
  ['number'],
  { formula: '=EVEN(1.5)', result: '2' },
  (x) => (x < 0 ? -1 : 1) * (Math.ceil(sig15(Math.abs(x) / 2)) * 2),
  (x) => `${sqlSignOf(x)} * (ceil(${sqlSig15(`abs(${x}) / 2`)}) * 2)`,
);

/** The odd whole number at or above a nonnegative x. */
function oddAbove(a: number): number {
  const c = Math.ceil(a);
  return c % 2 === 0 ? c + 1 : c;
}

const ODD = numeric(
  'ODD',
  'math',
  'Rounds away from zero to the nearest odd whole number (ODD(0) is 1).',
  ['number'],
  { formula: '=ODD(2)', result: '3' },
  (x) => (x < 0 ? -1 : 1) * oddAbove(sig15(Math.abs(x))),
  (x) => {
    const c = `ceil(${sqlSig15(`abs(${x})`)})`;
    return `${sqlSignOf(x)} * (CASE WHEN ${c} - 2 * floor(${c} / 2) = 0 THEN ${c} + 1 ELSE ${c} END)`;
  },
);

// ---- counting

/** 170! is the largest factorial a double holds. */
const FACT_LIMIT = 170;

const FACT = numeric(
  'FACT',
  'math',
  'The factorial 1 × 2 × … × n of a number (fractions are truncated); #NUM! for a negative number.',
  ['number'],
  { formula: '=FACT(5)', result: '120' },
  (x) => {
    if (x < 0) return NUM('FACT of a negative number.');
    if (x >= FACT_LIMIT + 1) return NUM('FACT: the result is too large.');
    let p = 1;
    for (let i = 2; i <= Math.trunc(x); i++) p *= i;
    return p;
  },
  (x) => ({
    // The bound inside range() too: DuckDB folds constants in branches not taken, and would build the list.
    value: `CASE WHEN ${x} >= 0 AND ${x} < ${FACT_LIMIT + 1} THEN COALESCE(list_product(CAST(range(1, CAST(least(greatest(trunc(${x}), 0), ${FACT_LIMIT}) AS BIGINT) + 1) AS DOUBLE[])), 1) END`,
    err: errWhen(`${x} < 0 OR ${x} >= ${FACT_LIMIT + 1}`, '#NUM!'),
  }),
);

/**
 * min(k, n − k) from here on makes COMBIN(n, k) at least C(2m, m) > 10^308: an overflow, answered
 * without multiplying so many factors.
 */
const COMBIN_LIMIT = 1030;

/** n choose k (whole, 0 <= k <= n) as the product of (n − m + i) / i: the same factors in the same order as in SQL. */
function choose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  if (m > COMBIN_LIMIT) return Number.POSITIVE_INFINITY;
  let p = 1;
  for (let i = 1; i <= m; i++) p *= (n - m + i) / i;
  return p < EXACT ? Math.round(p) : p;
}

const COMBIN = withNotes(
  numeric(
    'COMBIN',
    'math',
    'The number of ways to choose number_chosen items out of number, ignoring order (fractions are truncated).',
    ['number', 'number_chosen'],
    { formula: '=COMBIN(8, 2)', result: '28' },
    (x, y) => {
      const [n, k] = [Math.trunc(x), Math.trunc(y)];
      return n < 0 || k < 0 || n < k ? NUM('COMBIN needs 0 <= number_chosen <= number.') : choose(n, k);
    },
    (x, y) => {
      const [n, k] = [`trunc(${x})`, `trunc(${y})`];
      const m = `least(${k}, ${n} - ${k})`;
      // The count bounded inside range() too: DuckDB folds constants even in branches not taken.
      const count = `CAST(least(greatest(${m}, 0), ${COMBIN_LIMIT}) AS BIGINT)`;
      const p = `COALESCE(list_product([(${n} - ${m} + _i) / _i for _i in range(1, ${count} + 1)]), 1)`;
      const valid = `${n} >= 0 AND ${k} >= 0 AND ${n} >= ${k}`;
      return {
        value: `CASE WHEN ${valid} AND ${m} <= ${COMBIN_LIMIT} THEN (CASE WHEN ${p} < ${EXACT_SQL} THEN round(${p}) ELSE ${p} END) WHEN ${valid} THEN CAST('inf' AS DOUBLE) END`,
        err: errWhen(`NOT (${valid})`, '#NUM!'),
      };
    },
  ),
  'Results above 2^53 keep 15 significant digits, as in Excel.',
);

// ---- random numbers

const RAND: FunctionSpec = {
  name: 'RAND',
  category: 'math',
  summary: 'A random number from 0 up to (not including) 1, new on every recalculation.',
  params: [],
  volatile: true,
  example: { formula: '=RAND() < 1', result: 'TRUE' },
  scalar: (_args, ctx) => ctx.random(),
  sql: () => result('random()', 'number', []),
};

const RANDBETWEEN: FunctionSpec = {
  name: 'RANDBETWEEN',
  category: 'math',
  summary: 'A random whole number from bottom to top (both included), new on every recalculation.',
  params: [{ name: 'bottom' }, { name: 'top' }],
  volatile: true,
  notes: 'Fractional bounds are rounded inward (bottom up, top down); #NUM! when no whole number lies between them.',
  example: { formula: '=RANDBETWEEN(1, 6) <= 6', result: 'TRUE' },
  scalar(args, ctx) {
    const bottom = numberArg(args, 0);
    if (isFormulaError(bottom)) return bottom;
    const top = numberArg(args, 1);
    if (isFormulaError(top)) return top;
    const [lo, hi] = [Math.ceil(bottom), Math.floor(top)];
    if (lo > hi) return NUM('RANDBETWEEN: bottom is above top.');
    return finiteOr(lo + Math.floor(ctx.random() * (hi - lo + 1)));
  },
  sql(args) {
    const [b, t] = [sqlNum(args, 0), sqlNum(args, 1)];
    const [lo, hi] = [`ceil(${b.sql})`, `floor(${t.sql})`];
    const count = `(${hi} - ${lo} + 1)`;
    // random() is written once, inside the guard, so the value checked is the value returned.
    return result(`${lo} + floor(random() * ${count})`, 'number', [b.err, t.err, errWhen(`${lo} > ${hi}`, '#NUM!'), errWhen(`NOT isfinite(${count})`, '#NUM!')]);
  },
};

export const MATH_FUNCTIONS: FunctionSpec[] = [
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
  RAND,
  RANDBETWEEN,
];
