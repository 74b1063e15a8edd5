import { memo, type CSSProperties, type ReactNode } from 'react';
import { cellCss } from './cell-style-css';
import { COL_W, HEAD_W, type ColumnLayout } from './sheet-geometry';
import type { SheetCellView, SheetGridProps } from './sheet-grid-types';
import { cellKey } from './sheet-selection';

/**
 * One row, memoised: scrolling renders only the rows that come into view, and a selection change
 * only the rows it touches. A new `view` function (the data changed) renders them all. It holds
 * the frozen columns' cells (sticky), a gap for the columns scrolled past, and the visible ones.
 */
export const SheetRow = memo(function SheetRow({ row, top, first, last, frozen, layout, view, selLeft, selRight }: {
  row: number;
  top: number;
  first: number;
  last: number;
  frozen: number;
  layout: ColumnLayout;
  view: SheetGridProps['view'];
  selLeft: number;
  selRight: number;
}) {
  const cells: ReactNode[] = [];
  const add = (c: number, pin?: number) => {
    const key = cellKey({ row, col: c });
    cells.push(cell(key, view(key), c >= selLeft && c <= selRight, layout.width(c), pin, pin !== undefined && c === frozen - 1));
  };
  for (let c = 0; c < frozen; c++) add(c, HEAD_W + layout.left(c));
  cells.push(<div key="gap" className="sheet-gap" style={{ width: layout.left(first) - layout.left(frozen) }} />);
  for (let c = first; c <= last; c++) add(c);
  return (
    <div className="sheet-row" role="row" aria-rowindex={row + 2} style={{ top }}>
      <div className={`sheet-rowhead${selLeft >= 0 ? ' on' : ''}`} role="rowheader" data-row={row}>
        {row + 1}
      </div>
      {cells}
    </div>
  );
});

/** A frozen cell's inline style: sticky at `pin` px from the left. */
function pinned(style: CSSProperties | undefined, pin: number | undefined): CSSProperties | undefined {
  return pin === undefined ? style : { ...style, left: pin };
}

/** One cell (a plain element, not a component: a row renders dozens of them while scrolling): its computed text, aligned by kind; errors in red with their message as the tooltip. */
function cell(key: string, v: SheetCellView | undefined, selected: boolean, width: number, pin?: number, edge?: boolean): ReactNode {
  const kind = v?.kind ?? 'empty';
  return (
    <div
      key={key}
      className={`sheet-cell kind-${kind}${pin !== undefined ? ' pinned' : ''}${edge ? ' pin-edge' : ''}`}
      data-testid="sheet-cell"
      data-cell={key}
      data-value={v?.value ?? (kind === 'empty' ? '' : v?.text)}
      role="gridcell"
      aria-selected={selected}
      title={kind === 'error' ? v?.message : undefined}
      style={pinned(cellCss(v?.style, width === COL_W ? undefined : width), pin)}
    >
      {kind === 'empty' ? '' : v?.text}
    </div>
  );
}
