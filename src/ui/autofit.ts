/** Padding and borders around a cell's text (sheet-grid.css: 6px each side, a 1px border). */
const CELL_CHROME = 14;
const MIN_WIDTH = 24;
/** Rows an autofit reads from the top: enough for what a person sees, bounded for a million rows. */
export const AUTOFIT_ROWS = 2_000;

let canvas: HTMLCanvasElement | undefined;

/**
 * The width (px) that shows the widest of `texts` whole in `font` (a CSS font shorthand, read from
 * a rendered cell), as a double-click on a column edge autofits in Excel; undefined when there is
 * no text (the column goes back to the default width).
 */
export function autofitWidth(texts: Iterable<string>, font: string): number | undefined {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.font = font;
  let widest = -1;
  for (const t of texts) if (t !== '') widest = Math.max(widest, ctx.measureText(t).width);
  return widest < 0 ? undefined : Math.max(MIN_WIDTH, Math.ceil(widest) + CELL_CHROME);
}
