import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import { sheetCellView, useLocale, useWorkbook, type BlockRun } from '../state';
import { dataCellCount, dataFormat, parseAddress, rawText, restyle, SHEET_COLS, SHEET_ROWS, type SheetBlock, type SheetData } from '../workbook';
import { columnIndex, columnLetters } from '../workbook/formula';
import { canonicalInput, formatShown, impliedFormat, sheetDataValue } from '../workbook/format';
import { BlockErrorView } from './BlockErrorView';
import { COL_W } from './sheet-geometry';
import { BlockFrame } from './BlockFrame';
import { FormatMenu } from './FormatMenu';
import { FormulaEditor } from './FormulaEditor';
import { cellKey, type CellRange } from './sheet-selection';
import { SheetGrid } from './SheetGrid';
import { usedExtent } from './sheet-moves';
import { StyleMenu, type StylePatch } from './StyleMenu';
import { TableResult } from './TableResult';
import { useFormulaContext } from './useFormulaContext';
import { useSheetOps } from './useSheetOps';

/**
 * A sheet: an A1 grid to type values and formulas in; its used range (first row as column names)
 * is a table SQL blocks read by the sheet's name.
 */
export function SheetBlockView({ block, run }: { block: SheetBlock; run: BlockRun }) {
  const setSheetCells = useWorkbook((s) => s.setSheetCells);
  const setSheetFormats = useWorkbook((s) => s.setSheetFormats);
  const setSheetStyles = useWorkbook((s) => s.setSheetStyles);
  const setSheetLayout = useWorkbook((s) => s.setSheetLayout);
  // The used extent: ctrl+End goes to its corner; whole columns are cut to it for copy, clear and fill.
  const used = useMemo(() => usedExtent(block.cells, block.data), [block.cells, block.data]);
  const notify = useWorkbook((s) => s.notify);
  // The selection as the tools last saw it, for Ctrl+B / Ctrl+I on the grid.
  const selected = useRef<CellRange>(undefined);
  const locale = useLocale((s) => s.locale);
  const context = useFormulaContext(block.id, true);
  const colWidths = useMemo(() => columnWidths(block.widths), [block.widths]);
  const merges = useMemo(() => mergedRanges(block.merges), [block.merges]);
  // A big sheet's stored cells (held by the runtime, not the document) under the person's edits.
  const data = useWorkbook((s) => (block.data ? s.runtime.node(block.id).sheetData : undefined));
  const cellCount = useMemo(() => Object.keys(block.cells).length + (data ? dataCellCount(data) : 0), [block.cells, data]);
  const raw = useCallback((key: string) => rawText({ cells: block.cells, data }, key), [block.cells, data]);
  const formatOf = useCallback((key: string) => block.formats?.[key] ?? storedFormat(data, key) ?? impliedFormat(raw(key)), [block.formats, data, raw]);
  // The computed value shown with the cell's format; data-value keeps the raw value for tests.
  const view = useCallback(
    (key: string) => {
      const v = run.sheet?.[key] ?? storedView(data, block.cells, key);
      const style = block.styles?.[key];
      if (!v) return style && { text: '', kind: 'empty' as const, style };
      return { ...v, text: formatShown(v, formatOf(key), locale, charsIn(colWidths, key)), value: sheetDataValue(v), ...(style ? { style } : {}) };
    },
    [run.sheet, data, block.cells, formatOf, locale, block.styles, colWidths],
  );
  const ops = useSheetOps(block, (key) => view(key)?.text);
  // Sheets store en-US text: what is typed in another locale is stored as the same value in en-US.
  const onEdit = (updates: Record<string, string | null>) =>
    setSheetCells(block.id, Object.fromEntries(Object.entries(updates).map(([k, t]) => [k, t === null ? null : canonicalInput(t, locale)])));
  const styleOf = (range: CellRange) => block.styles?.[cellKey({ row: range.top, col: range.left })];
  const onStyle = (range: CellRange, patch: StylePatch) => {
    const cells = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (cells > MAX_STYLED_CELLS) return notify(`Styles are set on at most ${MAX_STYLED_CELLS.toLocaleString('en-US')} cells at once; this selection has ${cells.toLocaleString('en-US')}. Select fewer cells.`);
    setSheetStyles(block.id, restyle(block.styles, keysOf(range), patch));
  };
  // Excel's Ctrl+B / Ctrl+I, on the grid itself (not while a cell or the formula bar is edited).
  const onStyleKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = e.key.toLowerCase();
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || (key !== 'b' && key !== 'i') || !selected.current) return;
    if (!(e.target instanceof HTMLElement) || e.target.dataset.testid !== 'sheet-grid') return;
    e.preventDefault();
    const field = key === 'b' ? 'bold' : 'italic';
    onStyle(selected.current, { [field]: styleOf(selected.current)?.[field] ? undefined : true });
  };
  return (
    <BlockFrame block={block} run={run} subtitle={`${cellCount.toLocaleString('en-US')} cells · use as ${block.name} in SQL`}>
      {block.leftOut && block.leftOut.length > 0 && (
        <p className="left-out" data-testid="left-out">
          Not imported from {block.origin?.file ?? 'the workbook'}: {block.leftOut.join(' ')}
        </p>
      )}
      <div className="sheet-keys" onKeyDown={onStyleKey}>
        <div {...ops.wrap}>
        {ops.panel}
        <SheetGrid
          {...ops.grid}
          rows={SHEET_ROWS}
          cols={SHEET_COLS}
          colWidths={colWidths}
          merges={merges}
          used={used}
          // Widths are kept in Excel's character units: px = chars * 7 + 5.
          onResizeColumn={(col, px) => setSheetLayout(block.id, { widths: { [columnLetters(col)]: (px - 5) / 7 } })}
          freeze={block.freeze}
          onFreeze={(freeze) => setSheetLayout(block.id, { freeze })}
          raw={raw}
          view={view}
          onEdit={onEdit}
          renderTools={(range) => {
            selected.current = range;
            return (
              <>
                <FormatMenu
                  current={formatOf(cellKey({ row: range.top, col: range.left }))}
                  onFormat={setSheetFormats && ((code) => setSheetFormats(block.id, Object.fromEntries(keysOf(range).map((k) => [k, code]))))}
                />
                <StyleMenu current={styleOf(range)} onStyle={(patch) => onStyle(range, patch)} />
                {ops.tools(range)}
              </>
            );
          }}
          renderFormulaInput={({ value, onCommit, onCancel }) => (
            <FormulaEditor value={value} context={context} onCommit={onCommit} onCancel={onCancel} testId="sheet-formula-input" ariaLabel="Cell formula" />
          )}
        />
        </div>
      </div>
      {run.error && run.status === 'error' && <BlockErrorView error={run.error} />}
      {run.columns && run.status !== 'error' && (
        <details className="sheet-table" data-testid="sheet-table">
          <summary>As a table: {run.rows ?? 0} rows · {run.columns.map((c) => c.name).join(', ')}</summary>
          <TableResult block={block} run={run} />
        </details>
      )}
    </BlockFrame>
  );
}

