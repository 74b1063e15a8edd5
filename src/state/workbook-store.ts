import { create } from 'zustand';
import type { ReadOptions } from '../engine';
import {
  createDocument,
  type BlockId,
  type CellControl,
  type CellRaw,
  type CellStyle,
  type ChartBlock,
  type ChartSelection,
  type ChartSpec,
  type FormulaColumn,
  type GridView,
  type PivotBlock,
  type RunOn,
  type WorkbookDocument,
} from '../workbook';
import type { BlockRun } from './block-runs';
import { getEngine } from './engine';
import type { EngineSource, Runtime } from './runtime/runtime';
import type { ServerWants } from './server-consent';
import type { ShareResult } from './share';
import type * as storage from './storage';
import { createCore, newWorkbookId } from './store/core';
import { editActions } from './store/edits';
import { formatActions } from './store/formats';
import { layoutActions, type SheetLayout } from './store/layout';
import { styleActions } from './store/styles';
import { runActions } from './store/runs';
import { serverActions } from './store/server-actions';
import { sheetOpsActions, type SheetOpsActions } from './store/sheet-ops';
import { shareFlow } from './store/share-flow';
import { workbookActions } from './store/workbooks';

export type { BlockError, BlockRun, RunStatus } from './block-runs';

/** A message about something that never became a block (an unsupported file, a bad import). */
export interface Notice {
  id: number;
  message: string;
  /** `info` for news (a push done); a problem otherwise. */
  tone?: 'info';
}

export interface WorkbookState extends SheetOpsActions {
  workbookId: string;
  /** The run side: a node per block over the engine (runs, parses, sheets' values). */
  readonly runtime: Runtime;
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
  /** Number formats of a sheet's cells (Excel codes), by address; null clears one. One undo step. */
  setSheetFormats(id: BlockId, updates: Record<string, string | null>): void;
  /** Column widths (Excel characters by letters, null for the default) and frozen panes (null unfreezes) of a sheet. One undo step. */
  setSheetLayout(id: BlockId, layout: SheetLayout): void;
  /** Bold, italic, fill and alignment of a sheet's cells, by address (whole styles); null clears one. One undo step. */
  setSheetStyles(id: BlockId, updates: Record<string, CellStyle | null>): void;
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
  /** Shows a notice: news (`info`) or a problem that no block shows. */
  notify(message: string, tone?: 'info'): void;
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

/**
 * The store React renders: the document, the runs, the workbook list, notices and dialogs, and
 * the actions, each group in its own module (store/). Behind them one core (store/core.ts: the
 * history, commit, autosave, opening) and one runtime over `engine` (runtime/: a node per block).
 */
export function createWorkbookStore(engine: EngineSource) {
  return create<WorkbookState>()((set, get) => {
    const core = createCore(set, get, engine);
    const share = shareFlow(core);
    return {
      workbookId: newWorkbookId(),
      runtime: core.runtime,
      doc: createDocument(),
      runs: {},
      notices: [],
      workbooks: [],
      canUndo: false,
      canRedo: false,
      ...editActions(core),
      ...formatActions(core),
      ...layoutActions(core),
      ...styleActions(core),
      ...runActions(core),
      ...workbookActions(core, share.opener),
      ...share.actions,
      ...serverActions(core),
      ...sheetOpsActions(core),
    };
  });
}

export const useWorkbook = createWorkbookStore(getEngine);
