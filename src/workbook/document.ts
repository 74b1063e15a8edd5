import type { FileFormat } from '../engine';

/** The document's schema version; bump it with a migration in `migrate.ts`. */
export const DOCUMENT_VERSION = 2;

declare const blockIdBrand: unique symbol;
/** A block's stable identity; its name can change, its id never does. */
export type BlockId = string & { readonly [blockIdBrand]: true };

/** Where a table block's data came from, enough to fetch it again or ask for the same file. */
export type TableSource =
  | { kind: 'file'; fileName: string; format: FileFormat; size: number }
  | { kind: 'url'; url: string; format: FileFormat };

interface BlockBase {
  id: BlockId;
  /** Unique in the workbook (case-insensitively): SQL reads blocks by it, `$name` reads cells. */
  name: string;
  /** Shown as its header only. */
  collapsed?: boolean;
}

export interface TableBlock extends BlockBase {
  kind: 'table';
  source: TableSource;
  /** CSV only: read with DuckDB's ignore_errors after a person asked for it. */
  lenient?: boolean;
}

export interface SqlBlock extends BlockBase {
  kind: 'sql';
  sql: string;
}

/** How a cell is edited. `value` is a typed-in value whose type is read from the text. */
export type CellControl =
  | { type: 'value' }
  | { type: 'number' }
  | { type: 'slider'; min: number; max: number; step: number }
  | { type: 'text' }
  | { type: 'dropdown'; options: string[] }
  /** Options are the distinct values of a column of another block (a dependency). */
  | { type: 'dropdown'; from: { block: BlockId; column: string } }
  | { type: 'date' }
  | { type: 'checkbox' };

export type CellControlType = CellControl['type'];

/** What a cell holds: typed text for `value` cells, a number, a string or a boolean otherwise. */
export type CellRaw = string | number | boolean | null;

export interface CellBlock extends BlockBase {
  kind: 'cell';
  control: CellControl;
  value: CellRaw;
}

export type Block = TableBlock | SqlBlock | CellBlock;
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

export function isCellBlock(block: Block): block is CellBlock {
  return block.kind === 'cell';
}

/** Tables and SQL blocks are relations DuckDB holds under the block's name; cells are not. */
export function isRelationBlock(block: Block): block is TableBlock | SqlBlock {
  return block.kind === 'table' || block.kind === 'sql';
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

export function findBlock(doc: WorkbookDocument, id: BlockId): Block | undefined {
  return doc.blocks.find((b) => b.id === id);
}
