import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { errWhen, result } from '../../sql/coerce';
import { numberArg, sqlNum, sqlText, textArg } from '../helpers';
import { EXACT, NUM } from './shared';

// ---- BASE and DECIMAL: whole numbers written in radix 2 to 36

/** Excel's longest text for BASE's min_length and DECIMAL's input. */
const MAX_LENGTH = 255;

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

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
  sql(args) {
    const [x, r, len] = [sqlNum(args, 0), sqlNum(args, 1), sqlNum(args, 2, 0)];
    const [xs, rs, ls] = [`trunc(${x.sql})`, `trunc(${r.sql})`, `trunc(${len.sql})`];
    const bad = `${x.sql} < 0 OR ${x.sql} >= ${EXACT} OR ${rs} < 2 OR ${rs} > 36 OR ${len.sql} < 0 OR ${len.sql} > ${MAX_LENGTH}`;
    // Each argument clamped into range too: DuckDB folds constants even in branches not taken.
    const value = `to_base(CAST(least(greatest(${xs}, 0), ${EXACT - 1}) AS BIGINT), CAST(least(greatest(${rs}, 2), 36) AS INTEGER), CAST(least(greatest(${ls}, 0), ${MAX_LENGTH}) AS INTEGER))`;
    return result(`CASE WHEN NOT (${bad}) THEN ${value} END`, 'text', [x.err, r.err, len.err, errWhen(bad, '#NUM!')]);
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
  sql(args) {
    const [t, r] = [sqlText(args, 0), sqlNum(args, 1)];
    const rs = `trunc(${r.sql})`;
    const digits = `list_transform(string_split(upper(${t.sql}), ''), lambda _c: strpos('${DIGITS}', _c) - 1)`;
    const value = `list_reduce(${digits}, lambda _a, _d: _a * ${rs} + _d, CAST(0 AS DOUBLE))`;
    const bad = `${rs} < 2 OR ${rs} > 36 OR length(${t.sql}) > ${MAX_LENGTH} OR list_min(${digits}) < 0 OR list_max(${digits}) >= ${rs} OR ${value} >= ${EXACT}`;
    return result(`CASE WHEN NOT (${bad}) THEN ${value} END`, 'number', [t.err, r.err, errWhen(bad, '#NUM!')]);
  },
};
