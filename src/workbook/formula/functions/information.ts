import { quoteLiteral } from '../../../sql';
import type { FunctionSpec } from '../catalog';
import { FormulaError, isFormulaError, type ErrorCode } from '../errors';
import { aggregate, errCode, errorExpr, errWhen, literal, num, result, text } from '../sql/coerce';
import { isSqlRange, type SqlExpr } from '../sql/types';
import { isDate, isRange, toNumber, type Scalar } from '../values';
import { arg, sqlArg } from './helpers';

/** IS… functions: a test on one value, never an error themselves. */
function is(name: string, summary: string, test: (v: Scalar) => boolean, sql: (e: SqlExpr) => string, example: FunctionSpec['example']): FunctionSpec {
  return {
    name,
    category: 'information',
    summary,
    params: [{ name: 'value' }],
    propagate: false,
    example,
    scalar: (args) => test(arg(args, 0)),
    sql(args) {
      const e = sqlArg(args, 0);
      return result(sql(e), 'boolean', []);
    },
  };
}

/** ISEVEN and ISODD: the number truncated to an integer; TRUE/FALSE are #VALUE! (as in Excel), empty is 0. */
function parity(name: 'ISEVEN' | 'ISODD'): FunctionSpec {
  const even = name === 'ISEVEN';
  return {
    name,
    category: 'information',
    summary: even ? 'TRUE for an even number (the fraction is dropped: ISEVEN(2.5) is TRUE).' : 'TRUE for an odd number (the fraction is dropped: ISODD(3.9) is TRUE).',
    params: [{ name: 'number' }],
    notes: 'Numeric text counts as its number and empty as 0; TRUE, FALSE and other text are #VALUE!, as in Excel.',
    example: even ? { formula: '=ISEVEN(-4)', result: 'TRUE' } : { formula: '=ISODD(2.5)', result: 'FALSE' },
    scalar(args) {
      const v = arg(args, 0);
      if (typeof v === 'boolean') return new FormulaError('#VALUE!', `${name} needs a number, not TRUE or FALSE.`);
      const n = toNumber(v);
      if (isFormulaError(n)) return n;
      return (Math.trunc(n) % 2 === 0) === even;
    },
    sql(args) {
      const e = sqlArg(args, 0);
      // An empty boolean column is 0 (even); a TRUE/FALSE in it is #VALUE!.
      if (e.type === 'boolean') return result(even ? 'TRUE' : 'FALSE', 'boolean', [e.err, errWhen(`${e.sql} IS NOT NULL`, '#VALUE!')]);
      const n = num(e);
      return result(`(trunc(${n.sql}) % 2 ${even ? '=' : '<>'} 0)`, 'boolean', [n.err]);
    },
  };
}

const NA: FunctionSpec = {
  name: 'NA',
  category: 'information',
  summary: 'The #N/A error: "no value is available", to mark a missing value on purpose.',
  params: [],
  example: { formula: '=NA()', result: '#N/A' },
  scalar: () => new FormulaError('#N/A', 'NA(): no value is available.'),
  sql: () => errorExpr('#N/A'),
};

const N: FunctionSpec = {
  name: 'N',
  category: 'information',
  summary: 'A value as a number: numbers as they are, dates as serial numbers, TRUE 1, FALSE 0, text and empty 0.',
  params: [{ name: 'value' }],
  notes: 'Text that reads as a number is still 0, as in Excel; errors stay errors.',
  example: { formula: '=N(TRUE)', result: '1' },
  scalar(args) {
    const v = arg(args, 0);
    if (typeof v === 'string') return 0;
    return toNumber(v);
  },
  sql(args) {
    const e = sqlArg(args, 0);
    if (e.type === 'text' || e.type === 'empty') return result('CAST(0 AS DOUBLE)', 'number', [e.err]);
    return num(e);
  },
};

const T: FunctionSpec = {
  name: 'T',
  category: 'information',
  summary: 'A value if it is text; "" for anything else (numbers, dates, TRUE/FALSE, empty).',
  params: [{ name: 'value' }],
  notes: 'Errors stay errors.',
  example: { formula: '=T(42)', result: '' },
  scalar(args) {
    const v = arg(args, 0);
    return typeof v === 'string' ? v : '';
  },
  sql(args) {
    const e = sqlArg(args, 0);
    if (e.type === 'text') return text(e);
    return result("''", 'text', [e.err]);
  },
};

/** TYPE's number for a value: 1 number (dates, empty), 2 text, 4 TRUE/FALSE, 16 error. */
function typeNumber(v: Scalar): number {
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 4;
  if (isFormulaError(v)) return 16;
  return 1;
}

/** typeNumber in SQL, for one expression (never NULL). */
function sqlTypeNumber(e: SqlExpr): string {
  const own = e.type === 'text' ? 2 : e.type === 'boolean' ? 4 : 1;
  const value = own !== 1 && (e.nullable || e.err) ? `CASE WHEN ${e.sql} IS NULL THEN 1 ELSE ${own} END` : `${own}`;
  return e.err ? `CASE WHEN ${e.err} IS NOT NULL THEN 16 ELSE ${value} END` : value;
}

