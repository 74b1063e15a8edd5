import type { FormulaNode } from '../ast';
import { FormulaError } from '../errors';
import type { EvalContext } from '../evaluate';
import type { Evaluate } from '../special';
import type { Value } from '../values';
import { bareName, withBindings, type Source } from './scope';

/** A LAMBDA's parameter; `optional` ones (`_xlop.b` in files, `[b]` typed) may be left out of a call. */
export interface Param {
  name: string;
  optional: boolean;
}

/** An argument left out of a call (`f(1, )`, or an optional one not given): ISOMITTED tells; it reads as empty. */
export const OMITTED = Symbol('omitted');
export type LambdaArg = Value | typeof OMITTED;

/**
 * A LAMBDA: a function as a value, closed over the names around it where it was written.
 * To everything except a call it is a #CALC! error, as Excel shows a LAMBDA left uncalled in a
 * cell; being an error, it also passes through formulas (and cells) unchanged until it is called.
 */
export class LambdaValue extends FormulaError {
  constructor(
    readonly params: readonly Param[],
    private readonly body: FormulaNode,
    private readonly closure: EvalContext,
    private readonly evaluate: Evaluate,
  ) {
    super('#CALC!', `This is a LAMBDA of ${describeParams(params)}, a function: call it with its arguments, as in LAMBDA(x, x + 1)(5), or give it a name and call it by that name.`);
  }

  /** How many arguments a call must give at least: up to the last parameter that is not optional. */
  get required(): number {
    let n = 0;
    this.params.forEach((p, i) => {
      if (!p.optional) n = i + 1;
    });
    return n;
  }

  /** Why a call with `count` arguments does not fit, in words; undefined when it does. */
  arityProblem(count: number): string | undefined {
    const max = this.params.length;
    const min = this.required;
    if (count >= min && count <= max) return undefined;
    const takes = min === max ? `${max}` : `${min} to ${max}`;
    return `This LAMBDA takes ${takes} argument${max === 1 ? '' : 's'} (${describeParams(this.params)}); it was given ${count}.`;
  }

  /**
   * The body's value with the parameters bound to `args` (checked against arityProblem first).
   * `sources`: where each argument came from, for references. `caller`: the context of the call,
   * whose own cell (ROW()) and SQL answers serve a LAMBDA written elsewhere (in a named cell).
   */
  call(args: readonly LambdaArg[], sources: readonly (Source | undefined)[] = [], caller?: EvalContext): Value {
    const problem = this.arityProblem(args.length);
    if (problem) return new FormulaError('#VALUE!', problem);
    const bindings = this.params.map((p, i) => {
      const a = i < args.length ? args[i]! : OMITTED;
      return a === OMITTED ? { name: p.name, value: null, omitted: true } : { name: p.name, value: a, omitted: false, source: sources[i] };
    });
    const scope = withBindings(this.closure, bindings);
    if (caller) Object.assign(scope, { origin: caller.origin, pushdown: caller.pushdown });
    try {
      return this.evaluate(this.body, scope);
    } catch (e) {
      // A LAMBDA that calls itself (through a name) without end runs out of stack: Excel's #NUM!.
      if (e instanceof RangeError) return new FormulaError('#NUM!', 'Too many nested LAMBDA calls: does a LAMBDA call itself without ever stopping?');
      throw e;
    }
  }
}

function describeParams(params: readonly Param[]): string {
  if (params.length === 0) return 'no parameters';
  return params.map((p) => (p.optional ? `[${bareName(p.name)}]` : bareName(p.name))).join(', ');
}
