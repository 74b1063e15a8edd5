import { parseTypedValue } from '../cells';
import type { CachedValue } from './types';
import { decodeEscapes } from './big-sheet-parts';

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial in the 1900 date system; the 1904 system starts 1,462 days later. */
const UNIX_EPOCH_SERIAL = 25_569;
const DATE_1904_OFFSET = 1_462;
/** The error values Cellar's formulas can write as literals; any other (#SPILL!, #FIELD!, …) stays text. */
const LITERAL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#CALC!', '#SPILL!', '#ERROR!']);

/**
 * The Excel serial of a date exceljs made from one. exceljs rounds serials to the millisecond
 * when it makes the Date (utils.excelToDate), so a time keeps about 1e-8 of a day.
 */
export function serialOf(d: Date, date1904: boolean): number {
  return UNIX_EPOCH_SERIAL + d.getTime() / MS_PER_DAY - (date1904 ? DATE_1904_OFFSET : 0);
}

/** Text that Cellar's sheet reads back as exactly this text: a leading `'` when it would read as anything else. */
export function textCell(s: string): string {
  const typed = parseTypedValue(s);
  const plain = !s.startsWith("'") && !s.startsWith('=') && typed.type === 'text' && typed.value === s;
  return plain ? s : `'${s}`;
}

/** A number as text that Cellar's sheet reads back as the same double (String round-trips every finite one). */
export function numberCell(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/**
 * An error value typed into a cell: `=#N/A` (a formula that is the error), so formulas that read
 * the cell see the error as Excel's do; errors Cellar cannot write stay as their text.
 */
export function errorCell(code: string): string {
  return LITERAL_ERRORS.has(code.toUpperCase()) ? `=${code.toUpperCase()}` : textCell(code);
}

type Plain = number | string | boolean | Date | { error: string } | { richText: { text: string }[] } | { text: unknown } | null | undefined;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A cell's value (not a formula) as Cellar's sheet text; undefined for an empty cell. */
export function valueCell(value: Plain, date1904: boolean): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return numberCell(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value === '' ? undefined : textCell(value);
  if (value instanceof Date) return numberCell(serialOf(value, date1904));
  if ('error' in value) return errorCell(value.error);
  if ('richText' in value) return textCell(value.richText.map((r) => r.text).join(''));
  if ('text' in value) return valueCell(value.text as Plain, date1904);
  return undefined;
}

/** What Excel saved as a formula cell's value. */
export function cachedOf(result: unknown, date1904: boolean): CachedValue {
  if (result === null || result === undefined) return { type: 'empty' };
  if (typeof result === 'number') return { type: 'number', value: result };
  if (typeof result === 'boolean') return { type: 'boolean', value: result };
  // A formula's text result keeps OOXML's `_x0001_` escapes in exceljs (it decodes them only in shared strings).
  if (typeof result === 'string') return { type: 'text', value: decodeEscapes(result) };
  if (result instanceof Date) return { type: 'number', value: serialOf(result, date1904) };
  if (isObject(result) && typeof result.error === 'string') return { type: 'error', value: result.error };
  return { type: 'empty' };
}
