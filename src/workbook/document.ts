import type { FileFormat } from '../sql';
import type { CellStyle } from './cell-style';
import type { ChartSelection, ChartSpec, SelectMode } from './chart/types';
import type { RunOn } from './placement';
import type { GridView } from './table-view';

/** The document's schema version; bump it with a migration in `migrate.ts`. */
export const DOCUMENT_VERSION = 4;

declare const blockIdBrand: unique symbol;
/** A block's stable identity; its name can change, its id never does. */
export type BlockId = string & { readonly [blockIdBrand]: true };

/** Where a table block's data came from, enough to fetch it again or ask for the same file. */
export type TableSource =
  | { kind: 'file'; fileName: string; format: FileFormat; size: number }
  | { kind: 'url'; url: string; format: FileFormat }
  /** A table on the connected server (a published workbook's data), pulled into the browser as Arrow. */
  | { kind: 'server'; table: string; format: FileFormat; fileName?: string };

interface BlockBase {
  id: BlockId;
  /** Unique in the workbook (case-insensitively): SQL reads blocks by it, `$name` reads cells. */
  name: string;
  /** Shown as its header only. */
  collapsed?: boolean;
}

/** A column computed by a spreadsheet formula over a table's rows (`=[qty]*[price]`). */
export interface FormulaColumn {
  /** Unique among the block's columns. */
  name: string;
  /** The formula, with its leading `=`. */
  formula: string;
}

/** Table-like blocks can carry formula columns; SQL reads the block with them. */
interface WithFormulaColumns {
  formulaColumns?: FormulaColumn[];
  /** The grid's sort and filters as a person set them from its headers (SQL readers read every row). */
  grid?: GridView;
}

export interface TableBlock extends BlockBase, WithFormulaColumns {
  kind: 'table';
  source: TableSource;
  /** CSV only: read with DuckDB's ignore_errors after a person asked for it. */
  lenient?: boolean;
  /** CSV only: the file's encoding when it is not UTF-8, as a person chose it. */
  encoding?: 'latin-1' | 'utf-16';
  /** CSV only: columns read as text whatever DuckDB detects, as a person chose them. */
  textColumns?: string[];
}

