import { format, isValidFormat } from 'numfmt';
import { parseIsoDate } from '../formula';
import { DEFAULT_LOCALE } from './locales';

/** A computed sheet value as the grid receives it: its General text and its kind. */
export interface ShownValue {
  text: string;
  kind: 'number' | 'text' | 'boolean' | 'date' | 'error' | 'empty';
}

/** Excel's General: no format code, the value as Cellar writes it. */
export const GENERAL = 'General';

/** Why a custom format code cannot be used, or undefined when it can. */
export function formatCodeProblem(code: string): string | undefined {
  if (code.trim() === '') return 'The format code is empty: type one like #,##0.00 or m/d/yyyy, or choose General.';
  return isValidFormat(code) ? undefined : `"${code}" is not an Excel format code: try #,##0.00, 0%, $#,##0.00 or yyyy-mm-dd.`;
}

/**
 * A computed value shown with an Excel format code in `locale`: numbers and dates go through
 * the code; text, booleans and errors show as they are.
 */
export function formatShown(v: ShownValue, code: string | undefined, locale: string = DEFAULT_LOCALE, chars?: number): string {
  // General shows a number as Excel does in a cell of standard width: at most 11 characters
  // (4203.60000000001 shows 4203.6, 1/3 0.333333333), fewer in a narrower cell; data-value keeps every digit.
  const general = code === undefined || code === GENERAL;
  if (general && v.kind !== 'number') return v.text;
  const n = v.kind === 'number' ? Number(v.text) : v.kind === 'date' ? parseIsoDate(v.text)?.serial : undefined;
  if (n === undefined || !Number.isFinite(n)) return v.text;
  if (general && chars !== undefined) return generalIn(n, chars, locale);
  try {
    return format(general ? GENERAL : code, n, { locale, throws: false });
  } catch {
    return v.text; // a code numfmt cannot render: the value stays readable
  }
}

/**
 * A number in General within `chars` characters, as Excel narrows General to its column: the
 * standard form if it fits, else fewer significant digits (scientific where General switches to
 * it), else `#` across the cell.
 */
export function generalIn(x: number, chars: number, locale: string = DEFAULT_LOCALE): string {
  const general = (n: number) => format(GENERAL, n, { locale, throws: false });
  const full = general(x);
  if (full.length <= chars) return full;
  for (let digits = 10; digits >= 1; digits--) {
    const shorter = general(Number(x.toPrecision(digits)));
    if (shorter.length <= chars) return shorter;
  }
  const point = (1.5).toLocaleString(locale).charAt(1);
  for (let digits = 6; digits >= 1; digits--) {
    const [mantissa, exponent] = x.toExponential(digits - 1).split('e') as [string, string];
    const e = Number(exponent);
    const sci = `${mantissa.replace(/\.?0+$/, '').replace('.', point)}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    if (sci.length <= chars) return sci;
  }
  return '#'.repeat(Math.max(1, chars));
}

/**
 * A sheet cell's `data-value`: the raw value, whatever its format (numbers unformatted to 15
 * significant digits, dates as Excel serials, booleans TRUE/FALSE, errors their code).
 */
export function sheetDataValue(v: ShownValue | undefined): string {
  if (!v || v.kind === 'empty') return '';
  if (v.kind === 'number') return String(Number(v.text));
  if (v.kind === 'date') return String(parseIsoDate(v.text)?.serial ?? v.text);
  return v.text;
}

const groupers = new Map<string, Intl.NumberFormat>();

/**
 * A table grid's number: grouped, at most 6 decimals (so 0.1 + 0.2 shows 0.3), and scientific
 * when that would hide it (|x| < 0.000001 or ≥ 1e15).
 */
export function formatGridNumber(x: number, locale: string = DEFAULT_LOCALE): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e15)) {
    const [mantissa, exponent] = x.toExponential(5).split('e') as [string, string];
    return `${mantissa.replace(/\.?0+$/, '')}E${exponent}`;
  }
  let grouper = groupers.get(locale);
  if (!grouper) {
    grouper = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    groupers.set(locale, grouper);
  }
  return grouper.format(x);
}

/** A table grid cell's `data-value`: numbers unformatted to 15 significant digits, NULL empty, the rest as text. */
export function gridDataValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return String(v);
}
