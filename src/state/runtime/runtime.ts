import { messageOf, type SqlAnalysis } from '../../engine';
import { buildGraph, createDocument, describeCycle, downstreamOf, findBlock, isSqlBlock, Scheduler, type BlockId, type Graph, type WorkbookDocument } from '../../workbook';
import { BlockFailure, IDLE, toBlockError, type BlockRun } from '../block-runs';
import type { LocalEngine, RunContext, RuntimeHost } from './context';
import { createNode, parsesByText, type BlockNode } from './node';
import { editedBlocks } from '../block-edits';
import { reconcile, removeRelations, type Trash } from './reconcile';
import { createRunPublisher } from './run-updates';
import { runBlock } from './runners';

/** The run side of one open workbook: a node per block, the graph, the scheduler, the engine. */
export interface Runtime {
  /** The engine, once it has started. */
  engine(): Promise<LocalEngine>;
  graph(): Graph;
  /** A block's node (made on first use). */
  node(id: BlockId): BlockNode;
  /** A block's run as it is now (React sees it a frame later). */
  runOf(id: BlockId): BlockRun;
  patchRun(id: BlockId, patch: Partial<BlockRun>): void;
  /** Publishes run updates to React now rather than with the next frame. */
  flush(): void;
  /**
   * Brings DuckDB and the runs in line with a document change: removed blocks' tables set aside
   * (undo brings them back with their result), renames, and what the edit changed re-run.
   * `runSqlEdits`: whether changed SQL text runs (Run does; typing does not).
   */
  apply(prev: WorkbookDocument, next: WorkbookDocument, runSqlEdits: boolean): Promise<void>;
  /** Resolves when every document change so far is applied. */
  applied(): Promise<void>;
  /** Runs a block again from scratch (its rows computed again, not reused), and what reads it. */
  run(id: BlockId): Promise<void>;
  /** Runs blocks again (and their readers), shown as queued at once; resolves once they are scheduled. */
  rerun(ids: BlockId[]): Promise<void>;
  /** Stops a block's run and its readers'. */
  cancel(id: BlockId): void;
  /** Resolves when none of `ids` has a run going. */
  waitFor(ids: BlockId[]): Promise<void>;
  /** The parse of each SQL block, by its text. */
  parses(): Map<string, SqlAnalysis>;
  /** Closes the open workbook's runs and drops its tables: the runtime is empty again. */
  close(doc: WorkbookDocument): Promise<void>;
}

/** An engine, or how to start it (on first use: importing the store starts nothing). */
export type EngineSource = LocalEngine | (() => Promise<LocalEngine>);

