import { DOCUMENT_VERSION } from './document';
import { describe, expect, it } from 'vitest';
import type { Block, BlockId, SqlBlock, WorkbookDocument } from './document';
import { buildGraph, type Graph, type SqlRefs } from './graph';
import { Scheduler, type RunBlock, type RunResult, type SchedulerEvents } from './scheduler';

// ---------------------------------------------------------------------------------------------
// Graphs: every block is a SQL block named by a letter; `reads` says which blocks each reads.

const id = (name: string) => `id:${name}` as BlockId;
const nameOf = (blockId: BlockId) => blockId.replace(/^id:/, '');

/**
 * A graph from a compact description: `{ a: [], b: ['a'] }` is a document of SQL blocks `a`
 * and `b`, in that order, `b` reading `a` (names that are no key are no edge, like a DuckDB table).
 */
function graph(reads: Record<string, string[]>): Graph {
  const refs = new Map<string, SqlRefs>();
  const blocks: SqlBlock[] = Object.entries(reads).map(([name, tables]) => {
    refs.set(name, { tables, params: [] });
    return { id: id(name), kind: 'sql', name, sql: `SELECT * FROM ${tables.join(', ') || 'range(1)'}` };
  });
  const doc: WorkbookDocument = { version: DOCUMENT_VERSION, title: 'test', blocks };
  return buildGraph(doc, (b: Block) => refs.get(b.name));
}

// ---------------------------------------------------------------------------------------------
// A RunBlock whose runs the test settles by hand.

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface Call extends Deferred<void> {
  name: string;
  signal: AbortSignal;
}

type Finished = { name: string; result: Exclude<RunResult, { kind: 'cancelled' }>; ms: number };

class Harness {
  readonly calls: Call[] = [];
  /** Every event and run call, in order: `queued a`, `started a`, `run a`, `ok a`, `cancelled a` … */
  readonly log: string[] = [];
  readonly finished: Finished[] = [];
  readonly scheduler: Scheduler;

  constructor(
    options: {
      /** Whether a run rejects as soon as its signal aborts, as RunBlock's contract asks. */
      honorAbort?: boolean;
      cycleError?: (id: BlockId) => unknown;
    } = {},
  ) {
    const honorAbort = options.honorAbort ?? true;
    const run: RunBlock = async (blockId, signal) => {
      const d = deferred();
      const call: Call = { ...d, name: nameOf(blockId), signal };
      this.calls.push(call);
      this.log.push(`run ${call.name}`);
      if (honorAbort) signal.addEventListener('abort', () => d.reject(new DOMException('Aborted', 'AbortError')));
      await d.promise;
    };
    const events: SchedulerEvents = {
      queued: (b) => this.log.push(`queued ${nameOf(b)}`),
      started: (b) => this.log.push(`started ${nameOf(b)}`),
      finished: (b, result, ms) => {
        this.finished.push({ name: nameOf(b), result, ms });
        this.log.push(`${result.kind} ${nameOf(b)}`);
      },
      cancelled: (b) => this.log.push(`cancelled ${nameOf(b)}`),
    };
    this.scheduler = options.cycleError ? new Scheduler(run, events, options.cycleError) : new Scheduler(run, events);
  }

  /** The calls of one block's run function, oldest first. */
  callsOf(name: string): Call[] {
    return this.calls.filter((c) => c.name === name);
  }

  /** The newest call of a block's run function. */
  last(name: string): Call {
    const calls = this.callsOf(name);
    const call = calls[calls.length - 1];
    if (!call) throw new Error(`${name} never ran`);
    return call;
  }

  /** Settles the newest run of `name` successfully and lets the scheduler react. */
  async ok(name: string): Promise<void> {
    this.last(name).resolve();
    await flush();
  }

  async fail(name: string, error: unknown): Promise<void> {
    this.last(name).reject(error);
    await flush();
  }

  started(): string[] {
    return this.log.filter((l) => l.startsWith('started ')).map((l) => l.slice('started '.length));
  }

  events(kind: string): string[] {
    return this.log.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1));
  }

  finishedOf(name: string): Finished[] {
    return this.finished.filter((f) => f.name === name);
  }
}

