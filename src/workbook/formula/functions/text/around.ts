import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, num, result } from '../../sql/coerce';
import { expr, isSqlRange, type SqlExpr } from '../../sql/types';
import { arg, booleanArg, numberArg, sqlArg, sqlBool, sqlNum, sqlText, textArg } from '../helpers';
import { sqlBranches } from '../logic';
import { lowerText } from './case';
import { chars, coerced, quoted, sqlInt, sqlLet, valueError } from './shared';

// ---- TEXTBEFORE, TEXTAFTER

/**
 * Where TEXTBEFORE/TEXTAFTER cut `t`: the text before and after the chosen delimiter, or
 * undefined when there is none. Occurrences are found left to right; a negative instance counts
 * from the last. With match_end, the end of the text (the start, counting back) is one more.
 */
function cut(t: string, d: string, n: number, ignoreCase: boolean, matchEnd: boolean): { before: string; after: string } | undefined {
  const cs = chars(t);
  if (d === '') return n > 0 ? { before: '', after: t } : { before: t, after: '' };
  const parts = (ignoreCase ? lowerText(t) : t).split(ignoreCase ? lowerText(d) : d);
  const k = n > 0 ? n : parts.length + n;
  if (k >= 1 && k < parts.length) {
    const pos = chars(parts.slice(0, k).join(d)).length;
    return { before: cs.slice(0, pos).join(''), after: cs.slice(pos + chars(d).length).join('') };
  }
  if (matchEnd && n > 0 && k === parts.length) return { before: t, after: '' };
  if (matchEnd && n < 0 && k === 0) return { before: '', after: t };
  return undefined;
}

/** cut in SQL: the part wanted, NULL when the delimiter is not there. */
function sqlCut(side: 'before' | 'after', t: string, d: string, n: string, ignoreCase: string, matchEnd: string, ctx: SqlFunctionContext): string {
  const pick = (before: string, after: string) => (side === 'before' ? before : after);
  const hay = `CASE WHEN ${ignoreCase} THEN lower(${t}) ELSE ${t} END`;
  const needle = `CASE WHEN ${ignoreCase} THEN lower(${d}) ELSE ${d} END`;
  const found = sqlLet(ctx, `string_split(${hay}, ${needle})`, (parts) => {
    const x = ctx.alias();
    const k = `(CASE WHEN ${n} > 0 THEN ${n} ELSE len(${parts}) + ${n} END)`;
    const pos = `CAST(list_sum(list_transform(list_slice(${parts}, 1, ${k}), lambda ${x}: length(${x}))) + (${k} - 1) * length(${d}) AS BIGINT)`;
    return (
      `CASE WHEN ${k} >= 1 AND ${k} < len(${parts}) THEN ${pick(`left(${t}, ${pos})`, `substring(${t}, ${pos} + length(${d}) + 1)`)} ` +
      `WHEN ${matchEnd} AND ${n} > 0 AND ${k} = len(${parts}) THEN ${pick(t, "''")} ` +
      `WHEN ${matchEnd} AND ${n} < 0 AND ${k} = 0 THEN ${pick("''", t)} END`
    );
  });
  return `CASE WHEN ${d} = '' THEN (CASE WHEN ${n} > 0 THEN ${pick("''", t)} ELSE ${pick(t, "''")} END) ELSE ${found} END`;
}

/** A number argument that is `fallback` when empty. */
function sqlNumOr(a: SqlExpr, fallback: number): SqlExpr {
  if (a.type === 'empty') return expr(`CAST(${fallback} AS DOUBLE)`, 'number', a.err);
  const n = num(a);
  return a.nullable ? expr(`CASE WHEN ${a.sql} IS NULL THEN CAST(${fallback} AS DOUBLE) ELSE ${n.sql} END`, 'number', n.err) : n;
}

