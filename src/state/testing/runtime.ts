// Tests only: a runtime over a real engine with the smallest host a store gives it — a document
// the test changes, the runs React would render, no server. Undo is the test applying the
// document from before, as the store's history does.
import { createDocument, type Block, type BlockId, type WorkbookDocument } from '../../workbook';
import type { BlockRun } from '../block-runs';
import type { LocalEngine, RuntimeHost } from '../runtime/context';
import { createRuntime, type Runtime } from '../runtime/runtime';

export interface RuntimeUnderTest {
  runtime: Runtime;
  doc(): WorkbookDocument;
  /** The runs as React would see them, published. */
  shown(): Record<BlockId, BlockRun>;
  notices: string[];
  /** Makes `next` the document and waits until the blocks it runs have settled. */
  change(next: WorkbookDocument | ((doc: WorkbookDocument) => WorkbookDocument)): Promise<void>;
  /** A document of these blocks, applied and run. */
  open(blocks: Block[]): Promise<void>;
  /** A block's run id: it changes each time the block is scheduled to run. */
  runId(id: BlockId): number | undefined;
}

export function runtimeOver(engine: LocalEngine, files: Map<BlockId, File> = new Map()): RuntimeUnderTest {
  let doc = createDocument('test');
  let runs: Record<BlockId, BlockRun> = {};
  const notices: string[] = [];
  const host: RuntimeHost = {
    doc: () => doc,
    workbookId: () => 'w-test',
    runs: () => runs,
    setRuns: (next) => (runs = next),
    notify: (message) => notices.push(message),
    server: { remote: () => undefined, unallowed: () => undefined, tables: () => [], reportUnreachable: () => undefined },
    // As OPFS gives a reload its dropped files back.
    keptFile: async (_workbook, id) => files.get(id),
  };
  const runtime = createRuntime(engine, host);
  const change = async (next: WorkbookDocument | ((d: WorkbookDocument) => WorkbookDocument)) => {
    const prev = doc;
    doc = typeof next === 'function' ? next(doc) : next;
    await runtime.apply(prev, doc, true);
    await runtime.waitFor(doc.blocks.map((b) => b.id));
    runtime.flush();
  };
  return {
    runtime,
    doc: () => doc,
    shown: () => runs,
    notices,
    change,
    open: (blocks) => change({ ...doc, blocks }),
    runId: (id) => runtime.runOf(id).run,
  };
}
