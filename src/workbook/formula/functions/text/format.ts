import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec } from '../../catalog';
import { isFormulaError, type FormulaError } from '../../errors';
import { errorExpr, errWhen, num, result } from '../../sql/coerce';
import { expr, type SqlExpr } from '../../sql/types';
import { dateParts, isDate, type DateParts, type Scalar } from '../../values';
import { arg, sqlArg, sqlText, textArg } from '../helpers';
import { decimalText, sqlBindNumber, sqlDecimalText, sqlFlag, sqlIf } from './decimal';
import { constantText, quoted, valueError } from './shared';
import { numberFromText, sqlNumberFromText } from './value';

/** TEXT's date and time codes and how strftime writes each. */
const DATE_FORMATS = new Map([
  ['yyyy-mm-dd', '%Y-%m-%d'],
  ['dd/mm/yyyy', '%d/%m/%Y'],
  ['mm/dd/yyyy', '%m/%d/%Y'],
  ['m/d/yyyy', '%-m/%-d/%Y'],
  ['m/d/yy', '%-m/%-d/%y'],
  ['m/d/y', '%-m/%-d/%y'],
  ['d/m/yyyy', '%-d/%-m/%Y'],
  ['h:mm', '%-H:%M'],
  ['yyyy', '%Y'],
  ['mmm', '%b'],
  ['mmmm', '%B'],
  ['ddd', '%a'],
  ['dddd', '%A'],
  ['hh:mm', '%H:%M'],
  ['hh:mm:ss', '%H:%M:%S'],
]);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A strftime pattern of DATE_FORMATS written in TypeScript. */
function strftime(p: DateParts, pattern: string): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const parts: Record<string, string> = {
    Y: pad(p.year, 4),
    y: pad(p.year % 100),
    m: pad(p.month),
    d: pad(p.day),
    b: MONTHS[p.month - 1]!.slice(0, 3),
    B: MONTHS[p.month - 1]!,
    a: WEEKDAYS[p.weekday]!.slice(0, 3),
    A: WEEKDAYS[p.weekday]!,
    H: pad(p.hour),
    M: pad(p.minute),
    S: pad(p.second),
  };
  // %-m: without the leading zero, as strftime writes it.
  return pattern.replace(/%(-?)(.)/g, (_, bare: string, c: string) => (bare ? String(Number(parts[c] ?? '')) : (parts[c] ?? '')));
}

