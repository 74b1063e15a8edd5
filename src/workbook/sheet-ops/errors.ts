import type { SheetBlock } from '../document';

/** A sheet operation a person asked for that cannot be done; the message says why and what to do. */
export class SheetOpError extends Error {
  override name = 'SheetOpError';
}

/**
 * Why an operation that carries cells into another sheet cannot run on this sheet, or undefined
 * when it can: a big sheet's cells live outside the document (sheet-data.ts) and are replayed
 * from its file by the operations made on that sheet alone (data-replay.ts).
 */
export function movableProblem(sheet: SheetBlock, what: string): string | undefined {
  if (!sheet.data) return undefined;
  const count = (sheet.data.rows * sheet.data.cols).toLocaleString('en-US');
  return `Cannot ${what} between ${sheet.name} and another sheet: this sheet's ${count} cells stay in ${sheet.data.file}. Move them within ${sheet.name}, or copy and paste the part you need into the other sheet.`;
}

/** Throws movableProblem's message as a SheetOpError. */
export function assertMovable(sheet: SheetBlock, what: string): void {
  const why = movableProblem(sheet, what);
  if (why) throw new SheetOpError(why);
}
