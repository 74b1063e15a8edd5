import type { FunctionSpec, ScalarArg } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, anyErr, errCode, rangeNumbers, result } from '../sql/coerce';
import { isSqlRange, type SqlArg, type SqlRange } from '../sql/types';
import { isDate, isRange, parseNumberText, RangeValue, type Scalar } from '../values';
import { matches, parseCriterion, sqlMatches } from './criteria';
import { argValues, numbersOf, sqlArg, sqlNumberStat } from './helpers';

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
  sql: (args) => sqlNumberStat(args, { column: (x) => `avg(${x})`, list: (l) => `list_avg(${l})` }, { code: 'divide' }),
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
      return picked.length === 0 ? 0 : Math.max(...picked);
    case 'min':
      return picked.length === 0 ? 0 : Math.min(...picked);
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
  const conditions = shape.pairs.map(([r, c]) => sqlMatches((args[r] as SqlRange).columns[0]!, sqlArg(args, c)));
  const where = conditions.length ? conditions.join(' AND ') : 'TRUE';
  const criteriaErrs = shape.pairs.map(([, c]) => sqlArg(args, c).err);
  const x = shape.value === undefined ? undefined : rangeNumbers((args[shape.value] as SqlRange).columns[0]!);
  const agg = (fn: string) => aggregate(first, `${fn} FILTER (WHERE ${where})`);
  switch (kind) {
    case 'count':
      return result(`CAST(COALESCE(${agg('count(*)')}, 0) AS DOUBLE)`, 'number', criteriaErrs);
    case 'sum':
      return result(`COALESCE(${agg(`sum(${x})`)}, 0)`, 'number', criteriaErrs);
    case 'max':
    case 'min':
      return result(`COALESCE(${agg(`${kind}(${x})`)}, 0)`, 'number', criteriaErrs);
    case 'average': {
      const avg = agg(`avg(${x})`);
      return result(avg, 'number', [anyErr(...criteriaErrs), `CASE WHEN ${avg} IS NULL THEN '#DIV/0!' END`]);
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
  MEDIAN,
  COUNT,
  COUNTA,
  ifs('sum', 'SUMIFS', 'Adds the values whose rows match every criterion.', { formula: '=SUMIFS({1,2,3}, {"a","b","a"}, "a")', result: '4' }),
  ifs('count', 'COUNTIFS', 'Counts the rows that match every criterion, such as ">30" or "SFO".', { formula: '=COUNTIFS({1,5,9}, ">3")', result: '2' }),
  ifs('average', 'AVERAGEIFS', 'The mean of the values whose rows match every criterion.', { formula: '=AVERAGEIFS({2,4,9}, {1,1,0}, 1)', result: '3' }),
  ifs('max', 'MAXIFS', 'The largest value among the rows that match every criterion.', { formula: '=MAXIFS({2,4,9}, {"x","x","y"}, "x")', result: '4' }),
  ifs('min', 'MINIFS', 'The smallest value among the rows that match every criterion.', { formula: '=MINIFS({2,4,9}, {"x","y","y"}, "y")', result: '4' }),
  ifOne('sum', 'SUMIF', 'Adds the values that match one criterion (or the values of sum_range on those rows).', { formula: '=SUMIF({1,5,9}, ">3")', result: '14' }),
  ifOne('count', 'COUNTIF', 'Counts the values that match one criterion; "*" and "?" are wildcards.', { formula: '=COUNTIF({"apple","avocado","kiwi"}, "a*")', result: '2' }),
  ifOne('average', 'AVERAGEIF', 'The mean of the values that match one criterion.', { formula: '=AVERAGEIF({1,5,9}, ">3")', result: '7' }),
];
