import type { SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import type { SqlExpr } from '../../sql/types';
import { toText } from '../../values';
import { firstError } from '../helpers';

// Text positions count characters (Unicode code points, as DuckDB's string functions do), from 1.
// Whole-number arguments (positions, counts, instances) are truncated toward zero, as Excel does.

/** The characters of a text, as DuckDB counts them. */
export function chars(s: string): string[] {
  return [...s];
}

export const valueError = (message: string) => new FormulaError('#VALUE!', message);

export type Coerced<T extends readonly unknown[]> = { [K in keyof T]: Exclude<T[K], FormulaError> };

/** Coerced arguments, or the first error among them, so the forms below read them without casts. */
export function coerced<T extends readonly unknown[]>(...values: T): Coerced<T> | FormulaError {
  return firstError(...values) ?? (values as unknown as Coerced<T>);
}

/** A quoted text for messages. */
export function quoted(s: string): string {
  return `"${s.length > 30 ? `${s.slice(0, 27)}…` : s}"`;
}

// ---- SQL building blocks

/** A whole number (truncated) as a BIGINT, clamped so that no cast or string function can overflow. */
export function sqlInt(x: string): string {
  return `CAST(least(greatest(trunc(${x}), -1e9), 1e9) AS BIGINT)`;
}

/** `body` over `value` computed once per row: DuckDB has no LET, so a one-element list and a lambda bind it. */
export function sqlLet(ctx: SqlFunctionContext, value: string, body: (name: string) => string): string {
  // A column or a constant is read again as cheaply as a bound name.
  if (/^(\w+\.)?("([^"]|"")*"|\w+)$|^'([^']|'')*'$/.test(value)) return body(value);
  const name = ctx.alias();
  return `list_transform([${value}], lambda ${name}: ${body(name)})[1]`;
}

/** A text argument's constant value, when SQL knows it while compiling. */
export function constantText(a: SqlExpr): string | undefined {
  if (a.constant === undefined || isFormulaError(a.constant)) return undefined;
  const t = toText(a.constant);
  return isFormulaError(t) ? undefined : t;
}
