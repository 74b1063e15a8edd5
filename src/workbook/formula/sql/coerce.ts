import { quoteLiteral } from '../../../sql';
import type { ErrorCode } from '../errors';
import { CURRENCY_TEXT, formatDate, isDate, ISO_DATE_TEXT, NUMBER_TEXT, type Scalar } from '../values';
import { DUCKDB_TYPE, expr, type SqlExpr, type SqlRange, type SqlType } from './types';

// The SQL half of values.ts: the same coercions, written as DuckDB expressions. Each must agree
// with its TypeScript twin; the differential tests hold them to it.

/** The error code as a SQL literal. */
export function errCode(code: ErrorCode): string {
  return quoteLiteral(code);
}

/** An expression that is always this error. */
export function errorExpr(code: ErrorCode): SqlExpr {
  return expr('NULL', 'empty', errCode(code), false);
}

/** The first error among several (NULL when none); null when none of them can fail. */
export function anyErr(...errs: (string | null | undefined | SqlExpr)[]): string | null {
  const list = errs.map((e) => (e && typeof e === 'object' ? e.err : e)).filter((e): e is string => !!e);
  const unique = [...new Set(list)];
  if (unique.length === 0) return null;
  return unique.length === 1 ? unique[0]! : `COALESCE(${unique.join(', ')})`;
}

/** `value`, made NULL wherever `err` holds an error. */
export function guard(value: string, err: string | null): string {
  return err ? `CASE WHEN ${err} IS NULL THEN ${value} END` : value;
}

/** A result that fails where any of `errs` fails (inputs first, then its own). */
export function result(value: string, type: SqlType, errs: (string | null | undefined | SqlExpr)[], nullable = false): SqlExpr {
  const err = anyErr(...errs);
  return expr(guard(value, err), type, err, nullable);
}

/** An error where `condition` holds, as an err expression. */
export function errWhen(condition: string, code: ErrorCode): string {
  return `CASE WHEN ${condition} THEN ${errCode(code)} END`;
}

/** A constant as SQL. Text is quoted as a literal, so nothing in it can become SQL. */
export function literal(v: Scalar): SqlExpr {
  return { ...literalExpr(v), constant: v };
}

function literalExpr(v: Scalar): SqlExpr {
  if (v === null) return expr('NULL', 'empty', null, true);
  if (typeof v === 'number') return expr(`CAST(${numberLiteral(v)} AS DOUBLE)`, 'number');
  if (typeof v === 'boolean') return expr(v ? 'TRUE' : 'FALSE', 'boolean');
  if (typeof v === 'string') return expr(quoteLiteral(v), 'text');
  if (isDate(v)) return v.withTime ? expr(`TIMESTAMP ${quoteLiteral(formatDate(v))}`, 'datetime') : expr(`DATE ${quoteLiteral(formatDate(v))}`, 'date');
  return errorExpr(v.code);
}

function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) return 'NULL';
  return Object.is(n, -0) ? '0' : String(n);
}

const NUMBER_PATTERN = quoteLiteral(NUMBER_TEXT);
const PERCENT_PATTERN = quoteLiteral(`${NUMBER_TEXT}%`);
const CURRENCY_PATTERN = quoteLiteral(CURRENCY_TEXT);
const ISO_DATE_PATTERN = quoteLiteral(ISO_DATE_TEXT);

/** Days since 1899-12-30, for a DATE or TIMESTAMP (never NULL-safe: callers coalesce). */
function serialOf(sql: string, type: 'date' | 'datetime'): string {
  return type === 'date' ? `CAST(${sql} - DATE '1899-12-30' AS DOUBLE)` : `(epoch_us(${sql}) / 86400000000.0 + 25569)`;
}