/** Lets every pending promise reaction and microtask run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Tracks whether a promise has settled yet. */
function track(p: Promise<void>): { done: boolean } {
  const state = { done: false };
  void p.then(() => (state.done = true));
  return state;
}

// ---------------------------------------------------------------------------------------------

describe('Scheduler: order', () => {
  it('starts a reader only after its input finished ok', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'] });
    const wave = track(h.scheduler.schedule(g, [id('a')]));
    await flush();
    expect(h.started()).toEqual(['a']);
    expect(h.callsOf('b')).toHaveLength(0);

    await h.ok('a');
    expect(h.started()).toEqual(['a', 'b']);
    expect(h.finishedOf('a')).toEqual([{ name: 'a', result: { kind: 'ok' }, ms: expect.any(Number) }]);
    expect(wave.done).toBe(false);

    await h.ok('b');
    expect(h.finishedOf('b')).toEqual([{ name: 'b', result: { kind: 'ok' }, ms: expect.any(Number) }]);
    expect(wave.done).toBe(true);
    expect(h.log).toEqual(['queued a', 'queued b', 'started a', 'run a', 'ok a', 'started b', 'run b', 'ok b']);
  });

  it('waits for every input of a reader', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: [], c: ['a', 'b'] });
    void h.scheduler.schedule(g, [id('a'), id('b')]);
    await flush();
    await h.ok('b');
    expect(h.callsOf('c')).toHaveLength(0);
    await h.ok('a');
    expect(h.callsOf('c')).toHaveLength(1);
  });

  it('runs a chain one after another, in dependency order even when the document lists it backwards', async () => {
    const h = new Harness();
    const g = graph({ c: ['b'], b: ['a'], a: [] });
    const wave = h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.ok('a');
    await h.ok('b');
    await h.ok('c');
    await wave;
    expect(h.started()).toEqual(['a', 'b', 'c']);
    expect(h.finished.map((f) => f.name)).toEqual(['a', 'b', 'c']);
  });

  it('starts independent blocks at the same time', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: [] });
    void h.scheduler.schedule(g, [id('a'), id('b')]);
    await flush();
    expect(h.started()).toEqual(['a', 'b']);
    expect(h.finished).toEqual([]);
  });

  it('starts the readers of one input together once it finished', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.ok('a');
    expect(h.started()).toEqual(['a', 'b', 'c']);
    expect(h.finishedOf('b')).toEqual([]);
    expect(h.finishedOf('c')).toEqual([]);
    await h.ok('c');
    expect(h.callsOf('d')).toHaveLength(0);
    await h.ok('b');
    expect(h.started()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('re-runs only the changed block and what reads it', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: [], d: ['c'], e: ['b'] });
    const wave = h.scheduler.schedule(g, [id('b')]);
    await flush();
    await h.ok('b');
    await h.ok('e');
    await wave;
    expect(h.calls.map((c) => c.name)).toEqual(['b', 'e']);
    expect(h.log.filter((l) => /\b[acd]$/.test(l))).toEqual([]);
  });

  it('queues every block of the wave synchronously, before any starts', () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: ['b'], d: [] });
    void h.scheduler.schedule(g, [id('a')]);
    expect(h.log).toEqual(['queued a', 'queued b', 'queued c']);
    expect(h.scheduler.isActive(id('a'))).toBe(true);
    expect(h.scheduler.isActive(id('c'))).toBe(true);
    expect(h.scheduler.isActive(id('d'))).toBe(false);
  });

  it('resolves the schedule promise only when every run of the wave settled', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: [] });
    const wave = track(h.scheduler.schedule(g, [id('a'), id('c')]));
    await flush();
    await h.ok('c');
    expect(wave.done).toBe(false);
    await h.ok('a');
    expect(wave.done).toBe(false);
    await h.fail('b', new Error('boom'));
    expect(wave.done).toBe(true);
  });

  it('resolves at once for an empty wave', async () => {
    const h = new Harness();
    const wave = track(h.scheduler.schedule(graph({ a: [] }), []));
    await flush();
    expect(wave.done).toBe(true);
    expect(h.log).toEqual([]);
  });

  it('reports a duration for each finished run', async () => {
    const h = new Harness();
    void h.scheduler.schedule(graph({ a: [] }), [id('a')]);
    await flush();
    await new Promise((r) => setTimeout(r, 15));
    await h.ok('a');
    const [f] = h.finished;
    expect(f?.ms).toBeGreaterThanOrEqual(5);
  });
});

