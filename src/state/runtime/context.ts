import type { LocalEngine, RemoteEngine, TableInfo } from '../../engine';
import type { BlockId, Graph, WorkbookDocument } from '../../workbook';
import type { BlockRun } from '../block-runs';
import type { BlockNode } from './node';

export type { LocalEngine };

/** The connected server, as the workbook open now may use it. */
export interface ServerSide {
  /** The server this workbook may use: none, or not one a workbook from a link was not allowed. */
  remote(): RemoteEngine | undefined;
  /** The connected server's URL when this workbook (from a link) may not use it. */
  unallowed(): string | undefined;
  /** The server's tables (SQL blocks may read them by name). */
  tables(): readonly TableInfo[];
  /** A request found the server unreachable: retry until it answers again. */
  reportUnreachable(message: string): void;
}

/** What the runtime reads of the store and the page around it. */
export interface RuntimeHost {
  doc(): WorkbookDocument;
  workbookId(): string;
  /** The runs React renders. */
  runs(): Readonly<Record<BlockId, BlockRun>>;
  setRuns(runs: Record<BlockId, BlockRun>): void;
  /** Says something went wrong that no block shows. */
  notify(message: string): void;
  server: ServerSide;
  /** A table's file kept in this browser (OPFS), if there is one. */
  keptFile(workbookId: string, id: BlockId, fileName: string): Promise<File | undefined>;
}

/**
 * The one context every runner takes: the engine (injected, never fetched), the document and
 * graph as they are now, each block's node and run, the server, and the run's signal.
 */
export interface RunContext {
  readonly engine: LocalEngine;
  readonly signal: AbortSignal;
  readonly server: ServerSide;
  doc(): WorkbookDocument;
  workbookId(): string;
  graph(): Graph;
  node(id: BlockId): BlockNode;
  /** A block's run as it is now. */
  runOf(id: BlockId): BlockRun;
  patchRun(id: BlockId, patch: Partial<BlockRun>): void;
  keptFile(id: BlockId, fileName: string): Promise<File | undefined>;
}