/** 0, 0.00, #,##0.00, 0%, 0.0% …: digits after the point, thousands separators, percent. */
const NUMBER_FORMAT = /^(#,##)?0(\.0{1,30})?%?$/;
const SQL_NUMBER_FORMAT = quoteLiteral('(#,##)?0([.]0{1,30})?%?');

type TextFormat = { kind: 'number'; decimals: number; commas: boolean; percent: boolean } | { kind: 'date'; strftime: string };

function readFormat(format: string): TextFormat | undefined {
  const f = format.toLowerCase();
  if (NUMBER_FORMAT.test(f)) return { kind: 'number', decimals: f.includes('.') ? f.length - f.indexOf('.') - 1 - (f.endsWith('%') ? 1 : 0) : 0, commas: f.startsWith('#'), percent: f.endsWith('%') };
  const pattern = DATE_FORMATS.get(f);
  return pattern === undefined ? undefined : { kind: 'date', strftime: pattern };
}

const FORMAT_LIST = `0, 0.00 (any number of 0s after the point), #,##0, #,##0.00, 0%, 0.0%, ${[...DATE_FORMATS.keys()].join(', ')}`;

/** The last serial TEXT writes as a date (9999-12-31). */
const LAST_SERIAL = 2958466;

/** What TEXT formats: a number (dates as serials, empty as 0, numeric text read), or text it returns as it is. */
function textInput(v: Exclude<Scalar, FormulaError>): number | string {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (isDate(v)) return v.serial;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return numberFromText(v) ?? v;
}

/** textInput in SQL: the number (NULL when the value is shown as it is), and the text shown as it is (NULL when a number). */
function sqlTextInput(v: SqlExpr): { n: string; shown: string } {
  switch (v.type) {
    case 'boolean':
      return { n: `CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) END`, shown: `CASE WHEN ${v.sql} THEN 'TRUE' WHEN NOT ${v.sql} THEN 'FALSE' END` };
    case 'text': {
      const parsed = sqlNumberFromText(v.sql);
      return { n: `CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) ELSE ${parsed} END`, shown: `CASE WHEN ${v.sql} IS NOT NULL AND ${parsed} IS NULL THEN ${v.sql} END` };
    }
    default:
      return { n: num(v).sql, shown: 'CAST(NULL AS VARCHAR)' };
  }
}

/** A serial as the timestamp TEXT writes: the time of day rounded to the second, as Excel shows it. */
function sqlSerialTimestamp(n: string): string {
  return `(TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(${n} * 86400) AS BIGINT) * 1000000))`;
}

export const TEXT: FunctionSpec = {
  name: 'TEXT',
  category: 'text',
  summary: 'A number or date as text in a format: TEXT(0.256, "0.0%") is 25.6%, TEXT(date, "yyyy-mm-dd") 2024-03-01.',
  params: [{ name: 'value' }, { name: 'format' }],
  notes:
    `The format codes supported: ${FORMAT_LIST} (letters in any case); any other code is #VALUE!. ` +
    'Numbers round half away from zero; a negative number that rounds to zero keeps its sign (-0.00), as in Excel. ' +
    'Text that reads as a number or an ISO date is formatted as one; other text and TRUE/FALSE come back as they are. ' +
    'Times round to the second; month and day names are English.',
  example: { formula: '=TEXT(0.2561, "0.0%")', result: '25.6%' },
  scalar(args) {
    const f = textArg(args, 1);
    if (isFormulaError(f)) return f;
    const format = readFormat(f);
    if (!format) return valueError(`TEXT does not support the format ${quoted(f)}; it supports ${FORMAT_LIST}.`);
    const value = arg(args, 0);
    if (isFormulaError(value)) return value;
    const v = textInput(value);
    if (typeof v === 'string') return v;
    if (format.kind === 'number') return decimalText(v, { ...format, sign: 'value' }) ?? valueError('TEXT: the number is too large to format.');
    if (!(v >= 0 && v < LAST_SERIAL)) return valueError('TEXT: the number is not a date from 1899-12-30 to 9999-12-31.');
    return strftime(dateParts(Math.round(v * 86_400) / 86_400), format.strftime);
  },
  sql(args, ctx) {
    const f = sqlText(args, 1);
    const known = constantText(f);
    const format = known === undefined ? undefined : readFormat(known);
    if (known !== undefined && !format) return errorExpr('#VALUE!');
    const v = sqlArg(args, 0);
    const { n, shown } = sqlTextInput(v);
    const fl = `lower(${f.sql})`;
    const isNumber = format ? format.kind === 'number' : `regexp_full_match(${fl}, ${SQL_NUMBER_FORMAT})`;
    const dateFormat = (x: string) => {
      if (format?.kind === 'date') return `strftime(${sqlSerialTimestamp(x)}, ${quoteLiteral(format.strftime)})`;
      const cases = [...DATE_FORMATS].map(([code, pattern]) => `WHEN ${quoteLiteral(code)} THEN strftime(${sqlSerialTimestamp(x)}, ${quoteLiteral(pattern)})`);
      return `CASE ${fl} ${cases.join(' ')} END`;
    };
    const numberFormat = (x: string) => {
      if (format?.kind === 'number') return sqlDecimalText(x, { decimals: String(format.decimals), commas: format.commas, percent: format.percent, sign: 'value' }, ctx);
      const decimals = `CASE WHEN contains(${fl}, '.') THEN length(${fl}) - strpos(${fl}, '.') - CASE WHEN ends_with(${fl}, '%') THEN 1 ELSE 0 END ELSE 0 END`;
      return sqlDecimalText(x, { decimals, commas: `starts_with(${fl}, '#')`, percent: `ends_with(${fl}, '%')`, sign: 'value' }, ctx);
    };
    const inDates = `(${n} >= 0 AND ${n} < ${LAST_SERIAL})`;
    const formatted = sqlBindNumber(ctx, expr(n, 'number'), v, (x) => sqlIf(isNumber, numberFormat(x), `CASE WHEN ${x} >= 0 AND ${x} < ${LAST_SERIAL} THEN ${dateFormat(x)} END`));
    const unsupported = format ? 'FALSE' : `NOT (${sqlFlag(isNumber)} OR ${fl} IN (${[...DATE_FORMATS.keys()].map(quoteLiteral).join(', ')}))`;
    const percent = format?.kind === 'number' ? format.percent : `ends_with(${fl}, '%')`;
    const badNumber = `NOT isfinite(abs(${n}) * ${sqlIf(percent, '100', '1')})`;
    const bad = `${unsupported} OR ${shown} IS NULL AND ${sqlIf(isNumber, badNumber, `NOT ${inDates}`)}`;
    return result(`CASE WHEN ${shown} IS NOT NULL THEN ${shown} ELSE ${formatted} END`, 'text', [f, errWhen(bad, '#VALUE!')]);
  },
};