describe('Scheduler: newer runs replace older ones', () => {
  it('aborts the running block when it is scheduled again, and reports only the newer run', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    const first = h.last('a');
    expect(first.signal.aborted).toBe(false);

    void h.scheduler.schedule(g, [id('a')]);
    expect(first.signal.aborted).toBe(true);
    await flush();
    expect(h.callsOf('a')).toHaveLength(2);
    expect(h.finished).toEqual([]);
    expect(h.events('cancelled')).toEqual([]); // replaced, not cancelled by a person

    await h.ok('a');
    expect(h.finished).toEqual([{ name: 'a', result: { kind: 'ok' }, ms: expect.any(Number) }]);
    expect(h.scheduler.isActive(id('a'))).toBe(false);
  });

  it('never reports a replaced run, even one that ignores its signal and succeeds or fails', async () => {
    const h = new Harness({ honorAbort: false });
    const g = graph({ a: [] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    const [first, second, third] = h.callsOf('a');
    first!.resolve();
    second!.reject(new Error('stale failure'));
    await flush();
    expect(h.finished).toEqual([]);
    expect(h.scheduler.isActive(id('a'))).toBe(true);
    third!.resolve();
    await flush();
    expect(h.finished.map((f) => [f.name, f.result.kind])).toEqual([['a', 'ok']]);
    expect(h.scheduler.lastResult(id('a'))).toEqual({ kind: 'ok' });
  });

  it('never starts a replaced run that had not started yet', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    void h.scheduler.schedule(g, [id('a')]);
    void h.scheduler.schedule(g, [id('a')]); // before the first one's microtask ran
    await flush();
    expect(h.callsOf('a')).toHaveLength(1);
    expect(h.log).toEqual(['queued a', 'queued a', 'started a', 'run a']);
  });

  it('makes a reader wait for the newer run of an input that was scheduled again', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    const oldA = h.last('a');
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    expect(oldA.signal.aborted).toBe(true);
    expect(h.callsOf('b')).toHaveLength(0); // the aborted input did not let it through

    await h.ok('a');
    expect(h.callsOf('b')).toHaveLength(1);
    await h.ok('b');
    expect(h.finished.map((f) => `${f.result.kind} ${f.name}`)).toEqual(['ok a', 'ok b']);
  });

  it('makes a waiting reader that was not itself re-scheduled follow the newer run of its input', async () => {
    const h = new Harness();
    // At first b reads a; then the graph changes so that a's wave no longer includes b, but b's
    // run from the first wave is still current and waiting on a.
    const g1 = graph({ a: [], b: ['a'] });
    const g2 = graph({ a: [], b: [] });
    void h.scheduler.schedule(g1, [id('a')]);
    await flush();
    void h.scheduler.schedule(g2, [id('a')]);
    await flush();
    expect(h.callsOf('a')).toHaveLength(2);
    expect(h.callsOf('b')).toHaveLength(0);
    expect(h.scheduler.isActive(id('b'))).toBe(true);

    await h.ok('a');
    expect(h.callsOf('b')).toHaveLength(1);
    await h.ok('b');
    expect(h.finished.map((f) => `${f.result.kind} ${f.name}`)).toEqual(['ok a', 'ok b']);
  });

  it('aborts a running reader when its input is scheduled again, and runs it again after the new input', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: [] });
    void h.scheduler.schedule(g, [id('a'), id('c')]);
    await flush();
    await h.ok('a');
    const oldB = h.last('b');
    expect(h.started()).toEqual(['a', 'c', 'b']);

    void h.scheduler.schedule(g, [id('a')]);
    expect(oldB.signal.aborted).toBe(true);
    expect(h.last('c').signal.aborted).toBe(false); // unrelated run keeps going
    await flush();
    expect(h.callsOf('a')).toHaveLength(2);
    expect(h.callsOf('b')).toHaveLength(1); // waits for the new a

    await h.ok('a');
    expect(h.callsOf('b')).toHaveLength(2);
    await h.ok('b');
    await h.ok('c');
    expect(h.finishedOf('a').map((f) => f.result.kind)).toEqual(['ok', 'ok']);
    expect(h.finishedOf('b').map((f) => f.result.kind)).toEqual(['ok']);
    expect(h.finishedOf('c').map((f) => f.result.kind)).toEqual(['ok']);
  });

  it('settles the older wave too, once its replaced runs are done', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'] });
    const first = track(h.scheduler.schedule(g, [id('a')]));
    await flush();
    const second = track(h.scheduler.schedule(g, [id('a')]));
    await flush();
    await h.ok('a');
    await h.ok('b');
    expect(first.done).toBe(true);
    expect(second.done).toBe(true);
    expect(h.finished).toHaveLength(2);
  });
});