/** Past this a style change would add an entry per cell to the document (a whole-sheet selection): refused with a notice. */
const MAX_STYLED_CELLS = 100_000;

/** The addresses of a range, row by row. */
function keysOf(range: CellRange): string[] {
  const keys: string[] = [];
  for (let row = range.top; row <= range.bottom; row++) for (let col = range.left; col <= range.right; col++) keys.push(cellKey({ row, col }));
  return keys;
}

/** How many characters of a number fit in the cell's column (digits of the grid's 13px font are about 8px; 12px of padding). */
function charsIn(widths: (number | undefined)[] | undefined, key: string): number {
  const col = parseAddress(key)?.col ?? 0;
  return Math.max(1, Math.floor(((widths?.[col] ?? COL_W) - 12) / 8));
}

/** Excel's column widths (characters of the default font) in pixels, as Excel draws them at 100%. */
function columnWidths(widths: SheetBlock['widths']): (number | undefined)[] | undefined {
  if (!widths) return undefined;
  const px: (number | undefined)[] = [];
  for (const [letters, chars] of Object.entries(widths)) {
    const c = columnIndex(letters);
    if (c < SHEET_COLS) px[c] = Math.max(8, Math.round(chars * 7 + 5));
  }
  return px;
}

/** Merged ranges that fit the grid as shown. */
function mergedRanges(merges: SheetBlock['merges']): CellRange[] | undefined {
  return merges?.flatMap((m) => {
    const [a, b] = m.split(':').map(parseAddress);
    if (!a || !b || b.col >= SHEET_COLS || b.row >= SHEET_ROWS) return [];
    return [{ top: a.row, left: a.col, bottom: b.row, right: b.col }];
  });
}

/** A big sheet's stored cell's format code. */
function storedFormat(data: SheetData | undefined, key: string): string | undefined {
  const a = data && parseAddress(key);
  return a ? dataFormat(data, a.row, a.col) : undefined;
}

/** How a big sheet's stored constant shows (its formulas' values come computed, in the run). */
function storedView(data: SheetData | undefined, cells: SheetBlock['cells'], key: string) {
  if (!data || cells[key] !== undefined) return undefined;
  const raw = rawText({ cells, data }, key);
  return raw === undefined || raw.startsWith('=') ? undefined : sheetCellView(raw);
}
