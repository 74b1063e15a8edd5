import type { SqlFunctionContext } from '../../catalog';
import { expr, type SqlExpr } from '../../sql/types';
import type { Scalar } from '../../values';
import { sqlArg } from '../helpers';
import type { SqlArgs } from './shared';

// ---- evaluating SQL values once (calendar arithmetic, SQL)

/**
 * SQL longer than this is evaluated once and named, rather than written again wherever it is used.
 * A lambda costs DuckDB-WASM about a microsecond a row, so plain column arithmetic is repeated.
 */
const LONG = 500;
/** For values a body reads many times: bind anything but a column or a literal. */
export const REUSED = 40;

/**
 * `body` over values each evaluated once. DuckDB has no LET; a lambda over a one-element list is
 * one. When every value is short (a column, a literal) they are written in place instead, which
 * is cheaper than a lambda. `body` must not hold a subquery (a lambda cannot; the values may),
 * and reads only the values it is given (and names of enclosing lets): a lambda's body that reads
 * the row's columns is slow, and inside a subquery DuckDB cannot bind it at all.
 */
export function sqlLet(ctx: SqlFunctionContext, values: Record<string, string>, body: (v: Record<string, string>) => string, bindAbove = LONG): string {
  const entries = Object.entries(values);
  if (!entries.some(([, v]) => v.length > bindAbove)) return body(values);
  const name = ctx.alias();
  const refs = Object.fromEntries(entries.map(([k]) => [k, `${name}.${k}`]));
  return `list_transform([{${entries.map(([k, v]) => `'${k}': ${v}`).join(', ')}}], lambda ${name}: ${body(refs)})[1]`;
}

/** A named value of sqlLet's `body` (always given: the keys are the caller's own). */
export const ref = (v: Record<string, string>, key: string) => v[key] ?? 'NULL';

/**
 * A function's SQL over its arguments, each evaluated once (see sqlLet), so that calls nested in
 * calls grow the SQL by a constant factor instead of multiplying it. With `inline` they are
 * written in place instead (a holidays lookup is a subquery, which a lambda's body cannot hold).
 *
 * Only the arguments' values are named: a value argument's error is added to the call's result
 * by the compiler (and where it is set the value is NULL), so `build` sees none; `keepErr` lists
 * the arguments whose errors the function reports itself (a holiday given as one value).
 */
export function withArgs(ctx: SqlFunctionContext, args: SqlExpr[], build: (args: SqlExpr[]) => SqlExpr, options: { inline?: boolean; keepErr?: number[] } = {}): SqlExpr {
  const kept = args.map((a, i): SqlExpr => (options.keepErr?.includes(i) ? a : { ...a, err: null }));
  if (options.inline || !kept.some((a) => a.sql.length + (a.err?.length ?? 0) > LONG)) return build(kept);
  // Every argument is named (a lambda body that reads the outer row is slow); literals stay in
  // place, as some functions read their constant.
  const name = ctx.alias();
  const fields: [string, string][] = [];
  const refs = kept.map((a, i): SqlExpr => {
    if (a.constant !== undefined) return a;
    fields.push([`v${i}`, a.sql]);
    if (a.err) fields.push([`e${i}`, a.err]);
    return { ...a, sql: `${name}.v${i}`, err: a.err ? `${name}.e${i}` : null };
  });
  const out = build(refs);
  const bind = (body: string) => `list_transform([{${fields.map(([k, v]) => `'${k}': ${v}`).join(', ')}}], lambda ${name}: ${body})[1]`;
  // The value and the error are bound apart, so reading the error does not compute the value.
  return expr(bind(out.sql), out.type, out.err ? bind(out.err) : null, out.nullable);
}

/** Value arguments, each with its default when left out. */
export function valueArgs(args: SqlArgs, ...defaults: Scalar[]): SqlExpr[] {
  return defaults.map((fallback, i) => sqlArg(args, i, fallback));
}