describe('Scheduler: failures', () => {
  it('blocks readers of a failed input, transitively naming the original failure, without running them', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: ['b'], d: ['a'], e: [] });
    const error = new Error('Catalog Error: Table x does not exist');
    const wave = h.scheduler.schedule(g, [id('a'), id('e')]);
    await flush();
    await h.fail('a', error);
    await h.ok('e');
    await wave;
    expect(h.calls.map((c) => c.name)).toEqual(['a', 'e']);
    expect(h.started()).toEqual(['a', 'e']);
    const results = Object.fromEntries(h.finished.map((f) => [f.name, f.result]));
    expect(results).toEqual({
      a: { kind: 'error', error },
      b: { kind: 'blocked', by: id('a') },
      c: { kind: 'blocked', by: id('a') },
      d: { kind: 'blocked', by: id('a') },
      e: { kind: 'ok' },
    });
  });

  it('blocks a reader scheduled alone when its input last failed, without running it', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: ['b'] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.fail('a', new Error('boom'));
    h.finished.length = 0;
    h.calls.length = 0;

    await h.scheduler.schedule(g, [id('b')]);
    expect(h.calls).toEqual([]);
    expect(h.finished.map((f) => [f.name, f.result])).toEqual([
      ['b', { kind: 'blocked', by: id('a') }],
      ['c', { kind: 'blocked', by: id('a') }],
    ]);
    expect(h.scheduler.lastResult(id('b'))).toEqual({ kind: 'blocked', by: id('a') });
  });

  it('runs the readers again once the failed input is fixed', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.fail('a', new Error('boom'));
    expect(h.scheduler.lastResult(id('b'))).toEqual({ kind: 'blocked', by: id('a') });

    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.ok('a');
    await h.ok('b');
    expect(h.scheduler.lastResult(id('b'))).toEqual({ kind: 'ok' });
  });

  it('blocks a reader whose input is blocked by the block that failed, not by the blocked input', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'], c: [], d: ['b', 'c'] });
    void h.scheduler.schedule(g, [id('a'), id('c')]);
    await flush();
    await h.fail('a', new Error('boom'));
    // b, d's first input, is blocked: d settles at once, without waiting for c.
    expect(h.scheduler.isActive(id('d'))).toBe(false);
    expect(h.scheduler.lastResult(id('d'))).toEqual({ kind: 'blocked', by: id('a') });
    await h.ok('c');
    expect(h.callsOf('d')).toHaveLength(0);
    expect(h.finishedOf('d')).toHaveLength(1);
  });

  it('classifies a run that rejects without an abort as an error, with the error it threw', async () => {
    const h = new Harness();
    const error = { message: 'not even an Error' };
    void h.scheduler.schedule(graph({ a: [] }), [id('a')]);
    await flush();
    await h.fail('a', error);
    expect(h.finished).toEqual([{ name: 'a', result: { kind: 'error', error }, ms: expect.any(Number) }]);
    expect(h.scheduler.lastResult(id('a'))).toEqual({ kind: 'error', error });
  });

  it('catches a RunBlock that throws synchronously (a non-async function)', async () => {
    const finished: RunResult[] = [];
    const error = new Error('sync');
    const s = new Scheduler(
      () => {
        throw error;
      },
      { queued() {}, started() {}, finished: (_id, r) => finished.push(r), cancelled() {} },
    );
    await s.schedule(graph({ a: [] }), [id('a')]);
    expect(finished).toEqual([{ kind: 'error', error }]);
  });
});

