import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errWhen, result } from '../../sql/coerce';
import { numberArg, sqlNum, sqlText, textArg } from '../helpers';
import { chars, coerced, sqlInt, valueError } from './shared';

// ---- MID, REPLACE

export const MID: FunctionSpec = {
  name: 'MID',
  category: 'text',
  summary: 'Characters from the middle of a text: from a position (1 is the first character), this many.',
  params: [{ name: 'text' }, { name: 'start' }, { name: 'count' }],
  example: { formula: '=MID("Cellar door", 2, 3)', result: 'ell' },
  scalar(args) {
    const v = coerced(textArg(args, 0), numberArg(args, 1), numberArg(args, 2));
    if (isFormulaError(v)) return v;
    const [t, start, count] = [v[0], Math.trunc(v[1]), Math.trunc(v[2])];
    if (start < 1) return valueError('MID: the start must be 1 or more.');
    if (count < 0) return valueError('MID: the count cannot be negative.');
    return chars(t)
      .slice(start - 1, start - 1 + count)
      .join('');
  },
  sql(args) {
    const [t, s, n] = [sqlText(args, 0), sqlNum(args, 1), sqlNum(args, 2)];
    const bad = `(trunc(${s.sql}) < 1 OR trunc(${n.sql}) < 0)`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE substring(${t.sql}, ${sqlInt(s.sql)}, ${sqlInt(n.sql)}) END`, 'text', [t, s, n, errWhen(bad, '#VALUE!')]);
  },
};

export const REPLACE: FunctionSpec = {
  name: 'REPLACE',
  category: 'text',
  summary: 'Replaces a number of characters, from a position on, with another text.',
  params: [{ name: 'text' }, { name: 'start' }, { name: 'count' }, { name: 'new_text' }],
  example: { formula: '=REPLACE("2024-03", 1, 4, "1999")', result: '1999-03' },
  scalar(args) {
    const v = coerced(textArg(args, 0), numberArg(args, 1), numberArg(args, 2), textArg(args, 3));
    if (isFormulaError(v)) return v;
    const [t, start, count, r] = [v[0], Math.trunc(v[1]), Math.trunc(v[2]), v[3]];
    if (start < 1) return valueError('REPLACE: the start must be 1 or more.');
    if (count < 0) return valueError('REPLACE: the count cannot be negative.');
    const cs = chars(t);
    return cs.slice(0, start - 1).join('') + r + cs.slice(start - 1 + count).join('');
  },
  sql(args) {
    const [t, s, n, r] = [sqlText(args, 0), sqlNum(args, 1), sqlNum(args, 2), sqlText(args, 3)];
    const bad = `(trunc(${s.sql}) < 1 OR trunc(${n.sql}) < 0)`;
    const [start, count] = [sqlInt(s.sql), sqlInt(n.sql)];
    const value = `left(${t.sql}, ${start} - 1) || ${r.sql} || substring(${t.sql}, ${start} + ${count})`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE ${value} END`, 'text', [t, s, n, r, errWhen(bad, '#VALUE!')]);
  },
};

// ---- LEFT, RIGHT, LEN

/** LEFT and RIGHT: a count of characters from one end; a negative count is #VALUE!. */
export function side(name: 'LEFT' | 'RIGHT'): FunctionSpec {
  return {
    name,
    category: 'text',
    summary: `The first characters of a text${name === 'RIGHT' ? ', from its end' : ''} (one when the count is left out).`,
    params: [{ name: 'text' }, { name: 'count', optional: true }],
    example: name === 'LEFT' ? { formula: '=LEFT("Cellar", 4)', result: 'Cell' } : { formula: '=RIGHT("Cellar", 2)', result: 'ar' },
    scalar(args) {
      const v = coerced(textArg(args, 0), numberArg(args, 1, 1));
      if (isFormulaError(v)) return v;
      const count = Math.floor(v[1]);
      if (count < 0) return new FormulaError('#VALUE!', `${name}: the count cannot be negative.`);
      const cs = chars(v[0]);
      return name === 'LEFT' ? cs.slice(0, count).join('') : cs.slice(Math.max(0, cs.length - count)).join('');
    },
    sql(args) {
      const t = sqlText(args, 0);
      const n = sqlNum(args, 1, 1);
      // Clamped: DuckDB refuses counts beyond 2^32 (and a cast beyond BIGINT), which no text reaches.
      const count = `CAST(least(greatest(floor(${n.sql}), 0), 1e9) AS BIGINT)`;
      const value = name === 'LEFT' ? `left(${t.sql}, ${count})` : `CASE WHEN ${count} = 0 THEN '' ELSE right(${t.sql}, ${count}) END`;
      return result(`CASE WHEN ${n.sql} < 0 THEN NULL ELSE ${value} END`, 'text', [t.err, n.err, errWhen(`${n.sql} < 0`, '#VALUE!')]);
    },
  };
}

export const LEN: FunctionSpec = {
  name: 'LEN',
  category: 'text',
  summary: 'The number of characters in a text.',
  params: [{ name: 'text' }],
  notes: 'As in Excel, a character outside the Basic Multilingual Plane (an emoji such as 😀) counts as 2: Excel counts UTF-16 code units.',
  example: { formula: '=LEN("Cellar")', result: '6' },
  scalar(args) {
    const t = textArg(args, 0);
    return isFormulaError(t) ? t : t.length;
  },
  sql(args) {
    const t = sqlText(args, 0);
    // Code points, plus one for each that UTF-16 writes as a surrogate pair.
    return result(`CAST(length(${t.sql}) + length(regexp_replace(${t.sql}, '[^\\x{10000}-\\x{10FFFF}]', '', 'g')) AS DOUBLE)`, 'number', [t.err]);
  },
};