export function textAround(side: 'before' | 'after'): FunctionSpec {
  const name = side === 'before' ? 'TEXTBEFORE' : 'TEXTAFTER';
  return {
    name,
    category: 'text',
    summary: `The text ${side} a delimiter (its nth occurrence; a negative instance counts from the end); #N/A when the delimiter is not there.`,
    params: [
      { name: 'text' },
      { name: 'delimiter' },
      { name: 'instance', optional: true },
      { name: 'match_mode', optional: true },
      { name: 'match_end', optional: true },
      { name: 'if_not_found', optional: true },
    ],
    propagate: false,
    notes:
      'match_mode 1 ignores case; match_end TRUE counts the end of the text as a delimiter. An empty text gives an empty text. ' +
      'Occurrences are found from the left, also when counting from the end (it matters only for delimiters that overlap themselves, such as "aa" in "aaa").',
    example: side === 'before' ? { formula: '=TEXTBEFORE("north-east-1", "-")', result: 'north' } : { formula: '=TEXTAFTER("north-east-1", "-", -1)', result: '1' },
    scalar(args) {
      // An instance left empty, as in TEXTBEFORE(A2, "-", , 1), is the first.
      const v = coerced(textArg(args, 0), textArg(args, 1), arg(args, 2) === null ? 1 : numberArg(args, 2, 1), numberArg(args, 3, 0), booleanArg(args, 4, false));
      if (isFormulaError(v)) return v;
      // Excel rounds the instance down (-1.2 is -2) and takes match_end only as 0 or 1.
      const [text, d, instance, m, end] = [v[0], v[1], Math.floor(v[2]), Math.trunc(v[3]), v[4]];
      if (instance === 0) return valueError(`${name}: the instance cannot be 0.`);
      if (m !== 0 && m !== 1) return valueError(`${name}: match_mode is 0 (case-sensitive) or 1 (ignore case).`);
      const endArg = arg(args, 4);
      if (typeof endArg === 'number' && endArg !== 0 && endArg !== 1) return valueError(`${name}: match_end is 0 (FALSE) or 1 (TRUE).`);
      if (text === '') return '';
      if (Math.abs(instance) > chars(text).length) return valueError(`${name}: the instance is larger than the text is long.`);
      // An instance given explicitly must fit where the delimiter could occur.
      if (args[2] !== undefined && Math.abs(instance) > chars(text).length - chars(d).length + 1) return valueError(`${name}: the delimiter cannot occur ${Math.abs(instance)} times in the text.`);
      const parts = cut(text, d, instance, m === 1, end);
      if (parts) return parts[side];
      return args[5] === undefined ? new FormulaError('#N/A', `${name}: ${quoted(d)} was not found.`) : arg(args, 5);
    },
    sql(args, ctx) {
      const [t, d, n, mode, end] = [sqlText(args, 0), sqlText(args, 1), sqlNumOr(sqlArg(args, 2, 1), 1), sqlNum(args, 3, 0), sqlBool(args, 4, false)];
      const [instance, m] = [`floor(${n.sql})`, `trunc(${mode.sql})`];
      const endBad = args[4] !== undefined && !isSqlRange(args[4]) && args[4].type === 'number' ? `${sqlArg(args, 4).sql} NOT IN (0, 1)` : 'FALSE';
      const fits = args[2] === undefined ? 'FALSE' : `abs(${instance}) > length(${t.sql}) - length(${d.sql}) + 1`;
      const own = `CASE WHEN ${instance} = 0 OR ${m} NOT IN (0, 1) OR ${endBad} THEN ${errCode('#VALUE!')} WHEN ${t.sql} <> '' AND (abs(${instance}) > length(${t.sql}) OR ${fits}) THEN ${errCode('#VALUE!')} END`;
      const inputErr = result('NULL', 'empty', [t, d, n, mode, end, own]).err;
      const part = `CASE WHEN ${t.sql} = '' THEN '' ELSE ${sqlCut(side, t.sql, d.sql, sqlInt(`floor(${n.sql})`), `${m} = 1`, end.sql, ctx)} END`;
      const found = expr(part, 'text');
      if (args[5] === undefined) return result(part, 'text', [inputErr, errWhen(`${part} IS NULL`, '#N/A')]);
      return sqlBranches([{ when: `${part} IS NOT NULL`, then: found }], sqlArg(args, 5), inputErr);
    },
  };
}
