import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isRange, RangeValue, toText, type Scalar } from '../../values';
import { arg, booleanArg, numberArg, textArg } from '../helpers';
import { lowerText } from './case';
import { valueError } from './shared';

// ---- TEXTSPLIT

/** A delimiter argument as a list of texts (one text, or an array of them); [] when left out. */
function delimiters(a: ScalarArg, name: string): string[] | FormulaError {
  if (a === undefined || a === null) return [];
  const values = isRange(a) ? a.values : [a];
  const out: string[] = [];
  for (const v of values) {
    const t = toText(v);
    if (isFormulaError(t)) return t;
    if (t === '') return valueError(`${name}: a delimiter cannot be empty text.`);
    out.push(t);
  }
  return out;
}

/**
 * `text` cut at every delimiter, left to right; at a place where several delimiters match, the
 * longest is taken.
 */
export function splitText(text: string, delims: string[], ignoreCase: boolean): string[] {
  if (delims.length === 0) return [text];
  const hay = ignoreCase ? lowerText(text) : text;
  const needles = delims.map((d) => (ignoreCase ? lowerText(d) : d)).sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < hay.length) {
    const d = needles.find((n) => hay.startsWith(n, i));
    if (d === undefined) {
      i++;
      continue;
    }
    parts.push(text.slice(start, i));
    i += d.length;
    start = i;
  }
  parts.push(text.slice(start));
  return parts;
}

export const TEXTSPLIT: FunctionSpec = {
  name: 'TEXTSPLIT',
  category: 'text',
  summary: 'A text split into an array: across at each column delimiter, down at each row delimiter; short rows are padded (#N/A unless pad_with is given).',
  params: [
    { name: 'text' },
    { name: 'col_delimiter', kind: 'range' },
    { name: 'row_delimiter', kind: 'range', optional: true },
    { name: 'ignore_empty', optional: true },
    { name: 'match_mode', optional: true },
    { name: 'pad_with', optional: true },
  ],
  notes: 'Delimiters may be arrays of texts ({",", ";"}); where several match at one place the longest is taken. An empty delimiter is #VALUE!. match_mode 1 ignores case.',
  example: { formula: '=INDEX(TEXTSPLIT("a,b;c,d", ",", ";"), 2, 1)', result: 'c' },
  scalar(args) {
    const text = textArg(args, 0);
    if (isFormulaError(text)) return text;
    const cols = delimiters(args[1], 'TEXTSPLIT');
    if (isFormulaError(cols)) return cols;
    const rows = delimiters(args[2], 'TEXTSPLIT');
    if (isFormulaError(rows)) return rows;
    if (cols.length === 0 && rows.length === 0) return valueError('TEXTSPLIT needs a column or a row delimiter.');
    const ignoreEmpty = booleanArg(args, 3, false);
    if (isFormulaError(ignoreEmpty)) return ignoreEmpty;
    const mode = arg(args, 4) === null ? 0 : numberArg(args, 4, 0);
    if (isFormulaError(mode)) return mode;
    if (Math.trunc(mode) !== 0 && Math.trunc(mode) !== 1) return valueError('TEXTSPLIT: match_mode is 0 (case-sensitive) or 1 (ignore case).');
    const pad: Scalar = args[5] === undefined ? new FormulaError('#N/A', 'TEXTSPLIT: this row has fewer pieces than the longest.') : arg(args, 5);
    const ignoreCase = Math.trunc(mode) === 1;
    const keep = (parts: string[]) => (ignoreEmpty ? parts.filter((p) => p !== '') : parts);
    const lines = keep(splitText(text, rows, ignoreCase)).map((line) => keep(splitText(line, cols, ignoreCase)));
    const grid = lines.filter((l) => l.length > 0);
    if (grid.length === 0) return new FormulaError('#CALC!', 'TEXTSPLIT: nothing is left once empty pieces are dropped.');
    const width = Math.max(...grid.map((l) => l.length));
    return new RangeValue(grid.length, width, grid.flatMap((l) => [...l, ...Array<Scalar>(width - l.length).fill(pad)]));
  },
};
