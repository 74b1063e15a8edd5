import type { FileFormat } from '../engine';

/** The document's schema version; bump it with a migration in `migrate.ts`. */
export const DOCUMENT_VERSION = 1;

declare const blockIdBrand: unique symbol;
/** A block's stable identity; its name can change, its id never does. */
export type BlockId = string & { readonly [blockIdBrand]: true };

/** Where a table block's data came from, enough to fetch it again or ask for the same file. */
export type TableSource =
  | { kind: 'file'; fileName: string; format: FileFormat; size: number }
  | { kind: 'url'; url: string; format: FileFormat };

export interface TableBlock {
  id: BlockId;
  kind: 'table';
  name: string;
  source: TableSource;
  /** CSV only: read with DuckDB's ignore_errors after a person asked for it. */
  lenient?: boolean;
}

export interface SqlBlock {
  id: BlockId;
  kind: 'sql';
  name: string;
  sql: string;
}

export type Block = TableBlock | SqlBlock;
export type BlockKind = Block['kind'];

/** The one thing a person edits: autosave, export and share links are all this document. */
export interface WorkbookDocument {
  version: typeof DOCUMENT_VERSION;
  title: string;
  blocks: Block[];
}

export function isTableBlock(block: Block): block is TableBlock {
  return block.kind === 'table';
}

export function isSqlBlock(block: Block): block is SqlBlock {
  return block.kind === 'sql';
}

let nextId = 0;
/** A new id, unique within this page and across reloads. */
export function createBlockId(): BlockId {
  nextId += 1;
  return `b${Date.now().toString(36)}${nextId.toString(36)}${Math.random().toString(36).slice(2, 6)}` as BlockId;
}

export function createDocument(title = 'Untitled workbook'): WorkbookDocument {
  return { version: DOCUMENT_VERSION, title, blocks: [] };
}
