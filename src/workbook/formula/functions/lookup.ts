import type { FunctionSpec } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, castTo, commonType, compare, errCode, guard, result } from '../sql/coerce';
import { expr, isSqlRange, type SqlExpr, type SqlRange } from '../sql/types';
import { compareValues, type Scalar } from '../values';
import { matches, parseCriterion, sqlMatches } from './criteria';
import { arg, numberArg, rangeArg, sqlArg } from './helpers';

// Lookups against a table compile to one aggregate over it per lookup, filtered by the match;
// inside a column formula that is a correlated subquery, which DuckDB turns into a hash join.

/** Which value of `values` matches `key`: -1 next smaller, 0 exact, 1 next larger, 2 wildcard text. */
export function findMatch(values: readonly Scalar[], key: Scalar, matchMode: number, reverse = false): number {
  const order = values.map((_, i) => i);
  if (reverse) order.reverse();
  if (matchMode === 2) {
    const c = parseCriterion(typeof key === 'string' ? `=${key}` : key);
    return order.find((i) => matches(c, values[i]!)) ?? -1;
  }
  let best = -1;
  for (const i of order) {
    const v = values[i]!;
    if (isFormulaError(v) || v === null) continue;
    const cmp = compareValues(v, key);
    if (cmp === 0 && !isFormulaError(key)) return i;
    if (matchMode === -1 && cmp < 0 && (best < 0 || compareValues(v, values[best]!) > 0)) best = i;
    if (matchMode === 1 && cmp > 0 && (best < 0 || compareValues(v, values[best]!) < 0)) best = i;
  }
  return best;
}

/**
 * The SQL for "the value of `ret` on the first row of `range` whose `key` matches `x`": an
 * ordered first() over the rows that match, and how many match (for #N/A).
 */
export function sqlFirstMatch(range: SqlRange, key: SqlExpr, ret: SqlExpr, x: SqlExpr, matchMode: number, reverse: boolean): { value: string; found: string } {
  let cond: string;
  let order: string[] = [];
  if (matchMode === 2) cond = sqlMatches(key, x.type === 'text' && x.constant !== undefined ? { ...x, constant: `=${String(x.constant)}` } : x);
  else if (matchMode === -1 || matchMode === 1) {
    cond = `${key.sql} IS NOT NULL AND ${compare(key, x, matchMode === -1 ? '<=' : '>=').sql}`;
    order = [`${key.sql} ${matchMode === -1 ? 'DESC' : 'ASC'}`];
  } else cond = `${key.sql} IS NOT NULL AND ${compare(key, x, '=').sql}`;
  if (range.ordered) order.push(`${range.alias}.rowid ${reverse ? 'DESC' : 'ASC'}`);
  const first = order.length ? `first(${ret.sql} ORDER BY ${order.join(', ')})` : `first(${ret.sql})`;
  return {
    value: aggregate(range, `${first} FILTER (WHERE ${cond})`),
    found: aggregate(range, `count(*) FILTER (WHERE ${cond})`),
  };
}

const XLOOKUP: FunctionSpec = {
  name: 'XLOOKUP',
  category: 'lookup',
  summary: 'Finds a value in one range (a column) and returns the value on the same row of another; #N/A or the fallback when nothing matches.',
  params: [
    { name: 'lookup_value' },
    { name: 'lookup_range', kind: 'range' },
    { name: 'return_range', kind: 'range' },
    { name: 'if_not_found', optional: true },
    { name: 'match_mode', optional: true },
    { name: 'search_mode', optional: true },
  ],
  propagate: false,
  example: { formula: '=XLOOKUP("b", {"a","b","c"}, {10,20,30})', result: '20' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = rangeArg(args, 1);
    const ret = rangeArg(args, 2);
    if (look.values.length !== ret.values.length) return new FormulaError('#VALUE!', 'XLOOKUP: the lookup and return ranges must be the same size.');
    const mode = numberArg(args, 4, 0);
    const search = numberArg(args, 5, 1);
    if (isFormulaError(mode)) return mode;
    if (isFormulaError(search)) return search;
    const i = findMatch(look.values, key, mode, search < 0);
    if (i < 0) return args[3] === undefined ? new FormulaError('#N/A', `XLOOKUP found no match for ${String(key)}.`) : arg(args, 3);
    return ret.values[i]!;
  },
  sql(args) {
    const look = args[1];
    const ret = args[2];
    if (!isSqlRange(look) || !isSqlRange(ret)) return result('NULL', 'empty', [errCode('#VALUE!')]);
    const x = sqlArg(args, 0);
    const mode = constantNumber(args[4], 0);
    const search = constantNumber(args[5], 1);
    if (mode === undefined || search === undefined) return result('NULL', 'empty', [errCode('#VALUE!')]);
    const { value, found } = sqlFirstMatch(look, look.columns[0]!, ret.columns[0]!, x, mode, search < 0);
    const returned = expr(value, ret.columns[0]!.type, null, true);
    if (args[3] === undefined) return result(value, returned.type, [x.err, `CASE WHEN ${found} = 0 THEN ${errCode('#N/A')} END`], true);
    const fallback = sqlArg(args, 3);
    const type = commonType([returned, fallback]);
    const [r, f] = [castTo(returned, type), castTo(fallback, type)];
    const err = `CASE WHEN ${x.err ?? 'NULL'} IS NOT NULL THEN ${x.err ?? 'NULL'} WHEN ${found} = 0 THEN ${f.err ?? 'NULL'} ELSE NULL END`;
    return expr(guard(`CASE WHEN ${found} = 0 THEN ${f.sql} ELSE ${r.sql} END`, err), type, err, true);
  },
};

/** A mode argument must be a constant in SQL (it changes the query's shape). */
function constantNumber(a: unknown, fallback: number): number | undefined {
  if (a === undefined) return fallback;
  const c = (a as SqlExpr).constant;
  return typeof c === 'number' ? c : undefined;
}

export const LOOKUP_FUNCTIONS: FunctionSpec[] = [XLOOKUP];

