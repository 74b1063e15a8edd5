/** Defining a distribution function: numbers in (coerced as Excel coerces them), a number out. */
import type { FunctionSpec, ParamSpec } from '../../../catalog';
import { FormulaError, isFormulaError } from '../../../errors';
import { toNumber } from '../../../values';
import { arg, numberArg } from '../../helpers';

/** A TRUE/FALSE argument read as a number: booleans and numbers as usual, and the text "TRUE" or "FALSE" too, as Excel reads it here. */
function flagArg(args: Parameters<FunctionSpec['scalar']>[0], i: number): number | FormulaError {
  const v = arg(args, i);
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true' ? 1 : 0;
  return toNumber(v);
}

/** A function of numbers with no SQL form: each argument coerced, errors passed on, a non-finite result #NUM!. */
export function dist(
  name: string,
  summary: string,
  params: (string | ParamSpec)[],
  example: FunctionSpec['example'],
  scalar: (...xs: number[]) => number | FormulaError,
  options: { defaults?: (number | undefined)[]; notes?: string } = {},
): FunctionSpec {
  const specs = params.map((p) => (typeof p === 'string' ? { name: p } : p));
  const defaults = options.defaults ?? [];
  return {
    name,
    category: 'statistics',
    summary,
    params: specs,
    example,
    ...(options.notes ? { notes: options.notes } : {}),
    scalar(args) {
      const xs: number[] = [];
      for (let i = 0; i < specs.length; i++) {
        const x = specs[i]!.name === 'cumulative' ? flagArg(args, i) : numberArg(args, i, defaults[i]);
        if (isFormulaError(x)) return x;
        xs.push(x);
      }
      const r = scalar(...xs);
      if (isFormulaError(r)) return r;
      return Number.isFinite(r) ? r : new FormulaError('#NUM!', `${name}: the result is not a finite number.`);
    },
  };
}

/** #NUM! with a message that names the function and the rule its arguments broke. */
export function bad(name: string, rule: string): FormulaError {
  return new FormulaError('#NUM!', `${name}: ${rule}.`);
}

/** The same function under an older name, as Excel still accepts it. */
export function legacy(spec: FunctionSpec, name: string, example: FunctionSpec['example']): FunctionSpec {
  return { ...spec, name, example, notes: `Excel's older name for ${spec.name}.` };
}
