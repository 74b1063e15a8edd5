import { create } from 'zustand';
import {
  formatFromName,
  isEngineError,
  messageOf,
  createReadToken,
  loadDocument,
  pushTable,
  quoteIdent,
  storeDocument,
  type SqlAnalysis,
} from '../engine';
import {
  Scheduler,
  baseTableName,
  buildGraph,
  createBlockId,
  createDocument,
  describeCycle,
  downstreamOf,
  findBlock,
  gridViewName,
  invalidName,
  isCellBlock,
  isRelationBlock,
  isSqlBlock,
  isTableBlock,
  nextName,
  readDocument,
  share,
  suggestChart,
  suggestedTimeColumn,
  renameBlock as renameInDocument,
  tableNameFromFile,
  tableNameFromUrl,
  uniqueName,
  valueForControl,
  type Block,
  type BlockId,
  type CellBlock,
  type CellControl,
  type CellRaw,
  type RunOn,
  type ChartBlock,
  type ChartSelection,
  type ChartSpec,
  type FormulaColumn,
  type GridView,
  type Graph,
  type PivotBlock,
  type SheetBlock,
  type SqlBlock,
  type TableBlock,
  type WorkbookDocument,
} from '../workbook';
import type { Scalar } from '../workbook/formula';
import { editedBlocks, formulaColumnProblem, nextTitle } from './block-edits';
import { createBlockRunners } from './block-runners';
import { BlockFailure, IDLE, toBlockError, type BlockRun } from './block-runs';
import { withReadOptions } from './read-options';
import type { ReadOptions } from '../engine';
import { getEngine } from './engine';
import { buildShareLink, filesOf, forgetLinkInLocation, linkInLocation, publishedLink, type PublishedRef, type ShareResult } from './share';
import { getRemote, onServerBack, setServerWorkbook, useServer } from './server';
import { History } from './history';
import { openGuard } from './open-guard';
import { mayUseServer, OWN, serverWants, type ServerAccess, type ServerWants } from './server-consent';
import { selectBlock } from './selectors';
import * as storage from './storage';

export type { BlockError, BlockRun, RunStatus } from './block-runs';

/** A message about something that never became a block (an unsupported file, a bad import). */
export interface Notice {
  id: number;
  message: string;
  /** `info` for news (a push done); a problem otherwise. */
  tone?: 'info';
}

export interface WorkbookState {
  workbookId: string;
  doc: WorkbookDocument;
  runs: Record<BlockId, BlockRun>;
  notices: Notice[];
  workbooks: storage.WorkbookMeta[];
  canUndo: boolean;
  canRedo: boolean;
  /** Resolves once the last workbook is open again (or a new one made). */
  init(): Promise<void>;
  addFiles(files: readonly File[]): Promise<void>;
  addUrl(url: string): Promise<void>;
  addSqlBlock(sql?: string): BlockId;
  addCell(control?: CellControl, value?: CellRaw): BlockId;
  setSql(id: BlockId, sql: string): void;
  setCellValue(id: BlockId, value: CellRaw): void;
  setCellControl(id: BlockId, control: CellControl): void;
  /** Adds a formula column to a table or SQL block; resolves to why not, when it cannot. */
  addFormulaColumn(id: BlockId, column: FormulaColumn): string | undefined;
  /** Changes a formula column (its name or formula); why not, when it cannot. */
  updateFormulaColumn(id: BlockId, name: string, column: FormulaColumn): string | undefined;
  removeFormulaColumn(id: BlockId, name: string): void;
  addSheet(cells?: Record<string, string>): BlockId;
  /** One edit of a sheet (one undo step): new texts by address; '' or null clears a cell. */
  setSheetCells(id: BlockId, updates: Record<string, string | null>): void;
  /** A grid's sort and filters, kept on its block (re-runs nothing: SQL readers read every row). */
  setGridView(id: BlockId, grid: GridView | undefined): void;
  /** A pivot of a table-like block, grouping by its first text column to start. */
  addPivot(source: BlockId): BlockId;
  setPivot(id: BlockId, patch: Partial<Pick<PivotBlock, 'source' | 'rows' | 'columns' | 'values'>>): void;
  /** A chart of a table-like block, suggested from its column types (and time span), placed after it. */
  addChart(source: BlockId): Promise<BlockId>;
  /** Draws another block: a chart suggested from its columns. */
  setChartSource(id: BlockId, source: BlockId): Promise<void>;
  /** A new spec (from the form or the JSON editor); the selection is cleared. */
  setChartSpec(id: BlockId, spec: ChartSpec): void;
  setChartSelect(id: BlockId, select: ChartBlock['select']): void;
  /** What is brushed or clicked; brushing one chart is one undo step. */
  setChartSelection(id: BlockId, selection: ChartSelection | undefined): void;
  /** Renames a block and every reference to it; resolves to why not, when it cannot. */
  renameBlock(id: BlockId, name: string): Promise<string | undefined>;
  moveBlock(id: BlockId, delta: number): void;
  toggleCollapsed(id: BlockId): void;
  duplicateBlock(id: BlockId): BlockId | undefined;
  removeBlock(id: BlockId): void;
  runBlock(id: BlockId): Promise<void>;
  cancelBlock(id: BlockId): void;
  readLeniently(id: BlockId): Promise<void>;
  /** A table's CSV read options, merged in (an error's offered fix: an encoding, lenient, columns as text). */
  setReadOptions(id: BlockId, options: ReadOptions): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  newWorkbook(): Promise<void>;
  openWorkbook(id: string): Promise<void>;
  renameWorkbook(title: string): void;
  deleteWorkbook(id: string): Promise<void>;
  exportWorkbook(): string;
  importWorkbook(text: string): Promise<void>;
  dismissNotice(id: number): void;
  /** A link to this workbook, with its small local files inside. */
  shareLink(): Promise<ShareResult>;
  /** Puts this workbook and its local tables on the connected server; a short link that loads them from there. */
  publish(onProgress?: (what: string) => void): Promise<string>;
  /** Opens a link's workbook as a new workbook (asking first when it would fetch from other hosts). */
  openLink(payload: string, params?: URLSearchParams): Promise<void>;
  /** A link waiting for the person to agree to the hosts it fetches from. */
  pendingLink?: { title: string; hosts: string[] };
  /** The answer to pendingLink: open it allowing its hosts, or open it fetching nothing outside. */
  resolveLink(allow: boolean): Promise<void>;
  /** Lets this workbook (opened from a link) fetch from one more host, and runs what it blocked. */
  allowHost(host: string): Promise<void>;
  /** What this workbook (from a link) would do on the connected server, while the person decides. */
  pendingServer?: { url: string; wants: ServerWants };
  /** Shows what this workbook would do on the connected server, to allow it or not. */
  reviewServer(): void;
  /** The answer to pendingServer: allow this workbook to use that server (its blocks waiting on it run), or not. */
  resolveServer(allow: boolean): Promise<void>;
  /** A workbook the last visit began to open and never finished (it froze or crashed the tab): not opened again by itself. */
  unopened?: { id: string; title: string };
  /** The answer to unopened: open it after all, or delete it. */
  resolveUnopened(open: boolean): Promise<void>;
  /** Where a SQL block runs: auto, browser or server. */
  setRunOn(id: BlockId, runOn: RunOn): void;
  /** Copies a block's table to the connected server (as Parquet, with progress on the block). */
  pushToServer(id: BlockId): Promise<void>;
  /** Adds a SQL block over a server table: a look at it (on the server), or all of it pulled into the browser. */
  addServerQuery(table: string, pull: boolean): BlockId;
}

