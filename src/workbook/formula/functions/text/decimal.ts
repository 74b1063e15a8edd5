import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { isFormulaError } from '../../errors';
import { errWhen, result } from '../../sql/coerce';
import type { SqlExpr } from '../../sql/types';
import { booleanArg, numberArg, sqlArg, sqlBool, sqlNum } from '../helpers';
import { roundDigits, sqlRoundDigits } from '../math';
import { coerced, sqlLet, valueError } from './shared';

// ---- numbers as text: FIXED, TEXT

/** The decimal exponent of a finite number, as its 15-significant-digit form writes it. */
function exponentOf(a: number): number {
  return Number(a.toExponential(14).split('e')[1]);
}

interface DecimalOptions {
  decimals: number;
  commas: boolean;
  percent: boolean;
  /** 'value': a minus sign whenever the number is negative (TEXT shows -0.00); 'rounded': only if it is after rounding (FIXED). */
  sign: 'value' | 'rounded';
}

/**
 * A number written with a fixed number of decimals, rounded half away from zero on its 15
 * significant digits (as ROUND rounds), and written from those digits, never from the binary
 * double: 123456789012345678 is 123456789012346000, as Excel shows it. Undefined when not finite.
 */
export function decimalText(x: number, o: DecimalOptions): string | undefined {
  const a = Math.abs(x) * (o.percent ? 100 : 1);
  if (!Number.isFinite(a)) return undefined;
  // Where every significant digit is left of the last decimal there is nothing to round.
  const r = exponentOf(a) + o.decimals >= 15 ? a : roundDigits(a, o.decimals, 'nearest');
  const [mantissa, e] = r.toExponential(14).split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(e);
  const whole = exponent >= 0 ? digits.slice(0, exponent + 1).padEnd(exponent + 1, '0') : '0';
  const fraction = (exponent >= 0 ? digits.slice(exponent + 1) : '0'.repeat(-exponent - 1) + digits).padEnd(o.decimals, '0').slice(0, Math.max(0, o.decimals));
  const negative = x < 0 && (o.sign === 'value' || r > 0);
  const grouped = o.commas ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${negative ? '-' : ''}${grouped}${o.decimals > 0 ? `.${fraction}` : ''}${o.percent ? '%' : ''}`;
}

/** decimalText's options in SQL: a constant is written into the SQL, anything else is an expression. */
interface SqlDecimalOptions {
  /** A whole number from -127 to 127 (SQL). */
  decimals: string;
  commas: boolean | string;
  percent: boolean | string;
  sign: 'value' | 'rounded';
}

export const sqlFlag = (f: boolean | string) => (typeof f === 'boolean' ? (f ? 'TRUE' : 'FALSE') : f);

/** `then` where the flag holds, else `otherwise`; no CASE when the flag is a constant. */
export function sqlIf(flag: boolean | string, then: string, otherwise: string): string {
  return typeof flag === 'boolean' ? (flag ? then : otherwise) : `CASE WHEN ${flag} THEN ${then} ELSE ${otherwise} END`;
}

/** Digits in groups of three, as `whole.replace(/\B(?=(\d{3})+$)/g, ',')` writes them. */
function sqlThousands(whole: string, ctx: SqlFunctionContext): string {
  return sqlLet(ctx, whole, (w) => {
    const k = ctx.alias();
    const first = `((length(${w}) - 1) % 3 + 1)`;
    return `array_to_string(list_transform(range(0, (length(${w}) + 2) // 3), lambda ${k}: CASE WHEN ${k} = 0 THEN left(${w}, ${first}) ELSE substring(${w}, ${first} + 1 + (${k} - 1) * 3, 3) END), ',')`;
  });
}

/**
 * decimalText in SQL, `x` being cheap to read again (a column, or a bound name). Below 10^15 (at
 * the decimals asked) the rounded number has at most 15 significant digits, which printf writes
 * exactly: the fast path. Larger ones are written from `printf('%.14e')`'s digits, which are
 * toExponential(14)'s. NULL when not finite.
 */
export function sqlDecimalText(x: string, o: SqlDecimalOptions, ctx: SqlFunctionContext): string {
  const d = o.decimals;
  const a = o.percent === false ? `abs(${x})` : `(abs(${x}) * ${sqlIf(o.percent, '100', '1')})`;
  // Where every significant digit is left of the last decimal there is nothing to round (and
  // shifting the digits further could overflow). The rounding stays outside the lambda below:
  // DuckDB runs it several times faster there.
  const rounded = `CASE WHEN ${a} >= pow(10, 15 - ${d}) THEN ${a} ELSE ${sqlRoundDigits(a, d, 'nearest')} END`;
  const text = sqlLet(ctx, rounded, (r) => {
    const places = `CAST(greatest(${d}, 0) AS INTEGER)`;
    const fast = sqlIf(o.commas, `printf('%,.*f', ${places}, ${r})`, `printf('%.*f', ${places}, ${r})`);
    const negative = o.sign === 'value' ? `${x} < 0` : `${x} < 0 AND ${r} > 0`;
    const digits = `CASE WHEN ${r} < pow(10, 15 - greatest(${d}, 0)) THEN ${fast} ELSE ${sqlDigitsText(r, d, o.commas, ctx)} END`;
    return `CASE WHEN ${negative} THEN '-' ELSE '' END || ${digits} || ${sqlIf(o.percent, "'%'", "''")}`;
  });
  return `CASE WHEN isfinite(${a}) THEN ${text} END`;
}

/** `body` over `value`, bound once per row unless it is cheap to compute again (any type but text, which numbers are parsed from). */
export function sqlBindNumber(ctx: SqlFunctionContext, value: SqlExpr, source: SqlExpr, body: (x: string) => string): string {
  return source.type === 'text' ? sqlLet(ctx, value.sql, body) : body(value.sql);
}

/** A large rounded number (not negative) written from its 15 significant digits, as decimalText writes it. */
function sqlDigitsText(r: string, d: string, commas: boolean | string, ctx: SqlFunctionContext): string {
  return sqlLet(ctx, `printf('%.14e', ${r})`, (s) => {
    const digits = `replace(split_part(${s}, 'e', 1), '.', '')`;
    const e = `CAST(split_part(${s}, 'e', 2) AS INTEGER)`;
    const whole = `CASE WHEN ${e} >= 0 THEN rpad(left(${digits}, ${e} + 1), ${e} + 1, '0') ELSE '0' END`;
    const fraction = `rpad(CASE WHEN ${e} >= 0 THEN substring(${digits}, ${e} + 2) ELSE repeat('0', -${e} - 1) || ${digits} END, CAST(greatest(${d}, 0) AS INTEGER), '0')`;
    return `${sqlIf(commas, sqlThousands(whole, ctx), whole)} || CASE WHEN ${d} > 0 THEN '.' || ${fraction} ELSE '' END`;
  });
}

export const FIXED: FunctionSpec = {
  name: 'FIXED',
  category: 'text',
  summary: 'A number as text, rounded to a number of decimals (2 when left out), with thousands separators unless no_commas is TRUE.',
  params: [{ name: 'number' }, { name: 'decimals', optional: true }, { name: 'no_commas', optional: true }],
  notes: 'Rounds half away from zero, as ROUND does (FIXED(1.005, 2) is 1.01). Decimals go from -127 to 127; negative decimals round left of the decimal point.',
  example: { formula: '=FIXED(1234.567, 1)', result: '1,234.6' },
  scalar(args) {
    const v = coerced(numberArg(args, 0), numberArg(args, 1, 2), booleanArg(args, 2, false));
    if (isFormulaError(v)) return v;
    const [x, decimals, noCommas] = [v[0], Math.trunc(v[1]), v[2]];
    if (Math.abs(decimals) > 127) return valueError('FIXED: decimals must be between -127 and 127.');
    return decimalText(x, { decimals, commas: !noCommas, percent: false, sign: 'rounded' }) ?? valueError('FIXED: the number is not finite.');
  },
  sql(args, ctx) {
    const [x, d, noCommas] = [sqlNum(args, 0), sqlNum(args, 1, 2), sqlBool(args, 2, false)];
    const bad = `abs(trunc(${d.sql})) > 127`;
    const decimals = `least(greatest(trunc(${d.sql}), -127), 127)`;
    const commas = noCommas.constant === undefined ? `NOT (${noCommas.sql})` : noCommas.constant !== true;
    const value = sqlBindNumber(ctx, x, sqlArg(args, 0), (v) => sqlDecimalText(v, { decimals, commas, percent: false, sign: 'rounded' }, ctx));
    return result(`CASE WHEN ${bad} THEN NULL ELSE ${value} END`, 'text', [x, d, noCommas, errWhen(`${bad} OR NOT isfinite(${x.sql})`, '#VALUE!')]);
  },
};
