import type { FunctionSpec, SqlFunctionContext } from '../../catalog';
import { isFormulaError } from '../../errors';
import { result } from '../../sql/coerce';
import { sqlText, textArg } from '../helpers';
import { lowerText, upperChar, upperText } from './case';
import { chars, sqlLet } from './shared';

// ---- one text in, one text out: TRIM, UPPER, LOWER, PROPER, CLEAN

function textToText(name: string, summary: string, example: FunctionSpec['example'], scalar: (t: string) => string, sql: (t: string, ctx: SqlFunctionContext) => string, notes?: string): FunctionSpec {
  return {
    name,
    category: 'text',
    summary,
    params: [{ name: 'text' }],
    notes,
    example,
    scalar(args) {
      const t = textArg(args, 0);
      return isFormulaError(t) ? t : scalar(t);
    },
    sql(args, ctx) {
      const t = sqlText(args, 0);
      return result(sql(t.sql, ctx), 'text', [t]);
    },
  };
}

/** PROPER: each letter after a non-letter upper case, the others lower case. A letter is a character with case. */
function proper(t: string): string {
  let out = '';
  let afterLetter = false;
  for (const c of chars(lowerText(t))) {
    out += afterLetter ? c : upperChar(c);
    afterLetter = upperChar(c) !== c;
  }
  return out;
}

function sqlProper(t: string, ctx: SqlFunctionContext): string {
  return sqlLet(ctx, `string_split(lower(${t}), '')`, (cs) => {
    const [c, i] = [ctx.alias(), ctx.alias()];
    return `array_to_string(list_transform(${cs}, lambda ${c}, ${i}: CASE WHEN ${i} > 1 AND upper(${cs}[${i} - 1]) <> ${cs}[${i} - 1] THEN ${c} ELSE upper(${c}) END), '')`;
  });
}

const CONTROL_CHARACTERS = /[\x00-\x1f]/g;
const SQL_CONTROL_CHARACTERS = Array.from({ length: 32 }, (_, i) => `chr(${i})`).join(' || ');

export const ONE_TEXT: FunctionSpec[] = [
  textToText(
    'TRIM',
    'Removes spaces from both ends of a text and turns every run of spaces inside it into one space.',
    { formula: '=TRIM("  two   words ")', result: 'two words' },
    (t) => t.replace(/ +/g, ' ').replace(/^ | $/g, ''),
    (t, ctx) => {
      const w = ctx.alias();
      return `COALESCE(array_to_string(list_filter(string_split(${t}, ' '), lambda ${w}: ${w} <> ''), ' '), '')`;
    },
    'Only the space character is removed, as in Excel; tabs, line breaks and non-breaking spaces stay.',
  ),
  textToText('UPPER', 'The text in upper case.', { formula: '=UPPER("Cellar")', result: 'CELLAR' }, upperText, (t) => `upper(${t})`, 'Each character maps to one character, so ß becomes ẞ (not SS).'),
  textToText('LOWER', 'The text in lower case.', { formula: '=LOWER("Cellar")', result: 'cellar' }, lowerText, (t) => `lower(${t})`),
  textToText(
    'PROPER',
    'Capitalizes the first letter of each word (any letter after a character that is not a letter) and lower-cases the rest.',
    { formula: '=PROPER("2-way STREET")', result: '2-Way Street' },
    proper,
    sqlProper,
    'A letter here is a character with upper and lower case forms: after a digit, punctuation or a character without case (such as Chinese), the next letter is capitalized.',
  ),
  textToText(
    'CLEAN',
    'Removes the non-printing characters 0 to 31 (line breaks, tabs …) from a text.',
    { formula: '=CLEAN("a" & CHAR(10) & "b")', result: 'ab' },
    (t) => t.replace(CONTROL_CHARACTERS, ''),
    (t) => `translate(${t}, ${SQL_CONTROL_CHARACTERS}, '')`,
  ),
];
