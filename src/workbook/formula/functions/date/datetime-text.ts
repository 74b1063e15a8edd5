import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, result } from '../../sql/coerce';
import { DateValue, isDate, trimSpaces } from '../../values';
import { arg } from '../helpers';
import { dateResult, daysInMonth, serialAt } from './shared';
import { dateOf, sqlDateResult, sqlSerial, sqlSerialOf, timestampSerial } from './sql-calendar';
import { valueArgs, withArgs } from './sql-let';

// ---- text: DATEVALUE, TIMEVALUE; time of day: TIME, HOUR, MINUTE, SECOND

/**
 * Date and time text: an ISO date (2024-03-01), a US date (3/1/2024, 3/1/24), a time (18:45,
 * 6:45 PM, 18:45:30.5) or a date and a time. RE2 (DuckDB) and JavaScript read it alike.
 */
const DATE_TIME_TEXT =
  '^(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})|([0-9]{1,2})[- ]([A-Za-z]{3,9})[- ]([0-9]{4}|[0-9]{2}))?' +
  '(?:(?:^|[ T])([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:[.][0-9]+)?))?(?: ?([AaPp][Mm]))?)?$';
const DATE_TIME_RE = new RegExp(DATE_TIME_TEXT);
const DATE_TIME_GROUPS = ['iy', 'im', 'id', 'um', 'ud', 'uy', 'nd', 'nm', 'ny', 'h', 'mi', 's', 'ap'];
/** Month names as Excel reads them in date text: the English names and their three-letter forms. */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthNumber = (name: string) => {
  const n = name.toLowerCase();
  return MONTHS.findIndex((m) => m === n || m.slice(0, 3) === n) + 1;
};
/** Excel's serial for 1900-02-29, the day its 1900 leap-year bug invents (Cellar's calendar has no such day). */
const PHANTOM_LEAP_DAY = 60;
export const DATE_TIME_NOTE =
  'Reads ISO dates (2024-03-01), US dates month first (3/1/2024; two-digit years 00–29 are 2000–2029, 30–99 are 1930–1999), day-month name-year dates (1-Mar-2024, 1 March 2024), times (18:45, 18:45:30, 6:45 PM; 24:00 and later hours roll into the next day) and a date followed by a time; dates from 1900-01-01 to 9999-12-31 (29-Feb-1900 is serial 60, as in Excel). Other text (day-first numeric dates) is #VALUE!.';

/** Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999. */
const fullYear = (y: string) => (y.length === 2 ? Number(y) + (Number(y) < 30 ? 2000 : 1900) : Number(y));