const SAVE_DELAY_MS = 200;

// Outside the store: not state a person edits, and not serializable.
const files = new Map<BlockId, File>(); // dropped files behind table blocks
const history = new History<WorkbookDocument>();
const analyses = new Map<string, SqlAnalysis>(); // SQL text → what it reads
const trash = new Map<BlockId, { table: string; run: BlockRun }>(); // removed blocks' tables, for undo
const notRunYet = new Set<BlockId>(); // new SQL blocks: they run when the person runs them
// What a table-like block's rows were last computed from: when only its formula columns change,
// its rows are not computed again (a 3M-row file is not read again for a new column).
const dataKeys = new Map<BlockId, string>();
const fileVersions = new Map<BlockId, number>(); // bumps when a table's file is dropped again
const sheetValues = new Map<BlockId, Map<string, Scalar>>(); // sheets' values, for other sheets' formulas
let graph: Graph = buildGraph(createDocument(), () => undefined);
// A workbook opened from a link: the hosts the person allowed (undefined: the person's own, any host).
let allowedHosts: string[] | undefined;
// Which servers the open workbook may use: a workbook from a link, none until the person agrees.
let serverAccess: ServerAccess = OWN;
const placeholders = new Map<BlockId, share.MissingTable>(); // files a link described but did not carry
const pushed = new Map<BlockId, number>(); // tables the server has a copy of, at the revision pushed
// A link waiting for consent; `servers`: the server a published link loads from, allowed with its host.
let pendingBundle: { bundle: share.ShareBundle; applied: string[]; servers?: string[] } | undefined;
let pendingPublished: { ref: PublishedRef; params: URLSearchParams } | undefined; // a published link waiting for consent
let noticeId = 0;
let runSeq = 0; // run ids, for data-run: a test waits for the run its action started

