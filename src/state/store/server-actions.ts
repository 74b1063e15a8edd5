import { messageOf, pushTable } from '../../engine';
import { createBlockId, findBlock, isRelationBlock, nextName, selectAllSql, type SqlBlock } from '../../workbook';
import { getRemote, onServerBack, setServerWorkbook, useServer } from '../server';
import { mayUseServer, serverWants } from '../server-consent';
import type { WorkbookState } from '../workbook-store';
import type { StoreCore } from './core';

/** The connected server: pushing tables there, querying its tables, and a linked workbook's consent to use it. */
export type ServerActions = Pick<WorkbookState, 'reviewServer' | 'resolveServer' | 'pushToServer' | 'addServerQuery'>;

export function serverActions(core: StoreCore): ServerActions {
  const { get, set, runtime, access, notify } = core;

  // Each request to the server is for the open workbook: it reads and writes that workbook's namespace there.
  setServerWorkbook(() => get().workbookId);
  // A server that answers again: the blocks that failed to reach it run again.
  onServerBack(() => {
    const failed = get().doc.blocks.filter((b) => runtime.runOf(b.id).error?.kind === 'unreachable').map((b) => b.id);
    if (failed.length) void runtime.rerun(failed);
  });

  return {
    async pushToServer(id) {
      const remote = getRemote();
      const b = findBlock(get().doc, id);
      if (!remote || !b || !isRelationBlock(b)) return;
      const engine = await runtime.engine();
      try {
        await pushTable(engine, remote, b.name, { replace: true, onProgress: (progress) => runtime.patchRun(id, { progress }) });
        runtime.node(id).pushedRevision = runtime.runOf(id).revision;
        runtime.patchRun(id, { progress: undefined });
        notify(`${b.name} is on the server now: SQL blocks there read it by that name.`, 'info');
        await useServer.getState().refreshTables();
      } catch (e) {
        runtime.patchRun(id, { progress: undefined });
        notify(`${b.name} could not be pushed to the server: ${messageOf(e)}`);
      }
    },

    addServerQuery(table, pull) {
      const b: SqlBlock = { id: createBlockId(), kind: 'sql', name: nextName(pull ? table : 'query', core.takenNames()), sql: selectAllSql(table, pull ? undefined : 1000), ...(pull ? { runOn: 'browser' as const } : {}) };
      void core.appendBlocks([b]);
      return b.id;
    },

    reviewServer() {
      const url = useServer.getState().url;
      if (!url || mayUseServer(access.server, url)) return;
      set({ pendingServer: { url, wants: serverWants(get().doc, runtime.parses(), useServer.getState().tables) } });
    },

    async resolveServer(allow) {
      const pending = get().pendingServer;
      set({ pendingServer: undefined });
      if (!pending || !allow || access.server.kind !== 'linked') return;
      access.server = { kind: 'linked', allowed: [...access.server.allowed, pending.url] };
      const waiting = get().doc.blocks.filter((b) => runtime.runOf(b.id).error?.kind === 'consent').map((b) => b.id);
      for (const id of waiting) runtime.patchRun(id, { status: 'stale', queued: true });
      runtime.flush();
      await core.save();
      if (waiting.length) void runtime.rerun(waiting);
    },
  };
}
