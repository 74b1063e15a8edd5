import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errorExpr } from '../../sql/coerce';
import { isSqlRange } from '../../sql/types';
import { toNumber } from '../../values';
import { arg } from '../helpers';

// Shared pieces of the engineering functions. Most come from Excel's Analysis ToolPak, which reads
// its number arguments strictly: TRUE and FALSE are #VALUE! (numeric text still reads as a number).

export const NUM = (message: string) => new FormulaError('#NUM!', message);
export const VALUE = (message: string) => new FormulaError('#VALUE!', message);

/** A number argument as the Analysis ToolPak reads it: booleans are #VALUE!, empty is 0. */
export function atpNumber(args: ScalarArg[], i: number, name: string, fallback?: number): number | FormulaError {
  if (args[i] === undefined && fallback !== undefined) return fallback;
  const v = arg(args, i);
  if (typeof v === 'boolean') return VALUE(`${name} takes a number here, not ${v ? 'TRUE' : 'FALSE'}.`);
  return toNumber(v);
}

/** Several ATP number arguments, or the first error among them. */
export function atpNumbers(args: ScalarArg[], name: string, defaults: (number | undefined)[]): number[] | FormulaError {
  const out: number[] = [];
  for (let i = 0; i < defaults.length; i++) {
    const x = atpNumber(args, i, name, defaults[i]);
    if (isFormulaError(x)) return x;
    out.push(x);
  }
  return out;
}

/**
 * A spec whose arguments are read as the Analysis ToolPak reads them: a boolean anywhere is
 * #VALUE! in both forms (a boolean column is known while compiling), before the spec runs.
 */
export function rejectBooleans(spec: FunctionSpec): FunctionSpec {
  const sql = spec.sql;
  return {
    ...spec,
    scalar(args, ctx) {
      for (let i = 0; i < args.length; i++) {
        const v = args[i] === undefined ? undefined : arg(args, i);
        if (typeof v === 'boolean') return VALUE(`${spec.name} takes numbers, not ${v ? 'TRUE' : 'FALSE'}.`);
      }
      return spec.scalar(args, ctx);
    },
    sql:
      sql &&
      ((args, ctx) => {
        if (args.some((a) => a !== undefined && !isSqlRange(a) && a.type === 'boolean')) return errorExpr('#VALUE!');
        return sql(args, ctx);
      }),
  };
}
