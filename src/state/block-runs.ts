import { isEngineError, messageOf, type ColumnInfo, type EngineErrorKind, type IngestProgress, type ReadFix } from '../engine';
import type { CellValue, ChartPlan, CompiledColumn } from '../workbook';
import type { SheetCellView } from './runtime/runners/sheet';

export type RunStatus = 'idle' | 'running' | 'ok' | 'error' | 'stale';

/** A failure shown on a block: what happened and where. */
export interface BlockError {
  /** `consent`: a workbook from a link asked to use a server the person has not allowed. */
  kind: EngineErrorKind | 'formula' | 'consent';
  message: string;
  /** 0-based offset into the block's SQL. */
  position?: number;
  /** 1-based line of the file that failed to parse. */
  line?: number;
  /** A CSV that DuckDB's lenient read (skipping bad lines) may still read. */
  canReadLeniently?: boolean;
  /** For a file: the reads that may work instead, offered as buttons (none when empty). */
  fixes?: ReadFix[];
}

/** What running a block produced; derived from the document, never saved. */
export interface BlockRun {
  status: RunStatus;
  /** The id of the block's latest run: a new one each time a run of it is scheduled. */
  run?: number;
  error?: BlockError;
  /** Waiting for its inputs to finish. */
  queued?: boolean;
  /** The input whose failure keeps this block from running (its name). */
  blockedBy?: string;
  rows?: number;
  columns?: ColumnInfo[];
  ms?: number;
  progress?: IngestProgress;
  /** Bumps whenever the block's table changes, so views over it fetch again. */
  revision: number;
  /** A cell's value. */
  value?: CellValue;
  /** A dropdown cell's options when they come from a query. */
  options?: string[];
  /** A table-like block's formula columns as compiled (their SQL, and errors in the formulas). */
  formulaColumns?: CompiledColumn[];
  /** Formula column → the hidden column of its row errors, in the grid's view. */
  errorColumns?: Record<string, string>;
  /** What the grid reads, when it is not the block's name (a view with the formula columns' errors). */
  gridTable?: string;
  /** A sheet's cells as computed. */
  sheet?: Record<string, SheetCellView>;
  /** The SELECT a pivot or chart runs, for "Show SQL". */
  sql?: string;
  /** A chart's drawing: what Vega-Lite draws and the rows DuckDB computed for it. */
  chart?: ChartView;
  /** Where a SQL block last ran. */
  ranOn?: 'browser' | 'server';
  /** For a run on the server: its time there, and the rows and bytes that came back. */
  served?: { serverMs: number; rows: number; bytes: number };
  /**
   * Where the block's rows are when it did not simply run in the browser: `partial` when the
   * browser holds only the first rows of a server result of `serverRows`.
   */
  where?: { browser: 'full' | 'partial' | 'none'; server: boolean; serverRows?: number };
}

/** A chart as computed: the Vega-Lite spec, its data (aggregated, binned or sampled in SQL), and what that took. */
export interface ChartView {
  vegaLite: Record<string, unknown>;
  values: Record<string, unknown>[];
  /** The rows the chart's source had, when the chart shows a sample of them. */
  sampledFrom?: number;
  /** Set when there were more groups than a chart draws (MAX_POINTS). */
  truncated?: boolean;
  /** Bytes of the Arrow result the page received for it. */
  bytes: number;
  /** The selection the chart offers, if any. */
  select?: ChartPlan['select'];
}

export const IDLE: BlockRun = { status: 'idle', revision: 0 };

/** A failure the runner already turned into what the block shows. */
export class BlockFailure extends Error {
  constructor(readonly blockError: BlockError) {
    super(blockError.message);
  }
}
/** The previous columns when nothing changed, so views keep their column setup (ag-grid rebuilds on a new array). */
export function sameColumns(previous: ColumnInfo[] | undefined, next: ColumnInfo[]): ColumnInfo[] {
  const same = previous?.length === next.length && next.every((c, i) => c.name === previous[i]!.name && c.type === previous[i]!.type);
  return same ? previous! : next;
}

/** What a block shows for a failure of any kind. */
export function toBlockError(e: unknown): BlockError {
  if (e instanceof BlockFailure) return e.blockError;
  if (isEngineError(e)) return { kind: e.kind, message: e.message, position: e.context.position, line: e.context.line, ...(e.context.fixes ? { fixes: e.context.fixes } : {}) };
  return { kind: 'internal', message: messageOf(e) };
}
