import type { SheetBlock } from '../document';

/** A sheet operation a person asked for that cannot be done; the message says why and what to do. */
export class SheetOpError extends Error {
  override name = 'SheetOpError';
}

/**
 * Refuses an operation that rewrites cells on a big sheet: its cells live outside the document
 * (sheet-data.ts), and moving them is not supported yet.
 */
export function assertMovable(sheet: SheetBlock, what: string): void {
  if (!sheet.data) return;
  const count = (sheet.data.rows * sheet.data.cols).toLocaleString('en-US');
  throw new SheetOpError(
    `Cannot ${what} in ${sheet.name}: this sheet's ${count} cells stay in ${sheet.data.file}; ${what} works on sheets whose cells are kept in the workbook. Edit the file in Excel, or copy the part you need into a new sheet.`,
  );
}