/** Where a number is expected: empty is 0, booleans 1/0, dates their serial, numeric text its number, other text #VALUE!. */
export function num(e: SqlExpr): SqlExpr {
  const x = e.sql;
  switch (e.type) {
    case 'number':
      return e.nullable ? expr(guard(`COALESCE(${x}, 0)`, e.err), 'number', e.err) : e;
    case 'empty':
      return expr(guard('CAST(0 AS DOUBLE)', e.err), 'number', e.err);
    case 'boolean':
      return expr(guard(`CAST(COALESCE(${x}, FALSE) AS DOUBLE)`, e.err), 'number', e.err);
    case 'date':
    case 'datetime':
      return expr(guard(`COALESCE(${serialOf(x, e.type)}, 0)`, e.err), 'number', e.err);
    case 'text': {
      const t = `trim(${x})`;
      // As values.ts's parseNumberText: a number, a percentage, an amount with a currency sign, an ISO date (untrimmed).
      const readings =
        `WHEN regexp_full_match(${t}, ${NUMBER_PATTERN}) THEN CAST(${t} AS DOUBLE) ` +
        `WHEN regexp_full_match(${t}, ${PERCENT_PATTERN}) THEN CAST(rtrim(${t}, '%') AS DOUBLE) / 100 ` +
        `WHEN regexp_full_match(${t}, ${CURRENCY_PATTERN}) THEN CAST(regexp_replace(${t}, '[$€£¥, ]', '', 'g') AS DOUBLE) ` +
        `WHEN regexp_full_match(${x}, ${ISO_DATE_PATTERN}) THEN CAST(TRY_CAST(${x} AS DATE) - DATE '1899-12-30' AS DOUBLE) `;
      const value = `CASE WHEN ${x} IS NULL THEN CAST(0 AS DOUBLE) ${readings}END`;
      const own = errWhen(`${x} IS NOT NULL AND (CASE ${readings}END) IS NULL`, '#VALUE!');
      return result(value, 'number', [e.err, own]);
    }
  }
}

/** A number as text with 15 significant digits, like values.ts's formatNumber (`x` is not NULL). */
export function formatNumberSql(x: string): string {
  // `+ 0.0` turns -0 into 0, which printf would keep.
  return `upper(printf('%.15g', ${x} + 0.0))`;
}

/** Where text is expected: numbers with 15 significant digits, TRUE/FALSE, empty is "". */
export function text(e: SqlExpr): SqlExpr {
  const x = e.sql;
  switch (e.type) {
    case 'text':
      return e.nullable ? expr(guard(`COALESCE(${x}, '')`, e.err), 'text', e.err) : e;
    case 'empty':
      return expr(guard("''", e.err), 'text', e.err);
    case 'boolean':
      return expr(guard(`CASE WHEN ${x} THEN 'TRUE' WHEN NOT ${x} THEN 'FALSE' ELSE '' END`, e.err), 'text', e.err);
    case 'number':
      return expr(guard(e.nullable ? `CASE WHEN ${x} IS NULL THEN '' ELSE ${formatNumberSql(x)} END` : formatNumberSql(x), e.err), 'text', e.err);
    case 'date':
    case 'datetime':
      return expr(guard(`CASE WHEN ${x} IS NULL THEN '' ELSE ${formatNumberSql(serialOf(x, e.type))} END`, e.err), 'text', e.err);
  }
}

/** Where TRUE/FALSE is expected: numbers are TRUE unless 0, text must read TRUE or FALSE. */
export function bool(e: SqlExpr): SqlExpr {
  const x = e.sql;
  switch (e.type) {
    case 'boolean':
      return e.nullable ? expr(guard(`COALESCE(${x}, FALSE)`, e.err), 'boolean', e.err) : e;
    case 'empty':
      return expr(guard('FALSE', e.err), 'boolean', e.err);
    case 'number':
      return expr(guard(`COALESCE(${x} <> 0, FALSE)`, e.err), 'boolean', e.err);
    case 'date':
    case 'datetime':
      return expr(guard(`COALESCE(${serialOf(x, e.type)} <> 0, FALSE)`, e.err), 'boolean', e.err);
    case 'text': {
      const value = `CASE WHEN ${x} IS NULL THEN FALSE WHEN upper(${x}) = 'TRUE' THEN TRUE WHEN upper(${x}) = 'FALSE' THEN FALSE END`;
      return result(value, 'boolean', [e.err, errWhen(`${x} IS NOT NULL AND upper(${x}) NOT IN ('TRUE', 'FALSE')`, '#VALUE!')]);
    }
  }
}

