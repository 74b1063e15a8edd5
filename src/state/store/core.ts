import type { StoreApi } from 'zustand';
import { messageOf } from '../../engine';
import { createDocument, isTableBlock, type Block, type BlockId, type share, type WorkbookDocument } from '../../workbook';
import { History, type Operation } from '../history';
import { openGuard } from '../open-guard';
import type { ServerSide } from '../runtime/context';
import { createRuntime, type EngineSource, type Runtime } from '../runtime/runtime';
import { getRemote, useServer } from '../server';
import { mayUseServer, OWN, type ServerAccess } from '../server-consent';
import type { PublishedRef } from '../share';
import * as storage from '../storage';
import type { WorkbookState } from '../workbook-store';

const SAVE_DELAY_MS = 200;

/** What a workbook opened from a link may reach, and a link waiting for the person's answer. */
export interface LinkAccess {
  /** The hosts the person allowed it to fetch from (undefined: the person's own workbook, any host). */
  hosts?: string[];
  /** Which servers it may use: a workbook from a link, none until the person agrees. */
  server: ServerAccess;
  /** A link waiting for consent; `servers`: the server a published link loads from, allowed with its host. */
  pendingBundle?: { bundle: share.ShareBundle; applied: string[]; servers?: string[] };
  /** A published link waiting for consent. */
  pendingPublished?: { ref: PublishedRef; params: URLSearchParams };
}

/** Where a workbook being opened comes from, beside its document. */
export interface OpenFrom {
  allowedHosts?: string[];
  allowedServers?: string[];
  placeholders?: share.MissingTable[];
  files?: Map<BlockId, File>;
}

export interface CommitOptions {
  /** Edits with the same key in a short time are one undo step. */
  coalesce?: string;
  /** False for undo and redo themselves. */
  record?: boolean;
  /** Whether changed SQL text runs (false while typing: Run does). */
  runSqlEdits?: boolean;
  /** The edit as an operation: undo applies its inverse instead of restoring the document before it. */
  op?: Operation<WorkbookDocument>;
}

/** What the store's slices share: the runtime, the history, committing, saving, opening. */
export interface StoreCore {
  get(): WorkbookState;
  set: StoreApi<WorkbookState>['setState'];
  runtime: Runtime;
  history: History<WorkbookDocument>;
  access: LinkAccess;
  /** Makes `next` the document: recorded for undo, saved, and applied to DuckDB and the runs. */
  commit(next: WorkbookDocument, options?: CommitOptions): Promise<void>;
  edit(fn: (doc: WorkbookDocument) => WorkbookDocument, options?: CommitOptions): Promise<void>;
  notify(message: string, tone?: 'info'): void;
  save(): Promise<void>;
  /** Drops a pending save and waits for one under way (the workbook is being deleted). */
  cancelSave(): Promise<void>;
  /** Closes the open workbook's runs and tables and opens `doc` in their place. */
  open(workbookId: string, doc: WorkbookDocument, from?: OpenFrom): Promise<void>;
  waitFor(ids: BlockId[]): Promise<void>;
  takenNames(): string[];
  appendBlocks(blocks: Block[]): Promise<void>;
  newId(): string;
}

