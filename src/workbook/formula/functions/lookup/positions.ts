import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, result } from '../../sql/coerce';
import type { SqlExpr, SqlRange } from '../../sql/types';
import { arg, numberArg, sqlArg } from '../helpers';
import { classicFinder, xFinder } from './finders';
import { classicMatch, findMatch } from './match';
import { answer, sqlSearch, unordered } from './search';
import { asRange, constantNumberArg, failAfter, given, notFound, nullOf, signOf, sqlGiven, tableArg, vectorOf, xModes } from './shared';

// The functions that return a key's position: MATCH and XMATCH.

/** A classic lookup's position in SQL (MATCH). */
function classicPosition(name: string, range: SqlRange, key: SqlExpr, x: SqlExpr, mode: 0 | 1 | -1, ctx: SqlFunctionContext): SqlExpr {
  if (!range.ordered) throw unordered(name);
  const finder = classicFinder(key, x, mode);
  if (!finder) return result(nullOf('number'), 'number', [x.err, errCode('#N/A')], true);
  const sub = sqlSearch({ name, range, ...finder, ties: mode === 0 ? 'first' : 'last', fields: {}, position: true }, ctx);
  return answer(sub, 'p', 'number', x, false);
}

export const MATCH: FunctionSpec = {
  name: 'MATCH',
  category: 'lookup',
  summary: 'The position of a value in a row or column: 0 exact, 1 (the default) the largest value ≤ it in ascending data, -1 the smallest value ≥ it in descending data.',
  params: [{ name: 'lookup_value' }, { name: 'lookup_array', kind: 'range' }, { name: 'match_type', optional: true }],
  propagate: false,
  notes:
    'match_type 0 matches text case-insensitively, with * and ? as wildcards (~ escapes them). 1 and -1 expect sorted data, as in Excel, and take the last of equal values; on unsorted data they still find the largest value ≤ (smallest ≥) the lookup value wherever it is. Only values of the lookup value\'s type match (numbers and dates together). Over a table, the position counts rows in the table\'s order, match_type must be written into the formula, the table must be a base table, and a whole table of several columns is #N/A (a table is read as rows, never as one row of values). Not inside a pivot\'s value (positions need the whole table).',
  example: { formula: '=MATCH(25, {10,20,30,40}, 1)', result: '2' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const type = numberArg(args, 2, 1);
    if (isFormulaError(type)) return type;
    const values = vectorOf(look);
    if (!values) return new FormulaError('#N/A', 'MATCH looks in one row or one column, not a block of several.');
    const i = classicMatch(values, key, signOf(type));
    return i < 0 ? notFound('MATCH', key) : i + 1;
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const look = asRange(args[1], ctx);
    const type = constantNumberArg('MATCH', 'match_type', args[2], 1);
    if (isFormulaError(type)) return failAfter(x, type.code);
    if (look.columns.length > 1) return failAfter(x, '#N/A');
    return classicPosition('MATCH', look, look.columns[0]!, x, signOf(type), ctx);
  },
};

export const XMATCH: FunctionSpec = {
  name: 'XMATCH',
  category: 'lookup',
  summary: 'The position of a value in a row or column, with the match modes of XLOOKUP (exact, next smaller, next larger, wildcard) and searching from either end.',
  params: [{ name: 'lookup_value' }, { name: 'lookup_array', kind: 'range' }, { name: 'match_mode', optional: true }, { name: 'search_mode', optional: true }],
  propagate: false,
  notes:
    'match_mode 0 exact (the default), -1 exact or next smaller, 1 exact or next larger, 2 wildcard (* ? ~). search_mode 1 from the first, -1 from the last; the binary searches 2 (ascending data) and -2 (descending) give what a binary search in Excel gives on sorted data: as 1 and -1, except that of several equal next-smaller values the last in search order is found; on unsorted data the answer of Excel depends on its search, that of Cellar does not. Values compare as XLOOKUP compares them. Over a table, the position counts rows in the table\'s order, the modes must be written into the formula, and the table must be a base table; not inside a pivot\'s value.',
  example: { formula: '=XMATCH("c", {"a","b","c"})', result: '3' },
  scalar(args) {
    const key = arg(args, 0);
    if (isFormulaError(key)) return key;
    const look = tableArg(args, 1);
    if (isFormulaError(look)) return look;
    const mode = given(args, 2) ? numberArg(args, 2) : 0;
    if (isFormulaError(mode)) return mode;
    const search = given(args, 3) ? numberArg(args, 3) : 1;
    if (isFormulaError(search)) return search;
    const problem = xModes('XMATCH', mode, search);
    if (problem) return problem;
    const values = vectorOf(look);
    if (!values) return new FormulaError('#VALUE!', 'XMATCH looks in one row or one column, not a block of several.');
    const i = findMatch(values, key, mode, search < 0, Math.abs(search) === 2);
    return i < 0 ? notFound('XMATCH', key) : i + 1;
  },
  sql(args, ctx) {
    const x = sqlArg(args, 0);
    const look = asRange(args[1], ctx);
    const mode = sqlGiven(args[2]) ? constantNumberArg('XMATCH', 'match_mode', args[2]) : 0;
    if (isFormulaError(mode)) return failAfter(x, mode.code);
    const search = sqlGiven(args[3]) ? constantNumberArg('XMATCH', 'search_mode', args[3]) : 1;
    if (isFormulaError(search)) return failAfter(x, search.code);
    const problem = xModes('XMATCH', mode, search);
    if (problem) return failAfter(x, problem.code);
    if (look.columns.length > 1) return failAfter(x, '#VALUE!');
    if (!look.ordered) throw unordered('XMATCH');
    const sub = sqlSearch({ name: 'XMATCH', range: look, ...xFinder(look.columns[0]!, x, mode, Math.abs(search) === 2), ties: search < 0 ? 'last' : 'first', fields: {}, position: true }, ctx);
    return answer(sub, 'p', 'number', x, false);
  },
};
