import type { SqlAnalysis } from '../../engine';
import type { BlockId, share, SheetData, SheetTableShape, WorkbookDocument } from '../../workbook';
import type { Scalar } from '../../workbook/formula';
import { IDLE, type BlockRun } from '../block-runs';

/**
 * Everything the run side knows about one block, in one object (as Observable's runtime keeps a
 * variable's value, version and promise together): its run as it is now (React sees it a frame
 * later), what its rows were computed from, its parse, its file. Derived from the document and
 * the engine; never saved, and rebuilt when a workbook opens.
 */
export interface BlockNode {
  readonly id: BlockId;
  /** The block's run as it is now, pending updates included (the store's runs trail by a frame). */
  run: BlockRun;
  /**
   * What a table-like block's rows (or a chart's data) were last computed from: when only its
   * formula columns (or selection) change, they are not computed again.
   */
  dataKey?: string;
  /** DuckDB's parse of a SQL block's text: what it reads. */
  parse?: { sql: string; analysis: SqlAnalysis };
  /** A table block's dropped file (or the copy kept in OPFS, once read back). */
  file?: File;
  /** Bumps when the table's file is dropped again, so its rows are read again. */
  fileVersion: number;
  /** The schema a link gave for a file it did not carry. */
  placeholder?: share.MissingTable;
  /** A sheet's computed values, for other sheets' formulas. */
  sheetValues?: Map<string, Scalar>;
  /**
   * A big sheet's stored cells (read from its workbook file; never in the document), after the
   * operations its document logs (runners/sheet-data.ts): a new object whenever they change.
   */
  sheetData?: SheetData;
  /** What the sheet's table was made from, while it holds `sheetValues`: an edit then updates it in place. */
  sheetTable?: SheetTableShape & { data?: SheetData };
  /** The revision of the block's table the server has a copy of (pushed there). */
  pushedRevision?: number;
  /** Its formula-column relations (base table, grid view, the name as a view) may exist. */
  derived: boolean;
  /** A new SQL block: it runs when the person runs it. */
  notRunYet: boolean;
}

export const createNode = (id: BlockId): BlockNode => ({ id, run: IDLE, fileVersion: 0, derived: false, notRunYet: false });

/** Each SQL block's parse, by its text (what the server review and placement read). */
export function parsesByText(doc: WorkbookDocument, node: (id: BlockId) => BlockNode | undefined): Map<string, SqlAnalysis> {
  const byText = new Map<string, SqlAnalysis>();
  for (const b of doc.blocks) {
    const parse = b.kind === 'sql' ? node(b.id)?.parse : undefined;
    if (parse) byText.set(parse.sql, parse.analysis);
  }
  return byText;
}
