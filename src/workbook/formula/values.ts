import { FormulaError, isFormulaError } from './errors';

/**
 * A date or a date-time, kept as Excel keeps it: a serial number of days since 1899-12-30, the
 * time of day as its fraction. Its own type (not a bare number) so it shows as a date and maps to
 * DuckDB's DATE / TIMESTAMP; wherever a number is expected it is its serial, as in Excel.
 */
export class DateValue {
  readonly kind = 'date' as const;
  constructor(
    readonly serial: number,
    /** A TIMESTAMP rather than a DATE: it has a time of day. */
    readonly withTime = false,
  ) {}

  toString(): string {
    return formatDate(this);
  }
}

/** One value: a number, text, a boolean, empty (null), a date, or an error. */
export type Scalar = number | string | boolean | null | DateValue | FormulaError;

/** A rectangle of values, row by row: an A1 range, an array constant, a column's values. */
export class RangeValue {
  readonly kind = 'range' as const;
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly values: readonly Scalar[],
  ) {}

  at(row: number, col: number): Scalar {
    return this.values[row * this.cols + col] ?? null;
  }

  /** One column of values. */
  static column(values: readonly Scalar[]): RangeValue {
    return new RangeValue(values.length, 1, values);
  }

  static of(value: Scalar): RangeValue {
    return new RangeValue(1, 1, [value]);
  }
}

export type Value = Scalar | RangeValue;

export function isRange(v: unknown): v is RangeValue {
  return v instanceof RangeValue;
}

export function isDate(v: unknown): v is DateValue {
  return v instanceof DateValue;
}

// ---- dates

const DAY_MS = 86_400_000;
/** 1899-12-30, serial 0 (Excel's 1900 leap-year bug is not copied: serials agree from 1900-03-01 on). */
const EPOCH_MS = Date.UTC(1899, 11, 30);

export function serialFromParts(year: number, month: number, day: number, seconds = 0): number {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return (d.getTime() - EPOCH_MS) / DAY_MS + seconds / 86_400;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

export function dateParts(serial: number): DateParts {
  // Rounded to the millisecond so 0.1-day steps do not land a hair before midnight.
  const ms = Math.round(serial * DAY_MS) + EPOCH_MS;
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** `2024-03-01` or `2024-03-01 12:30:00` → a date value; anything else → undefined. */
export function parseIsoDate(text: string): DateValue | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?$/.exec(trimSpaces(text));
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const withTime = m[4] !== undefined;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  // As DuckDB's TIMESTAMP cast reads it: no 25:00, no minute 60 (fractions of a second kept).
  if (hour > 23 || minute > 59 || second >= 60) return undefined;
  return new DateValue(serialFromParts(year, month, day, hour * 3600 + minute * 60 + second), withTime);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO text, as DuckDB prints DATE and TIMESTAMP. */
export function formatDate(d: DateValue): string {
  const p = dateParts(d.serial);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return d.withTime ? `${date} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` : date;
}

/** A date from a serial; a date without time drops the fraction (as DuckDB's DATE does). */
export function dateFromSerial(serial: number, withTime: boolean): DateValue | FormulaError {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return new FormulaError('#NUM!', 'The date is out of range.');
  return new DateValue(withTime ? serial : Math.floor(serial), withTime);
}

// ---- numbers as text

/**
 * Text that reads as a number, for `"3" + 1`: digits with an optional sign, decimals, exponent
 * and a trailing `%`. The SQL form uses the same pattern, so both agree.
 */
export const NUMBER_TEXT = '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?';
const NUMBER_RE = new RegExp(`^${NUMBER_TEXT}$`);
const PERCENT_RE = new RegExp(`^${NUMBER_TEXT}%$`);

export function parseNumberText(text: string): number | undefined {
  const t = trimSpaces(text);
  if (NUMBER_RE.test(t)) return Number(t);
  if (PERCENT_RE.test(t)) return Number(t.slice(0, -1)) / 100;
  if (CURRENCY_RE.test(t)) return Number(t.replace(/[$€£¥,]/g, ''));
  // An ISO date reads as its serial, as Excel coerces "2024-01-10"; with spaces around it, it does not.
  if (ISO_DATE_RE.test(text)) return parseIsoDate(text)?.serial;
  return undefined;
}

/** An amount with a currency sign before or after it, thousands grouped or not: `$1,234.50`, `€100`, `-£5`, `100€`. */
const AMOUNT_TEXT = '([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+';
export const CURRENCY_TEXT = `-?[$€£¥] ?(${AMOUNT_TEXT})|-?(${AMOUNT_TEXT}) ?[$€£¥]`;
const CURRENCY_RE = new RegExp(`^(${CURRENCY_TEXT})$`);
/** A date written yyyy-mm-dd from 1900 on (Excel reads no earlier date), as parseIsoDate and DuckDB's DATE cast read it. */
export const ISO_DATE_TEXT = '(19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}';
const ISO_DATE_RE = new RegExp(`^${ISO_DATE_TEXT}$`);

/** Spaces off both ends, as DuckDB's trim() takes them (tabs and newlines stay). */
export function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

/**
 * A number as text with 15 significant digits, the way C's `%.15g` writes it (and DuckDB's
 * `printf('%.15g')`): `0.3`, `0.333333333333333`, `1E+15`, `1E-05`.
 */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : x < 0 ? '-INF' : 'NAN';
  const [mantissa, exponentText] = x.toExponential(14).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 15) {
    const m = trimZeros(mantissa);
    return `${m}E${exponent < 0 ? '-' : '+'}${pad(Math.abs(exponent))}`;
  }
  return trimZeros(x.toFixed(Math.max(0, 14 - exponent)));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// ---- coercions, as Excel does them

/** A value where a number is expected: booleans are 1/0, empty is 0, dates their serial, numeric text its number. */
export function toNumber(v: Scalar): number | FormulaError {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isDate(v)) return v.serial;
  if (isFormulaError(v)) return v;
  const n = parseNumberText(v);
  return n === undefined ? new FormulaError('#VALUE!', `"${short(v)}" is text, not a number.`) : n;
}