export const newWorkbookId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function createCore(set: StoreCore['set'], get: () => WorkbookState, engine: EngineSource): StoreCore {
  const history = new History<WorkbookDocument>();
  const access: LinkAccess = { server: OWN };
  let noticeId = 0;
  const notify = (message: string, tone?: 'info') => set((s) => ({ notices: [...s.notices, { id: ++noticeId, message, ...(tone ? { tone } : {}) }] }));

  const server: ServerSide = {
    remote: () => (mayUseServer(access.server, useServer.getState().url) ? getRemote() : undefined),
    unallowed: () => {
      const url = useServer.getState().url;
      return getRemote() && url && !mayUseServer(access.server, url) ? url : undefined;
    },
    tables: () => useServer.getState().tables,
    reportUnreachable: (message) => useServer.getState().reportUnreachable(message),
  };
  const runtime = createRuntime(engine, {
    doc: () => get().doc,
    workbookId: () => get().workbookId,
    runs: () => get().runs,
    setRuns: (runs) => set({ runs }),
    notify: (message) => notify(message),
    server,
    keptFile: (workbookId, id, fileName) => storage.keptFile(workbookId, id, fileName),
  });

  function commit(next: WorkbookDocument, options: CommitOptions = {}): Promise<void> {
    const prev = get().doc;
    if (next === prev) return runtime.applied();
    if (options.record !== false) history.record(prev, options.coalesce, undefined, options.op);
    set({ doc: next, canUndo: history.canUndo, canRedo: history.canRedo });
    scheduleSave();
    return runtime.apply(prev, next, options.runSqlEdits ?? true);
  }

  // ---- saving

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS);
  }
  function save(): Promise<void> {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const { workbookId, doc } = get();
    const placeholders = doc.blocks.flatMap((b) => runtime.node(b.id).placeholder ?? []);
    const record: storage.WorkbookRecord = {
      id: workbookId,
      title: doc.title,
      updatedAt: Date.now(),
      doc,
      ...(access.hosts ? { allowedHosts: access.hosts } : {}),
      ...(access.server.kind === 'linked' ? { allowedServers: [...access.server.allowed] } : {}),
      ...(placeholders.length ? { placeholders } : {}),
    };
    saving = saving
      .then(() => storage.saveWorkbook(record))
      .then(() => set((s) => ({ workbooks: [{ id: record.id, title: record.title, updatedAt: record.updatedAt }, ...s.workbooks.filter((w) => w.id !== record.id)] })))
      .catch((e: unknown) => notify(`Could not save the workbook: ${messageOf(e)}`));
    return saving;
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => {
      openGuard.end(get().workbookId);
      if (saveTimer) void save();
    });
  }

  async function open(workbookId: string, doc: WorkbookDocument, from: OpenFrom = {}): Promise<void> {
    await runtime.close(get().doc);
    for (const [id, file] of from.files ?? []) runtime.node(id).file = file;
    for (const m of from.placeholders ?? []) runtime.node(m.blockId).placeholder = m;
    access.hosts = from.allowedHosts;
    // A workbook from a link (it has allowed hosts, even none) uses only the servers allowed for it.
    access.server = access.hosts ? { kind: 'linked', allowed: from.allowedServers ?? [] } : OWN;
    set({ pendingServer: undefined });
    (await runtime.engine()).setNetworkPolicy(access.hosts ?? 'any');
    history.clear();
    storage.currentWorkbook.set(workbookId);
    openGuard.begin(workbookId);
    set({ workbookId, doc: createDocument(doc.title), runs: {}, canUndo: false, canRedo: false });
    await commit(doc, { record: false });
    void useServer.getState().refreshTables(); // the server's tables of this workbook
    // Opened once its blocks have run (or the page is left): only a visit that froze or crashed keeps it marked.
    void runtime.waitFor(doc.blocks.map((b) => b.id)).then(() => openGuard.end(workbookId));
    // Kept files: a table's, and a big sheet's workbook.
    const keep = doc.blocks.filter((b) => isTableBlock(b) || (b.kind === 'sheet' && b.data)).map((b) => b.id);
    void storage.deleteFiles(workbookId, new Set(keep)).catch(() => undefined);
  }

  const edit = (fn: (doc: WorkbookDocument) => WorkbookDocument, options?: CommitOptions) => commit(fn(get().doc), options);
  return {
    get,
    set,
    runtime,
    history,
    access,
    commit,
    edit,
    notify,
    save,
    async cancelSave() {
      clearTimeout(saveTimer); // nothing of it may be written again
      saveTimer = undefined;
      await saving;
    },
    open,
    waitFor: (ids) => runtime.waitFor(ids),
    takenNames: () => get().doc.blocks.map((b) => b.name),
    appendBlocks: (blocks) => edit((doc) => ({ ...doc, blocks: [...doc.blocks, ...blocks] })),
    newId: newWorkbookId,
  };
}
