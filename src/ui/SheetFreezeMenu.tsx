import type { CellPos } from './sheet-selection';
import { usePopover } from './usePopover';

export interface Freeze {
  rows: number;
  cols: number;
}

/**
 * Excel's View › Freeze Panes: the top row, the first column, or the rows above and the columns
 * left of the active cell stay on screen while the rest scrolls; Unfreeze lets everything scroll.
 */
export function SheetFreezeMenu({ freeze, active, onFreeze, onDone }: { freeze: Freeze | undefined; active: CellPos; onFreeze(freeze: Freeze | null): void; onDone(): void }) {
  const { open, setOpen, ref } = usePopover();
  const apply = (next: Freeze | null) => {
    onFreeze(next && next.rows === 0 && next.cols === 0 ? null : next);
    setOpen(false);
    onDone();
  };
  const frozen = freeze !== undefined && (freeze.rows > 0 || freeze.cols > 0);
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="sheet-tool"
        data-testid="sheet-freeze"
        aria-haspopup="menu"
        aria-expanded={open}
        title={frozen ? `Frozen: ${freeze.rows} row(s), ${freeze.cols} column(s)` : 'Keep rows or columns on screen while scrolling'}
        onMouseDown={(e) => e.preventDefault() /* keep the grid's focus and selection */}
        onClick={() => setOpen(!open)}
      >
        Freeze
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Freeze panes">
          <button type="button" role="menuitem" data-testid="freeze-panes" disabled={active.row === 0 && active.col === 0} onClick={() => apply({ rows: active.row, cols: active.col })}>
            Freeze panes (above and left of the active cell)
          </button>
          <button type="button" role="menuitem" data-testid="freeze-top-row" onClick={() => apply({ rows: 1, cols: 0 })}>
            Freeze top row
          </button>
          <button type="button" role="menuitem" data-testid="freeze-first-column" onClick={() => apply({ rows: 0, cols: 1 })}>
            Freeze first column
          </button>
          <button type="button" role="menuitem" data-testid="unfreeze" disabled={!frozen} onClick={() => apply(null)}>
            Unfreeze panes
          </button>
        </div>
      )}
    </div>
  );
}
