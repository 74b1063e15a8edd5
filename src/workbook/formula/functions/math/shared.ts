import type { FunctionSpec } from '../../catalog';
import { FormulaError } from '../../errors';

// ---- shared pieces of the math functions

export const NUM = (message: string) => new FormulaError('#NUM!', message);
/** 2^53: integers up to here are exact doubles; GCD and LCM take nothing larger, as in Excel. */
export const EXACT = 9007199254740992;
export const EXACT_SQL = '9007199254740992';

/**
 * x on 15 significant digits, as Excel keeps results: so 1.3 / 0.1 is 13 (not
 * 13.000000000000002) before CEILING or QUOTIENT look at it.
 */
export function sig15(x: number): number {
  return Number(x.toExponential(14)) + 0;
}

/** sig15 in SQL, through the same decimal text (`printf('%.14e')` writes what toExponential(14) does). */
export function sqlSig15(x: string): string {
  return `CAST(printf('%.14e', ${x}) AS DOUBLE)`;
}

/** A spec made by numeric(), with notes for the reference. */
export const withNotes = (spec: FunctionSpec, notes: string): FunctionSpec => ({ ...spec, notes });
