import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, errCode, errorExpr, guard, num, result } from '../../sql/coerce';
import { expr, isSqlRange } from '../../sql/types';
import { isRange, RangeValue } from '../../values';
import { arg, numberArg, rangeArg, sqlArg } from '../helpers';
import { sqlBranches } from '../logic';
import { POS, returnFields, sqlSearch, unordered } from './search';
import { asRange, column, constantNumberArg, failAfter, nullOf, row } from './shared';

// The functions that pick from a range by number or measure it: INDEX, CHOOSE, ROWS and COLUMNS.

export const INDEX: FunctionSpec = {
  name: 'INDEX',
  category: 'lookup',
  summary: 'The value at a row and column of a range (counted from 1); in a single row or column, the n-th value.',
  params: [{ name: 'array', kind: 'range' }, { name: 'row_num' }, { name: 'column_num', optional: true }],
  notes:
    'Row 0 or column 0 (a whole column or row) gives a range, for functions that take one (SUM(INDEX(A1:C9, 0, 2))); where one value is expected it is #VALUE! unless the range is a single cell. Over a table, INDEX reads the n-th row in the table\'s order (the table must be a base table), the column number must be written into the formula, row 0 is #VALUE!, and a table of several columns needs a column number (a table is always read as rows, never as one row of values). Not inside a pivot\'s value. Past the last row or column: #REF!.',
  propagate: false,
  example: { formula: '=INDEX({10,20;30,40}, 2, 1)', result: '30' },
  scalar(args) {
    const a = args[0];
    if (isFormulaError(a)) return a;
    const range = rangeArg(args, 0);
    const r = numberArg(args, 1);
    if (isFormulaError(r)) return r;
    const c = args[2] === undefined ? undefined : numberArg(args, 2);
    if (isFormulaError(c)) return c;
    let rowNum = Math.trunc(r);
    let colNum = c === undefined ? undefined : Math.trunc(c);
    if (rowNum < 0 || (colNum ?? 0) < 0) return new FormulaError('#VALUE!', 'INDEX: row and column numbers cannot be negative.');
    if (colNum === undefined) {
      // In a single row, the one number given picks the column (INDEX({1,2,3}, 2) is 2).
      if (range.rows === 1 && range.cols > 1) [rowNum, colNum] = [1, rowNum];
      else colNum = range.cols === 1 ? 1 : 0;
    }
    if (rowNum > range.rows || colNum > range.cols) return new FormulaError('#REF!', `INDEX: the range has ${range.rows} row(s) and ${range.cols} column(s).`);
    if (rowNum === 0 && colNum === 0) return range;
    if (rowNum === 0) return RangeValue.column(column(range, colNum - 1));
    if (colNum === 0) return new RangeValue(1, range.cols, row(range, rowNum - 1));
    return range.at(rowNum - 1, colNum - 1);
  },
  sql(args, ctx) {
    const range = asRange(args[0], ctx);
    const n = num(sqlArg(args, 1));
    const c = args[2] === undefined ? undefined : constantNumberArg('INDEX', 'column_num', args[2]);
    const k = c === undefined ? undefined : isFormulaError(c) ? c : Math.trunc(c);
    if (isFormulaError(k)) return failAfter(n, k.code);
    if (k !== undefined && k < 0) return failAfter(n, '#VALUE!');
    const rowNum = `trunc(${n.sql})`;
    // A negative row is #VALUE! before a column past the last is #REF!, as in the scalar form.
    if (k !== undefined && k > range.columns.length) return result(nullOf('empty'), 'empty', [n.err, `CASE WHEN ${rowNum} < 0 THEN ${errCode('#VALUE!')} ELSE ${errCode('#REF!')} END`]);
    if (range.columns.length > 1 && !k) {
      // No column number, or column 0, over several columns: a whole row, which SQL cannot hold.
      const err = `CASE WHEN ${rowNum} > ${aggregate(range, 'count(*)')} THEN ${errCode('#REF!')} ELSE ${errCode('#VALUE!')} END`;
      return result(nullOf('empty'), 'empty', [n.err, err]);
    }
    if (!range.ordered) throw unordered('INDEX');
    const ret = range.columns[(k || 1) - 1]!;
    const sub = sqlSearch({ name: 'INDEX', range, x: rowNum, find: { kind: 'where', conds: (q) => [`${range.alias}.${POS} = ${q}`] }, ties: 'first', fields: returnFields(ret), position: true }, ctx);
    const value = guard(`(${sub}).v`, n.err);
    const err =
      `CASE ${n.err ? `WHEN ${n.err} IS NOT NULL THEN ${n.err} ` : ''}WHEN ${rowNum} <= 0 THEN ${errCode('#VALUE!')} ` +
      `WHEN (${sub}) IS NULL THEN ${errCode('#REF!')} ${ret.err ? `ELSE (${sub}).e ` : ''}END`;
    return expr(value, ret.type === 'empty' ? 'text' : ret.type, err, true);
  },
};

export const CHOOSE: FunctionSpec = {
  name: 'CHOOSE',
  category: 'lookup',
  summary: 'The n-th of the values that follow the number (CHOOSE(2, "a", "b", "c") is "b").',
  params: [{ name: 'index_num' }, { name: 'value' }],
  repeat: 1,
  propagate: false,
  notes: 'The number is truncated; below 1 or past the last value is #VALUE!. Only the chosen value is read, so an error in another one does not matter. Values are single values (Excel also chooses among ranges).',
  example: { formula: '=CHOOSE(2, "a", "b", "c")', result: 'b' },
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const i = Math.trunc(n);
    if (i < 1 || i >= args.length) return new FormulaError('#VALUE!', `CHOOSE: the number must be from 1 to ${args.length - 1}.`);
    return arg(args, i);
  },
  sql(args) {
    const n = num(sqlArg(args, 0));
    const cases = args.slice(1).map((_, j) => ({ when: `trunc(${n.sql}) = ${j + 1}`, then: sqlArg(args, j + 1) }));
    return sqlBranches(cases, errorExpr('#VALUE!'), n.err);
  },
};

/** ROWS and COLUMNS: a range's size; a single value is one row and one column. */
export function size(name: 'ROWS' | 'COLUMNS'): FunctionSpec {
  const rows = name === 'ROWS';
  return {
    name,
    category: 'lookup',
    summary: rows ? 'How many rows a range or table has.' : 'How many columns a range or table has.',
    params: [{ name: 'array', kind: 'range' }],
    propagate: false,
    notes: rows ? 'A table given whole (ROWS(airports)) or one of its columns counts its rows.' : 'A table given whole (COLUMNS(airports)) counts its columns; one table column is 1.',
    example: rows ? { formula: '=ROWS({1,2;3,4;5,6})', result: '3' } : { formula: '=COLUMNS({1,2;3,4;5,6})', result: '2' },
    scalar(args) {
      const a = args[0];
      if (isFormulaError(a)) return a;
      if (!isRange(a)) return 1;
      return rows ? a.rows : a.cols;
    },
    sql(args) {
      const a = args[0];
      if (!isSqlRange(a)) return result('CAST(1 AS DOUBLE)', 'number', [a?.err]);
      return result(rows ? aggregate(a, 'CAST(count(*) AS DOUBLE)') : `CAST(${a.columns.length} AS DOUBLE)`, 'number', []);
    },
  };
}
