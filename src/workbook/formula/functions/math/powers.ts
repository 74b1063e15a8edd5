import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { power } from '../../operators';
import { errCode, errWhen } from '../../sql/coerce';
import { power as sqlPower } from '../../sql/operators';
import { numberArg, numeric, sqlNum } from '../helpers';
import { NUM, withNotes } from './shared';

// ---- powers and logarithms

export const POWER: FunctionSpec = {
  name: 'POWER',
  category: 'math',
  summary: 'A number raised to a power, as number ^ power (0^0 and a negative number to a fraction are #NUM!).',
  params: [{ name: 'number' }, { name: 'power' }],
  example: { formula: '=POWER(2, 10)', result: '1024' },
  scalar(args) {
    const x = numberArg(args, 0);
    if (isFormulaError(x)) return x;
    const y = numberArg(args, 1);
    return isFormulaError(y) ? y : power(x, y);
  },
  sql: (args) => sqlPower(sqlNum(args, 0), sqlNum(args, 1)),
};

/** A logarithm in SQL, only asked of positive numbers (DuckDB's ln throws at 0 and below). */
export function positiveOnly(name: string, fn: (x: number) => number, sqlFn: string, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    summary,
    ['number'],
    example,
    (x) => (x > 0 ? fn(x) : NUM(`${name} takes only positive numbers.`)),
    (x) => ({ value: `CASE WHEN ${x} > 0 THEN ${sqlFn}(${x}) END`, err: errWhen(`${x} <= 0`, '#NUM!') }),
  );
}

/** LOG's quotient: base 10 through log10 so LOG(1000) is exactly 3. */
function logBase(x: number, b: number): number {
  return b === 10 ? Math.log10(x) : Math.log(x) / Math.log(b);
}

export const LOG = withNotes(
  numeric(
    'LOG',
    'math',
    'The logarithm of a positive number to a base (10 when left out).',
    ['number', { name: 'base', optional: true }],
    { formula: '=LOG(8, 2)', result: '3' },
    (x, b = 10) => (x <= 0 || b <= 0 ? NUM('LOG takes only positive numbers and bases.') : b === 1 ? new FormulaError('#DIV/0!', 'LOG to base 1 divides by ln(1) = 0.') : logBase(x, b)),
    (x, b = '10') => ({
      value: `CASE WHEN ${x} > 0 AND ${b} > 0 AND ${b} <> 1 THEN (CASE WHEN ${b} = 10 THEN log10(${x}) ELSE ln(${x}) / ln(${b}) END) END`,
      err: `CASE WHEN ${x} <= 0 OR ${b} <= 0 THEN ${errCode('#NUM!')} WHEN ${b} = 1 THEN ${errCode('#DIV/0!')} END`,
    }),
    [undefined, 10],
  ),
  'LOG to base 1 is #DIV/0! (it divides by ln 1 = 0), as in Excel.',
);
