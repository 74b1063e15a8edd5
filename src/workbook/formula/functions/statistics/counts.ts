/** COUNT, COUNTA and COUNTBLANK. */
import type { FunctionSpec } from '../../catalog';
import { aggregate, rangeNumbers, result } from '../../sql/coerce';
import { isSqlRange } from '../../sql/types';
import { isDate, parseNumberText } from '../../values';
import { argValues, rangeArg, sqlArg } from '../helpers';

export const COUNT: FunctionSpec = {
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

export const COUNTA: FunctionSpec = {
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

export const COUNTBLANK: FunctionSpec = {
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