export const useWorkbook = create<WorkbookState>()((set, get) => {
  // Run updates are applied once per frame: a chain of fast blocks must not wait for React to
  // render each of its steps (that cost ~100 ms per block when every patch rendered at once).
  // A frame applies the runs of at most this many blocks: each one renders its block, and the
  // 500 cells of a big workbook finishing together made one 200 ms task.
  const RUNS_PER_FRAME = 64;
  const pending = new Map<BlockId, Partial<BlockRun>>();
  let flushScheduled = false;
  /** Applies pending run updates: all of them, or (from a frame) the first RUNS_PER_FRAME. */
  const flushRuns = (limit = Infinity) => {
    flushScheduled = false;
    if (pending.size === 0) return;
    const patches = [...pending].slice(0, limit);
    for (const [id] of patches) pending.delete(id);
    if (pending.size > 0) scheduleFlush();
    set((s) => {
      const runs = { ...s.runs };
      for (const [id, patch] of patches) if (selectBlock(s, id)) runs[id] = { ...(runs[id] ?? IDLE), ...patch };
      return { runs };
    });
  };
  function scheduleFlush() {
    if (flushScheduled) return;
    flushScheduled = true;
    // Whichever comes first: the next frame, or 50 ms (frames stop in a hidden tab).
    const timer = setTimeout(() => flushRuns(RUNS_PER_FRAME), 50);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => (clearTimeout(timer), flushRuns(RUNS_PER_FRAME)));
  }
  const patchRun = (id: BlockId, patch: Partial<BlockRun>) => {
    pending.set(id, { ...pending.get(id), ...patch });
    scheduleFlush();
  };
  /** The run as it will be once pending updates land. */
  const runOf = (id: BlockId): BlockRun => ({ ...(get().runs[id] ?? IDLE), ...pending.get(id) });
  const nextRevision = (id: BlockId) => runOf(id).revision + 1;
  const notify = (message: string, tone?: 'info') => set((s) => ({ notices: [...s.notices, { id: ++noticeId, message, ...(tone ? { tone } : {}) }] }));
  const nameOf = (id: BlockId) => findBlock(get().doc, id)?.name ?? 'an input';

  // ---- running blocks

  const scheduler = new Scheduler(
    (id, signal) => runOne(id, signal),
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
    (id) => new BlockFailure({ kind: 'sql', message: describeCycle(get().doc, graph.cycles.get(id) ?? [id]) }),
  );

  const runOne = createBlockRunners({
    doc: () => get().doc,
    workbookId: () => get().workbookId,
    runOf,
    patchRun,
    graph: () => graph,
    analyses,
    files,
    fileVersions,
    dataKeys,
    sheetValues,
    placeholders,
    pushed,
    remote: () => (mayUseServer(serverAccess, useServer.getState().url) ? getRemote() : undefined),
    unallowedServer: () => {
      const url = useServer.getState().url;
      return getRemote() && url && !mayUseServer(serverAccess, url) ? url : undefined;
    },
  });

  /** The graph of `doc`, parsing any SQL text not parsed yet (DuckDB's parser, in the worker). */
  async function graphOf(doc: WorkbookDocument): Promise<Graph> {
    const engine = await getEngine();
    const unparsed = [...new Set(doc.blocks.filter(isSqlBlock).map((b) => b.sql))].filter((sql) => !analyses.has(sql));
    await Promise.all(
      unparsed.map(async (sql) => analyses.set(sql, await engine.analyze(sql).catch(() => ({ tables: [], params: [], exact: false, identifiers: [] })))),
    );
    return buildGraph(doc, (b) => (isSqlBlock(b) ? analyses.get(b.sql) : undefined));
  }

  /** A table now exists that may not have before: parses that could not bind get another try. */
  function forgetGuesses() {
    for (const [sql, analysis] of analyses) if (!analysis.exact) analyses.delete(sql);
  }

  // ---- edits: every change to the document goes through commit

  let reconciling: Promise<void> = Promise.resolve();

  /**
   * Makes `next` the document, records the step for undo, saves it, and brings DuckDB and the
   * runs in line with it. `run` says which edits re-run: SQL text typed in the editor does not
   * (Run does); everything else does.
   */
  function commit(next: WorkbookDocument, options: { coalesce?: string; record?: boolean; runSqlEdits?: boolean } = {}): Promise<void> {
    const prev = get().doc;
    if (next === prev) return reconciling;
    if (options.record !== false) history.record(prev, options.coalesce);
    set({ doc: next, canUndo: history.canUndo, canRedo: history.canRedo });
    markQueued(prev, next, options.runSqlEdits ?? true);
    scheduleSave();
    reconciling = reconciling.then(() => reconcile(prev, next, options.runSqlEdits ?? true)).catch((e: unknown) => notify(messageOf(e)));
    return reconciling;
  }

  async function reconcile(prev: WorkbookDocument, next: WorkbookDocument, runSqlEdits: boolean): Promise<void> {
    const engine = await getEngine();
    const before = new Map(prev.blocks.map((b) => [b.id, b]));
    const after = new Map(next.blocks.map((b) => [b.id, b]));
    const changed = new Set<BlockId>();
    const restored: BlockId[] = [];

    // Runs of removed and added blocks change in one store update, not one per block: each
    // update renders every block's view, and a workbook of 500 blocks opened in O(blocks²).
    const removedRuns = new Set<BlockId>();
    const addedRuns = new Map<BlockId, BlockRun>();
    for (const b of prev.blocks) {
      if (after.has(b.id)) continue;
      scheduler.forget(b.id);
      removedRuns.add(b.id);
      if (isRelationBlock(b)) {
        flushRuns();
        const run = runOf(b.id);
        // Keep the table aside, so undo brings the block back with its result.
        const table = `__cellar_trash_${b.id}`;
        await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
        const moved = await engine.renameTable(b.name, table).then(() => true, () => false);
        if (moved) trash.set(b.id, { table, run });
      }
    }
    for (const b of next.blocks) {
      const old = before.get(b.id);
      if (!old) {
        const kept = trash.get(b.id);
        trash.delete(b.id);
        if (kept && isRelationBlock(b) && (await engine.renameTable(kept.table, b.name).then(() => true, () => false))) {
          addedRuns.set(b.id, { ...kept.run, revision: kept.run.revision + 1 });
          restored.push(b.id);
        } else {
          addedRuns.set(b.id, IDLE);
          if (!notRunYet.delete(b.id)) changed.add(b.id);
        }
        continue;
      }
      if (old.name !== b.name && isRelationBlock(b)) {
        await engine.renameTable(old.name, b.name).catch(() => changed.add(b.id));
        patchRun(b.id, { revision: nextRevision(b.id) });
        // A chart's own table is a view that names its source: it is made again under the new name.
        for (const c of next.blocks) if (c.kind === 'chart' && c.source === b.id) changed.add(c.id);
      }
    }
    if (removedRuns.size > 0 || addedRuns.size > 0) {
      flushRuns();
      set((s) => {
        const runs = { ...s.runs };
        for (const id of removedRuns) delete runs[id];
        for (const [id, run] of addedRuns) runs[id] = run === IDLE ? (s.runs[id] ?? IDLE) : run;
        return { runs };
      });
    }
    for (const id of editedBlocks(prev, next, runSqlEdits)) changed.add(id);
    graph = await graphOf(get().doc);
    // Readers that failed while a restored block was gone run again; the others' results still hold.
    for (const id of restored) for (const reader of graph.downstream.get(id) ?? []) if (runOf(reader).status !== 'ok') changed.add(reader);
    if (changed.size > 0) void scheduler.schedule(graph, [...changed].filter((id) => after.has(id)));
  }

  /** Marks what an edit will re-run as queued right away, before parsing and scheduling. */
  function markQueued(prev: WorkbookDocument, next: WorkbookDocument, runSqlEdits: boolean) {
    const edited = editedBlocks(prev, next, runSqlEdits);
    if (edited.length === 0) return;
    const queued = downstreamOf(graph, edited).filter((id) => next.blocks.some((b) => b.id === id));
    for (const id of queued) patchRun(id, { status: 'stale', queued: true });
    flushRuns();
  }

  const edit = (fn: (doc: WorkbookDocument) => WorkbookDocument, options?: Parameters<typeof commit>[1]) => commit(fn(get().doc), options);
  const mapBlock = (id: BlockId, fn: (b: Block) => Block) => (doc: WorkbookDocument) => ({ ...doc, blocks: doc.blocks.map((b) => (b.id === id ? fn(b) : b)) });
  const takenNames = () => get().doc.blocks.map((b) => b.name);
  const appendBlocks = (blocks: Block[]) => edit((doc) => ({ ...doc, blocks: [...doc.blocks, ...blocks] }));

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
    const record: storage.WorkbookRecord = {
      id: workbookId,
      title: doc.title,
      updatedAt: Date.now(),
      doc,
      ...(allowedHosts ? { allowedHosts } : {}),
      ...(serverAccess.kind === 'linked' ? { allowedServers: [...serverAccess.allowed] } : {}),
      ...(placeholders.size ? { placeholders: [...placeholders.values()] } : {}),
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

  /** Closes the open workbook's runs and tables and opens `doc` in their place. */
  async function open(workbookId: string, doc: WorkbookDocument, from: { allowedHosts?: string[]; allowedServers?: string[]; placeholders?: share.MissingTable[]; files?: Map<BlockId, File> } = {}): Promise<void> {
    const current = get().doc;
    scheduler.cancel(current.blocks.map((b) => b.id));
    const engine = await getEngine();
    for (const b of current.blocks) {
      if (!isRelationBlock(b)) continue;
      for (const name of [b.name, gridViewName(b.id), baseTableName(b.id)]) await engine.dropTable(name).catch(() => undefined);
    }
    for (const [id, { table }] of trash) {
      for (const name of [table, gridViewName(id), baseTableName(id)]) await engine.dropTable(name).catch(() => undefined);
    }
    trash.clear();
    dataKeys.clear();
    sheetValues.clear();
    files.clear();
    for (const [id, file] of from.files ?? []) files.set(id, file);
    placeholders.clear();
    for (const m of from.placeholders ?? []) placeholders.set(m.blockId, m);
    allowedHosts = from.allowedHosts;
    // A workbook from a link (it has allowed hosts, even none) uses only the servers allowed for it.
    serverAccess = allowedHosts ? { kind: 'linked', allowed: from.allowedServers ?? [] } : OWN;
    set({ pendingServer: undefined });
    engine.setNetworkPolicy(allowedHosts ?? 'any');
    history.clear();
    storage.currentWorkbook.set(workbookId);
    openGuard.begin(workbookId);
    set({ workbookId, doc: createDocument(doc.title), runs: {}, canUndo: false, canRedo: false });
    await commit(doc, { record: false });
    void useServer.getState().refreshTables(); // the server's tables of this workbook
    // Opened once its blocks have run (or the page is left): only a visit that froze or crashed keeps it marked.
    void waitFor(doc.blocks.map((b) => b.id)).then(() => openGuard.end(workbookId));
    void storage.deleteFiles(workbookId, new Set(doc.blocks.filter(isTableBlock).map((b) => b.id))).catch(() => undefined);
  }

  const newId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  // Each request to the server is for the open workbook: it reads and writes that workbook's namespace there.
  setServerWorkbook(() => get().workbookId);

  // A server that answers again: the blocks that failed to reach it run again.
  onServerBack(() => {
    const failed = get().doc.blocks.filter((b) => runOf(b.id).error?.kind === 'unreachable').map((b) => b.id);
    if (failed.length) void scheduler.schedule(graph, failed);
  });


  return {
    workbookId: newId(),
    doc: createDocument(),
    runs: {},
    notices: [],
    workbooks: [],
    canUndo: false,
    canRedo: false,

    async init() {
      storage.askForPersistentStorage();
      let workbooks: storage.WorkbookMeta[] = [];
      try {
        workbooks = await storage.listWorkbooks();
      } catch (e) {
        notify(`Workbooks cannot be kept in this browser: ${messageOf(e)}`);
      }
      set({ workbooks });
      const id = storage.currentWorkbook.get() ?? workbooks[0]?.id;
      const record = id ? await storage.loadWorkbook(id).catch(() => undefined) : undefined;
      if (!record) storage.currentWorkbook.set(get().workbookId);
      else if (openGuard.unfinished() === record.id) {
        // It froze or crashed the tab last time: opening it again by itself would do it again.
        storage.currentWorkbook.set(get().workbookId);
        set({ unopened: { id: record.id, title: record.title } });
      } else {
        try {
          await open(record.id, readDocument(record.doc), record);
        } catch (e) {
          notify(`The last workbook could not be opened: ${messageOf(e)}`);
        }
      }
      const link = typeof window === 'undefined' ? undefined : linkInLocation(window.location);
      if (link) {
        forgetLinkInLocation();
        if (link.payload) await get().openLink(link.payload, link.params);
        else if (link.published === 'invalid') notify('This link could not be opened; nothing was changed. It is not a published Cellar workbook: it is damaged.');
        else if (link.published) await openPublished(link.published, link.params);
      }
    },

    async addFiles(list) {
      const blocks: TableBlock[] = [];
      const refilled: BlockId[] = [];
      for (const file of list) {
        // The file a table is waiting for (after an import, or a lost copy) fills that table.
        const waiting = get().doc.blocks.find(
          (b): b is TableBlock => isTableBlock(b) && b.source.kind === 'file' && b.source.fileName === file.name && !files.has(b.id) && runOf(b.id).status === 'error',
        );
        if (waiting) {
          files.set(waiting.id, file);
          placeholders.delete(waiting.id);
          fileVersions.set(waiting.id, (fileVersions.get(waiting.id) ?? 0) + 1);
          void storage.keepFile(get().workbookId, waiting.id, file).catch(() => undefined);
          refilled.push(waiting.id);
          continue;
        }
        let format;
        try {
          format = formatFromName(file.name);
        } catch (e) {
          notify(messageOf(e));
          continue;
        }
        const b: TableBlock = {
          id: createBlockId(),
          kind: 'table',
          name: uniqueName(tableNameFromFile(file.name), [...takenNames(), ...blocks.map((x) => x.name)]),
          source: { kind: 'file', fileName: file.name, format, size: file.size },
        };
        files.set(b.id, file);
        blocks.push(b);
      }
      if (refilled.length > 0) {
        for (const id of refilled) patchRun(id, { status: 'stale', queued: true });
        flushRuns();
        await reconciling;
        void scheduler.schedule(graph, refilled);
      }
      if (blocks.length === 0) return waitFor(refilled);
      const workbookId = get().workbookId;
      for (const b of blocks) {
        void storage.keepFile(workbookId, b.id, files.get(b.id)!).catch((e: unknown) => notify(`${b.source.kind === 'file' ? b.source.fileName : b.name} will not survive a reload: ${messageOf(e)}`));
      }
      await appendBlocks(blocks);
      await waitFor([...refilled, ...blocks.map((b) => b.id)]);
    },

    async addUrl(url) {
      let format;
      try {
        format = formatFromName(new URL(url).pathname);
      } catch (e) {
        notify(isEngineError(e) ? e.message : `${url} is not a valid URL.`);
        return;
      }
      const b: TableBlock = { id: createBlockId(), kind: 'table', name: uniqueName(tableNameFromUrl(url), takenNames()), source: { kind: 'url', url, format } };
      await appendBlocks([b]);
      await waitFor([b.id]);
    },

    addSqlBlock(sql) {
      const tables = get().doc.blocks.filter(isRelationBlock);
      const b: SqlBlock = {
        id: createBlockId(),
        kind: 'sql',
        name: nextName('query', takenNames()),
        sql: sql ?? (tables.length > 0 ? `SELECT * FROM ${quoteIdent(tables[tables.length - 1]!.name)} LIMIT 100` : 'SELECT 42 AS answer'),
      };
      notRunYet.add(b.id);
      void appendBlocks([b]);
      return b.id;
    },

    addCell(control = { type: 'value' }, value = null) {
      const b: CellBlock = { id: createBlockId(), kind: 'cell', name: nextName('cell', takenNames()), control, value: value ?? valueForControl(control, null) };
      void appendBlocks([b]);
      return b.id;
    },

    setSql(id, sql) {
      void edit(mapBlock(id, (b) => (isSqlBlock(b) ? { ...b, sql } : b)), { coalesce: `sql:${id}`, runSqlEdits: false });
    },

    setCellValue(id, value) {
      void edit(mapBlock(id, (b) => (isCellBlock(b) ? { ...b, value } : b)), { coalesce: `cell:${id}` });
    },

    setCellControl(id, control) {
      void edit(mapBlock(id, (b) => (isCellBlock(b) ? { ...b, control, value: valueForControl(control, b.value) } : b)));
    },

    addFormulaColumn(id, column) {
      const b = findBlock(get().doc, id);
      if (!b || (b.kind !== 'table' && b.kind !== 'sql')) return 'Formula columns go on tables and SQL blocks.';
      const why = formulaColumnProblem(column, [...(runOf(id).columns ?? []).map((c) => c.name)]);
      if (why) return why;
      void edit(mapBlock(id, (x) => (x.kind === 'table' || x.kind === 'sql' ? { ...x, formulaColumns: [...(x.formulaColumns ?? []), column] } : x)));
      return undefined;
    },

    updateFormulaColumn(id, name, column) {
      const b = findBlock(get().doc, id);
      if (!b || (b.kind !== 'table' && b.kind !== 'sql')) return 'Formula columns go on tables and SQL blocks.';
      const others = (runOf(id).columns ?? []).map((c) => c.name).filter((n) => n !== name);
      const why = formulaColumnProblem(column, others);
      if (why) return why;
      void edit(mapBlock(id, (x) => (x.kind === 'table' || x.kind === 'sql' ? { ...x, formulaColumns: (x.formulaColumns ?? []).map((c) => (c.name === name ? column : c)) } : x)), { coalesce: `formula:${id}:${name}` });
      return undefined;
    },

    removeFormulaColumn(id, name) {
      void edit(
        mapBlock(id, (x) => {
          if (x.kind !== 'table' && x.kind !== 'sql') return x;
          const rest = (x.formulaColumns ?? []).filter((c) => c.name !== name);
          const { formulaColumns: _old, ...plain } = x;
          return rest.length > 0 ? { ...x, formulaColumns: rest } : plain;
        }),
      );
    },

    addSheet(cells = {}) {
      const b: SheetBlock = { id: createBlockId(), kind: 'sheet', name: nextName('sheet', takenNames()), cells };
      void appendBlocks([b]);
      return b.id;
    },

    setSheetCells(id, updates) {
      void edit(
        mapBlock(id, (b) => {
          if (b.kind !== 'sheet') return b;
          const cells = { ...b.cells };
          for (const [key, text] of Object.entries(updates)) {
            if (text === null || text === '') delete cells[key];
            else cells[key] = text;
          }
          return { ...b, cells };
        }),
      );
    },

    setGridView(id, grid) {
      const b = findBlock(get().doc, id);
      if (!b || (b.kind !== 'table' && b.kind !== 'sql') || JSON.stringify(b.grid) === JSON.stringify(grid)) return;
      void edit(mapBlock(id, (x) => {
        if (x.kind !== 'table' && x.kind !== 'sql') return x;
        const { grid: _old, ...plain } = x;
        return grid ? { ...plain, grid } : plain;
      }), { coalesce: `grid:${id}` });
    },

    addPivot(source) {
      const from = findBlock(get().doc, source);
      const columns = runOf(source).columns ?? [];
      const firstText = columns.find((c) => /^VARCHAR/i.test(c.type)) ?? columns[0];
      const b: PivotBlock = {
        id: createBlockId(),
        kind: 'pivot',
        name: uniqueName(`${from?.name ?? 'table'}_pivot`, takenNames()),
        source,
        rows: firstText ? [firstText.name] : [],
        columns: [],
        values: [{ aggregate: 'count' }],
      };
      const i = get().doc.blocks.findIndex((x) => x.id === source);
      void edit((d) => ({ ...d, blocks: [...d.blocks.slice(0, i + 1), b, ...d.blocks.slice(i + 1)] }));
      return b.id;
    },

    setPivot(id, patch) {
      void edit(mapBlock(id, (b) => (b.kind === 'pivot' ? { ...b, ...patch } : b)));
    },

    async addChart(source) {
      const from = findBlock(get().doc, source);
      const b: ChartBlock = {
        id: createBlockId(),
        kind: 'chart',
        name: uniqueName(`${from?.name ?? 'table'}_chart`, takenNames()),
        source,
        spec: await suggestFor(source),
      };
      const i = get().doc.blocks.findIndex((x) => x.id === source);
      void edit((d) => ({ ...d, blocks: [...d.blocks.slice(0, i + 1), b, ...d.blocks.slice(i + 1)] }));
      return b.id;
    },

    async setChartSource(id, source) {
      const spec = await suggestFor(source);
      void edit(mapBlock(id, (b) => (b.kind === 'chart' ? { ...b, source, spec, selection: undefined } : b)));
    },

    setChartSpec(id, spec) {
      void edit(mapBlock(id, (b) => (b.kind === 'chart' ? { ...b, spec, selection: undefined } : b)), { coalesce: `chart-spec:${id}` });
    },

    setChartSelect(id, select) {
      void edit(mapBlock(id, (b) => (b.kind === 'chart' ? { ...b, select, selection: undefined } : b)));
    },

    setChartSelection(id, selection) {
      const b = findBlock(get().doc, id);
      if (b?.kind !== 'chart' || JSON.stringify(b.selection) === JSON.stringify(selection)) return;
      void edit(mapBlock(id, (x) => (x.kind === 'chart' ? { ...x, selection } : x)), { coalesce: `chart-selection:${id}` });
    },

    async renameBlock(id, name) {
      const doc = get().doc;
      const b = findBlock(doc, id);
      if (!b || b.name === name) return undefined;
      const why = invalidName(doc, id, name);
      if (why) return why;
      const next = await renameInDocument(await getEngine(), doc, id, name);
      if (get().doc !== doc) return 'The workbook changed while renaming; try again.';
      await commit(next, { runSqlEdits: false });
      return undefined;
    },

    moveBlock(id, delta) {
      void edit((doc) => {
        const i = doc.blocks.findIndex((b) => b.id === id);
        const j = Math.max(0, Math.min(doc.blocks.length - 1, i + delta));
        if (i < 0 || i === j) return doc;
        const blocks = [...doc.blocks];
        blocks.splice(j, 0, ...blocks.splice(i, 1));
        return { ...doc, blocks };
      });
    },

    toggleCollapsed(id) {
      void edit(mapBlock(id, (b) => ({ ...b, collapsed: !b.collapsed })));
    },

    duplicateBlock(id) {
      const doc = get().doc;
      const b = findBlock(doc, id);
      if (!b) return undefined;
      const copy = { ...structuredClone(b), id: createBlockId(), name: uniqueName(`${b.name}_copy`, takenNames()) } as Block;
      const file = files.get(id);
      if (file) {
        files.set(copy.id, file);
        void storage.keepFile(get().workbookId, copy.id, file).catch(() => undefined);
      }
      const i = doc.blocks.findIndex((x) => x.id === id);
      void edit((d) => ({ ...d, blocks: [...d.blocks.slice(0, i + 1), copy, ...d.blocks.slice(i + 1)] }));
      return copy.id;
    },

    removeBlock(id) {
      void edit((doc) => ({ ...doc, blocks: doc.blocks.filter((b) => b.id !== id) }));
    },

    async runBlock(id) {
      dataKeys.delete(id); // Run means run: the rows are computed again, not reused
      patchRun(id, { status: 'stale', queued: true });
      flushRuns(); // at once, so nobody reads the last result as this run's
      await reconciling;
      graph = await graphOf(get().doc);
      await scheduler.schedule(graph, [id]);
    },

    cancelBlock(id) {
      scheduler.cancel(downstreamOf(graph, [id]).filter((x) => scheduler.isActive(x)));
    },

    async readLeniently(id) {
      await edit(mapBlock(id, (b) => (isTableBlock(b) ? { ...b, lenient: true } : b)));
      await waitFor([id]);
    },

    async setReadOptions(id, options) {
      await edit(mapBlock(id, (b) => (isTableBlock(b) ? withReadOptions(b, options) : b)));
      await waitFor([id]);
    },

    async undo() {
      const prev = history.undo(get().doc);
      if (prev) await commit(prev, { record: false });
      set({ canUndo: history.canUndo, canRedo: history.canRedo });
    },

    async redo() {
      const next = history.redo(get().doc);
      if (next) await commit(next, { record: false });
      set({ canUndo: history.canUndo, canRedo: history.canRedo });
    },

    async newWorkbook() {
      await save();
      await open(newId(), createDocument(nextTitle(get().workbooks.map((w) => w.title))));
      await save();
    },

    async openWorkbook(id) {
      if (id === get().workbookId) return;
      await save();
      const record = await storage.loadWorkbook(id);
      if (!record) return notify('That workbook is gone.');
      try {
        await open(id, readDocument(record.doc), record);
      } catch (e) {
        notify(messageOf(e));
      }
      offerServerReview();
    },

    renameWorkbook(title) {
      const clean = title.trim() || 'Untitled workbook';
      void edit((doc) => ({ ...doc, title: clean }));
    },

    async deleteWorkbook(id) {
      const current = id === get().workbookId;
      if (current) {
        clearTimeout(saveTimer); // nothing of it may be written again
        saveTimer = undefined;
        await saving;
      }
      await storage.deleteWorkbook(id);
      set((s) => ({ workbooks: s.workbooks.filter((w) => w.id !== id) }));
      if (!current) return;
      const other = get().workbooks[0];
      const record = other && (await storage.loadWorkbook(other.id).catch(() => undefined));
      let doc = createDocument();
      try {
        if (record) doc = readDocument(record.doc);
      } catch (e) {
        notify(messageOf(e));
      }
      await open(record ? record.id : newId(), doc);
      if (!record) await save();
    },

    exportWorkbook() {
      return JSON.stringify(get().doc, null, 2);
    },

    async importWorkbook(text) {
      let doc: WorkbookDocument;
      try {
        doc = readDocument(text);
      } catch (e) {
        return notify(`Cannot import: ${messageOf(e)}`);
      }
      await save();
      await open(newId(), doc);
      await save();
    },

    dismissNotice(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },

    async shareLink() {
      await reconciling;
      const { doc, workbookId, runs } = get();
      return buildShareLink({ doc, workbookId, files, runs, base: window.location.href });
    },

    async publish(onProgress) {
      const remote = getRemote();
      const { url, token, readOnly, status } = useServer.getState();
      if (!remote || !url || !token || status !== 'connected') throw new Error('Connect to a server first (Server, in the toolbar).');
      if (readOnly) throw new Error('This server token is read-only: publishing needs the server\'s own token.');
      await reconciling;
      const engine = await getEngine();
      const blocks: Block[] = [];
      for (const b of get().doc.blocks) {
        if (!isTableBlock(b) || b.source.kind !== 'file') {
          blocks.push(b);
          continue;
        }
        onProgress?.(`Uploading ${b.name}…`);
        await pushTable(engine, remote, b.name, { replace: true });
        blocks.push({ ...b, source: { kind: 'server', table: b.name, format: b.source.format, fileName: b.source.fileName } });
      }
      onProgress?.('Saving the workbook on the server…');
      const id = await storeDocument(url, token, { ...get().doc, blocks }, get().workbookId);
      const readToken = await createReadToken(url, token, get().workbookId);
      return publishedLink(window.location.href, { url, id, token: readToken });
    },

    async openLink(payload, params = new URLSearchParams()) {
      let bundle: share.ShareBundle;
      try {
        bundle = share.decodeShareLink(payload);
      } catch (e) {
        return notify(`This link could not be opened; nothing was changed. ${messageOf(e)}`);
      }
      const { doc, applied } = share.applyLinkParams(bundle.doc, params);
      bundle = { ...bundle, doc };
      const hosts = share.externalHosts(doc, window.location.origin);
      if (hosts.length === 0) return importLink({ bundle, applied }, []);
      pendingBundle = { bundle, applied };
      set({ pendingLink: { title: doc.title, hosts } });
    },

    async resolveLink(allow) {
      const pending = pendingBundle;
      const waiting = pendingPublished;
      const hosts = get().pendingLink?.hosts ?? [];
      pendingBundle = undefined;
      pendingPublished = undefined;
      set({ pendingLink: undefined });
      if (pending) await importLink(pending, allow ? hosts : [], allow ? pending.servers : []);
      else if (waiting && allow) await loadPublished(waiting.ref, waiting.params);
      else if (waiting) notify('The published workbook was not opened: nothing was fetched from its server.', 'info');
    },

    setRunOn(id, runOn) {
      void edit(mapBlock(id, (b) => (isSqlBlock(b) ? (runOn === 'auto' ? (({ runOn: _r, ...rest }) => rest)(b) : { ...b, runOn }) : b)));
    },

    async pushToServer(id) {
      const remote = getRemote();
      const b = findBlock(get().doc, id);
      if (!remote || !b || !isRelationBlock(b)) return;
      const engine = await getEngine();
      try {
        await pushTable(engine, remote, b.name, { replace: true, onProgress: (progress) => patchRun(id, { progress }) });
        pushed.set(id, runOf(id).revision);
        patchRun(id, { progress: undefined });
        notify(`${b.name} is on the server now: SQL blocks there read it by that name.`, 'info');
        await useServer.getState().refreshTables();
      } catch (e) {
        patchRun(id, { progress: undefined });
        notify(`${b.name} could not be pushed to the server: ${messageOf(e)}`);
      }
    },

    addServerQuery(table, pull) {
      const sql = pull ? `SELECT * FROM ${quoteIdent(table)}` : `SELECT * FROM ${quoteIdent(table)} LIMIT 1000`;
      const b: SqlBlock = { id: createBlockId(), kind: 'sql', name: nextName(pull ? table : 'query', takenNames()), sql, ...(pull ? { runOn: 'browser' as const } : {}) };
      void appendBlocks([b]);
      return b.id;
    },

    reviewServer() {
      const url = useServer.getState().url;
      if (!url || mayUseServer(serverAccess, url)) return;
      set({ pendingServer: { url, wants: serverWants(get().doc, analyses, useServer.getState().tables) } });
    },

    async resolveServer(allow) {
      const pending = get().pendingServer;
      set({ pendingServer: undefined });
      if (!pending || !allow || serverAccess.kind !== 'linked') return;
      serverAccess = { kind: 'linked', allowed: [...serverAccess.allowed, pending.url] };
      const waiting = get().doc.blocks.filter((b) => runOf(b.id).error?.kind === 'consent').map((b) => b.id);
      for (const id of waiting) patchRun(id, { status: 'stale', queued: true });
      flushRuns();
      await save();
      if (waiting.length) void scheduler.schedule(graph, waiting);
    },

    async resolveUnopened(openIt) {
      const unopened = get().unopened;
      set({ unopened: undefined });
      if (!unopened) return;
      openGuard.end(unopened.id);
      if (openIt) await get().openWorkbook(unopened.id);
      else await get().deleteWorkbook(unopened.id);
    },

    async allowHost(host) {
      if (!allowedHosts || allowedHosts.includes(host)) return;
      allowedHosts = [...allowedHosts, host];
      const blocked = get().doc.blocks.filter((b) => runOf(b.id).status === 'error' && runOf(b.id).error?.message.includes(`${host} is not among the hosts`));
      // Shown as queued at once: the block's old error is not this answer's result.
      for (const b of blocked) patchRun(b.id, { status: 'stale', queued: true });
      flushRuns();
      (await getEngine()).setNetworkPolicy(allowedHosts);
      await save();
      if (blocked.length) void scheduler.schedule(graph, blocked.map((b) => b.id));
    },
  };

  /** A published workbook lives on a server: the person agrees to that host before anything is fetched. */
  async function openPublished(ref: PublishedRef, params: URLSearchParams): Promise<void> {
    pendingPublished = { ref, params };
    set({ pendingLink: { title: 'A published workbook', hosts: [new URL(ref.url).host] } });
  }

  /** Connects to the published workbook's server (its read-only token), reads the workbook, opens it. */
  async function loadPublished(ref: PublishedRef, params: URLSearchParams): Promise<void> {
    let doc: WorkbookDocument;
    try {
      await useServer.getState().connect(ref.url, ref.token);
      doc = readDocument(await loadDocument(ref.url, ref.token, ref.id));
    } catch (e) {
      return notify(`This published workbook could not be opened; nothing was changed. ${messageOf(e)}`);
    }
    const applied = share.applyLinkParams(doc, params);
    const serverHost = new URL(ref.url).host;
    const others = share.externalHosts(applied.doc, window.location.origin).filter((h) => h !== serverHost);
    const bundle = { doc: applied.doc, files: [], missing: [] };
    // The person agreed to its server: the workbook may read from it (with the link's read-only token).
    const servers = [useServer.getState().url ?? ref.url];
    if (others.length === 0) return importLink({ bundle, applied: applied.applied }, [serverHost], servers);
    // Its own URL tables or SQL name other hosts: those are asked about too.
    pendingBundle = { bundle, applied: applied.applied, servers };
    set({ pendingLink: { title: doc.title, hosts: [serverHost, ...others] } });
  }

  /** Opens a link's workbook as a new one: its files kept like dropped ones, fetching only from `hosts`. */
  async function importLink({ bundle, applied }: { bundle: share.ShareBundle; applied: string[] }, hosts: string[], allowedServers: string[] = []): Promise<void> {
    // The open workbook is kept, unless it is the empty one a first visit starts with.
    const { doc, workbookId, workbooks } = get();
    if (doc.blocks.length > 0 || workbooks.some((w) => w.id === workbookId)) await save();
    const id = newId();
    const linkFiles = filesOf(bundle);
    for (const [blockId, file] of linkFiles) void storage.keepFile(id, blockId, file).catch(() => undefined);
    await open(id, bundle.doc, { allowedHosts: hosts, allowedServers, placeholders: bundle.missing, files: linkFiles });
    await save();
    offerServerReview();
    if (applied.length) notify(`Opened from a link with ${applied.join(', ')} set by the link.`, 'info');
  }

  /** A workbook from a link that asks for the connected server shows what it would do there, once it has opened. */
  function offerServerReview() {
    if (serverAccess.kind !== 'linked' || !getRemote()) return;
    void waitFor(get().doc.blocks.map((b) => b.id)).then(() => {
      if (get().doc.blocks.some((b) => runOf(b.id).error?.kind === 'consent')) get().reviewServer();
    });
  }

  /** A first chart for a block: from its column types, and the span of its first time column. */
  async function suggestFor(source: BlockId): Promise<ChartSpec> {
    const columns = runOf(source).columns ?? [];
    const time = suggestedTimeColumn(columns);
    const name = findBlock(get().doc, source)?.name;
    let span: number | undefined;
    if (time && name) {
      const c = quoteIdent(time.name);
      const sql = `SELECT datediff('day', CAST(min(${c}) AS TIMESTAMP), CAST(max(${c}) AS TIMESTAMP)) AS d FROM ${quoteIdent(name)}`;
      span = await getEngine()
        .then((engine) => engine.query(sql))
        .then((t) => Number(t.getChildAt(0)?.get(0) ?? 0), () => undefined);
    }
    return suggestChart(columns, span);
  }

  /** Resolves when none of `ids` has a run going. */
  async function waitFor(ids: BlockId[]): Promise<void> {
    await reconciling;
    await scheduler.settled(ids);
  }
});
