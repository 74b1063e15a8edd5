import type { FunctionSpec } from '../../catalog';
import { numeric } from '../helpers';
import { sig15, sqlSig15 } from './shared';

/**
 * Rounds as Excel does: on the number's 15 significant digits, half away from zero, so
 * ROUND(1.005, 2) is 1.01 (the double nearest 1.005 is a hair below it). The digits are shifted
 * through the decimal text, not by multiplying, which would bring the binary error back. Rounding
 * past the 15th digit leaves those 15 digits (ROUND(1E300, 100) is 1E+300).
 */
export function roundDigits(x: number, digits: number, mode: 'nearest' | 'up' | 'down'): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.max(-ROUND_LIMIT, Math.min(ROUND_LIMIT, Math.trunc(digits)));
  const [mantissa, exponentText] = x.toExponential(14).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent + d >= 15) return Number(`${mantissa}e${exponent}`);
  const shifted = Number(`${mantissa}e${exponent + d}`);
  const a = Math.abs(shifted);
  const f = Math.floor(a);
  const r = mode === 'up' ? Math.ceil(a) : mode === 'down' ? f : a - f >= 0.5 ? f + 1 : f;
  const signed = shifted < 0 ? -r : r;
  const back = d >= 0 ? signed / 10 ** d : signed * 10 ** -d;
  return back === 0 ? 0 : back;
}

/** Digit counts past this shift every double to 0 or infinity; clamped, as DuckDB's INTEGER needs. */
const ROUND_LIMIT = 330;

/**
 * roundDigits in SQL: the same shift through `printf('%.14e')`'s text. Each step is bound once per
 * value through a one-element list's lambda: DuckDB would repeat the printf in every CASE branch.
 */
export function sqlRoundDigits(x: string, digits: string, mode: 'nearest' | 'up' | 'down'): string {
  const d = `CAST(least(greatest(trunc(${digits}), -${ROUND_LIMIT}), ${ROUND_LIMIT}) AS INTEGER)`;
  const a = 'abs(_v)';
  const r = mode === 'up' ? `ceil(${a})` : mode === 'down' ? `floor(${a})` : `CASE WHEN ${a} - floor(${a}) >= 0.5 THEN floor(${a}) + 1 ELSE floor(${a}) END`;
  const signed = `(CASE WHEN _v < 0 THEN -1 ELSE 1 END * ${r})`;
  const back = `CASE WHEN ${d} >= 0 THEN ${signed} / pow(10, ${d}) ELSE ${signed} * pow(10, -${d}) END`;
  const exponent = `CAST(split_part(_s, 'e', 2) AS INTEGER)`;
  const shifted = `CAST(split_part(_s, 'e', 1) || 'e' || (${exponent} + ${d}) AS DOUBLE)`;
  const onText = `CASE WHEN ${exponent} + ${d} >= 15 THEN CAST(_s AS DOUBLE) ELSE list_transform([${shifted}], _v -> ${back})[1] END`;
  return `(CASE WHEN isfinite(${x}) THEN list_transform([printf('%.14e', ${x})], _s -> ${onText})[1] ELSE ${x} END + 0.0)`;
}

const ROUND_SUMMARY = {
  nearest: 'Rounds to a number of digits, halves away from zero (negative digits round left of the point).',
  up: 'Rounds away from zero to a number of digits.',
  down: 'Rounds toward zero to a number of digits.',
};

export function rounding(name: string, mode: 'nearest' | 'up' | 'down', example: FunctionSpec['example']): FunctionSpec {
  return numeric(
    name,
    'math',
    ROUND_SUMMARY[mode],
    ['number', { name: 'digits', optional: name !== 'ROUND' }],
    example,
    (x, d = 0) => roundDigits(x, d, mode),
    (x, d = '0') => sqlRoundDigits(x, d, mode),
    [undefined, name === 'ROUND' ? undefined : 0],
  );
}

/**
 * TRUNC to `digits` on 15 significant digits. Digits far beyond the number's own are answered
 * directly: roundDigits would shift the number out of the double range (and sqlRoundDigits would
 * fail to cast them to INTEGER).
 */
export function truncDigits(x: number, digits: number): number {
  const e = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  const d = Math.trunc(digits);
  if (e + d >= 15) return sig15(x);
  if (e + d < -1) return 0;
  return roundDigits(x, d, 'down');
}

export function sqlTruncDigits(x: string, digits: string): string {
  const e = `(CASE WHEN ${x} = 0 THEN 0 ELSE floor(log10(abs(${x}))) END)`;
  const d = `trunc(${digits})`;
  return `CASE WHEN ${e} + ${d} >= 15 THEN ${sqlSig15(x)} WHEN ${e} + ${d} < -1 THEN CAST(0 AS DOUBLE) ELSE ${sqlRoundDigits(x, d, 'down')} END`;
}
