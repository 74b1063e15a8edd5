/** Row height, default column width and the row numbers' width (wide enough for 1048576), in px; sheet-grid.css uses the same. */
export const ROW_H = 24;
export const COL_W = 96;
export const HEAD_W = 60;

/**
 * Where columns sit in a sheet of up to 16,384 columns of varying widths: prefix sums of the
 * widths (built once per change of widths), and a binary search for the column under a pixel.
 */
export interface ColumnLayout {
  readonly count: number;
  width(c: number): number;
  /** Left edge of column c (c = count gives the total width). */
  left(c: number): number;
  /** The column under x (clamped to the grid). */
  at(x: number): number;
}

export function columnLayout(count: number, widthOf: (c: number) => number): ColumnLayout {
  const lefts = new Float64Array(count + 1);
  for (let c = 0; c < count; c++) lefts[c + 1] = lefts[c]! + widthOf(c);
  return {
    count,
    width: (c) => lefts[c + 1]! - lefts[c]!,
    left: (c) => lefts[Math.max(0, Math.min(count, c))]!,
    at(x) {
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lefts[mid]! <= x) lo = mid;
        else hi = mid - 1;
      }
      return Math.max(0, lo);
    },
  };
}

/** The first and last index to render for a viewport from `start` px, `size` px long, with `overscan` more each side; `frozen` leading ones are drawn apart. */
export function visibleColumns(layout: ColumnLayout, scrollLeft: number, viewportW: number, frozen: number, overscan: number): [number, number] {
  // Frozen columns cover the viewport's left; what scrolls starts after them.
  const from = layout.at(scrollLeft + layout.left(frozen));
  const to = layout.at(scrollLeft + viewportW);
  return [Math.max(frozen, from - overscan), Math.min(layout.count - 1, to + overscan)];
}

/** Rows to render for a viewport, rows being `rowH` px high, with `overscan` more each side; `frozen` leading rows are drawn apart. */
export function visibleRows(rows: number, rowH: number, scrollTop: number, viewportH: number, frozen: number, overscan: number): [number, number] {
  const first = Math.floor(scrollTop / rowH) + frozen - 1 - overscan;
  const last = Math.ceil((scrollTop + viewportH) / rowH) + overscan;
  return [Math.max(frozen, first), Math.min(rows - 1, last)];
}
