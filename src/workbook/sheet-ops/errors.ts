import type { SheetBlock } from '../document';

/** A sheet operation a person asked for that cannot be done; the message says why and what to do. */
export class SheetOpError extends Error {
  override name = 'SheetOpError';
}

/**
 * Why an operation that rewrites cells cannot run on this sheet, or undefined when it can: a big
 * sheet's cells live outside the document (sheet-data.ts), and moving them is not supported yet.
 */
export function movableProblem(sheet: SheetBlock, what: string): string | undefined {
  if (!sheet.data) return undefined;
  const count = (sheet.data.rows * sheet.data.cols).toLocaleString('en-US');
  return `Cannot ${what} in ${sheet.name}: this sheet's ${count} cells stay in ${sheet.data.file}; ${what} works on sheets whose cells are kept in the workbook. Edit the file in Excel, or copy the part you need into a new sheet.`;
}

/** Throws movableProblem's message as a SheetOpError. */
export function assertMovable(sheet: SheetBlock, what: string): void {
  const why = movableProblem(sheet, what);
  if (why) throw new SheetOpError(why);
}
