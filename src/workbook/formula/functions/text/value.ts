import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { errWhen, num, result } from '../../sql/coerce';
import { CURRENCY_TEXT, isDate, NUMBER_TEXT, parseIsoDate, parseNumberText, trimSpaces } from '../../values';
import { arg, sqlArg } from '../helpers';
import { quoted, valueError } from './shared';

/** Text that VALUE reads: `1,234.5` with thousands separators, `-12.5%` with a percent sign. */
const THOUSANDS = '[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]*)?%?';
const THOUSANDS_RE = new RegExp(`^${THOUSANDS}$`);
/** ISO dates and times VALUE reads: years from 1900, times to the microsecond. */
const ISO = '(19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?)?';
const ISO_RE = new RegExp(`^${ISO}$`);

/** Text as VALUE reads it: a number, a percentage, an amount with a currency sign, thousands separators, an ISO date (its serial); undefined otherwise. */
export function numberFromText(s: string): number | undefined {
  const n = parseNumberText(s);
  if (n !== undefined) return Number.isFinite(n) ? n : undefined;
  const t = trimSpaces(s);
  if (THOUSANDS_RE.test(t)) {
    const x = Number(t.replace(/[,%]/g, '')) / (t.endsWith('%') ? 100 : 1);
    return Number.isFinite(x) ? x : undefined;
  }
  if (!ISO_RE.test(t)) return undefined;
  const d = parseIsoDate(t);
  const fraction = /[.][0-9]+$/.exec(t);
  return d && d.serial + (fraction ? Number(fraction[0]) / 86_400 : 0);
}

/** numberFromText in SQL (`x` is not NULL); NULL where it reads no number. */
export function sqlNumberFromText(x: string): string {
  const t = `trim(${x})`;
  const iso = `(regexp_full_match(${t}, ${quoteLiteral(ISO)}) AND TRY_CAST(${t} AS TIMESTAMP) IS NOT NULL)`;
  // "1e400" reads as infinity; numberFromText reads no number there.
  const finite = (x: string) => `CASE WHEN isfinite(${x}) THEN ${x} END`;
  return (
    `CASE WHEN regexp_full_match(${t}, ${quoteLiteral(NUMBER_TEXT)}) THEN ${finite(`TRY_CAST(${t} AS DOUBLE)`)} ` +
    `WHEN regexp_full_match(${t}, ${quoteLiteral(`${NUMBER_TEXT}%`)}) THEN ${finite(`TRY_CAST(rtrim(${t}, '%') AS DOUBLE) / 100`)} ` +
    `WHEN regexp_full_match(${t}, ${quoteLiteral(CURRENCY_TEXT)}) THEN ${finite(`TRY_CAST(regexp_replace(${t}, '[$€£¥, ]', '', 'g') AS DOUBLE)`)} ` +
    `WHEN regexp_full_match(${t}, ${quoteLiteral(THOUSANDS)}) THEN ${finite(`TRY_CAST(replace(rtrim(${t}, '%'), ',', '') AS DOUBLE) / CASE WHEN ends_with(${t}, '%') THEN 100 ELSE 1 END`)} ` +
    `WHEN ${iso} THEN epoch_us(TRY_CAST(${t} AS TIMESTAMP)) / 86400000000.0 + 25569 END`
  );
}

export const VALUE: FunctionSpec = {
  name: 'VALUE',
  category: 'text',
  summary: 'Text as a number: "12.5", "-3%", "1,234.5", "$1,234.50", or an ISO date such as "2024-03-01" (its serial number).',
  params: [{ name: 'text' }],
  notes: 'TRUE and FALSE are #VALUE!, as in Excel. Dates must be ISO (year-month-day), from 1900 on.',
  example: { formula: '=VALUE("1,234.5")', result: '1234.5' },
  scalar(args) {
    const v = arg(args, 0);
    if (v === null) return 0;
    if (typeof v === 'number') return v;
    if (isDate(v)) return v.serial;
    if (typeof v === 'boolean') return valueError('VALUE: TRUE and FALSE are not text that reads as a number.');
    if (isFormulaError(v)) return v;
    return numberFromText(v) ?? valueError(`VALUE: ${quoted(v)} does not read as a number.`);
  },
  sql(args) {
    const v = sqlArg(args, 0);
    if (v.type === 'boolean') return result(`CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) END`, 'number', [v, errWhen(`${v.sql} IS NOT NULL`, '#VALUE!')]);
    if (v.type !== 'text') return num(v);
    const value = `CASE WHEN ${v.sql} IS NULL THEN CAST(0 AS DOUBLE) ELSE ${sqlNumberFromText(v.sql)} END`;
    return result(value, 'number', [v, errWhen(`${value} IS NULL`, '#VALUE!')]);
  },
};
