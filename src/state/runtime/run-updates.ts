import type { BlockId, WorkbookDocument } from '../../workbook';
import type { BlockRun } from '../block-runs';

/**
 * Run updates reach React once per frame: a chain of fast blocks must not wait for React to render
 * each of its steps (that cost ~100 ms per block when every patch rendered at once). A frame
 * publishes the runs of at most RUNS_PER_FRAME blocks: each one renders its block, and the 500
 * cells of a big workbook finishing together made one 200 ms task.
 */
const RUNS_PER_FRAME = 64;

export interface RunPublisher {
  /** Marks a block's run as changed; it is published with the next frame. */
  touch(id: BlockId): void;
  /** Publishes changed runs now: all of them, or (from a frame) the first `limit`. */
  flush(limit?: number): void;
  /** Forgets changes not published yet (a workbook closing). */
  clear(): void;
}

/** Publishes runs from `current` into what React renders, for blocks still in the document. */
export function createRunPublisher(
  current: (id: BlockId) => BlockRun | undefined,
  store: { doc(): WorkbookDocument; runs(): Readonly<Record<BlockId, BlockRun>>; setRuns(runs: Record<BlockId, BlockRun>): void },
): RunPublisher {
  const dirty = new Set<BlockId>();
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // Whichever comes first: the next frame, or 50 ms (frames stop in a hidden tab).
    const timer = setTimeout(() => flush(RUNS_PER_FRAME), 50);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => (clearTimeout(timer), flush(RUNS_PER_FRAME)));
  }

  function flush(limit = Infinity) {
    scheduled = false;
    if (dirty.size === 0) return;
    const ids = [...dirty].slice(0, limit);
    for (const id of ids) dirty.delete(id);
    if (dirty.size > 0) schedule();
    const inDoc = new Set(store.doc().blocks.map((b) => b.id));
    const runs = { ...store.runs() };
    for (const id of ids) {
      const run = current(id);
      if (run && inDoc.has(id)) runs[id] = run;
    }
    store.setRuns(runs);
  }

  return {
    touch(id) {
      dirty.add(id);
      schedule();
    },
    flush,
    clear: () => dirty.clear(),
  };
}