/** A date from a serial number (SQL DOUBLE, not NULL): DATE drops the fraction; out of range is #NUM!. */
export function fromSerial(serial: string, withTime: boolean, errs: (string | null | SqlExpr)[] = []): SqlExpr {
  const value = withTime
    ? `TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(${serial} * 86400000000) AS BIGINT))`
    : `DATE '1899-12-30' + CAST(floor(${serial}) AS INTEGER)`;
  const range = errWhen(`NOT (${serial} >= 0 AND ${serial} < 2958466)`, '#NUM!');
  return result(`CASE WHEN ${serial} >= 0 AND ${serial} < 2958466 THEN ${value} END`, withTime ? 'datetime' : 'date', [...errs, range]);
}

/** Where a date is expected: a date, a serial number, or ISO date text (else #VALUE!). Empty is serial 0. */
export function toDate(e: SqlExpr): SqlExpr {
  switch (e.type) {
    case 'date':
    case 'datetime':
      return e.nullable ? result(`COALESCE(${e.sql}, DATE '1899-12-30')`, e.type, [e.err]) : e;
    case 'text': {
      const parsed = `TRY_CAST(trim(${e.sql}) AS TIMESTAMP)`;
      const hasTime = `(strlen(trim(${e.sql})) > 10)`;
      // Only ISO text is a date, as values.ts's parseIsoDate reads it.
      const iso = `regexp_full_match(trim(${e.sql}), '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?')`;
      // Empty is serial 0, as values.ts's toDate reads it.
      const own = errWhen(`${e.sql} IS NOT NULL AND NOT (${iso} AND ${parsed} IS NOT NULL)`, '#VALUE!');
      // A date column read from text keeps its time only when the text has one.
      return result(`CASE WHEN ${e.sql} IS NULL THEN TIMESTAMP '1899-12-30' WHEN ${hasTime} THEN ${parsed} ELSE CAST(${parsed} AS DATE) END`, 'datetime', [e.err, own]);
    }
    default: {
      const n = num(e);
      const withTime = `(${n.sql} <> floor(${n.sql}))`;
      const d = fromSerial(n.sql, true, [n.err]);
      return result(`CASE WHEN ${withTime} THEN ${d.sql} ELSE CAST(${d.sql} AS DATE) END`, 'datetime', [d.err]);
    }
  }
}

/** The serial number of a date expression (date or datetime typed), 0 when empty. */
export function serial(e: SqlExpr): SqlExpr {
  return num(e);
}

/** The class a type compares in: numbers and dates together. */
function compareClass(t: SqlType): 'number' | 'text' | 'boolean' | 'empty' {
  return t === 'date' || t === 'datetime' ? 'number' : t;
}

const RANK = { number: 0, text: 1, boolean: 2 } as const;

/** Both sides coerced within one class (empty as that class's zero value), compared with `op`. */
function sameClassCompare(a: SqlExpr, b: SqlExpr, cls: 'number' | 'text' | 'boolean', op: string): string {
  if (cls === 'number') return `${num(a).sql} ${op} ${num(b).sql}`;
  if (cls === 'boolean') return `${bool(a).sql} ${op} ${bool(b).sql}`;
  return `lower(${text(a).sql}) ${op} lower(${text(b).sql})`;
}

/**
 * `a op b` as Excel compares: text case-insensitively; different types by type (numbers < text
 * < booleans); empty as the other side's zero value.
 */
