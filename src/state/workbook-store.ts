import { create } from 'zustand';
import {
  errorPosition,
  formatFromName,
  isEngineError,
  messageOf,
  quoteIdent,
  type ColumnInfo,
  type DataSource,
  type EngineErrorKind,
  type IngestProgress,
} from '../engine';
import {
  blockStatement,
  countSql,
  createBlockId,
  createDocument,
  isSqlBlock,
  isTableBlock,
  nextName,
  tableNameFromFile,
  tableNameFromUrl,
  uniqueName,
  unwrapErrorLines,
  type Block,
  type BlockId,
  type SqlBlock,
  type TableBlock,
  type WorkbookDocument,
} from '../workbook';
import { getEngine } from './engine';

export type RunStatus = 'idle' | 'running' | 'ok' | 'error' | 'stale';

/** A failure shown on a block: what happened and where. */
export interface BlockError {
  kind: EngineErrorKind;
  message: string;
  /** 0-based offset into the block's SQL. */
  position?: number;
  /** 1-based line of the file that failed to parse. */
  line?: number;
  /** A CSV that DuckDB's lenient read (skipping bad lines) may still read. */
  canReadLeniently?: boolean;
}

/** What running a block produced; derived from the document, never saved. */
export interface BlockRun {
  status: RunStatus;
  error?: BlockError;
  rows?: number;
  columns?: ColumnInfo[];
  ms?: number;
  progress?: IngestProgress;
  /** Bumps whenever the block's table changes, so views over it fetch again. */
  revision: number;
}

/** A message about something that never became a block (an unsupported file). */
export interface Notice {
  id: number;
  message: string;
}

export interface WorkbookState {
  doc: WorkbookDocument;
  runs: Record<BlockId, BlockRun>;
  notices: Notice[];
  addFiles(files: readonly File[]): Promise<void>;
  addUrl(url: string): Promise<void>;
  addSqlBlock(sql?: string): BlockId;
  setSql(id: BlockId, sql: string): void;
  runBlock(id: BlockId): Promise<void>;
  cancelBlock(id: BlockId): void;
  readLeniently(id: BlockId): Promise<void>;
  removeBlock(id: BlockId): Promise<void>;
  dismissNotice(id: number): void;
}

// The dropped files behind table blocks: kept to re-read (leniently) but never in the document.
const files = new Map<BlockId, File>();
const controllers = new Map<BlockId, AbortController>();
let noticeId = 0;

const IDLE: BlockRun = { status: 'idle', revision: 0 };

