import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, result } from '../../sql/coerce';
import { numberArg, sqlNum, sqlText, textArg } from '../helpers';
import { valueError } from './shared';

// ---- character codes: CHAR, CODE, UNICHAR, UNICODE

/** Windows-1252's characters 128–159, where it differs from Latin-1 (the others are the same code points). */
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
  0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const SQL_CP1252 = `[${CP1252.join(', ')}]`;

export const CHAR: FunctionSpec = {
  name: 'CHAR',
  category: 'text',
  summary: 'The character with a code from 1 to 255, in the Windows character set (CHAR(10) is a line break).',
  params: [{ name: 'number' }],
  notes: 'Codes 128–159 are the Windows-1252 characters (CHAR(128) is €), as Excel for Windows has them.',
  example: { formula: '=CHAR(65)', result: 'A' },
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const code = Math.trunc(n);
    if (code < 1 || code > 255) return valueError('CHAR: the code must be between 1 and 255.');
    return String.fromCodePoint(code >= 128 && code <= 159 ? CP1252[code - 128]! : code);
  },
  sql(args) {
    const n = sqlNum(args, 0);
    const bad = `NOT (trunc(${n.sql}) BETWEEN 1 AND 255)`;
    const code = `CAST(trunc(${n.sql}) AS INTEGER)`;
    const value = `chr(CASE WHEN ${code} BETWEEN 128 AND 159 THEN ${SQL_CP1252}[${code} - 127] ELSE ${code} END)`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE ${value} END`, 'text', [n, errWhen(bad, '#VALUE!')]);
  },
};

export const CODE: FunctionSpec = {
  name: 'CODE',
  category: 'text',
  summary: "The Windows character set's code of a text's first character (63, a question mark, for characters it lacks).",
  params: [{ name: 'text' }],
  notes: 'Use UNICODE for any character’s Unicode code point.',
  example: { formula: '=CODE("A")', result: '65' },
  scalar(args) {
    const t = textArg(args, 0);
    if (isFormulaError(t)) return t;
    if (t === '') return valueError('CODE of an empty text.');
    const cp = t.codePointAt(0)!;
    if (cp < 128 || (cp >= 160 && cp <= 255)) return cp;
    const i = CP1252.indexOf(cp);
    return i < 0 ? 63 : 128 + i;
  },
  sql(args) {
    const t = sqlText(args, 0);
    const cp = `unicode(${t.sql})`;
    const value = `CAST(CASE WHEN ${cp} < 128 OR ${cp} BETWEEN 160 AND 255 THEN ${cp} ELSE COALESCE(list_position(${SQL_CP1252}, ${cp}) + 127, 63) END AS DOUBLE)`;
    return result(`CASE WHEN ${t.sql} = '' THEN NULL ELSE ${value} END`, 'number', [t, errWhen(`${t.sql} = ''`, '#VALUE!')]);
  },
};

export const UNICHAR: FunctionSpec = {
  name: 'UNICHAR',
  category: 'text',
  summary: 'The character with a Unicode code point (UNICHAR(8364) is €); #N/A for a surrogate half.',
  params: [{ name: 'number' }],
  example: { formula: '=UNICHAR(9731)', result: '☃' },
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const code = Math.trunc(n);
    if (code < 1 || code > 0x10ffff) return valueError('UNICHAR: the code point must be between 1 and 1114111.');
    if (code >= 0xd800 && code <= 0xdfff) return new FormulaError('#N/A', 'UNICHAR: a surrogate half is not a character.');
    return String.fromCodePoint(code);
  },
  sql(args) {
    const n = sqlNum(args, 0);
    const code = `trunc(${n.sql})`;
    const outside = `NOT (${code} BETWEEN 1 AND 1114111)`;
    const surrogate = `(${code} BETWEEN 55296 AND 57343)`;
    const err = `CASE WHEN ${outside} THEN ${errCode('#VALUE!')} WHEN ${surrogate} THEN ${errCode('#N/A')} END`;
    return result(`CASE WHEN ${outside} OR ${surrogate} THEN NULL ELSE chr(CAST(${code} AS INTEGER)) END`, 'text', [n, err]);
  },
};

export const UNICODE: FunctionSpec = {
  name: 'UNICODE',
  category: 'text',
  summary: "The Unicode code point of a text's first character.",
  params: [{ name: 'text' }],
  example: { formula: '=UNICODE("€")', result: '8364' },
  scalar(args) {
    const t = textArg(args, 0);
    if (isFormulaError(t)) return t;
    return t === '' ? valueError('UNICODE of an empty text.') : t.codePointAt(0)!;
  },
  sql(args) {
    const t = sqlText(args, 0);
    return result(`CASE WHEN ${t.sql} = '' THEN NULL ELSE CAST(unicode(${t.sql}) AS DOUBLE) END`, 'number', [t, errWhen(`${t.sql} = ''`, '#VALUE!')]);
  },
};
