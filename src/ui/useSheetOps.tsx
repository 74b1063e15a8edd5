import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useWorkbook } from '../state';
import { parseAddress, type SheetBlock } from '../workbook';
import { FindReplace } from './FindReplace';
import { cellKey, type CellPos, type CellRange } from './sheet-selection';
import { SheetOpsMenu, type MenuAt } from './SheetOpsMenu';

export interface SheetOps {
  /** For the element around the grid: right-click opens the Sheet menu, Ctrl+F / Ctrl+H open Find and replace. */
  wrap: { className: string; onContextMenu(e: MouseEvent): void; onKeyDownCapture(e: KeyboardEvent): void };
  /** For SheetGrid: where Find next moves the selection, and the move a cut and paste makes. */
  grid: { select?: { range: CellRange; seq: number }; onMove(from: CellRange, to: CellPos): void };
  /** The Sheet menu for the bar's tools. */
  tools(range: CellRange): ReactNode;
  /** The Find and replace panel, when open. */
  panel: ReactNode;
}

const inside = (p: CellPos, r: CellRange) => p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;

/** The sheet operations wired to a sheet's grid: its menu, right-click, Find and replace, and cut to move. */
export function useSheetOps(block: SheetBlock, shown: (key: string) => string | undefined): SheetOps {
  const moveSheetRange = useWorkbook((s) => s.moveSheetRange);
  const [select, setSelect] = useState<{ range: CellRange; seq: number }>();
  const [menuAt, setMenuAt] = useState<MenuAt>();
  const [find, setFind] = useState<{ seq: number }>();
  const seq = useRef(0);
  // The grid's selection as last rendered into the bar's tools.
  const range = useRef<CellRange>({ top: 0, left: 0, bottom: 0, right: 0 });
  const selectCell = (p: CellPos) => setSelect({ range: { top: p.row, left: p.col, bottom: p.row, right: p.col }, seq: ++seq.current });
  const openFind = () => setFind({ seq: ++seq.current });

  return {
    wrap: {
      className: 'sheet-ops-wrap',
      onContextMenu(e) {
        const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-cell],[data-col],[data-row],[data-corner]') : null;
        if (!el) return;
        e.preventDefault();
        const p = el.dataset.cell ? parseAddress(el.dataset.cell) : undefined;
        // As in Excel, a right-click outside the selection selects the cell under the pointer.
        if (p && !inside(p, range.current)) selectCell(p);
        setMenuAt({ x: e.clientX, y: e.clientY, seq: ++seq.current });
      },
      onKeyDownCapture(e) {
        const key = e.key.toLowerCase();
        if (!(e.ctrlKey || e.metaKey) || e.altKey || (key !== 'f' && key !== 'h')) return;
        e.preventDefault();
        e.stopPropagation();
        openFind();
      },
    },
    grid: { select, onMove: (from, to) => moveSheetRange(block.id, from, to) },
    tools(r) {
      range.current = r;
      return <SheetOpsMenu block={block} range={r} at={menuAt} onFind={openFind} onDone={() => setMenuAt(undefined)} />;
    },
    panel: find && (
      <FindReplace
        block={block}
        shown={shown}
        from={cellKey({ row: range.current.top, col: range.current.left })}
        onSelect={(key) => {
          const p = parseAddress(key);
          if (p) selectCell(p);
        }}
        onClose={() => setFind(undefined)}
        focusSeq={find.seq}
      />
    ),
  };
}
