/**
 * The names of the relations and columns Cellar keeps for itself. Every one starts with
 * `__cellar_`, a prefix a person cannot give a block (state/block-edits.ts refuses it).
 */

/** The prefix of every internal name. */
export const INTERNAL_PREFIX = '__cellar_';

/** Where a block with formula columns keeps its own rows; its name is then a view over them. */
export function baseTableName(id: string): string {
  return `${INTERNAL_PREFIX}base_${id}`;
}

/** The view the grid reads: the block's columns, the formula columns, and their errors. */
export function gridViewName(id: string): string {
  return `${INTERNAL_PREFIX}grid_${id}`;
}

/** Where a deleted block's table waits, so undo can bring it back with its rows. */
export function trashTableName(id: string): string {
  return `${INTERNAL_PREFIX}trash_${id}`;
}

/** The hidden column holding a formula column's error codes, row by row. */
export function errorColumnName(column: string): string {
  return `${INTERNAL_PREFIX}err_${column}`;
}

export function isErrorColumn(name: string): boolean {
  return name.startsWith(`${INTERNAL_PREFIX}err_`);
}
