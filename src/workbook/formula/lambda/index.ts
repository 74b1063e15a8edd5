import type { NodeOf } from '../ast';
import type { EvalContext } from '../evaluate';
import type { Evaluate } from '../special';
import type { Value } from '../values';

/** LET, LAMBDA, MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY, ISOMITTED: undefined for any other call. */
export function lambdaForm(_node: NodeOf<'call'>, _ctx: EvalContext, _evaluate: Evaluate): Value | undefined {
  return undefined;
}
