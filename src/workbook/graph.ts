import { hasFormulaColumns, isCellBlock, isSqlBlock, type Block, type BlockId, type WorkbookDocument } from './document';
import { blockFormulaRefs } from './formula-refs';

/** The names a SQL block reads, as DuckDB's parser found them. */
export interface SqlRefs {
  /** Tables and views the statement reads (CTE names excluded). */
  tables: readonly string[];
  /** Named parameters, `$name` without the `$`. */
  params: readonly string[];
  /** Every identifier in the SQL: a block DuckDB holds as a view is read through these (see readsAsView). */
  identifiers?: readonly string[];
}

/**
 * Blocks whose relation is a view (a chart's selection, a table with formula columns). DuckDB's
 * binder reports the tables under a view, not the view, so a reader names them as an identifier.
 */
export function readsAsView(block: Block): boolean {
  return block.kind === 'chart' || hasFormulaColumns(block);
}

/** Who reads whom, derived from the document and the parse of each SQL block. */
export interface Graph {
  /** Direct inputs of each block, in document order. */
  upstream: ReadonlyMap<BlockId, readonly BlockId[]>;
  /** Direct readers of each block, in document order. */
  downstream: ReadonlyMap<BlockId, readonly BlockId[]>;
  /** The cells each SQL block binds as `$name` parameters (the only cells its run needs values of). */
  params: ReadonlyMap<BlockId, readonly BlockId[]>;
  /** `$names` a block uses that no cell has. */
  missingParams: ReadonlyMap<BlockId, readonly string[]>;
  /** Each block caught in a cycle, with the blocks of its cycle in document order. */
  cycles: ReadonlyMap<BlockId, readonly BlockId[]>;
  /** Every block not in a cycle, inputs before readers, ties in document order. */
  order: readonly BlockId[];
}

/**
 * Builds the dependency graph. `refsOf` gives the parse of a SQL block (undefined while it is
 * not parsed yet: it then has no inputs). Names match case-insensitively, like DuckDB's; a name
 * that is no block (a DuckDB table, a typo) is no edge — running the SQL reports it.
 */
export function buildGraph(doc: WorkbookDocument, refsOf: (block: Block) => SqlRefs | undefined): Graph {
  const byName = new Map(doc.blocks.map((b) => [b.name.toLowerCase(), b] as const));
  const index = new Map(doc.blocks.map((b, i) => [b.id, i] as const));
  const upstream = new Map<BlockId, BlockId[]>();
  const downstream = new Map<BlockId, BlockId[]>(doc.blocks.map((b) => [b.id, []]));
  const missingParams = new Map<BlockId, string[]>();
  const params = new Map<BlockId, BlockId[]>();

  for (const b of doc.blocks) {
    const inputs = new Set<BlockId>();
    if (isSqlBlock(b)) {
      const refs = refsOf(b);
      for (const t of refs?.tables ?? []) {
        const target = byName.get(t.toLowerCase());
        if (target && !isCellBlock(target)) inputs.add(target.id);
      }
      for (const t of refs?.identifiers ?? []) {
        const target = byName.get(t.toLowerCase());
        if (target && readsAsView(target) && target.id !== b.id) inputs.add(target.id);
      }
      const missing: string[] = [];
      const bound = new Set<BlockId>();
      for (const p of refs?.params ?? []) {
        const target = byName.get(p.toLowerCase());
        if (target && isCellBlock(target)) bound.add(target.id);
        else if (!missing.includes(p)) missing.push(p);
      }
      for (const id of bound) inputs.add(id);
      params.set(b.id, [...bound]);
      if (missing.length > 0) missingParams.set(b.id, missing);
    } else if (isCellBlock(b) && b.control.type === 'dropdown' && 'from' in b.control) {
      if (index.has(b.control.from.block)) inputs.add(b.control.from.block);
    } else if ((b.kind === 'pivot' || b.kind === 'chart') && index.has(b.source)) {
      inputs.add(b.source);
    }
    // What its formulas read: cells and tables by name, tables through columns, other sheets.
    // A formula column's own table and a sheet's own cells are the block itself, not an input.
    const refs = blockFormulaRefs(b);
    const self = (target: Block) => target.id === b.id && b.kind !== 'cell';
    for (const name of [...refs.names, ...refs.tables, ...refs.sheets]) {
      const target = byName.get(name.toLowerCase());
      if (target && !self(target)) inputs.add(target.id);
    }
    const sorted = [...inputs].sort((x, y) => index.get(x)! - index.get(y)!);
    upstream.set(b.id, sorted);
    for (const u of sorted) downstream.get(u)!.push(b.id);
  }
  for (const list of downstream.values()) list.sort((x, y) => index.get(x)! - index.get(y)!);

  const cycles = findCycles(doc.blocks.map((b) => b.id), upstream, index);
  return { upstream, downstream, params, missingParams, cycles, order: topoOrder(doc, upstream, downstream, cycles) };
}

