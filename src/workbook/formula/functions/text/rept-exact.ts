import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { errWhen, result } from '../../sql/coerce';
import { firstError, numberArg, sqlNum, sqlText, textArg } from '../helpers';
import { chars, coerced, sqlInt, valueError } from './shared';

// ---- REPT, EXACT

const MAX_TEXT = 32767;

export const REPT: FunctionSpec = {
  name: 'REPT',
  category: 'text',
  summary: 'A text repeated a number of times; #VALUE! for a negative count or a result over 32,767 characters.',
  params: [{ name: 'text' }, { name: 'count' }],
  example: { formula: '=REPT("ab", 3)', result: 'ababab' },
  scalar(args) {
    const v = coerced(textArg(args, 0), numberArg(args, 1));
    if (isFormulaError(v)) return v;
    const [t, count] = [v[0], Math.trunc(v[1])];
    if (count < 0) return valueError('REPT: the count cannot be negative.');
    if (chars(t).length * count > MAX_TEXT) return valueError(`REPT: the result would be longer than ${MAX_TEXT} characters.`);
    return t.repeat(count);
  },
  sql(args) {
    const [t, n] = [sqlText(args, 0), sqlNum(args, 1)];
    const bad = `(trunc(${n.sql}) < 0 OR length(${t.sql}) * trunc(${n.sql}) > ${MAX_TEXT})`;
    // An empty text repeats to nothing at once, whatever the count.
    const count = `CASE WHEN ${t.sql} = '' THEN 0 ELSE ${sqlInt(n.sql)} END`;
    return result(`CASE WHEN ${bad} THEN NULL ELSE repeat(${t.sql}, ${count}) END`, 'text', [t, n, errWhen(bad, '#VALUE!')]);
  },
};

export const EXACT: FunctionSpec = {
  name: 'EXACT',
  category: 'text',
  summary: 'TRUE when two texts are the same, case included.',
  params: [{ name: 'text1' }, { name: 'text2' }],
  example: { formula: '=EXACT("Cellar", "cellar")', result: 'FALSE' },
  scalar(args) {
    const [a, b] = [textArg(args, 0), textArg(args, 1)];
    return firstError(a, b) ?? a === b;
  },
  sql(args) {
    const [a, b] = [sqlText(args, 0), sqlText(args, 1)];
    return result(`(${a.sql} = ${b.sql})`, 'boolean', [a, b]);
  },
};