describe('Scheduler: cycles', () => {
  it('finishes cycle members with the cycle error, never runs them, and blocks their readers', async () => {
    const h = new Harness({ cycleError: (b) => `cycle through ${nameOf(b)}` });
    const g = graph({ a: ['b'], b: ['a'], c: ['a'], d: ['c'], e: [] });
    const wave = h.scheduler.schedule(g, [id('a'), id('b'), id('c'), id('d'), id('e')]);
    await flush();
    await h.ok('e');
    await wave;
    expect(h.calls.map((c) => c.name)).toEqual(['e']);
    expect(h.started()).toEqual(['e']);
    const results = Object.fromEntries(h.finished.map((f) => [f.name, f.result]));
    expect(results).toEqual({
      a: { kind: 'error', error: 'cycle through a' },
      b: { kind: 'error', error: 'cycle through b' },
      c: { kind: 'blocked', by: id('a') },
      d: { kind: 'blocked', by: id('a') },
      e: { kind: 'ok' },
    });
    for (const n of ['a', 'b', 'c', 'd', 'e']) expect(h.scheduler.isActive(id(n))).toBe(false);
  });

  it('reports a block that reads itself with the default cycle error', async () => {
    const h = new Harness();
    await h.scheduler.schedule(graph({ a: ['a'] }), [id('a')]);
    expect(h.calls).toEqual([]);
    const [f] = h.finished;
    expect(f?.result.kind).toBe('error');
    expect(f?.result.kind === 'error' && f.result.error).toBeInstanceOf(Error);
    expect(f?.result.kind === 'error' && (f.result.error as Error).message).toBe('This block is part of a cycle.');
  });

  it('includes the whole cycle when an input of it changes', async () => {
    const h = new Harness();
    const g = graph({ t: [], a: ['t', 'b'], b: ['a'] });
    const wave = h.scheduler.schedule(g, [id('t')]);
    await flush();
    expect(h.events('queued').sort()).toEqual(['a', 'b', 't']);
    await h.ok('t');
    await wave;
    expect(h.finished.map((f) => `${f.result.kind} ${f.name}`).sort()).toEqual(['error a', 'error b', 'ok t']);
  });
});

