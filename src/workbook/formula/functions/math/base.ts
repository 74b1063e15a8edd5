import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { numberArg, textArg } from '../helpers';
import { EXACT, NUM } from './shared';

// ---- BASE and DECIMAL: whole numbers written in radix 2 to 36

/** Excel's longest text for BASE's min_length and DECIMAL's input. */
const MAX_LENGTH = 255;

/** The radix argument: truncated, 2 to 36. */
function radixOf(name: string, x: number) {
  const r = Math.trunc(x);
  return r < 2 || r > 36 ? NUM(`${name} takes a radix from 2 to 36.`) : r;
}

export const BASE: FunctionSpec = {
  name: 'BASE',
  category: 'math',
  summary: 'A whole number written in a radix from 2 to 36, as text, padded with zeros to min_length.',
  params: [{ name: 'number' }, { name: 'radix' }, { name: 'min_length', optional: true }],
  notes: 'Fractions are truncated. A negative number, a number from 2^53 on, a radix outside 2..36 or a min_length outside 0..255 is #NUM!, as in Excel.',
  example: { formula: '=BASE(10, 16, 4)', result: '000A' },
  propagate: false,
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const r = numberArg(args, 1);
    if (isFormulaError(r)) return r;
    const len = numberArg(args, 2, 0);
    if (isFormulaError(len)) return len;
    if (x < 0 || x >= EXACT) return NUM('BASE takes numbers from 0 to 2^53.');
    const radix = radixOf('BASE', r);
    if (isFormulaError(radix)) return radix;
    if (len < 0 || len > MAX_LENGTH) return NUM(`BASE takes a min_length from 0 to ${MAX_LENGTH}.`);
    return Math.trunc(x).toString(radix).toUpperCase().padStart(Math.trunc(len), '0');
  },
};

export const DECIMAL: FunctionSpec = {
  name: 'DECIMAL',
  category: 'math',
  summary: 'The value of text that writes a whole number in a radix from 2 to 36 (letters in any case).',
  params: [{ name: 'text' }, { name: 'radix' }],
  notes: 'A character that is not a digit of the radix, a radix outside 2..36, text longer than 255 characters or a value from 2^53 on is #NUM!, as in Excel.',
  example: { formula: '=DECIMAL("FF", 16)', result: '255' },
  propagate: false,
  scalar(args) {
    const t = textArg(args, 0);
    if (isFormulaError(t)) return t;
    const r = numberArg(args, 1);
    if (isFormulaError(r)) return r;
    const radix = radixOf('DECIMAL', r);
    if (isFormulaError(radix)) return radix;
    if (t.length > MAX_LENGTH) return NUM(`DECIMAL takes at most ${MAX_LENGTH} characters.`);
    let value = 0;
    for (const ch of t.toUpperCase()) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= radix) return NUM(`DECIMAL: "${ch}" is not a digit in radix ${radix}.`);
      value = value * radix + d;
    }
    return value >= EXACT ? NUM('DECIMAL: the value is 2^53 or more.') : value;
  },
};
