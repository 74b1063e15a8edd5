import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { finiteOr } from '../../operators';
import { errWhen, result } from '../../sql/coerce';
import { numberArg, sqlNum } from '../helpers';
import { NUM } from './shared';

// ---- random numbers

export const RAND: FunctionSpec = {
  name: 'RAND',
  category: 'math',
  summary: 'A random number from 0 up to (not including) 1, new on every recalculation.',
  params: [],
  volatile: true,
  example: { formula: '=RAND() < 1', result: 'TRUE' },
  scalar: (_args, ctx) => ctx.random(),
  sql: () => result('random()', 'number', []),
};

export const RANDBETWEEN: FunctionSpec = {
  name: 'RANDBETWEEN',
  category: 'math',
  summary: 'A random whole number from bottom to top (both included), new on every recalculation.',
  params: [{ name: 'bottom' }, { name: 'top' }],
  volatile: true,
  notes: 'Fractional bounds are rounded inward (bottom up, top down); #NUM! when no whole number lies between them.',
  example: { formula: '=RANDBETWEEN(1, 6) <= 6', result: 'TRUE' },
  scalar(args, ctx) {
    const bottom = numberArg(args, 0);
    if (isFormulaError(bottom)) return bottom;
    const top = numberArg(args, 1);
    if (isFormulaError(top)) return top;
    const [lo, hi] = [Math.ceil(bottom), Math.floor(top)];
    if (lo > hi) return NUM('RANDBETWEEN: bottom is above top.');
    return finiteOr(lo + Math.floor(ctx.random() * (hi - lo + 1)));
  },
  sql(args) {
    const [b, t] = [sqlNum(args, 0), sqlNum(args, 1)];
    const [lo, hi] = [`ceil(${b.sql})`, `floor(${t.sql})`];
    const count = `(${hi} - ${lo} + 1)`;
    // random() is written once, inside the guard, so the value checked is the value returned.
    return result(`${lo} + floor(random() * ${count})`, 'number', [b.err, t.err, errWhen(`${lo} > ${hi}`, '#NUM!'), errWhen(`NOT isfinite(${count})`, '#NUM!')]);
  },
};