export const useWorkbook = create<WorkbookState>()((set, get) => {
  const patchRun = (id: BlockId, patch: Partial<BlockRun>) =>
    set((s) => ({ runs: { ...s.runs, [id]: { ...(s.runs[id] ?? IDLE), ...patch } } }));
  const block = (id: BlockId): Block | undefined => get().doc.blocks.find((b) => b.id === id);
  const addBlock = (b: Block) => set((s) => ({ doc: { ...s.doc, blocks: [...s.doc.blocks, b] }, runs: { ...s.runs, [b.id]: IDLE } }));
  const takenNames = () => get().doc.blocks.map((b) => b.name);
  const notify = (message: string) => set((s) => ({ notices: [...s.notices, { id: ++noticeId, message }] }));

  /** Starts a run of a block, cancelling the one before; returns its signal. */
  const startRun = (id: BlockId): AbortSignal => {
    controllers.get(id)?.abort();
    const controller = new AbortController();
    controllers.set(id, controller);
    patchRun(id, { status: 'running', error: undefined, progress: undefined });
    return controller.signal;
  };
  const finishRun = (id: BlockId, signal: AbortSignal, patch: Partial<BlockRun>) => {
    if (controllers.get(id)?.signal !== signal) return; // a newer run owns the block now
    controllers.delete(id);
    patchRun(id, patch);
  };

  const ingestBlock = async (b: TableBlock, source: DataSource) => {
    const signal = startRun(b.id);
    const started = performance.now();
    try {
      const engine = await getEngine();
      await engine.dropTable(b.name);
      const result = await engine.ingest(source, b.name, {
        format: b.source.format,
        lenient: b.lenient,
        signal,
        onProgress: (progress) => patchRun(b.id, { progress }),
      });
      finishRun(b.id, signal, {
        status: 'ok',
        rows: result.rows,
        columns: result.columns,
        ms: performance.now() - started,
        progress: undefined,
        revision: (get().runs[b.id]?.revision ?? 0) + 1,
      });
    } catch (e) {
      finishRun(b.id, signal, {
        status: 'error',
        error: {
          ...blockError(e),
          canReadLeniently: !b.lenient && (b.source.format === 'csv' || b.source.format === 'tsv') && isEngineError(e) && e.kind === 'file',
        },
        ms: performance.now() - started,
        progress: undefined,
      });
    }
  };

  const runSql = async (b: SqlBlock) => {
    const signal = startRun(b.id);
    const started = performance.now();
    const statement = blockStatement(b.name, b.sql);
    try {
      const engine = await getEngine();
      const result = await engine.query(statement.sql, [], { signal });
      const patch: Partial<BlockRun> = { status: 'ok', ms: performance.now() - started };
      if (statement.materializes) {
        const [count, columns] = await Promise.all([
          engine.query(countSql({ table: b.name })),
          engine.describe(b.name),
        ]);
        Object.assign(patch, { rows: Number(count.get(0)?.n ?? 0), columns, revision: (get().runs[b.id]?.revision ?? 0) + 1 });
      } else {
        Object.assign(patch, { rows: result.numRows, columns: undefined });
      }
      finishRun(b.id, signal, patch);
    } catch (e) {
      const error = blockError(e);
      error.message = unwrapErrorLines(error.message, statement.lineOffset);
      error.position = errorPosition(error.message, b.sql);
      finishRun(b.id, signal, { status: error.kind === 'cancelled' ? 'stale' : 'error', error, ms: performance.now() - started });
    }
  };

  return {
    doc: createDocument(),
    runs: {},
    notices: [],

    async addFiles(list) {
      const started: Promise<void>[] = [];
      for (const file of list) {
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
          name: uniqueName(tableNameFromFile(file.name), takenNames()),
          source: { kind: 'file', fileName: file.name, format, size: file.size },
        };
        files.set(b.id, file);
        addBlock(b);
        started.push(ingestBlock(b, { kind: 'file', file }));
      }
      await Promise.all(started);
    },

    async addUrl(url) {
      let format;
      try {
        format = formatFromName(new URL(url).pathname);
      } catch (e) {
        notify(isEngineError(e) ? e.message : `${url} is not a valid URL.`);
        return;
      }
      const b: TableBlock = {
        id: createBlockId(),
        kind: 'table',
        name: uniqueName(tableNameFromUrl(url), takenNames()),
        source: { kind: 'url', url, format },
      };
      addBlock(b);
      await ingestBlock(b, { kind: 'url', url });
    },

    addSqlBlock(sql) {
      const tables = get().doc.blocks.filter(isTableBlock);
      const b: SqlBlock = {
        id: createBlockId(),
        kind: 'sql',
        name: nextName('query', takenNames()),
        sql: sql ?? (tables.length > 0 ? `SELECT * FROM ${quoteIdent(tables[tables.length - 1]!.name)} LIMIT 100` : 'SELECT 42 AS answer'),
      };
      addBlock(b);
      return b.id;
    },

    setSql(id, sql) {
      set((s) => ({ doc: { ...s.doc, blocks: s.doc.blocks.map((b) => (b.id === id && isSqlBlock(b) ? { ...b, sql } : b)) } }));
    },

    async runBlock(id) {
      const b = block(id);
      if (!b) return;
      if (isSqlBlock(b)) return runSql(b);
      const file = files.get(id);
      if (b.source.kind === 'url') return ingestBlock(b, { kind: 'url', url: b.source.url });
      if (file) return ingestBlock(b, { kind: 'file', file });
      patchRun(id, { status: 'error', error: { kind: 'file', message: `Drop ${b.source.fileName} again to load this table.` } });
    },

    cancelBlock(id) {
      controllers.get(id)?.abort();
    },

    async readLeniently(id) {
      set((s) => ({ doc: { ...s.doc, blocks: s.doc.blocks.map((b) => (b.id === id && isTableBlock(b) ? { ...b, lenient: true } : b)) } }));
      await get().runBlock(id);
    },

    async removeBlock(id) {
      const b = block(id);
      if (!b) return;
      controllers.get(id)?.abort();
      files.delete(id);
      set((s) => {
        const runs = { ...s.runs };
        delete runs[id];
        return { doc: { ...s.doc, blocks: s.doc.blocks.filter((x) => x.id !== id) }, runs };
      });
      const engine = await getEngine();
      await engine.dropTable(b.name).catch(() => undefined);
    },

    dismissNotice(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  };
});

function blockError(e: unknown): BlockError {
  if (isEngineError(e)) return { kind: e.kind, message: e.message, position: e.context.position, line: e.context.line };
  return { kind: 'internal', message: messageOf(e) };
}