/** A value where text is expected: numbers with 15 significant digits, TRUE/FALSE, empty is "", dates their serial. */
export function toText(v: Scalar): string | FormulaError {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return formatNumber(v.serial);
  return v;
}

/** A value where TRUE/FALSE is expected: numbers are TRUE unless 0, text must read TRUE or FALSE. */
export function toBoolean(v: Scalar): boolean | FormulaError {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (isDate(v)) return v.serial !== 0;
  if (isFormulaError(v)) return v;
  const upper = v.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  return new FormulaError('#VALUE!', `"${short(v)}" is text, not TRUE or FALSE.`);
}

/** A value where a date is expected: a date, a serial number, or ISO date text. */
export function toDate(v: Scalar): DateValue | FormulaError {
  if (isDate(v)) return v;
  if (typeof v === 'string') {
    const d = parseIsoDate(v);
    return d ?? new FormulaError('#VALUE!', `"${short(v)}" is not a date (write it as 2024-03-01).`);
  }
  const n = toNumber(v);
  if (isFormulaError(n)) return n;
  return dateFromSerial(n, n !== Math.floor(n));
}

/** The order Excel sorts and compares in: numbers (and dates) < text < booleans. */
function typeRank(v: number | string | boolean): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

/** The empty value as the other side's type: 0, "" or FALSE. */
function emptyAs(other: number | string | boolean): number | string | boolean {
  return typeof other === 'number' ? 0 : typeof other === 'string' ? '' : false;
}

/**
 * Compares two values as Excel's `<`, `=` … do: text case-insensitively, different types by type
 * (numbers < text < booleans), empty as the other side's zero value. Errors are not comparable:
 * callers check them first.
 */
export function compareValues(a: Scalar, b: Scalar): number {
  let x = plain(a);
  let y = plain(b);
  if (x === null && y === null) return 0;
  if (x === null) x = emptyAs(y!);
  if (y === null) y = emptyAs(x);
  const rx = typeRank(x);
  const ry = typeRank(y!);
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (typeof x === 'string') {
    const [lx, ly] = [x.toLowerCase(), (y as string).toLowerCase()];
    return lx < ly ? -1 : lx > ly ? 1 : 0;
  }
  return x < y! ? -1 : x > y! ? 1 : 0;
}

/** Dates as their serial; errors are not expected here. */
function plain(v: Scalar): number | string | boolean | null {
  if (isDate(v)) return v.serial;
  if (isFormulaError(v)) return v.code;
  return v;
}

/** A value as a cell shows it. */
export function displayValue(v: Value): string {
  if (v instanceof RangeValue) return v.rows === 1 && v.cols === 1 ? displayValue(v.at(0, 0)) : `{${v.rows}×${v.cols} range}`;
  if (v === null) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return formatDate(v);
  if (isFormulaError(v)) return v.code;
  return v;
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
