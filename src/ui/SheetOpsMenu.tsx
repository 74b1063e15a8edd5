import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useWorkbook } from '../state';
import { sheetExtent, type SheetBlock } from '../workbook';
import { currentRegion } from '../workbook/sheet-ops';
import type { CellRange } from './sheet-selection';
import { usePopover } from './usePopover';
import './sheet-ops.css';

/** Where a right-click opened the menu (viewport coordinates); `seq` changes on each right-click. */
export interface MenuAt {
  x: number;
  y: number;
  seq: number;
  /** Opened on a column or row header: only that kind's insert and delete are offered, as in Excel. */
  only?: 'rows' | 'cols';
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/**
 * The sheet's Sheet menu for the selection: insert and delete rows or columns (as many as are
 * selected), sort by the selection's first column (one cell sorts the region around it, its
 * header row kept when it looks like one, as Excel does), and Find and replace. Opened from its button or by a right-click on the grid (`at`).
 */
export function SheetOpsMenu({ block, range, at, onFind, onDone }: { block: SheetBlock; range: CellRange; at?: MenuAt; onFind(): void; onDone(): void }) {
  const { open, setOpen, ref } = usePopover();
  const insertRows = useWorkbook((s) => s.insertSheetRows);
  const deleteRows = useWorkbook((s) => s.deleteSheetRows);
  const insertColumns = useWorkbook((s) => s.insertSheetColumns);
  const deleteColumns = useWorkbook((s) => s.deleteSheetColumns);
  const sortRange = useWorkbook((s) => s.sortSheetRange);
  const [placed, setPlaced] = useState<{ at: MenuAt; style: CSSProperties }>();
  useEffect(() => {
    if (!at) return;
    setPlaced({ at, style: placeAt(at, ref.current) });
    setOpen(true);
  }, [at, setOpen, ref]);
  const menuRef = useRef<HTMLDivElement>(null);
  // A block clips what overflows it: a menu opened low in the grid moves up to fit inside it.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    const block = menu?.closest('.block');
    if (!menu || !block || !placed) return;
    const over = menu.getBoundingClientRect().bottom - block.getBoundingClientRect().bottom + 4;
    if (over > 0) menu.style.top = `${Math.max(4 - (ref.current?.getBoundingClientRect().top ?? 0) + block.getBoundingClientRect().top, Number(placed.style.top) - over)}px`;
  }, [placed, open, ref]);
  const show = (kind: 'rows' | 'cols') => placed?.at.only === undefined || placed.at.only === kind;

  const item = { type: 'button', role: 'menuitem' } as const;
  const rows = range.bottom - range.top + 1;
  const cols = range.right - range.left + 1;
  const run = (op: () => void) => {
    op();
    setOpen(false);
    onDone();
  };
  const sort = (desc: boolean) => {
    const one = rows === 1 && cols === 1;
    // A big sheet's region is its used extent: its stored cells are one table read from its file.
    const used = block.data && sheetExtent(block);
    const target = !one ? range : used ? { top: 0, left: 0, bottom: used.rows - 1, right: used.cols - 1 } : currentRegion(range.top, range.left, block.cells);
    // The region around one cell may start with its column names (a sheet's table reads them there): Excel guesses.
    sortRange(block.id, target, [{ col: range.left, desc }], { header: one ? 'guess' : false });
  };
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="sheet-tool"
        data-testid="sheet-ops-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Insert, delete, sort, find and replace"
        onMouseDown={(e) => e.preventDefault() /* keep the grid's focus and selection */}
        onClick={() => {
          setPlaced(undefined);
          setOpen(!open);
        }}
      >
        Sheet
      </button>
      {open && (
        <div className="menu sheet-ops-menu" role="menu" aria-label="Sheet" style={placed?.style} ref={menuRef}>
          {show('rows') && (
            <>
              <button {...item} data-testid="sheet-insert-rows" onClick={() => run(() => insertRows(block.id, range.top, rows))}>
                Insert {plural(rows, 'row', 'rows')} above
              </button>
              <button {...item} data-testid="sheet-delete-rows" onClick={() => run(() => deleteRows(block.id, range.top, rows))}>
                Delete {plural(rows, 'row', 'rows')} {range.top + 1}
                {rows > 1 ? `–${range.bottom + 1}` : ''}
              </button>
              <hr />
            </>
          )}
          {show('cols') && (
            <>
              <button {...item} data-testid="sheet-insert-cols" onClick={() => run(() => insertColumns(block.id, range.left, cols))}>
                Insert {plural(cols, 'column', 'columns')} left
              </button>
              <button {...item} data-testid="sheet-delete-cols" onClick={() => run(() => deleteColumns(block.id, range.left, cols))}>
                Delete {plural(cols, 'column', 'columns')}
              </button>
              <hr />
            </>
          )}
          <button {...item} data-testid="sheet-sort-asc" onClick={() => run(() => sort(false))}>
            Sort A → Z by this column
          </button>
          <button {...item} data-testid="sheet-sort-desc" onClick={() => run(() => sort(true))}>
            Sort Z → A by this column
          </button>
          <hr />
          <button type="button" role="menuitem" data-testid="sheet-find" onClick={() => run(onFind)}>
            Find and replace… <kbd>Ctrl+H</kbd>
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * A right-click opens the menu at the pointer (kept inside the window), placed from the menu's
 * anchor (a fixed position would be off inside a block, which makes its own containing block);
 * the button opens it below itself.
 */
function placeAt(at: MenuAt, anchor: HTMLElement | null): CSSProperties {
  const box = anchor?.getBoundingClientRect() ?? { left: 0, top: 0 };
  const x = Math.max(4, Math.min(at.x, window.innerWidth - 250));
  const y = Math.max(4, Math.min(at.y, window.innerHeight - 330));
  return { left: x - box.left, top: y - box.top, right: 'auto' };
}