/** Tarjan's strongly connected components; a component of two or more, or a self-read, is a cycle. */
function findCycles(ids: BlockId[], upstream: Map<BlockId, BlockId[]>, index: Map<BlockId, number>): Map<BlockId, BlockId[]> {
  const cycles = new Map<BlockId, BlockId[]>();
  const low = new Map<BlockId, number>();
  const order = new Map<BlockId, number>();
  const stack: BlockId[] = [];
  const onStack = new Set<BlockId>();
  let counter = 0;
  const visit = (v: BlockId) => {
    order.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of upstream.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
    }
    if (low.get(v) === order.get(v)) {
      const component: BlockId[] = [];
      let w: BlockId;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfRead = component.length === 1 && (upstream.get(v) ?? []).includes(v);
      if (component.length > 1 || selfRead) {
        component.sort((x, y) => index.get(x)! - index.get(y)!);
        for (const c of component) cycles.set(c, component);
      }
    }
  };
  for (const id of ids) if (!order.has(id)) visit(id);
  return cycles;
}

/**
 * Kahn's algorithm, always taking the earliest ready block in document order. Blocks that read a
 * cycle (directly or not) never become ready; they come last, still inputs before readers.
 */
function topoOrder(doc: WorkbookDocument, upstream: Map<BlockId, BlockId[]>, downstream: Map<BlockId, BlockId[]>, cycles: Map<BlockId, BlockId[]>): BlockId[] {
  const order: BlockId[] = [];
  const placed = new Set<BlockId>();
  const pass = (counted: (input: BlockId) => boolean) => {
    const candidates = doc.blocks.filter((b) => !cycles.has(b.id) && !placed.has(b.id));
    const pending = new Map(candidates.map((b) => [b.id, (upstream.get(b.id) ?? []).filter(counted).length] as const));
    for (;;) {
      const next = candidates.find((b) => pending.get(b.id) === 0 && !placed.has(b.id));
      if (!next) return;
      placed.add(next.id);
      order.push(next.id);
      for (const d of downstream.get(next.id) ?? []) if (pending.has(d)) pending.set(d, pending.get(d)! - 1);
    }
  };
  pass(() => true);
  pass((input) => !cycles.has(input) && !placed.has(input)); // readers of cycles, among themselves
  return order;
}

/** `ids` and everything that reads them, directly or not, in run order. */
export function downstreamOf(graph: Graph, ids: Iterable<BlockId>): BlockId[] {
  const reach = new Set<BlockId>();
  const walk = (id: BlockId) => {
    if (reach.has(id)) return;
    reach.add(id);
    for (const d of graph.downstream.get(id) ?? []) walk(d);
  };
  for (const id of ids) walk(id);
  const ordered = graph.order.filter((id) => reach.has(id));
  for (const id of reach) if (graph.cycles.has(id)) ordered.push(id);
  return ordered;
}

/** A cycle in words, e.g. "query1 reads itself" or "query1 and query2 read each other". */
export function describeCycle(doc: WorkbookDocument, members: readonly BlockId[]): string {
  const names = members.map((id) => doc.blocks.find((b) => b.id === id)?.name ?? id);
  if (names.length === 1) return `${names[0]} reads itself: a block cannot read its own result.`;
  const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} read each other in a cycle: none of them can run until one stops reading another.`;
}
