import { getFormatFromId, getFormatInfo, parseValue } from 'numfmt';
import { DEFAULT_LOCALE } from './locales';

/** What typed-in text means, read as Excel reads what a person types, and the format it implies. */
export type TypedInput =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'boolean'; value: boolean }
  /** A number; `format` is the Excel code the typing implies (`$#,##0.00` for `$1,234.50`). */
  | { kind: 'number'; value: number; format?: string }
  /** A date (Excel serial; a fraction when it has a time of day). */
  | { kind: 'date'; serial: number; withTime: boolean; format: string };

const ISO = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
// The digits-only fallback for what numfmt leaves (it reads `1.`, `+.5e3` … inconsistently).
/** A grouping separator not followed by exactly three digits: `1,0000` is text, as `1,2` is (numfmt accepts the first). */
const groups = new Map<string, string>();

function badGrouping(t: string, locale: string): boolean {
  let group = groups.get(locale);
  if (group === undefined) {
    group = new Intl.NumberFormat(locale).formatToParts(1000).find((p) => p.type === 'group')?.value ?? ',';
    groups.set(locale, group);
  }
  const escaped = group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}(?!\\d{3}(?!\\d))`).test(t);
}
const SIMPLE_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

/**
 * Reads typed text the way Excel does in `locale` (en-US by default: M/D/Y dates, `.` decimals,
 * `,` grouping): `$1,234.50` → 1234.5 as currency, `12%` → 0.12 as a percent, `(1,234)` → -1234,
 * `3/15/2024` and `2024-03-15` → dates, `TRUE` → a boolean; a leading `'` keeps the rest as text,
 * and anything else is text.
 */
export function parseInput(text: string, locale: string = DEFAULT_LOCALE): TypedInput {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (text.startsWith("'")) return { kind: 'text', text: text.slice(1) };
  // Fast paths (a sheet reads every typed cell on each recompute): plain numbers, and text without a digit.
  if (locale === DEFAULT_LOCALE && SIMPLE_NUMBER.test(t)) return { kind: 'number', value: Number(t) };
  if (!/\d/.test(t)) return /^(true|false)$/i.test(t) ? { kind: 'boolean', value: t.toLowerCase() === 'true' } : { kind: 'text', text };
  const parsed = parseValue(t, { locale });
  if (parsed === undefined) return plainNumber(t) ?? { kind: 'text', text };
  const { value } = parsed;
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value !== 'number' || !Number.isFinite(value)) return { kind: 'text', text };
  const code = parsed.formatId === undefined ? undefined : getFormatFromId(parsed.formatId);
  if (code === undefined || code === 'General') return { kind: 'number', value };
  const info = getFormatInfo(code);
  if (info.isDate) return dateInput(t, value, code) ?? { kind: 'text', text };
  if (badGrouping(t, locale)) return { kind: 'text', text };
  if (info.type === 'percent') return { kind: 'number', value, format: info.maxDecimals > 0 ? '0.00%' : '0%' };
  if (info.type === 'currency') return { kind: 'number', value, format: currencyCode(code, info.maxDecimals > 0) };
  return { kind: 'number', value, format: code };
}

function plainNumber(t: string): TypedInput | undefined {
  const compact = t.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!PLAIN_NUMBER.test(compact)) return undefined;
  const percent = compact.endsWith('%');
  const n = Number(percent ? compact.slice(0, -1) : compact);
  return Number.isFinite(n) ? { kind: 'number', value: percent ? n / 100 : n, ...(percent ? { format: '0%' } : {}) } : undefined;
}

/**
 * A date, a date with a time, or a time of day (a number with a time format, as in Excel). A
 * date without a year (`3/15`) stays text: the document keeps what was typed, so its year would
 * change with the calendar.
 */
function dateInput(t: string, value: number, code: string): TypedInput | undefined {
  const hasDay = /[dy]/i.test(code.replace(/"[^"]*"/g, ''));
  if (!hasDay) return { kind: 'number', value, format: code };
  if (!/y/i.test(code)) return undefined;
  // numfmt counts as Excel does, with the 29th of February 1900 that never was; Cellar's serials
  // agree from 1900-03-01 on and are one more before it.
  if (value >= 60 && value < 61) return undefined;
  const serial = value < 60 ? value + 1 : value;
  const withTime = /h/i.test(code);
  // ISO input keeps showing as ISO (as DuckDB and the rest of Cellar write dates).
  const format = ISO.test(t) ? (withTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd') : code;
  return { kind: 'date', serial, withTime, format };
}

/** numfmt's currency codes carry Excel's accounting parentheses and red; typed currency shows `-$5`. */
function currencyCode(code: string, decimals: boolean): string {
  const symbol = /\[\$([^\]-]+)/.exec(code)?.[1] ?? (/"([^"]+)"/.exec(code)?.[1] ?? (code.includes('$') ? '$' : undefined));
  const number = decimals ? '#,##0.00' : '#,##0';
  if (symbol === undefined) return code;
  const quoted = symbol === '$' ? '$' : `"${symbol}"`;
  return code.trimStart().startsWith('#') || code.trimStart().startsWith('0') ? `${number}${quoted}` : `${quoted}${number}`;
}

/**
 * The implied format of text typed into a sheet (read en-US, as documents store it), or
 * undefined for General, formulas and text.
 */
export function impliedFormat(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.startsWith('=')) return undefined;
  // Asked for every visible cell on each render: the same texts recur (a column of prices).
  if (implied.has(raw)) return implied.get(raw);
  const input = parseInput(raw);
  const format = input.kind === 'number' || input.kind === 'date' ? input.format : undefined;
  if (implied.size > 5_000) implied.clear();
  implied.set(raw, format);
  return format;
}

const implied = new Map<string, string | undefined>();
