import type { NodeOf } from './ast';
import type { EvalContext } from './evaluate';
import { lambdaForm } from './lambda';
import { referenceForm } from './references';
import type { Value } from './values';

/** How a special form evaluates its arguments: the evaluator itself, passed in to avoid an import cycle. */
export type Evaluate = (node: NodeOf<'call'>['args'][number], ctx: EvalContext) => Value;

/**
 * Calls that are not plain functions of their arguments' values (LET, LAMBDA and its helpers bind
 * names; ROW, OFFSET, INDIRECT read references): the value of `node`, or undefined when it is an
 * ordinary call.
 */
export function specialForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value | undefined {
  return lambdaForm(node, ctx, evaluate) ?? referenceForm(node, ctx, evaluate);
}