/** Date and time text: the date's serial and the time's fraction of a day, each when present. */
export function parseDateTime(text: string, name: string): { day?: number; time?: number } | FormulaError {
  const bad = new FormulaError('#VALUE!', `${name}: "${text}" is not a date or time (write 2024-03-01, 3/1/2024 or 18:45).`);
  const m = DATE_TIME_RE.exec(trimSpaces(text));
  if (!m || (m[1] === undefined && m[4] === undefined && m[7] === undefined && m[10] === undefined)) return bad;
  const out: { day?: number; time?: number } = {};
  if (m[1] !== undefined || m[4] !== undefined || m[7] !== undefined) {
    const [y, mo, d] =
      m[1] !== undefined ? [Number(m[1]), Number(m[2]), Number(m[3])] : m[4] !== undefined ? [fullYear(m[6] ?? ''), Number(m[4]), Number(m[5])] : [fullYear(m[9] ?? ''), monthNumber(m[8] ?? ''), Number(m[7])];
    if (y === 1900 && mo === 2 && d === 29) out.day = PHANTOM_LEAP_DAY;
    else if (!(y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return bad;
    else out.day = serialAt(y, mo, d);
  }
  if (m[10] !== undefined) {
    const [h, mi, s] = [Number(m[10]), Number(m[11]), m[12] === undefined ? 0 : Number(m[12])];
    const ap = (m[13] ?? '').toUpperCase();
    if (!(mi < 60 && s < 60 && (ap === '' || h <= 12))) return bad;
    const hour = ap === 'AM' ? (h === 12 ? 0 : h) : ap === 'PM' ? (h === 12 ? 12 : h + 12) : h;
    out.time = (hour * 3600 + mi * 60 + s) / 86400;
  }
  return out;
}

/** parseDateTime in SQL: NULL parts where absent; `ok` FALSE where the text is not readable. */
interface SqlDateTime {
  hasDate: string;
  hasTime: string;
  day: string;
  time: string;
  ok: string;
}

/** Reading the regexp's groups: `g` is a name bound to them (a struct). */
const field = (g: string) => (name: string) => `struct_extract(${g}, '${name}')`;
const int = (x: string) => `TRY_CAST(${x} AS INTEGER)`;
const hasDateOf = (f: (name: string) => string) => `(${f('iy')} <> '' OR ${f('um')} <> '' OR ${f('nd')} <> '')`;

/** The date the regexp's groups `g` hold (NULL when none or impossible), computed once per row by the caller. */
function sqlDateOf(g: string): string {
  const f = field(g);
  const hasIso = `(${f('iy')} <> '')`;
  const hasUs = `(${f('um')} <> '')`;
  const usYear = `(CASE WHEN length(${f('uy')}) = 2 THEN ${int(f('uy'))} + CASE WHEN ${int(f('uy'))} < 30 THEN 2000 ELSE 1900 END ELSE ${int(f('uy'))} END)`;
  const ymdText = (y: string, m: string, d: string) => `TRY_CAST(printf('%04d-%02d-%02d', ${y}, ${m}, ${d}) AS DATE)`;
  const namedYear = `(CASE WHEN length(${f('ny')}) = 2 THEN ${int(f('ny'))} + CASE WHEN ${int(f('ny'))} < 30 THEN 2000 ELSE 1900 END ELSE ${int(f('ny'))} END)`;
  const names = [...MONTHS, ...MONTHS.map((m) => m.slice(0, 3))].map((m) => `'${m}'`).join(', ');
  const namedMonth = `(CASE WHEN lower(${f('nm')}) IN (${names}) THEN (strpos('${MONTHS.map((m) => m.slice(0, 3)).join('')}', lower(left(${f('nm')}, 3))) + 2) // 3 END)`;
  // One date cast over the parts of whichever form the text has.
  const part = (iso: string, us: string, named: string) => `(CASE WHEN ${hasIso} THEN ${iso} WHEN ${hasUs} THEN ${us} ELSE ${named} END)`;
  return `(CASE WHEN ${hasDateOf(f)} THEN ${ymdText(part(int(f('iy')), usYear, namedYear), part(int(f('im')), int(f('um')), namedMonth), part(int(f('id')), int(f('ud')), int(f('nd'))))} END)`;
}

/** The parse of `g` (the regexp's groups, a struct) and `date` (a name bound to sqlDateOf(g)). */
function sqlDateTimeOf(g: string, date: string): SqlDateTime {
  const f = field(g);
  const dbl = (x: string) => `TRY_CAST(${x} AS DOUBLE)`;
  const hasDate = hasDateOf(f);
  const hasTime = `(${f('h')} <> '')`;
  const phantom = `(${f('ny')} = '1900' AND lower(${f('nm')}) IN ('feb', 'february') AND ${f('nd')} = '29')`;
  const [h, mi] = [dbl(f('h')), dbl(f('mi'))];
  const s = `(CASE WHEN ${f('s')} = '' THEN 0 ELSE ${dbl(f('s'))} END)`;
  const ap = `upper(${f('ap')})`;
  const hour = `(CASE WHEN ${ap} = 'AM' THEN (CASE WHEN ${h} = 12 THEN 0 ELSE ${h} END) WHEN ${ap} = 'PM' THEN (CASE WHEN ${h} = 12 THEN 12 ELSE ${h} + 12 END) ELSE ${h} END)`;
  const timeOk = `(${mi} < 60 AND ${s} < 60 AND (${ap} = '' OR ${h} <= 12))`;
  const dateOk = `(${phantom} OR ${date} IS NOT NULL AND ${date} >= DATE '1900-01-01')`;
  return {
    hasDate,
    hasTime,
    day: `CASE WHEN ${phantom} THEN ${PHANTOM_LEAP_DAY} WHEN ${hasDate} THEN ${sqlSerialOf(date)} END`,
    time: `CASE WHEN ${hasTime} THEN (${hour} * 3600 + ${mi} * 60 + ${s}) / 86400 END`,
    ok: `COALESCE((${hasDate} OR ${hasTime}) AND (NOT ${hasDate} OR ${dateOk}) AND (NOT ${hasTime} OR ${timeOk}), FALSE)`,
  };
}

/** `pick` of a text's parse; the regexp runs once per row. */
export function sqlWithDateTime(ctx: SqlFunctionContext, t: string, pick: (p: SqlDateTime) => string): string {
  const groups = `regexp_extract(trim(${t}), ${quoteLiteral(DATE_TIME_TEXT)}, [${DATE_TIME_GROUPS.map((g) => `'${g}'`).join(', ')}])`;
  const [name, date] = [ctx.alias(), ctx.alias()];
  // Two bindings: the groups, then the date built from them (read three times below).
  return `list_transform([${groups}], lambda ${name}: list_transform([${sqlDateOf(name)}], lambda ${date}: ${pick(sqlDateTimeOf(name, date))})[1])[1]`;
}

export const DATEVALUE: FunctionSpec = {
  name: 'DATEVALUE',
  category: 'date',
  summary: 'The date a text holds, such as "2024-03-01" or "3/1/2024" (a time in the text is ignored).',
  params: [{ name: 'date_text' }],
  example: { formula: '=DATEVALUE("3/1/2024")', result: '2024-03-01' },
  notes: `${DATE_TIME_NOTE} The result is a date (Excel returns its serial number). A date given instead of text is returned as it is (its time dropped); numbers, empty cells and text without a date are #VALUE!.`,
  scalar(args) {
    const v = arg(args, 0);
    if (isDate(v)) return dateResult(Math.floor(v.serial), 'DATEVALUE');
    if (typeof v !== 'string') return new FormulaError('#VALUE!', 'DATEVALUE reads a date from text.');
    const p = parseDateTime(v, 'DATEVALUE');
    if (isFormulaError(p)) return p;
    return p.day === undefined ? new FormulaError('#VALUE!', `DATEVALUE: "${v}" holds no date.`) : new DateValue(p.day);
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null), ([e]) => {
      if (e!.type === 'date' || e!.type === 'datetime') {
        const d = sqlSerial(ctx, e!, true);
        return sqlDateResult(ctx, `floor(${d.serial})`, [d.err, errWhen(`${e!.sql} IS NULL`, '#VALUE!')]);
      }
      if (e!.type !== 'text') return result('NULL', 'date', [e!.err, errCode('#VALUE!')]);
      const day = sqlWithDateTime(ctx, e!.sql, (p) => `CASE WHEN ${p.ok} AND ${p.hasDate} THEN ${p.day} END`);
      return result(dateOf(day), 'date', [e!.err, `CASE WHEN (${day}) IS NULL THEN ${errCode('#VALUE!')} END`]);
    });
  },
};

