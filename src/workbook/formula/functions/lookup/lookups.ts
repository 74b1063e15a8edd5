import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { castTo, commonType, errCode, guard, result } from '../../sql/coerce';
import { expr, isSqlRange, type SqlArg, type SqlExpr, type SqlRange } from '../../sql/types';
import { RangeValue } from '../../values';
import { arg, booleanArg, numberArg, sqlArg } from '../helpers';
import { classicFinder, xFinder } from './finders';
import { classicMatch, findMatch } from './match';
import { answer, returnFields, sqlSearch } from './search';
import { asRange, column, constantBooleanArg, constantNumberArg, failAfter, given, lookupTable, notFound, nullOf, row, sqlGiven, tableArg, vectorOf, xModes } from './shared';

// The functions that return a value found by a key: XLOOKUP, VLOOKUP, HLOOKUP and LOOKUP.

export const XLOOKUP: FunctionSpec = {
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
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const ret = tableArg(args, 2);
    if (isFormulaError(ret)) return ret;
    const mode = given(args, 4) ? numberArg(args, 4) : 0;
    if (isFormulaError(mode)) return mode;
    const search = given(args, 5) ? numberArg(args, 5) : 1;
    if (isFormulaError(search)) return search;
    const problem = xModes('XLOOKUP', mode, search);
    if (problem) return problem;
    const values = vectorOf(look);
    if (!values) return new FormulaError('#VALUE!', `XLOOKUP looks in one row or one column; lookup_array is ${look.rows}×${look.cols}.`);
    // A column of keys returns a row of return_array; a row of keys, a column.
    const down = look.cols === 1;
    if (down ? ret.rows !== look.rows : ret.cols !== look.cols) {
      return new FormulaError('#VALUE!', `XLOOKUP: return_array must have as many ${down ? 'rows' : 'columns'} as lookup_array (${values.length}); it is ${ret.rows}×${ret.cols}.`);
    }
    const i = findMatch(values, key, mode, search < 0, Math.abs(search) === 2);
    if (i < 0) return given(args, 3) ? arg(args, 3) : new FormulaError('#N/A', `XLOOKUP found no match for ${String(key)}.`);
    if (down) return ret.cols === 1 ? ret.at(i, 0) : new RangeValue(1, ret.cols, row(ret, i));
    return ret.rows === 1 ? ret.at(0, i) : RangeValue.column(column(ret, i));
  },
  sql(args, ctx) {
    const look = args[1];
    const ret = args[2];
    if (!isSqlRange(look) || !isSqlRange(ret)) return result('NULL', 'empty', [errCode('#VALUE!')]);
    const x = sqlArg(args, 0);
    const mode = constantNumber(args[4], 0);
    const search = constantNumber(args[5], 1);
    if (mode === undefined || search === undefined || xModes('XLOOKUP', mode, search)) return result('NULL', 'empty', [x.err, errCode('#VALUE!')]);
    const returned = ret.columns[0]!;
    const fallback = sqlGiven(args[3]) ? sqlArg(args, 3) : undefined;
    const type = fallback ? commonType([returned, fallback]) : returned.type;
    const r = castTo(returned, type);
    const search_ = { name: 'XLOOKUP', range: look, ...xFinder(look.columns[0]!, x, mode, Math.abs(search) === 2), ties: search < 0 ? ('last' as const) : ('first' as const), fields: returnFields(r) };
    const sub = sqlSearch(search_, ctx);
    if (!fallback) return answer(sub, 'v', r.type, x, !!r.err);
    // Not found: the fallback, put in the match's place so the search is read once for the value.
    const f = castTo(fallback, type);
    const empty = `{'v': ${r.type === 'empty' ? `CAST(${f.sql} AS VARCHAR)` : f.sql}${r.err ? ', \'e\': CAST(NULL AS VARCHAR)' : ''}}`;
    const value = guard(`COALESCE(${sub}, ${empty}).v`, x.err);
    const err = `CASE ${x.err ? `WHEN ${x.err} IS NOT NULL THEN ${x.err} ` : ''}WHEN (${sub}) IS NULL THEN ${f.err ?? 'NULL'} ${r.err ? `ELSE (${sub}).e ` : ''}END`;
    return expr(value, type === 'empty' ? 'text' : type, err, true);
  },
};

/** A mode argument must be a constant in SQL (it changes the query's shape); left out or empty, its default. */
function constantNumber(a: unknown, fallback: number): number | undefined {
  if (!sqlGiven(a as SqlArg | undefined)) return fallback;
  const c = (a as SqlExpr).constant;
  return typeof c === 'number' ? c : undefined;
}

