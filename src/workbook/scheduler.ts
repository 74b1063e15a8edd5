import type { BlockId } from './document';
import { downstreamOf, type Graph } from './graph';

/** How one run of a block ended. `blocked` names the input that failed, so readers can say which. */
export type RunResult =
  | { kind: 'ok' }
  | { kind: 'error'; error: unknown }
  | { kind: 'blocked'; by: BlockId }
  | { kind: 'cancelled' };

/**
 * Thrown by a run that cannot use an input's value (a SQL block reading a cell whose formula is
 * #DIV/0!): the block is then `blocked` by that input, as if the input had failed.
 */
export class BlockedByInput extends Error {
  constructor(readonly by: BlockId) {
    super('An input holds an error');
  }
}

/** Runs one block; rejects when it fails. Must stop (reject) soon after `signal` aborts. */
export type RunBlock = (id: BlockId, signal: AbortSignal) => Promise<void>;

/** What the scheduler reports about each block, for the run state people see. */
export interface SchedulerEvents {
  /** Waiting for its inputs; its last result is now out of date. */
  queued(id: BlockId): void;
  started(id: BlockId): void;
  /** A run finished; only the run that is still current reports. */
  finished(id: BlockId, result: Exclude<RunResult, { kind: 'cancelled' }>, ms: number): void;
  /** A run was stopped by a person or by the workbook being closed, not by a newer run. */
  cancelled(id: BlockId): void;
}

interface Run {
  controller: AbortController;
  done: Promise<RunResult>;
}

/**
 * Re-runs what changed and everything downstream of it, in dependency order. A newer change
 * cancels the runs it makes stale; blocks that do not depend on each other run at the same
 * time; a failure stops its readers, which keep their last result and name the failed input.
 */
export class Scheduler {
  private readonly current = new Map<BlockId, Run>();
  private readonly last = new Map<BlockId, RunResult>();

  constructor(
    private readonly run: RunBlock,
    private readonly events: SchedulerEvents,
    /** An error for each block caught in a cycle; it never runs. */
    private readonly cycleError: (id: BlockId) => unknown = () => new Error('This block is part of a cycle.'),
  ) {}

  /** Whether a block has a run going (queued or running). */
  isActive(id: BlockId): boolean {
    return this.current.has(id);
  }

  /** The last settled result of a block, if it ran. */
  lastResult(id: BlockId): RunResult | undefined {
    return this.last.get(id);
  }

  /** Re-runs `changed` and everything that reads them; resolves when all of those settle. */
  schedule(graph: Graph, changed: Iterable<BlockId>): Promise<void> {
    const wave = downstreamOf(graph, changed);
    for (const id of wave) this.current.get(id)?.controller.abort();
    const runs: Promise<RunResult>[] = [];
    for (const id of wave) {
      const controller = new AbortController();
      let resolve!: (r: RunResult) => void;
      const done = new Promise<RunResult>((r) => (resolve = r));
      const run: Run = { controller, done };
      this.current.set(id, run);
      this.events.queued(id);
      runs.push(done);
      // Started after every block of the wave is registered, so readers find their inputs' runs.
      queueMicrotask(() => void this.execute(graph, id, run).then(resolve));
    }
    return Promise.all(runs).then(() => undefined);
  }

  /** Resolves once none of `ids` has a run going, following newer runs that replace cancelled ones. */
  async settled(ids: Iterable<BlockId>): Promise<void> {
    await Promise.all([...ids].map((id) => this.settledResult(id)));
  }

  /** Stops the runs of `ids` (a person pressed Cancel, or the block was removed). */
  cancel(ids: Iterable<BlockId>): void {
    for (const id of ids) {
      const run = this.current.get(id);
      if (!run) continue;
      this.current.delete(id);
      run.controller.abort();
      this.events.cancelled(id);
    }
  }

  /** Forgets a removed block's history. */
  forget(id: BlockId): void {
    this.cancel([id]);
    this.last.delete(id);
  }

  private async execute(graph: Graph, id: BlockId, run: Run): Promise<RunResult> {
    const isCurrent = () => this.current.get(id) === run;
    const settle = (result: RunResult, ms = 0): RunResult => {
      if (!isCurrent() || result.kind === 'cancelled') return result;
      this.current.delete(id);
      this.last.set(id, result);
      this.events.finished(id, result, ms);
      return result;
    };
    if (graph.cycles.has(id)) return settle({ kind: 'error', error: this.cycleError(id) });
    for (const input of graph.upstream.get(id) ?? []) {
      if (graph.cycles.has(input)) return settle({ kind: 'blocked', by: input });
      const result = await this.settledResult(input);
      if (!isCurrent()) return { kind: 'cancelled' };
      if (result?.kind === 'error') return settle({ kind: 'blocked', by: input });
      if (result?.kind === 'blocked') return settle({ kind: 'blocked', by: result.by });
    }
    if (!isCurrent()) return { kind: 'cancelled' };
    this.events.started(id);
    const started = performance.now();
    try {
      await this.run(id, run.controller.signal);
      if (run.controller.signal.aborted) return { kind: 'cancelled' };
      return settle({ kind: 'ok' }, performance.now() - started);
    } catch (error) {
      if (run.controller.signal.aborted) return { kind: 'cancelled' };
      if (error instanceof BlockedByInput) return settle({ kind: 'blocked', by: error.by });
      return settle({ kind: 'error', error }, performance.now() - started);
    }
  }

  /** An input's result once it has no run going; follows newer runs that replace cancelled ones. */
  private async settledResult(id: BlockId): Promise<RunResult | undefined> {
    for (;;) {
      const run = this.current.get(id);
      if (!run) return this.last.get(id);
      const result = await run.done;
      if (result.kind !== 'cancelled') return result;
      if (this.current.get(id) === run) return this.last.get(id);
    }
  }
}
