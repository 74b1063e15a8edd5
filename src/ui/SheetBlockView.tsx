import { useCallback } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import { SHEET_COLS, SHEET_ROWS, type SheetBlock } from '../workbook';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { FormulaEditor } from './FormulaEditor';
import { SheetGrid } from './SheetGrid';
import { TableResult } from './TableResult';
import { useFormulaContext } from './useFormulaContext';

/**
 * A sheet: an A1 grid to type values and formulas in; its used range (first row as column names)
 * is a table SQL blocks read by the sheet's name.
 */
export function SheetBlockView({ block, run }: { block: SheetBlock; run: BlockRun }) {
  const setSheetCells = useWorkbook((s) => s.setSheetCells);
  const context = useFormulaContext(block.id, true);
  const raw = useCallback((key: string) => block.cells[key], [block.cells]);
  const view = useCallback((key: string) => run.sheet?.[key], [run.sheet]);
  return (
    <BlockFrame block={block} run={run} subtitle={`${Object.keys(block.cells).length} cells · use as ${block.name} in SQL`}>
      <SheetGrid
        rows={SHEET_ROWS}
        cols={SHEET_COLS}
        raw={raw}
        view={view}
        onEdit={(updates) => setSheetCells(block.id, updates)}
        renderFormulaInput={({ value, onCommit, onCancel }) => (
          <FormulaEditor value={value} context={context} onCommit={onCommit} onCancel={onCancel} testId="sheet-formula-input" ariaLabel="Cell formula" />
        )}
      />
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
