import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { toNumber, type Scalar } from '../../values';
import { errWhen, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr } from '../../sql/types';
import { arg } from '../helpers';

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

/**
 * A number as the functions that began in Excel's Analysis ToolPak read it (MROUND, LCM, GCD,
 * SQRTPI, FACTDOUBLE, MULTINOMIAL, SERIESSUM): as others do, except that TRUE and FALSE are
 * #VALUE!, even in a referenced cell (MROUND(TRUE, 2) is #VALUE! in Excel).
 */
export function toolpakNumber(name: string, v: Scalar): number | FormulaError {
  if (typeof v === 'boolean') return new FormulaError('#VALUE!', `${name} takes numbers, not TRUE or FALSE.`);
  return toNumber(v);
}

/** A spec whose value arguments are first read as toolpakNumber reads them, left to right. */
export function toolpak(spec: FunctionSpec): FunctionSpec {
  return {
    ...spec,
    propagate: false,
    scalar(args, ctx) {
      for (let i = 0; i < args.length; i++) {
        if (args[i] === undefined) continue;
        const n = toolpakNumber(spec.name, arg(args, i));
        if (isFormulaError(n)) return n;
      }
      return spec.scalar(args, ctx);
    },
    sql: spec.sql && ((args, ctx) => sqlToolpak(spec.sql!(args, ctx), args)),
  };
}

/** The SQL form's answer, with #VALUE! where a TRUE/FALSE argument holds a value (after the errors of the arguments before it). */
function sqlToolpak(out: SqlExpr, args: (SqlArg | undefined)[]): SqlExpr {
  const i = args.findIndex((a) => a !== undefined && !isSqlRange(a) && a.type === 'boolean');
  if (i < 0) return out;
  const before = args.slice(0, i).filter((a): a is SqlExpr => a !== undefined && !isSqlRange(a));
  const flag = args[i] as SqlExpr;
  return result(out.sql, out.type, [...before, flag.err, errWhen(`${flag.sql} IS NOT NULL`, '#VALUE!'), out.err], out.nullable);
}