export const TIMEVALUE: FunctionSpec = {
  name: 'TIMEVALUE',
  category: 'date',
  summary: 'The time a text holds, as a fraction of a day ("6:45 PM" is 0.78125); a date in the text is ignored.',
  params: [{ name: 'time_text' }],
  example: { formula: '=TIMEVALUE("6:45 PM")', result: '0.78125' },
  notes: `${DATE_TIME_NOTE} Text with a date and no time is 0. A date-time given instead of text gives its time of day; numbers and empty cells are #VALUE!.`,
  scalar(args) {
    const v = arg(args, 0);
    if (isDate(v)) return v.serial - Math.floor(v.serial);
    if (typeof v !== 'string') return new FormulaError('#VALUE!', 'TIMEVALUE reads a time from text.');
    const p = parseDateTime(v, 'TIMEVALUE');
    // 24:00 and later hours roll into the next day: TIMEVALUE keeps the time of day.
    return isFormulaError(p) ? p : (p.time ?? 0) % 1;
  },
  sql(args, ctx) {
    return withArgs(ctx, valueArgs(args, null), ([e]) => {
      if (e!.type === 'date' || e!.type === 'datetime') {
        const s = timestampSerial(e!.sql);
        return result(e!.type === 'date' ? 'CAST(0 AS DOUBLE)' : `(${s} - floor(${s}))`, 'number', [e!.err, errWhen(`${e!.sql} IS NULL`, '#VALUE!')]);
      }
      if (e!.type !== 'text') return result('NULL', 'number', [e!.err, errCode('#VALUE!')]);
      const time = sqlWithDateTime(ctx, e!.sql, (p) => `CASE WHEN ${p.ok} THEN fmod(COALESCE(${p.time}, 0), 1) END`);
      return result(time, 'number', [e!.err, `CASE WHEN (${time}) IS NULL THEN ${errCode('#VALUE!')} END`]);
    });
  },
};
