import { useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useWorkbook } from '../state';
import { parseAddress, rawText, sheetExtent, SHEET_COLS, SHEET_ROWS, type BlockId, type SheetBlock } from '../workbook';
import { toTsv } from '../workbook/tsv';
import { FindReplace } from './FindReplace';
import { cellKey, copyRange, type CellPos, type CellRange } from './sheet-selection';
import { SheetOpsMenu, type MenuAt } from './SheetOpsMenu';

export interface SheetOps {
  /** For the element around the grid: right-click opens the Sheet menu, Ctrl+F / Ctrl+H open Find and replace. */
  wrap: {
    className: string;
    onContextMenu(e: MouseEvent): void;
    onKeyDownCapture(e: KeyboardEvent): void;
    onCutCapture(e: ClipboardEvent): void;
    onCopyCapture(): void;
    onPasteCapture(e: ClipboardEvent): void;
  };
  /** For SheetGrid: where Find next moves the selection, and the move a cut and paste makes. */
  grid: { select?: { range: CellRange; seq: number }; onMove?(from: CellRange, to: CellPos): void };
  /** The Sheet menu for the bar's tools. */
  tools(range: CellRange): ReactNode;
  /** The Find and replace panel, when open. */
  panel: ReactNode;
}

/**
 * A cut not pasted yet. Inside its own sheet a paste moves the cells (the grid's onMove); pasted
 * into another sheet they move there too, references following (moveAcross). A big sheet's cells
 * move only within it: cut there and pasted into another sheet, the grid clears them at once;
 * pasted into one, the texts are pasted and the cut cells cleared.
 */
let pendingCut: { block: BlockId; range: CellRange; text: string } | undefined;
/** A cut already moved into another sheet: its own grid still holds it as a cut, and must not move it again. */
let movedCut: { block: BlockId; text: string } | undefined;
const sameText = (a: string, b: string) => a.replace(/\r\n?/g, '\n').replace(/\n$/, '') === b.replace(/\r\n?/g, '\n').replace(/\n$/, '');
const onGrid = (e: ClipboardEvent) => e.target instanceof HTMLElement && e.target.dataset.testid === 'sheet-grid';

/** A sheet's raw cell texts, a big sheet's stored cells under its edits included. */
const rawOf = (b: SheetBlock) => {
  const data = b.data ? useWorkbook.getState().runtime.node(b.id).sheetData : undefined;
  return (key: string) => rawText({ cells: b.cells, data }, key);
};

const inside = (p: CellPos, r: CellRange) => p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;

/** The sheet operations wired to a sheet's grid: its menu, right-click, Find and replace, and cut to move. */
export function useSheetOps(block: SheetBlock, shown: (key: string) => string | undefined): SheetOps {
  const moveSheetRange = useWorkbook((s) => s.moveSheetRange);
  const setSheetCells = useWorkbook((s) => s.setSheetCells);
  const moveSheetRangeAcross = useWorkbook((s) => s.moveSheetRangeAcross);
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
        // As in Excel, a right-click outside the selection selects the cell, column or row under the pointer.
        const p = el.dataset.cell ? parseAddress(el.dataset.cell) : undefined;
        const col = el.dataset.col ? Number(el.dataset.col) : undefined;
        const row = el.dataset.row ? Number(el.dataset.row) : undefined;
        const r = range.current;
        if (p && !inside(p, r)) selectCell(p);
        else if (col !== undefined && (col < r.left || col > r.right)) setSelect({ range: { top: 0, bottom: SHEET_ROWS - 1, left: col, right: col }, seq: ++seq.current });
        else if (row !== undefined && (row < r.top || row > r.bottom)) setSelect({ range: { top: row, bottom: row, left: 0, right: SHEET_COLS - 1 }, seq: ++seq.current });
        setMenuAt({ x: e.clientX, y: e.clientY, seq: ++seq.current, ...(col !== undefined ? { only: 'cols' as const } : row !== undefined ? { only: 'rows' as const } : {}) });
      },
      onKeyDownCapture(e) {
        const key = e.key.toLowerCase();
        if (!(e.ctrlKey || e.metaKey) || e.altKey || (key !== 'f' && key !== 'h')) return;
        e.preventDefault();
        e.stopPropagation();
        openFind();
      },
      onCutCapture(e) {
        movedCut = undefined;
        if (onGrid(e)) pendingCut = { block: block.id, range: range.current, text: toTsv(copyRange(range.current, rawOf(block))) };
      },
      onCopyCapture() {
        pendingCut = undefined;
        movedCut = undefined;
      },
      onPasteCapture(e) {
        const cut = pendingCut;
        if (!onGrid(e)) return;
        if (!cut && movedCut?.block === block.id && sameText(e.clipboardData.getData('text/plain'), movedCut.text)) {
          // Pasted back where it was cut after it moved away: as in Excel, a cut pastes once.
          e.preventDefault();
          e.stopPropagation();
          return;
        }
        if (!cut) return;
        pendingCut = undefined;
        if (cut.block === block.id || !sameText(e.clipboardData.getData('text/plain'), cut.text)) return;
        const source = useWorkbook.getState().doc.blocks.find((b) => b.id === cut.block);
        if (source?.kind !== 'sheet') return;
        if (!block.data && !source.data) {
          // The grid's own paste would paste texts: the move takes its place.
          e.preventDefault();
          e.stopPropagation();
          movedCut = { block: cut.block, text: cut.text };
          const r = range.current;
          const [h, w] = [cut.range.bottom - cut.range.top, cut.range.right - cut.range.left];
          if (!moveSheetRangeAcross(cut.block, cut.range, block.id, { row: r.top, col: r.left }))
            setSelect({ range: { top: r.top, left: r.left, bottom: r.top + h, right: r.left + w }, seq: ++seq.current });
          return;
        }
        // Into or out of a big sheet the grid pastes the texts; the cut cells are cleared.
        const raw = rawOf(source);
        const used = sheetExtent(source);
        const keys: string[] = [];
        for (let row = cut.range.top; row <= Math.min(cut.range.bottom, used.rows - 1); row++)
          for (let col = cut.range.left; col <= Math.min(cut.range.right, used.cols - 1); col++) {
            const key = cellKey({ row, col });
            if (raw(key) !== undefined) keys.push(key);
          }
        if (keys.length > 0) setSheetCells(cut.block, Object.fromEntries(keys.map((k) => [k, null])));
      },
    },
    // Within a sheet a cut moves, a big sheet's stored cells too (replayed from its file); between sheets a big one copies and clears, as before.
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
