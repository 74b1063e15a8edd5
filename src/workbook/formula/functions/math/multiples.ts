import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, result } from '../../sql/coerce';
import { numberArg, numeric, sqlNum } from '../helpers';
import { NUM, sig15, sqlSig15, toolpak, withNotes } from './shared';

export const MOD: FunctionSpec = {
  name: 'MOD',
  category: 'math',
  summary: 'The remainder of a division, with the sign of the divisor (MOD(-3, 2) is 1).',
  params: [{ name: 'number' }, { name: 'divisor' }],
  example: { formula: '=MOD(-3, 2)', result: '1' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const y = numberArg(args, 1);
    if (isFormulaError(y)) return y;
    if (y === 0) return new FormulaError('#DIV/0!', 'MOD by zero.');
    const r = x - y * Math.floor(x / y);
    return r === 0 ? 0 : r;
  },
  sql(args) {
    const x = sqlNum(args, 0);
    const y = sqlNum(args, 1);
    return result(`CASE WHEN ${y.sql} = 0 THEN NULL ELSE (${x.sql} - ${y.sql} * floor(${x.sql} / ${y.sql})) + 0.0 END`, 'number', [x.err, y.err, errWhen(`${y.sql} = 0`, '#DIV/0!')]);
  },
};

const ON_15_DIGITS = 'The quotient is taken on 15 significant digits, as Excel keeps numbers: in binary 1.3 / 0.1 is a hair above 13, yet CEILING(1.3, 0.1) is 1.3.';

export type Step = 'ceil' | 'floor' | 'round' | 'trunc';

/** Half away from zero, as Excel rounds (Math.round rounds -2.5 to -2). */
const roundHalfAway = (q: number) => Math.sign(q) * Math.floor(Math.abs(q) + 0.5);
const STEP: Record<Step, (q: number) => number> = { ceil: Math.ceil, floor: Math.floor, round: roundHalfAway, trunc: Math.trunc };
const SQL_STEP: Record<Step, (q: string) => string> = {
  ceil: (q) => `ceil(${q})`,
  floor: (q) => `floor(${q})`,
  round: (q) => `(sign(${q}) * floor(abs(${q}) + 0.5))`,
  trunc: (q) => `trunc(${q})`,
};

/** x as a whole multiple of s (s not 0), the count chosen by `step` on 15 significant digits. */
export function toMultiple(x: number, s: number, step: Step): number {
  return sig15(STEP[step](sig15(x / s)) * s);
}

export function sqlToMultiple(x: string, s: string, step: Step): string {
  return sqlSig15(`${SQL_STEP[step](sqlSig15(`(${x}) / (${s})`))} * (${s})`);
}

/** SQL's sign of a number, as the DOUBLE 1 or -1 (0 counts as positive, as Excel's EVEN and ODD treat it). */
const sqlSignOf = (x: string) => `CASE WHEN ${x} < 0 THEN -1.0 ELSE 1.0 END`;

// ---- rounding to multiples

export const CEILING = withNotes(
  numeric(
    'CEILING',
    'math',
    'Rounds up to a multiple of significance (a negative number with a positive significance rounds toward zero).',
    ['number', 'significance'],
    { formula: '=CEILING(2.5, 2)', result: '4' },
    (x, s) => (s === 0 ? 0 : x > 0 && s < 0 ? NUM('CEILING of a positive number with a negative significance.') : toMultiple(x, s, 'ceil')),
    (x, s) => ({
      value: `CASE WHEN ${s} = 0 THEN CAST(0 AS DOUBLE) WHEN ${x} > 0 AND ${s} < 0 THEN NULL ELSE ${sqlToMultiple(x, s, 'ceil')} END`,
      err: errWhen(`${x} > 0 AND ${s} < 0`, '#NUM!'),
    }),
  ),
  `CEILING(x, 0) is 0. ${ON_15_DIGITS}`,
);

export const FLOOR = withNotes(
  numeric(
    'FLOOR',
    'math',
    'Rounds down to a multiple of significance (a negative number with a negative significance rounds toward zero).',
    ['number', 'significance'],
    { formula: '=FLOOR(2.5, 2)', result: '2' },
    (x, s) =>
      s === 0
        ? x === 0
          ? 0
          : new FormulaError('#DIV/0!', 'FLOOR to a significance of 0.')
        : x > 0 && s < 0
          ? NUM('FLOOR of a positive number with a negative significance.')
          : toMultiple(x, s, 'floor'),
    (x, s) => ({
      value: `CASE WHEN ${x} = 0 THEN CAST(0 AS DOUBLE) WHEN ${s} = 0 OR (${x} > 0 AND ${s} < 0) THEN NULL ELSE ${sqlToMultiple(x, s, 'floor')} END`,
      err: `CASE WHEN ${x} = 0 THEN NULL WHEN ${s} = 0 THEN ${errCode('#DIV/0!')} WHEN ${x} > 0 AND ${s} < 0 THEN ${errCode('#NUM!')} END`,
    }),
  ),
  `FLOOR(x, 0) is #DIV/0! unless x is 0 (FLOOR(0, 0) is 0). ${ON_15_DIGITS}`,
);

