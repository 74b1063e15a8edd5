import type { FormulaNode, NodeOf } from '../ast';
import { FormulaError, isFormulaError } from '../errors';
import type { EvalContext } from '../evaluate';
import { lookupFunction } from '../functions';
import type { Evaluate } from '../special';
import type { Value } from '../values';
import { LambdaValue, OMITTED, type LambdaArg, type Param } from './closure';
import { bareName, bindingOf, withBindings } from './scope';

/** Excel's limit on a LAMBDA's parameters. */
const MAX_PARAMS = 253;

/**
 * The name a LET or LAMBDA argument declares, or why it is not one. `_xlop.b` (how Excel's files
 * write an optional parameter) and `[b]` declare optional parameters.
 */
function declaredName(node: FormulaNode, fn: 'LET' | 'LAMBDA'): Param | FormulaError {
  if (node.type === 'name') return { name: node.name, optional: /^_xlop\./i.test(node.name) };
  if (fn === 'LAMBDA' && node.type === 'column' && !node.table && !node.thisRow) return { name: node.column, optional: true };
  const example = fn === 'LET' ? 'LET(x, 2, x * 3)' : 'LAMBDA(x, y, x + y)';
  if (node.type === 'cell') return new FormulaError('#VALUE!', `${fn} names must not look like cell addresses: pick another name (as in ${example}).`, node.span);
  return new FormulaError('#VALUE!', `${fn} expects a name here, as in ${example}.`, node.span);
}

/** `LET(name1, value1, [name2, value2, …], calculation)`: each name visible to the values after it and to the calculation. */
export function letForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  const args = node.args;
  if (args.length < 3 || args.length % 2 === 0) {
    return new FormulaError('#VALUE!', `LET takes names and values in pairs, then the calculation, as in LET(x, 2, y, 3, x * y); it was given ${args.length} argument${args.length === 1 ? '' : 's'}.`, node.nameSpan);
  }
  let scope = ctx;
  const seen = new Set<string>();
  for (let i = 0; i + 1 < args.length; i += 2) {
    const declared = declaredName(args[i]!, 'LET');
    if (isFormulaError(declared)) return declared;
    const key = bareName(declared.name).toLowerCase();
    if (seen.has(key)) return new FormulaError('#VALUE!', `LET names ${bareName(declared.name)} twice: each name may be given once.`, args[i]!.span);
    seen.add(key);
    const source = { node: args[i + 1]!, ctx: scope };
    scope = withBindings(scope, [{ name: declared.name, value: evaluate(source.node, scope), omitted: false, source }]);
  }
  return evaluate(args[args.length - 1]!, scope);
}

/** `LAMBDA([param1, …], calculation)`: a function value, closed over the names around it. */
export function lambdaValue(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  const args = node.args;
  if (args.length === 0) return new FormulaError('#VALUE!', 'LAMBDA needs a calculation, as in LAMBDA(x, x + 1).', node.nameSpan);
  if (args.length - 1 > MAX_PARAMS) return new FormulaError('#VALUE!', `A LAMBDA takes at most ${MAX_PARAMS} parameters; this one has ${args.length - 1}.`, node.nameSpan);
  const params: Param[] = [];
  const seen = new Set<string>();
  for (const a of args.slice(0, -1)) {
    const p = declaredName(a, 'LAMBDA');
    if (isFormulaError(p)) return p;
    const key = bareName(p.name).toLowerCase();
    if (seen.has(key)) return new FormulaError('#VALUE!', `This LAMBDA has two parameters called ${bareName(p.name)}: each needs its own name.`, a.span);
    seen.add(key);
    params.push(p);
  }
  return new LambdaValue(params, args[args.length - 1]!, ctx, evaluate);
}

/** `ISOMITTED(param)`: whether a LAMBDA's parameter was left out of its call. */
export function isOmittedForm(node: NodeOf<'call'>, ctx: EvalContext): Value {
  if (node.args.length !== 1) return new FormulaError('#N/A', `ISOMITTED takes 1 argument, a LAMBDA's parameter; it was given ${node.args.length}.`, node.nameSpan);
  const arg = node.args[0]!;
  return arg.type === 'name' ? (bindingOf(ctx, arg.name)?.omitted ?? false) : false;
}

/** A call's arguments for a LAMBDA: values, with left-out ones (`f(1, )`) as OMITTED. */
function lambdaArgs(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): LambdaArg[] {
  return node.args.map((a) => (a.type === 'empty' ? OMITTED : evaluate(a, ctx)));
}

function called(f: LambdaValue, node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  const v = f.call(
    lambdaArgs(node, ctx, evaluate),
    node.args.map((a) => ({ node: a, ctx })),
    ctx,
  );
  // Errors from the call point at the call, unless they point somewhere already.
  return isFormulaError(v) && !(v instanceof LambdaValue) && !v.span ? new FormulaError(v.code, v.message, node.span) : v;
}

/** `LAMBDA(x, x + 1)(5)`, `(f)(5)`: the callee's value, called. */
export function applyForm(node: NodeOf<'call'> & { callee: FormulaNode }, ctx: EvalContext, evaluate: Evaluate): Value {
  const f = evaluate(node.callee, ctx);
  if (f instanceof LambdaValue) return called(f, node, ctx, evaluate);
  if (isFormulaError(f)) return f;
  return new FormulaError('#VALUE!', 'Only a LAMBDA can be called with arguments in parentheses, as in LAMBDA(x, x + 1)(5); this is a value.', node.nameSpan);
}

/**
 * A call by a name that LET or LAMBDA bound (`LET(area, LAMBDA(x, y, x * y), area(2, 3))`), or
 * that a named cell or defined name holds a LAMBDA under (`MYFN(2)`); undefined for any other call.
 * A LET or LAMBDA name holding a LAMBDA wins over a function of the same name, as the nearer name.
 */
export function namedCall(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value | undefined {
  const local = bindingOf(ctx, node.name);
  const builtin = lookupFunction(node.name) !== undefined;
  if (local) {
    if (local.value instanceof LambdaValue) return called(local.value, node, ctx, evaluate);
    if (builtin) return undefined;
    return new FormulaError('#VALUE!', `${bareName(local.name)} is a name for a value here, not a LAMBDA, so it cannot be called with (…).`, node.nameSpan);
  }
  if (builtin) return undefined;
  const named = ctx.name(node.name);
  return named instanceof LambdaValue ? called(named, node, ctx, evaluate) : undefined;
}
