import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec, ScalarArg, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { aggregate, rangeErr, result, text } from '../../sql/coerce';
import { expr, isSqlRange, type SqlArg, type SqlExpr } from '../../sql/types';
import { toText } from '../../values';
import { argValues, booleanArg, sqlBool, sqlText, textArg } from '../helpers';
import { coerced, constantText } from './shared';

// ---- joining: CONCAT, CONCATENATE, TEXTJOIN

type SqlArgs = (SqlArg | undefined)[];

/** The texts of values and ranges joined with a delimiter, empty ones left out when asked. */
function joinScalar(items: readonly ScalarArg[], delimiter: string, ignoreEmpty: boolean): string | FormulaError {
  const out: string[] = [];
  for (const { value } of argValues(items)) {
    const t = toText(value);
    if (isFormulaError(t)) return t;
    if (ignoreEmpty && t === '') continue;
    out.push(t);
  }
  return out.join(delimiter);
}

/**
 * joinScalar in SQL. A range is one aggregate over its table, in row order where the table has
 * one: string_agg when the delimiter is a constant (DuckDB needs one there), else a list
 * folded with it. concat_ws leaves out the NULL pieces (a range with no rows, an ignored empty).
 */
function sqlJoin(items: SqlArgs, delimiter: SqlExpr, ignoreEmpty: string, ctx: SqlFunctionContext): SqlExpr {
  const known = constantText(delimiter);
  const pieces: string[] = [];
  const errs: (string | null)[] = [delimiter.err];
  for (const a of items) {
    if (a === undefined) continue;
    if (isSqlRange(a)) {
      const t = text(a.columns[0]!).sql;
      const filter = `FILTER (WHERE NOT (${ignoreEmpty}) OR ${t} <> '')`;
      const order = a.ordered ? ` ORDER BY ${a.alias}.rowid` : '';
      if (known !== undefined) pieces.push(aggregate(a, `string_agg(${t}, ${quoteLiteral(known)}${order}) ${filter}`));
      else {
        const [l, x, y] = [ctx.alias(), ctx.alias(), ctx.alias()];
        const list = aggregate(a, `list(${t}${order}) ${filter}`);
        pieces.push(`list_transform([${list}], lambda ${l}: CASE WHEN len(${l}) > 0 THEN list_reduce(${l}, lambda ${x}, ${y}: ${x} || ${delimiter.sql} || ${y}) END)[1]`);
      }
      errs.push(rangeErr(a));
    } else {
      const t = text(a);
      pieces.push(`CASE WHEN (${ignoreEmpty}) AND ${t.sql} = '' THEN NULL ELSE ${t.sql} END`);
      errs.push(t.err);
    }
  }
  return result(pieces.length ? `concat_ws(${delimiter.sql}, ${pieces.join(', ')})` : "''", 'text', errs);
}

export const CONCAT: FunctionSpec = {
  name: 'CONCAT',
  category: 'text',
  summary: 'Joins texts (and the values of ranges) into one text, as & does.',
  params: [{ name: 'text', kind: 'range' }],
  repeat: 1,
  notes: 'A table column joins in row order. Unlike Excel, a result longer than 32,767 characters is kept.',
  example: { formula: '=CONCAT("Cel", "lar", 2)', result: 'Cellar2' },
  scalar: (args) => joinScalar(args, '', false),
  sql: (args, ctx) => sqlJoin(args, textConstant(''), 'FALSE', ctx),
};

export const CONCATENATE: FunctionSpec = {
  name: 'CONCATENATE',
  category: 'text',
  summary: 'Joins texts into one text, as & does (CONCAT also takes ranges).',
  params: [{ name: 'text' }],
  repeat: 1,
  example: { formula: '=CONCATENATE("Cel", "lar ", 2)', result: 'Cellar 2' },
  scalar: (args) => joinScalar(args, '', false),
  sql: (args, ctx) => sqlJoin(args, textConstant(''), 'FALSE', ctx),
};

export const TEXTJOIN: FunctionSpec = {
  name: 'TEXTJOIN',
  category: 'text',
  summary: 'Joins texts and the values of ranges with a delimiter between them, leaving out empty ones when ignore_empty is TRUE.',
  params: [{ name: 'delimiter' }, { name: 'ignore_empty' }, { name: 'text', kind: 'range' }],
  repeat: 1,
  notes: 'A table column joins in row order. The delimiter is one text (Excel also takes a range of delimiters). Unlike Excel, a result longer than 32,767 characters is kept.',
  example: { formula: '=TEXTJOIN(", ", TRUE, "a", "", "b")', result: 'a, b' },
  scalar(args) {
    const v = coerced(textArg(args, 0), booleanArg(args, 1));
    return isFormulaError(v) ? v : joinScalar(args.slice(2), v[0], v[1]);
  },
  sql: (args, ctx) => sqlJoin(args.slice(2), sqlText(args, 0), sqlBool(args, 1).sql, ctx),
};

/** A constant text as SQL, for the joins' fixed delimiters. */
function textConstant(s: string): SqlExpr {
  return { ...expr(quoteLiteral(s), 'text'), constant: s };
}