describe('Scheduler: cancel', () => {
  it('aborts a running block, emits cancelled and never reports it as finished', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    const wave = track(h.scheduler.schedule(g, [id('a')]));
    await flush();
    const call = h.last('a');
    h.scheduler.cancel([id('a')]);
    expect(call.signal.aborted).toBe(true);
    expect(h.events('cancelled')).toEqual(['a']);
    expect(h.scheduler.isActive(id('a'))).toBe(false);
    await flush();
    expect(h.finished).toEqual([]);
    expect(wave.done).toBe(true);
    expect(h.scheduler.lastResult(id('a'))).toBeUndefined();
  });

  it('keeps the last settled result of a cancelled block', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.ok('a');
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    h.scheduler.cancel([id('a')]);
    await flush();
    expect(h.scheduler.lastResult(id('a'))).toEqual({ kind: 'ok' });
    expect(h.finished).toHaveLength(1);
  });

  it('classifies a run that rejects after an abort as cancelled, not as an error', async () => {
    const h = new Harness({ honorAbort: false });
    void h.scheduler.schedule(graph({ a: [] }), [id('a')]);
    await flush();
    h.scheduler.cancel([id('a')]);
    await h.fail('a', new Error('The operation was aborted'));
    expect(h.finished).toEqual([]);
    expect(h.scheduler.lastResult(id('a'))).toBeUndefined();
  });

  it('does not let a replaced run that fails after its abort block the readers waiting on it', async () => {
    const h = new Harness({ honorAbort: false });
    const g1 = graph({ a: [], b: ['a'] });
    const g2 = graph({ a: [], b: [] });
    void h.scheduler.schedule(g1, [id('a')]);
    await flush();
    void h.scheduler.schedule(g2, [id('a')]); // b's run (from g1) stays current, waiting on a
    await flush();
    const [oldA] = h.callsOf('a');
    oldA!.reject(new Error('The operation was aborted'));
    await flush();
    expect(h.finished).toEqual([]);
    expect(h.scheduler.isActive(id('b'))).toBe(true);
    await h.ok('a');
    await h.ok('b');
    expect(h.finished.map((f) => `${f.result.kind} ${f.name}`)).toEqual(['ok a', 'ok b']);
  });

  it('does not report a run that resolves after an abort as ok', async () => {
    const h = new Harness({ honorAbort: false });
    void h.scheduler.schedule(graph({ a: [] }), [id('a')]);
    await flush();
    h.scheduler.cancel([id('a')]);
    await h.ok('a');
    expect(h.finished).toEqual([]);
    expect(h.scheduler.lastResult(id('a'))).toBeUndefined();
  });

  it('cancels a reader that is still waiting on its input, so it never runs', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'] });
    const wave = track(h.scheduler.schedule(g, [id('a')]));
    await flush();
    h.scheduler.cancel([id('b')]);
    expect(h.events('cancelled')).toEqual(['b']);
    await h.ok('a');
    expect(h.callsOf('b')).toHaveLength(0);
    expect(h.finished.map((f) => f.name)).toEqual(['a']);
    expect(wave.done).toBe(true);
  });

  it('ignores blocks that have no run going', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    h.scheduler.cancel([id('a'), id('nope')]);
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.ok('a');
    h.scheduler.cancel([id('a')]);
    expect(h.events('cancelled')).toEqual([]);
  });

  it('forget cancels and drops the last result', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.ok('a');
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    h.scheduler.forget(id('a'));
    expect(h.events('cancelled')).toEqual(['a']);
    expect(h.scheduler.lastResult(id('a'))).toBeUndefined();
    expect(h.scheduler.isActive(id('a'))).toBe(false);
  });
});

describe('Scheduler: isActive and lastResult', () => {
  it('tracks a block from queued to settled', async () => {
    const h = new Harness();
    const g = graph({ a: [], b: ['a'] });
    expect(h.scheduler.isActive(id('a'))).toBe(false);
    expect(h.scheduler.lastResult(id('a'))).toBeUndefined();

    void h.scheduler.schedule(g, [id('a')]);
    expect(h.scheduler.isActive(id('a'))).toBe(true);
    expect(h.scheduler.isActive(id('b'))).toBe(true);
    await flush();
    expect(h.scheduler.isActive(id('a'))).toBe(true); // running

    await h.ok('a');
    expect(h.scheduler.isActive(id('a'))).toBe(false);
    expect(h.scheduler.lastResult(id('a'))).toEqual({ kind: 'ok' });
    expect(h.scheduler.isActive(id('b'))).toBe(true);
    expect(h.scheduler.lastResult(id('b'))).toBeUndefined();

    const error = new Error('x');
    await h.fail('b', error);
    expect(h.scheduler.isActive(id('b'))).toBe(false);
    expect(h.scheduler.lastResult(id('b'))).toEqual({ kind: 'error', error });
  });

  it('keeps the previous result while a new run is going', async () => {
    const h = new Harness();
    const g = graph({ a: [] });
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    await h.fail('a', new Error('first'));
    void h.scheduler.schedule(g, [id('a')]);
    await flush();
    expect(h.scheduler.isActive(id('a'))).toBe(true);
    expect(h.scheduler.lastResult(id('a'))?.kind).toBe('error');
    await h.ok('a');
    expect(h.scheduler.lastResult(id('a'))).toEqual({ kind: 'ok' });
  });
});