/** CEILING.MATH / FLOOR.MATH: the significance's sign is ignored; a nonzero mode turns negative numbers' direction. */
export function roundingMath(name: 'CEILING.MATH' | 'FLOOR.MATH', summary: string, example: FunctionSpec['example']): FunctionSpec {
  const [usual, negativeMode]: [Step, Step] = name === 'CEILING.MATH' ? ['ceil', 'floor'] : ['floor', 'ceil'];
  return withNotes(
    numeric(
      name,
      'math',
      summary,
      ['number', { name: 'significance', optional: true }, { name: 'mode', optional: true }],
      example,
      (x, sig = 1, mode = 0) => (sig === 0 ? 0 : toMultiple(x, Math.abs(sig), x < 0 && mode !== 0 ? negativeMode : usual)),
      (x, sig = '1', mode = '0') =>
        `CASE WHEN ${sig} = 0 THEN CAST(0 AS DOUBLE) WHEN ${x} < 0 AND ${mode} <> 0 THEN ${sqlToMultiple(x, `abs(${sig})`, negativeMode)} ELSE ${sqlToMultiple(x, `abs(${sig})`, usual)} END`,
      [undefined, 1, 0],
    ),
    ON_15_DIGITS,
  );
}

export const MROUND = toolpak(
  withNotes(
  numeric(
    'MROUND',
    'math',
    'Rounds to the nearest multiple (halves away from zero); the number and the multiple must have the same sign.',
    ['number', 'multiple'],
    { formula: '=MROUND(10, 3)', result: '9' },
    (x, m) => (m === 0 ? 0 : (x > 0 && m < 0) || (x < 0 && m > 0) ? NUM('MROUND: the number and the multiple have different signs.') : toMultiple(x, m, 'round')),
    (x, m) => {
      const signs = `((${x} > 0 AND ${m} < 0) OR (${x} < 0 AND ${m} > 0))`;
      return { value: `CASE WHEN ${m} = 0 THEN CAST(0 AS DOUBLE) WHEN ${signs} THEN NULL ELSE ${sqlToMultiple(x, m, 'round')} END`, err: errWhen(`${m} <> 0 AND ${signs}`, '#NUM!') };
    },
  ),
  `TRUE and FALSE are #VALUE!, as in Excel. ${ON_15_DIGITS}`,
  ),
);

export const QUOTIENT = withNotes(
  numeric(
    'QUOTIENT',
    'math',
    'The whole part of a division (toward zero); #DIV/0! when dividing by 0.',
    ['numerator', 'denominator'],
    { formula: '=QUOTIENT(-7, 2)', result: '-3' },
    (x, y) => (y === 0 ? new FormulaError('#DIV/0!', 'QUOTIENT by zero.') : Math.trunc(sig15(x / y)) + 0),
    (x, y) => ({ value: `CASE WHEN ${y} = 0 THEN NULL ELSE trunc(${sqlSig15(`${x} / ${y}`)}) END`, err: errWhen(`${y} = 0`, '#DIV/0!') }),
  ),
  'The quotient is taken on 15 significant digits, as Excel keeps numbers: QUOTIENT(0.3, 0.1) is 3, though in binary 0.3 / 0.1 is a hair below 3.',
);

export const EVEN = numeric(
  'EVEN',
  'math',
  'Rounds away from zero to the nearest even whole number.',
  ['number'],
  { formula: '=EVEN(1.5)', result: '2' },
  (x) => (x < 0 ? -1 : 1) * (Math.ceil(sig15(Math.abs(x) / 2)) * 2),
  (x) => `${sqlSignOf(x)} * (ceil(${sqlSig15(`abs(${x}) / 2`)}) * 2)`,
);

/** The odd whole number at or above a nonnegative x. */
function oddAbove(a: number): number {
  const c = Math.ceil(a);
  return c % 2 === 0 ? c + 1 : c;
}

export const ODD = numeric(
  'ODD',
  'math',
  'Rounds away from zero to the nearest odd whole number (ODD(0) is 1).',
  ['number'],
  { formula: '=ODD(2)', result: '3' },
  (x) => (x < 0 ? -1 : 1) * oddAbove(sig15(Math.abs(x))),
  (x) => {
    const c = `ceil(${sqlSig15(`abs(${x})`)})`;
    return `${sqlSignOf(x)} * (CASE WHEN ${c} - 2 * floor(${c} / 2) = 0 THEN ${c} + 1 ELSE ${c} END)`;
  },
);
