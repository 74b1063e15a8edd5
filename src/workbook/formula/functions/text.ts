import type { FunctionSpec } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { errWhen, result, text } from '../sql/coerce';
import { isSqlRange } from '../sql/types';
import { argValues, firstError, numberArg, sqlArg, sqlNum, sqlText, textArg } from './helpers';

// Text positions count characters (Unicode code points, as DuckDB's string functions do), from 1.

/** The characters of a text, as DuckDB counts them. */
export function chars(s: string): string[] {
  return [...s];
}

/** LEFT and RIGHT: a count of characters from one end; a negative count is #VALUE!. */
function side(name: 'LEFT' | 'RIGHT'): FunctionSpec {
  return {
    name,
    category: 'text',
    summary: `The first characters of a text${name === 'RIGHT' ? ', from its end' : ''} (one when the count is left out).`,
    params: [{ name: 'text' }, { name: 'count', optional: true }],
    example: name === 'LEFT' ? { formula: '=LEFT("Cellar", 4)', result: 'Cell' } : { formula: '=RIGHT("Cellar", 2)', result: 'ar' },
    scalar(args) {
      const t = textArg(args, 0);
      const n = numberArg(args, 1, 1);
      const e = firstError(t, n);
      if (e) return e;
      const count = Math.floor(n as number);
      if (count < 0) return new FormulaError('#VALUE!', `${name}: the count cannot be negative.`);
      const cs = chars(t as string);
      return name === 'LEFT' ? cs.slice(0, count).join('') : cs.slice(Math.max(0, cs.length - count)).join('');
    },
    sql(args) {
      const t = sqlText(args, 0);
      const n = sqlNum(args, 1, 1);
      const count = `CAST(floor(${n.sql}) AS BIGINT)`;
      const value = name === 'LEFT' ? `left(${t.sql}, ${count})` : `CASE WHEN ${count} = 0 THEN '' ELSE right(${t.sql}, ${count}) END`;
      return result(`CASE WHEN ${n.sql} < 0 THEN NULL ELSE ${value} END`, 'text', [t.err, n.err, errWhen(`${n.sql} < 0`, '#VALUE!')]);
    },
  };
}

const LEN: FunctionSpec = {
  name: 'LEN',
  category: 'text',
  summary: 'The number of characters in a text.',
  params: [{ name: 'text' }],
  example: { formula: '=LEN("Cellar")', result: '6' },
  scalar(args) {
    const t = textArg(args, 0);
    return isFormulaError(t) ? t : chars(t).length;
  },
  sql(args) {
    const t = sqlText(args, 0);
    return result(`CAST(length(${t.sql}) AS DOUBLE)`, 'number', [t.err]);
  },
};

const CONCAT: FunctionSpec = {
  name: 'CONCAT',
  category: 'text',
  summary: 'Joins texts (and the values of ranges) into one text, as & does.',
  params: [{ name: 'text', kind: 'range' }],
  repeat: 1,
  example: { formula: '=CONCAT("Cel", "lar", 2)', result: 'Cellar2' },
  scalar(args) {
    let out = '';
    for (const { value } of argValues(args)) {
      if (isFormulaError(value)) return value;
      const t = textArg([value], 0);
      if (isFormulaError(t)) return t;
      out += t;
    }
    return out;
  },
  sql(args) {
    if (args.some(isSqlRange)) return result('NULL', 'text', [`'#VALUE!'`]);
    const parts = args.map((_, i) => text(sqlArg(args, i)));
    return result(parts.length ? `(${parts.map((p) => p.sql).join(' || ')})` : "''", 'text', parts.map((p) => p.err));
  },
};

export const TEXT_FUNCTIONS: FunctionSpec[] = [side('LEFT'), side('RIGHT'), LEN, CONCAT];