const TYPE: FunctionSpec = {
  name: 'TYPE',
  category: 'information',
  summary: 'What kind of value it is: 1 number (or date, or empty), 2 text, 4 TRUE/FALSE, 16 error, 64 a range of several values.',
  params: [{ name: 'value', kind: 'range' }],
  propagate: false,
  notes: 'A range of one cell is the type of its value. A table column is 64 unless the table has one row.',
  example: { formula: '=TYPE("a")', result: '2' },
  scalar(args) {
    const a = args[0];
    if (isRange(a)) return a.rows * a.cols === 1 ? typeNumber(a.at(0, 0)) : 64;
    return typeNumber(a ?? null);
  },
  sql(args) {
    const a = args[0];
    if (!isSqlRange(a)) return result(`CAST(${sqlTypeNumber(a ?? literal(null))} AS DOUBLE)`, 'number', []);
    if (a.columns.length > 1) return result('CAST(64 AS DOUBLE)', 'number', []);
    return result(`CAST(${aggregate(a, `CASE WHEN count(*) = 1 THEN first(${sqlTypeNumber(a.columns[0]!)}) ELSE 64 END`)} AS DOUBLE)`, 'number', []);
  },
};

/** ERROR.TYPE's numbers, as Excel numbers its errors; #ERROR! (a formula that does not read) is 8, as in Google Sheets. */
const ERROR_NUMBERS: Record<ErrorCode, number> = {
  '#NULL!': 1,
  '#DIV/0!': 2,
  '#VALUE!': 3,
  '#REF!': 4,
  '#NAME?': 5,
  '#NUM!': 6,
  '#N/A': 7,
  '#ERROR!': 8,
  '#SPILL!': 9,
  '#CALC!': 14,
};

const ERROR_TYPE: FunctionSpec = {
  name: 'ERROR.TYPE',
  category: 'information',
  summary: 'The number of an error: 1 #NULL!, 2 #DIV/0!, 3 #VALUE!, 4 #REF!, 5 #NAME?, 6 #NUM!, 7 #N/A, 14 #CALC!; #N/A when the value is not an error.',
  params: [{ name: 'error_val' }],
  propagate: false,
  notes: "#ERROR! (Cellar's error for a formula that cannot be read) is 8, as Google Sheets numbers it; in Excel 8 is #GETTING_DATA.",
  example: { formula: '=ERROR.TYPE(1/0)', result: '2' },
  scalar(args) {
    const v = arg(args, 0);
    return isFormulaError(v) ? ERROR_NUMBERS[v.code] : new FormulaError('#N/A', 'ERROR.TYPE: the value is not an error.');
  },
  sql(args) {
    const e = sqlArg(args, 0);
    if (!e.err) return errorExpr('#N/A');
    const cases = Object.entries(ERROR_NUMBERS).map(([code, n]) => `WHEN ${quoteLiteral(code)} THEN ${n}`);
    return result(`CAST(CASE ${e.err} ${cases.join(' ')} END AS DOUBLE)`, 'number', [`CASE WHEN ${e.err} IS NULL THEN ${errCode('#N/A')} END`]);
  },
};

const noError = (e: SqlExpr) => (e.err ? `${e.err} IS NULL` : 'TRUE');

export const INFORMATION_FUNCTIONS: FunctionSpec[] = [
  is('ISBLANK', 'TRUE for an empty cell (not for "" or 0).', (v) => v === null, (e) => (e.type === 'empty' || e.nullable ? `(${e.sql} IS NULL AND ${noError(e)})` : 'FALSE'), { formula: '=ISBLANK("")', result: 'FALSE' }),
  is(
    'ISNUMBER',
    'TRUE for a number (or a date).',
    (v) => typeof v === 'number' || isDate(v),
    (e) => (e.type === 'number' || e.type === 'date' || e.type === 'datetime' ? `(${e.sql} IS NOT NULL)` : 'FALSE'),
    { formula: '=ISNUMBER("12")', result: 'FALSE' },
  ),
  is('ISERROR', 'TRUE for any error value.', isFormulaError, (e) => (e.err ? `(${e.err} IS NOT NULL)` : 'FALSE'), { formula: '=ISERROR(1/0)', result: 'TRUE' }),
  is('ISTEXT', 'TRUE for text (also "").', (v) => typeof v === 'string', (e) => (e.type === 'text' ? `(${e.sql} IS NOT NULL)` : 'FALSE'), { formula: '=ISTEXT("12")', result: 'TRUE' }),
  is('ISNONTEXT', 'TRUE for anything but text: numbers, TRUE/FALSE, empty, errors.', (v) => typeof v !== 'string', (e) => (e.type === 'text' ? `(${e.sql} IS NULL)` : 'TRUE'), {
    formula: '=ISNONTEXT(12)',
    result: 'TRUE',
  }),
  is('ISLOGICAL', 'TRUE for TRUE or FALSE.', (v) => typeof v === 'boolean', (e) => (e.type === 'boolean' ? `(${e.sql} IS NOT NULL)` : 'FALSE'), { formula: '=ISLOGICAL(1 = 1)', result: 'TRUE' }),
  is('ISNA', 'TRUE for the #N/A error only.', (v) => isFormulaError(v) && v.code === '#N/A', (e) => (e.err ? `COALESCE(${e.err} = ${errCode('#N/A')}, FALSE)` : 'FALSE'), {
    formula: '=ISNA(NA())',
    result: 'TRUE',
  }),
  is('ISERR', 'TRUE for any error except #N/A.', (v) => isFormulaError(v) && v.code !== '#N/A', (e) => (e.err ? `COALESCE(${e.err} <> ${errCode('#N/A')}, FALSE)` : 'FALSE'), {
    formula: '=ISERR(1/0)',
    result: 'TRUE',
  }),
  parity('ISEVEN'),
  parity('ISODD'),
  NA,
  N,
  T,
  TYPE,
  ERROR_TYPE,
];