export const VLOOKUP: FunctionSpec = {
  name: 'VLOOKUP',
  category: 'lookup',
  summary: "Finds a value in a table's first column and returns the value on that row in another column (by number).",
  params: [{ name: 'lookup_value' }, { name: 'table_array', kind: 'range' }, { name: 'col_index_num' }, { name: 'range_lookup', optional: true }],
  propagate: false,
  notes:
    'range_lookup FALSE finds an exact match (text case-insensitively; * and ? are wildcards, ~ escapes them). TRUE or left out (the default, as in Excel) expects the first column sorted ascending and finds the largest value ≤ the lookup value (the last of equal ones), as Excel does on sorted data; on unsorted data Cellar still finds the largest value ≤ the lookup value wherever it is, where Excel\'s binary search gives an unpredictable row. Only values of the lookup value\'s type match (numbers and dates together): 1 does not find "1". An empty lookup value is #N/A. Over a table, col_index_num and range_lookup must be written into the formula; the table is the whole table (`airports`) or one column; over a table that is not a base table (a formula column\'s own table), which of several equal keys is found is not defined.',
  example: { formula: '=VLOOKUP(2, {1,"one";2,"two";3,"three"}, 2, FALSE)', result: 'two' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const table = lookupTable('VLOOKUP', args, 1);
    if (isFormulaError(table)) return table;
    const col = numberArg(args, 2);
    if (isFormulaError(col)) return col;
    const approximate = booleanArg(args, 3, true);
    if (isFormulaError(approximate)) return approximate;
    const c = Math.trunc(col);
    if (c < 1) return new FormulaError('#VALUE!', 'VLOOKUP: the column number must be 1 or more.');
    if (c > table.cols) return new FormulaError('#REF!', `VLOOKUP: the table has ${table.cols} column${table.cols === 1 ? '' : 's'}, not ${c}.`);
    const i = classicMatch(column(table, 0), key, approximate ? 1 : 0);
    return i < 0 ? notFound('VLOOKUP', key) : table.at(i, c - 1);
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const table = asRange(args[1], ctx);
    const col = constantNumberArg('VLOOKUP', 'col_index_num', args[2]);
    const approximate = constantBooleanArg('VLOOKUP', 'range_lookup', args[3], true);
    if (isFormulaError(col)) return failAfter(x, col.code);
    if (isFormulaError(approximate)) return failAfter(x, approximate.code);
    const c = Math.trunc(col);
    if (c < 1) return failAfter(x, '#VALUE!');
    if (c > table.columns.length) return failAfter(x, '#REF!');
    return classicLookup('VLOOKUP', table, table.columns[0]!, table.columns[c - 1]!, x, approximate ? 1 : 0, ctx);
  },
};

/** A classic lookup's value in SQL: `ret` on the row classicMatch finds. */
function classicLookup(name: string, range: SqlRange, key: SqlExpr, ret: SqlExpr, x: SqlExpr, mode: 0 | 1 | -1, ctx: SqlFunctionContext): SqlExpr {
  const finder = classicFinder(key, x, mode);
  if (!finder) return result(nullOf(ret.type), ret.type === 'empty' ? 'text' : ret.type, [x.err, errCode('#N/A')], true);
  const sub = sqlSearch({ name, range, ...finder, ties: mode === 0 ? 'first' : 'last', fields: returnFields(ret) }, ctx);
  return answer(sub, 'v', ret.type, x, !!ret.err);
}

export const HLOOKUP: FunctionSpec = {
  name: 'HLOOKUP',
  category: 'lookup',
  summary: "Finds a value in a range's first row and returns the value in that column from another row (by number).",
  params: [{ name: 'lookup_value' }, { name: 'table_array', kind: 'range' }, { name: 'row_index_num' }, { name: 'range_lookup', optional: true }],
  propagate: false,
  notes:
    'For sheet ranges and arrays only: a table has no horizontal layout, so HLOOKUP cannot run over a table (use VLOOKUP or XLOOKUP there). Matching as in VLOOKUP: exact with wildcards, or (the default) the largest value ≤ the lookup value.',
  example: { formula: '=HLOOKUP("b", {"a","b","c";1,2,3}, 2, FALSE)', result: '2' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const table = lookupTable('HLOOKUP', args, 1);
    if (isFormulaError(table)) return table;
    const r = numberArg(args, 2);
    if (isFormulaError(r)) return r;
    const approximate = booleanArg(args, 3, true);
    if (isFormulaError(approximate)) return approximate;
    const n = Math.trunc(r);
    if (n < 1) return new FormulaError('#VALUE!', 'HLOOKUP: the row number must be 1 or more.');
    if (n > table.rows) return new FormulaError('#REF!', `HLOOKUP: the range has ${table.rows} row${table.rows === 1 ? '' : 's'}, not ${n}.`);
    const j = classicMatch(row(table, 0), key, approximate ? 1 : 0);
    return j < 0 ? notFound('HLOOKUP', key) : table.at(n - 1, j);
  },
};

export const LOOKUP: FunctionSpec = {
  name: 'LOOKUP',
  category: 'lookup',
  summary: 'Finds the largest value ≤ the lookup value in a sorted row or column and returns the value at the same position in another (or the same) one.',
  params: [{ name: 'lookup_value' }, { name: 'lookup_vector', kind: 'range' }, { name: 'result_vector', kind: 'range', optional: true }],
  propagate: false,
  notes:
    'The vector form, as in Excel: lookup_vector sorted ascending; the last of equal values; on unsorted data, still the largest value ≤ the lookup value wherever it is. Only values of the lookup value\'s type match. A position past the end of a shorter result_vector is #N/A. With a block of several rows and columns and no result_vector (the array form), LOOKUP searches its first column and returns from its last (the first row and last row when it is wider than tall); over a table it is always the first and last column.',
  example: { formula: '=LOOKUP(4.2, {1,3,5}, {"a","b","c"})', result: 'b' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const res = args[2] === undefined ? undefined : tableArg(args, 2);
    if (isFormulaError(res)) return res;
    let values = vectorOf(look);
    let results = res ? res.values : values;
    if (!values) {
      // The array form: along the longer side.
      const wide = look.cols > look.rows;
      values = wide ? row(look, 0) : column(look, 0);
      results = res ? res.values : wide ? row(look, look.rows - 1) : column(look, look.cols - 1);
    }
    const i = classicMatch(values, key, 1);
    if (i < 0) return notFound('LOOKUP', key);
    return i < results!.length ? results![i]! : new FormulaError('#N/A', 'LOOKUP: the result vector is shorter than the lookup vector.');
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const look = asRange(args[1], ctx);
    const res = args[2] === undefined ? look.columns[look.columns.length - 1]! : isSqlRange(args[2]) ? args[2].columns[0]! : args[2];
    return classicLookup('LOOKUP', look, look.columns[0]!, res, x, 1, ctx);
  },
};
