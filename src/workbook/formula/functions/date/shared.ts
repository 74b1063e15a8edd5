import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import type { SqlArg } from '../../sql/types';
import { dateParts, DateValue, serialFromParts, toDate as toDateValue, type Scalar } from '../../values';
import { arg } from '../helpers';

// Dates count in serials, as in Excel: days since 1899-12-30, the time of day as the fraction.
// Functions that work in whole days drop the time (Excel truncates), and every date a function
// returns is a date-typed value (DateValue / DuckDB DATE), not a bare serial.

export type Example = FunctionSpec['example'];
export type SqlArgs = (SqlArg | undefined)[];

/** The serial of 10000-01-01: dates run from serial 0 (1899-12-30) to 9999-12-31. */
export const END_SERIAL = 2_958_466;
export const EPOCH = "DATE '1899-12-30'";

export const outOfRange = (name: string) => new FormulaError('#NUM!', `${name}: the date is out of range.`);

// ---- calendar arithmetic, TypeScript

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function ymd(day: number): Ymd {
  const p = dateParts(day);
  return { y: p.year, m: p.month, d: p.day };
}

/** DATE(y, m, d) as a serial: months and days past the end roll over. */
export const serialAt = (y: number, m: number, d: number) => serialFromParts(y, m, d);
export const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number) => serialAt(y, m + 1, 1) - serialAt(y, m, 1);
export const lastOfFebruary = (p: Ymd) => p.m === 2 && p.d === daysInMonth(p.y, 2);

/** A value where a date is expected, as its serial (time kept): a date, a serial number, or ISO text. */
export function serialOf(v: Scalar, name: string): number | FormulaError {
  const d = toDateValue(v);
  if (isFormulaError(d)) return d;
  return d.serial >= 0 && d.serial < END_SERIAL ? d.serial : outOfRange(name);
}

/** A date argument as a whole day: the time of day dropped, as Excel truncates it. */
export function dayArg(args: ScalarArg[], i: number, name: string): number | FormulaError {
  const s = serialOf(arg(args, i), name);
  return isFormulaError(s) ? s : Math.floor(s);
}

/** A date result, #NUM! outside 1899-12-30 … 9999-12-31. */
export function dateResult(day: number, name: string): DateValue | FormulaError {
  return day >= 0 && day < END_SERIAL ? new DateValue(day) : outOfRange(name);
}
