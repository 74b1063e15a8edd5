import type { FormulaNode } from '../ast';
import type { EvalContext } from '../evaluate';
import type { Value } from '../values';

/** Where a bound value came from: the formula part and the names it was read with. */
export interface Source {
  node: FormulaNode;
  ctx: EvalContext;
}

/** A name LET or a LAMBDA's call binds; `omitted` when a LAMBDA was called without that argument. */
export interface Binding {
  name: string;
  value: Value;
  omitted: boolean;
  /** Kept so functions that need a reference (ROW, OFFSET …) can read it through the name, as Excel passes references. */
  source?: Source;
}

interface Frame {
  vars: Map<string, Binding>;
  parent: Frame | undefined;
}

/** A symbol key, so a context copied with `{...ctx}` (by other special forms) keeps its names. */
const FRAME = Symbol('lambda names');
type Scoped = EvalContext & { [FRAME]?: Frame };

/**
 * How Excel writes names in files: `_xlpm.x` for a LAMBDA or LET parameter, `_xlop.x` for an
 * optional one. Compared without the prefix and without case.
 */
const FILE_PREFIX = /^(_xlpm\.|_xlop\.)/i;

export function nameKey(name: string): string {
  return name.replace(FILE_PREFIX, '').toLowerCase();
}

/** The name as a person reads it: `_xlpm.x` is `x`. */
export function bareName(name: string): string {
  return name.replace(FILE_PREFIX, '');
}

/**
 * A context in which `bindings` are names: they shadow named cells, tables and defined names of
 * the same name, and the context's own bindings (an inner LET or LAMBDA wins).
 */
export function withBindings(ctx: EvalContext, bindings: readonly Binding[]): EvalContext {
  const frame: Frame = { vars: new Map(bindings.map((b) => [nameKey(b.name), b])), parent: (ctx as Scoped)[FRAME] };
  // Every property copied (not inherited), so a later `{...inner}` keeps the cells and the clock.
  const inner = Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as object, ctx) as Scoped;
  inner[FRAME] = frame;
  inner.name = (n) => {
    const b = frame.vars.get(nameKey(n));
    return b ? b.value : ctx.name(n);
  };
  inner.isTable = (n) => !frame.vars.has(nameKey(n)) && ctx.isTable(n);
  inner.names = () => [...bindings.map((b) => bareName(b.name)), ...ctx.names()];
  return inner;
}

/**
 * The formula part a LET or LAMBDA name stands for, when it was given one (not for MAP's values):
 * ROW(r), OFFSET(x, 1, 0) resolve it as a reference.
 */
export function boundSource(ctx: EvalContext, name: string): Source | undefined {
  return bindingOf(ctx, name)?.source;
}

/** The innermost LET or LAMBDA binding of `name` in this context, if any. */
export function bindingOf(ctx: EvalContext, name: string): Binding | undefined {
  const key = nameKey(name);
  for (let f = (ctx as Scoped)[FRAME]; f; f = f.parent) {
    const b = f.vars.get(key);
    if (b) return b;
  }
  return undefined;
}
