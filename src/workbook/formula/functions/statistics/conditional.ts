/** The conditional aggregates: SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS, MINIFS, SUMIF, COUNTIF and AVERAGEIF. */
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, anyErr, errCode, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlRange } from '../../sql/types';
import { isDate, isRange, RangeValue, type Scalar } from '../../values';
import { matches, parseCriterion, sqlErrorMatches, sqlMatches } from '../criteria';
import { sqlArg } from '../helpers';
import { largest, smallest } from './shared';

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
    const criterion = sqlArg(args, c);
    // A row's error is matched as `matches` matches it (its value is NULL, which "" would take);
    // where the criterion is an error, only rows with that error match.
    const match = criterion.err ? `(${criterion.err} IS NULL AND ${sqlMatches(col, criterion)})` : sqlMatches(col, criterion);
    return col.err ? `(CASE WHEN ${col.err} IS NULL THEN ${match} ELSE ${sqlErrorMatches(col.err, criterion)} END)` : match;
  });
  const where = conditions.length ? conditions.join(' AND ') : 'TRUE';
  // An error as the criterion is something to match (COUNTIF(range, NA()) counts the #N/A cells), not the answer.
  const criteriaErrs: string[] = [];
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

export function ifs(kind: IfsKind, name: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
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
    propagate: false,
    scalar: (args) => ifsScalar(kind, name, args, shape(args.length)),
    sql: (args) => ifsSql(kind, args, shape(args.length)),
  };
}

/** SUMIF(range, criterion, [sum_range]) and friends: the one-criterion forms, value range last. */
export function ifOne(kind: 'sum' | 'count' | 'average', name: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  const shape = (args: unknown[]): IfsShape => ({ value: kind === 'count' ? undefined : args[2] !== undefined ? 2 : 0, pairs: [[0, 1]] });
  return {
    name,
    category: 'statistics',
    summary,
    params: [{ name: 'range', kind: 'range' }, { name: 'criterion' }, ...(kind === 'count' ? [] : [{ name: `${kind}_range`, kind: 'range' as const, optional: true }])],
    example,
    propagate: false,
    scalar: (args) => ifsScalar(kind, name, args, shape(args)),
    sql: (args) => ifsSql(kind, args, shape(args)),
  };
}