export function compare(a: SqlExpr, b: SqlExpr, op: '=' | '<>' | '<' | '>' | '<=' | '>='): SqlExpr {
  const ca = compareClass(a.type);
  const cb = compareClass(b.type);
  const errs = [a.err, b.err];
  if (ca === 'empty' && cb === 'empty') return result(constant(0, 0, op), 'boolean', errs);
  if (ca === 'empty') return result(sameClassCompare(a, b, cb as 'number', op), 'boolean', errs);
  if (cb === 'empty' || ca === cb) return result(sameClassCompare(a, b, ca, op), 'boolean', errs);
  const ranks = constant(RANK[ca], RANK[cb as 'number'], op);
  if (!a.nullable && !b.nullable) return result(ranks, 'boolean', errs);
  const parts = [`WHEN ${a.sql} IS NULL AND ${b.sql} IS NULL THEN ${constant(0, 0, op)}`];
  if (a.nullable) parts.push(`WHEN ${a.sql} IS NULL THEN ${sameClassCompare(a, b, cb as 'number', op)}`);
  if (b.nullable) parts.push(`WHEN ${b.sql} IS NULL THEN ${sameClassCompare(a, b, ca, op)}`);
  return result(`CASE ${parts.join(' ')} ELSE ${ranks} END`, 'boolean', errs);
}

function constant(x: number, y: number, op: string): string {
  const r = { '=': x === y, '<>': x !== y, '<': x < y, '>': x > y, '<=': x <= y, '>=': x >= y }[op];
  return r ? 'TRUE' : 'FALSE';
}

/** An expression made NULL (not an error) where the number is not finite; callers add #NUM!. */
export function finite(value: string): { value: string; err: string } {
  return { value: `CASE WHEN isfinite(${value}) THEN ${value} END`, err: errWhen(`NOT isfinite(${value})`, '#NUM!') };
}

/**
 * `e` as `type`, for branches that must agree (IF, CHOOSE …): same type as is, NULL typed; to
 * text as the cell would show it (dates in ISO form), since a SQL column holds one type.
 */
export function castTo(e: SqlExpr, type: SqlType): SqlExpr {
  if (e.type === type) return e;
  if (e.type === 'empty') return expr(`CAST(${e.sql} AS ${DUCKDB_TYPE[type]})`, type, e.err, true);
  if (type === 'text') {
    if (e.type === 'date' || e.type === 'datetime') return expr(`CAST(${e.sql} AS VARCHAR)`, 'text', e.err, true);
    const t = text(e);
    return e.nullable ? expr(`CASE WHEN ${e.sql} IS NULL THEN NULL ELSE ${t.sql} END`, 'text', t.err, true) : t;
  }
  if (type === 'datetime' && e.type === 'date') return expr(`CAST(${e.sql} AS TIMESTAMP)`, 'datetime', e.err, e.nullable);
  if (type === 'number') return num(e);
  if (type === 'boolean') return bool(e);
  return e;
}

/** The one type several branches can share: their own if they agree (empty aside), else text. */
export function commonType(exprs: SqlExpr[]): SqlType {
  const types = [...new Set(exprs.map((e) => e.type).filter((t) => t !== 'empty'))];
  if (types.length === 0) return 'empty';
  if (types.length === 1) return types[0]!;
  if (types.every((t) => t === 'date' || t === 'datetime')) return 'datetime';
  return 'text';
}

/**
 * A range aggregate as a value: a scalar subquery over the range's table, or bare inside a GROUP
 * BY (a pivot's values). Conditions go in the aggregate's own `FILTER (WHERE …)`, which reads
 * the same either way.
 */
export function aggregate(range: SqlRange, select: string): string {
  return range.inline ? select : `(SELECT ${select} FROM ${range.from} AS ${range.alias})`;
}

/** The first error in a range's columns (NULL when none); null when its columns cannot fail. */
export function rangeErr(range: SqlRange): string | null {
  const errs = range.columns.map((c) => c.err).filter((e): e is string => !!e);
  if (errs.length === 0) return null;
  return aggregate(range, `min(${errs.length === 1 ? errs[0] : `COALESCE(${errs.join(', ')})`})`);
}

/**
 * The numbers in a range column, as SUM and AVERAGE read them: numbers and dates (as serials);
 * text and booleans are skipped (NULL), as Excel skips them in ranges.
 */
export function rangeNumbers(col: SqlExpr): string {
  switch (col.type) {
    case 'number':
      return col.sql;
    case 'date':
    case 'datetime':
      return serialOf(col.sql, col.type);
    default:
      return 'CAST(NULL AS DOUBLE)';
  }
}