export interface SqlBlock extends BlockBase, WithFormulaColumns {
  kind: 'sql';
  sql: string;
  /** Where it runs; left out is `auto` (where its inputs live). */
  runOn?: RunOn;
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

/**
 * A small A1 spreadsheet: what the person typed in each cell, by address (`B2`). Its values are
 * a table SQL reads by the block's name: the used range, its first row the column names.
 */
export interface SheetBlock extends BlockBase {
  kind: 'sheet';
  cells: Record<string, string>;
  /** Excel number format codes by address (`B2` → `$#,##0.00`); a cell without one shows the format its typing implies. */
  formats?: Record<string, string>;
  /** Bold, italic, fill and alignment by address (`B2` → `{ bold: true }`); round-trips through .xlsx. */
  styles?: Record<string, CellStyle>;
  /** Column widths in Excel's character units, by column letters (from an .xlsx, or resized). */
  widths?: Record<string, number>;
  /** Merged ranges (`A1:B2`), shown as one cell. */
  merges?: string[];
  /** Frozen panes: the top `rows` and the left `cols` stay on screen while scrolling (Excel's Freeze Panes). */
  freeze?: { rows: number; cols: number };
  /** The workbook and worksheet it came from, when imported from an .xlsx (export keeps the worksheet's name). */
  origin?: { file: string; sheet: string };
  /** What the import left out of its worksheet (charts, comments, …), in words. */
  leftOut?: string[];
  /**
   * A big sheet's cells stay out of the document (see sheet-data.ts): the runtime reads them from
   * the workbook file kept with the workbook; this says which worksheet and how big. `cells` then
   * holds only the edits over them ('' clears one of them).
   */
  data?: SheetDataRef;
}

/** Where a big sheet's cells come from, and their extent (A1 to rows × cols) after `ops`. */
export interface SheetDataRef {
  file: string;
  sheet: string;
  rows: number;
  cols: number;
  /** The structural operations made on the sheet since it was read, replayed in order over the file's cells. */
  ops?: SheetDataOp[];
}

/** A rectangle of cells, 0-based and inclusive. */
export interface SheetRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A sort key's value as the document keeps it: dates as serials, errors as `{ error: '#N/A' }`. */
export type SortKeyValue = number | string | boolean | null | { error: string };

/**
 * One operation over a big sheet's stored cells. A sort records the key values it could not read
 * back from the file (formulas, and cells the person had edited), by address before the sort, so
 * replaying it puts the rows in the same order.
 */
export type SheetDataOp =
  | { kind: 'insert' | 'delete'; axis: 'rows' | 'cols'; at: number; count: number }
  | { kind: 'move'; from: SheetRect; to: { row: number; col: number } }
  | { kind: 'sort'; range: SheetRect; keys: { col: number; desc?: boolean }[]; header: boolean; matchCase?: boolean; values?: Record<string, SortKeyValue> };

/** How a pivot's value is aggregated; `formula` is an aggregate formula over the group (`=SUM([a])/SUM([b])`). */
export type PivotAggregate = 'sum' | 'avg' | 'count' | 'min' | 'max' | 'median' | 'count_distinct' | 'formula';

export interface PivotValue {
  aggregate: PivotAggregate;
  /** The column aggregated (not for `formula`; optional for `count`, which then counts rows). */
  column?: string;
  /** For `formula`: the aggregate formula. */
  formula?: string;
  /** The result column's name; a default is made from the aggregate and column. */
  name?: string;
}

/** A group-by / pivot of another block: rows, optional pivot columns, and aggregated values. */
export interface PivotBlock extends BlockBase {
  kind: 'pivot';
  source: BlockId;
  rows: string[];
  /** Columns whose values become result columns (a spreadsheet pivot's column area). */
  columns: string[];
  values: PivotValue[];
}

/**
 * A Vega-Lite chart of another block, computed in SQL. Its own table is the source's rows
 * inside its selection (all of them when nothing is selected), so SQL and other charts can read
 * what a person brushed or clicked.
 */
export interface ChartBlock extends BlockBase {
  kind: 'chart';
  source: BlockId;
  spec: ChartSpec;
  /** How brushing or clicking selects; 'none' turns it off; left out, the chart picks (selectModeFor). */
  select?: SelectMode | 'none';
  /** What is selected now. */
  selection?: ChartSelection;
}

export type Block = TableBlock | SqlBlock | CellBlock | SheetBlock | PivotBlock | ChartBlock;
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

export function isSheetBlock(block: Block): block is SheetBlock {
  return block.kind === 'sheet';
}

export function isPivotBlock(block: Block): block is PivotBlock {
  return block.kind === 'pivot';
}

export function isChartBlock(block: Block): block is ChartBlock {
  return block.kind === 'chart';
}

/** Blocks DuckDB holds as a relation under the block's name (everything but cells). */
export type RelationBlock = TableBlock | SqlBlock | SheetBlock | PivotBlock | ChartBlock;

export function isRelationBlock(block: Block): block is RelationBlock {
  return block.kind !== 'cell';
}

/** Whether a block carries formula columns (tables and SQL blocks can). */
export function hasFormulaColumns(block: Block): boolean {
  return (block.kind === 'table' || block.kind === 'sql') && (block.formulaColumns?.length ?? 0) > 0;
}

/** A cell whose value is a formula (`=SUM(sales[amount])`), typed into a value cell. */
export function isFormulaCell(block: Block): block is CellBlock & { value: string } {
  return block.kind === 'cell' && block.control.type === 'value' && typeof block.value === 'string' && /^=\s*\S/.test(block.value);
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
