import type { FunctionSpec } from '../../catalog';
import { numeric } from '../helpers';
import { sqlToMultiple, toMultiple, type Step } from './multiples';
import { withNotes } from './shared';

// ---- FLOOR.PRECISE, CEILING.PRECISE, ISO.CEILING: the significance's sign is ignored

/** Rounds toward -∞ ('floor') or +∞ ('ceil') to a multiple of |significance| (1 when left out; 0 gives 0). */
function precise(name: string, step: Step, summary: string, example: FunctionSpec['example']): FunctionSpec {
  return withNotes(
    numeric(
      name,
      'math',
      summary,
      ['number', { name: 'significance', optional: true }],
      example,
      (x, sig = 1) => (sig === 0 || x === 0 ? 0 : toMultiple(x, Math.abs(sig), step)),
      (x, sig = '1') => `CASE WHEN ${sig} = 0 OR ${x} = 0 THEN CAST(0 AS DOUBLE) ELSE ${sqlToMultiple(x, `abs(${sig})`, step)} END`,
      [undefined, 1],
    ),
    'The sign of significance is ignored; a significance of 0 gives 0. The quotient is taken on 15 significant digits, as Excel keeps numbers.',
  );
}

export const FLOOR_PRECISE = precise('FLOOR.PRECISE', 'floor', 'Rounds down (toward -∞) to a multiple of significance (1 when left out), whatever its sign.', {
  formula: '=FLOOR.PRECISE(-3.2, 2)',
  result: '-4',
});

export const CEILING_PRECISE = precise('CEILING.PRECISE', 'ceil', 'Rounds up (toward +∞) to a multiple of significance (1 when left out), whatever its sign.', {
  formula: '=CEILING.PRECISE(-3.2, 2)',
  result: '-2',
});

export const ISO_CEILING = precise('ISO.CEILING', 'ceil', 'Rounds up (toward +∞) to a multiple of significance (1 when left out), whatever its sign; the same as CEILING.PRECISE.', {
  formula: '=ISO.CEILING(4.3, -2)',
  result: '6',
});
