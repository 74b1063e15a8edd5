import { baseTableName, gridViewName, trashTableName } from '../../sql';
import { isRelationBlock, type BlockId, type Scheduler, type WorkbookDocument } from '../../workbook';
import { IDLE, type BlockRun } from '../block-runs';
import type { LocalEngine, RuntimeHost } from './context';
import type { BlockNode } from './node';
import type { RunPublisher } from './run-updates';

/** Removed blocks' nodes, with the table each was set aside as (undo brings it back with its rows). */
export type Trash = Map<BlockId, { node: BlockNode; table?: string }>;

/** What reconciling works on: the runtime's own parts. */
export interface ReconcileParts {
  engine: LocalEngine;
  nodes: Map<BlockId, BlockNode>;
  node(id: BlockId): BlockNode;
  trash: Trash;
  scheduler: Scheduler;
  publisher: RunPublisher;
  host: Pick<RuntimeHost, 'runs' | 'setRuns'>;
  patchRun(id: BlockId, patch: Partial<BlockRun>): void;
}

/**
 * DuckDB's side of a document change: a removed block's table is renamed aside, an undone removal
 * renames it back with its last run, a renamed block's table follows its name. Returns the blocks
 * that must run (added ones, renames that could not move a table, charts of renamed blocks) and
 * the restored ones.
 */
export async function reconcile(prev: WorkbookDocument, next: WorkbookDocument, parts: ReconcileParts): Promise<{ changed: Set<BlockId>; restored: BlockId[] }> {
  const { engine, nodes, trash, scheduler } = parts;
  const before = new Map(prev.blocks.map((b) => [b.id, b]));
  const after = new Map(next.blocks.map((b) => [b.id, b]));
  const changed = new Set<BlockId>();
  const restored: BlockId[] = [];
  // Runs of removed and added blocks change in one store update, not one per block: each
  // update renders every block's view, and a workbook of 500 blocks opened in O(blocks²).
  let membership = false;

  for (const b of prev.blocks) {
    if (after.has(b.id)) continue;
    scheduler.forget(b.id);
    membership = true;
    const node = nodes.get(b.id);
    nodes.delete(b.id);
    if (!node) continue;
    let table: string | undefined;
    if (isRelationBlock(b)) {
      // Keep the table aside, so undo brings the block back with its result.
      table = trashTableName(b.id);
      await engine.catalog.drop(table);
      if (!(await engine.catalog.rename(b.name, table).then(() => true, () => false))) table = undefined;
    }
    trash.set(b.id, { node, table });
  }

  for (const b of next.blocks) {
    const old = before.get(b.id);
    if (!old) {
      membership = true;
      const kept = trash.get(b.id);
      trash.delete(b.id);
      if (kept?.table && isRelationBlock(b) && (await engine.catalog.rename(kept.table, b.name).then(() => true, () => false))) {
        kept.node.run = { ...kept.node.run, revision: kept.node.run.revision + 1 };
        nodes.set(b.id, kept.node);
        restored.push(b.id);
        continue;
      }
      const node = kept?.node ?? parts.node(b.id);
      if (kept) {
        // Its file and parse come back; its rows did not.
        node.run = IDLE;
        node.dataKey = undefined;
        nodes.set(b.id, node);
      }
      if (node.notRunYet) node.notRunYet = false;
      else changed.add(b.id);
      continue;
    }
    if (old.name !== b.name && isRelationBlock(b)) {
      await engine.catalog.rename(old.name, b.name).catch(() => changed.add(b.id));
      parts.patchRun(b.id, { revision: parts.node(b.id).run.revision + 1 });
      // A chart's own table is a view that names its source: it is made again under the new name.
      for (const c of next.blocks) if (c.kind === 'chart' && c.source === b.id) changed.add(c.id);
    }
  }

  if (membership) {
    parts.publisher.flush();
    const runs = { ...parts.host.runs() };
    for (const b of prev.blocks) if (!after.has(b.id)) delete runs[b.id];
    for (const b of next.blocks) if (!before.has(b.id)) runs[b.id] = nodes.get(b.id)?.run ?? IDLE;
    parts.host.setRuns(runs);
  }
  return { changed, restored };
}

/** Drops every relation of a workbook's blocks and of its trash (the workbook is closing). */
export async function removeRelations(engine: LocalEngine, doc: WorkbookDocument, trash: Trash): Promise<void> {
  for (const b of doc.blocks) {
    if (!isRelationBlock(b)) continue;
    for (const name of [b.name, gridViewName(b.id), baseTableName(b.id)]) await engine.catalog.drop(name).catch(() => undefined);
  }
  for (const [id, { table }] of trash) {
    for (const name of [table, gridViewName(id), baseTableName(id)]) if (name) await engine.catalog.drop(name).catch(() => undefined);
  }
  trash.clear();
}
