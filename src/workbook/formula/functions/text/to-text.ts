import type { FunctionSpec, ScalarArg } from '../../catalog';
import { isFormulaError } from '../../errors';
import { isDate, isRange, toText, type Scalar } from '../../values';
import { arg, numberArg } from '../helpers';
import { valueError } from './shared';

// ---- VALUETOTEXT, ARRAYTOTEXT

/** A value as text: concise (format 0) as a cell shows it; strict (1) with text in quotes, as a formula would write it. */
function valueText(v: Scalar, strict: boolean): string {
  if (isFormulaError(v)) return v.code;
  if (typeof v === 'string') return strict ? `"${v.replace(/"/g, '""')}"` : v;
  if (isDate(v)) return toText(v.serial) as string;
  return toText(v) as string;
}

/** The format argument: 0 (concise, the default) or 1 (strict). */
function strictArg(args: ScalarArg[], i: number, name: string): boolean | ReturnType<typeof valueError> {
  const n = arg(args, i) === null ? 0 : numberArg(args, i, 0);
  if (isFormulaError(n)) return n;
  if (n !== 0 && n !== 1) return valueError(`${name}: format is 0 (concise) or 1 (strict).`);
  return n === 1;
}

export const VALUETOTEXT: FunctionSpec = {
  name: 'VALUETOTEXT',
  category: 'text',
  summary: 'A value as text: as shown (format 0), or strict (1: text in double quotes, as in a formula). Errors become their text.',
  params: [{ name: 'value' }, { name: 'format', optional: true }],
  propagate: false,
  example: { formula: '=VALUETOTEXT("abc", 1)', result: '"abc"' },
  scalar(args) {
    const strict = strictArg(args, 1, 'VALUETOTEXT');
    if (isFormulaError(strict)) return strict;
    return valueText(arg(args, 0), strict);
  },
};

export const ARRAYTOTEXT: FunctionSpec = {
  name: 'ARRAYTOTEXT',
  category: 'text',
  summary: 'An array as text: its values joined by ", " (format 0), or strict (1) as an array constant {1,"a";2,"b"}.',
  params: [{ name: 'array', kind: 'range' }, { name: 'format', optional: true }],
  propagate: false,
  example: { formula: '=ARRAYTOTEXT({1,"a";2,"b"}, 1)', result: '{1,"a";2,"b"}' },
  scalar(args) {
    const strict = strictArg(args, 1, 'ARRAYTOTEXT');
    if (isFormulaError(strict)) return strict;
    const a = args[0];
    if (a === undefined) return '';
    if (!isRange(a)) return strict ? `{${valueText(a, true)}}` : valueText(a, false);
    const rows: string[][] = [];
    for (let r = 0; r < a.rows; r++) rows.push(Array.from({ length: a.cols }, (_, c) => valueText(a.at(r, c), strict)));
    return strict ? `{${rows.map((row) => row.join(',')).join(';')}}` : rows.flat().join(', ');
  },
};