/** The runtime of a workbook, over an engine that may still be starting. */
export function createRuntime(engine: EngineSource, host: RuntimeHost): Runtime {
  let started: Promise<LocalEngine> | undefined;
  const ready = () => (started ??= typeof engine === 'function' ? engine() : Promise.resolve(engine));
  const nodes = new Map<BlockId, BlockNode>();
  const trash: Trash = new Map();
  let graph: Graph = buildGraph(createDocument(), () => undefined);
  let applying: Promise<void> = Promise.resolve();
  let runSeq = 0; // run ids, for data-run: a test waits for the run its action started

  const node = (id: BlockId): BlockNode => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = createNode(id)));
    return n;
  };
  const publisher = createRunPublisher((id) => nodes.get(id)?.run, host);
  const runOf = (id: BlockId): BlockRun => nodes.get(id)?.run ?? IDLE;
  const patchRun = (id: BlockId, patch: Partial<BlockRun>) => {
    const n = node(id);
    n.run = { ...n.run, ...patch };
    publisher.touch(id);
  };
  const nameOf = (id: BlockId) => findBlock(host.doc(), id)?.name ?? 'an input';

  const scheduler = new Scheduler(
    async (id, signal) => {
      const b = findBlock(host.doc(), id);
      if (b) await runBlock(contextFor(await ready(), signal), b);
    },
    {
      queued: (id) => patchRun(id, { status: 'stale', queued: true, run: ++runSeq }),
      started: (id) => patchRun(id, { status: 'running', queued: false, error: undefined, blockedBy: undefined }),
      finished: (id, result, ms) => {
        if (result.kind === 'ok') {
          forgetGuesses();
          // A formula cell holding an error value ran fine (readers see the error; IFERROR catches
          // it) but shows as failed, with what went wrong.
          const value = runOf(id).value;
          if (value?.type === 'error') patchRun(id, { status: 'error', queued: false, ms, progress: undefined, error: { kind: 'formula', message: `${value.value} ${value.message}` } });
          else patchRun(id, { status: 'ok', queued: false, ms, progress: undefined });
        } else if (result.kind === 'blocked') patchRun(id, { status: 'stale', queued: false, blockedBy: nameOf(result.by), progress: undefined });
        else patchRun(id, { status: 'error', queued: false, error: toBlockError(result.error), ms, progress: undefined });
      },
      cancelled: (id) => patchRun(id, { status: 'stale', queued: false, progress: undefined, error: { kind: 'cancelled', message: 'Cancelled' } }),
    },
    (id) => new BlockFailure({ kind: 'sql', message: describeCycle(host.doc(), graph.cycles.get(id) ?? [id]) }),
  );

  function contextFor(engine: LocalEngine, signal: AbortSignal): RunContext {
    return {
      engine,
      signal,
      server: host.server,
      doc: host.doc,
      workbookId: host.workbookId,
      graph: () => graph,
      node,
      runOf,
      patchRun,
      keptFile: (id, fileName) => host.keptFile(host.workbookId(), id, fileName),
    };
  }

  /** The graph of `doc`, parsing any SQL text not parsed yet (DuckDB's parser, in the worker). */
  async function graphOf(doc: WorkbookDocument): Promise<Graph> {
    const unparsed = doc.blocks.filter(isSqlBlock).filter((b) => node(b.id).parse?.sql !== b.sql);
    if (unparsed.length > 0) {
      const parser = await ready();
      const bySql = new Map<string, Promise<SqlAnalysis>>();
      for (const b of unparsed) if (!bySql.has(b.sql)) bySql.set(b.sql, parser.analyze(b.sql).catch(() => ({ tables: [], params: [], exact: false, identifiers: [] })));
      await Promise.all(unparsed.map(async (b) => (node(b.id).parse = { sql: b.sql, analysis: await bySql.get(b.sql)! })));
    }
    return buildGraph(doc, (b) => (isSqlBlock(b) ? nodes.get(b.id)?.parse?.analysis : undefined));
  }

  /** A table now exists that may not have before: parses that could not bind get another try. */
  function forgetGuesses() {
    for (const n of nodes.values()) if (n.parse && !n.parse.analysis.exact) n.parse = undefined;
  }

  /** Marks what an edit will re-run as queued right away, before parsing and scheduling. */
  function markQueued(edited: BlockId[], next: WorkbookDocument) {
    if (edited.length === 0) return;
    const inNext = new Set(next.blocks.map((b) => b.id));
    for (const id of downstreamOf(graph, edited)) if (inNext.has(id)) patchRun(id, { status: 'stale', queued: true });
    publisher.flush();
  }

  const runtime: Runtime = {
    engine: ready,
    graph: () => graph,
    node,
    runOf,
    patchRun,
    flush: () => publisher.flush(),

    apply(prev, next, runSqlEdits) {
      const edited = editedBlocks(prev, next, runSqlEdits);
      markQueued(edited, next);
      applying = applying
        .then(async () => {
          const { changed, restored } = await reconcile(prev, next, { engine: await ready(), nodes, node, trash, scheduler, publisher, host, patchRun });
          for (const id of edited) changed.add(id);
          graph = await graphOf(host.doc());
          // Readers that failed while a restored block was gone run again; the others' results still hold.
          for (const id of restored) for (const reader of graph.downstream.get(id) ?? []) if (runOf(reader).status !== 'ok') changed.add(reader);
          const inNext = new Set(next.blocks.map((b) => b.id));
          if (changed.size > 0) void scheduler.schedule(graph, [...changed].filter((id) => inNext.has(id)));
        })
        .catch((e: unknown) => host.notify(messageOf(e)));
      return applying;
    },

    applied: () => applying,

    async run(id) {
      node(id).dataKey = undefined; // Run means run: the rows are computed again, not reused
      patchRun(id, { status: 'stale', queued: true });
      publisher.flush(); // at once, so nobody reads the last result as this run's
      await applying;
      graph = await graphOf(host.doc());
      await scheduler.schedule(graph, [id]);
    },

    async rerun(ids) {
      if (ids.length === 0) return;
      // Shown as queued at once: the block's old error is not this run's result.
      for (const id of ids) patchRun(id, { status: 'stale', queued: true });
      publisher.flush();
      await applying;
      void scheduler.schedule(graph, ids);
    },

    cancel(id) {
      scheduler.cancel(downstreamOf(graph, [id]).filter((x) => scheduler.isActive(x)));
    },

    async waitFor(ids) {
      await applying;
      await scheduler.settled(ids);
    },

    parses: () => parsesByText(host.doc(), (id) => nodes.get(id)),

    async close(doc) {
      scheduler.cancel(doc.blocks.map((b) => b.id));
      const engine = await ready();
      await removeRelations(engine, doc, trash);
      nodes.clear();
      publisher.clear();
    },
  };
  return runtime;
}
