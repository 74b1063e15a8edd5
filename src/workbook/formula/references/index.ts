import type { NodeOf } from '../ast';
import type { EvalContext } from '../evaluate';
import type { Evaluate } from '../special';
import type { Value } from '../values';

/** Calls that read references rather than values (ROW, COLUMN, OFFSET, INDIRECT, ISREF, FORMULATEXT, SHEET …): undefined for any other call. */
export function referenceForm(_node: NodeOf<'call'>, _ctx: EvalContext, _evaluate: Evaluate): Value | undefined {
  return undefined;
}
