import { useMemo, useState } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import type { Block } from '../workbook';
import { DataGrid } from './DataGrid';
import { FormulaColumnPanel } from './FormulaColumnPanel';

const numberFormat = new Intl.NumberFormat('en-US');

interface TableResultProps {
  block: Block;
  run: BlockRun;
}

/**
 * A table-like block's result: the row count (with filters), its tools (formula columns, a
 * pivot of it), and the grid over what the block holds.
 */
export function TableResult({ block, run }: TableResultProps) {
  const [shown, setShown] = useState<number | null>(null);
  // undefined: closed; null: a new column; a name: that formula column.
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const addPivot = useWorkbook((s) => s.addPivot);
  const columns = run.columns ?? [];
  const rows = run.rows ?? 0;
  const count = shown ?? rows;
  const formulaBlock = block.kind === 'table' || block.kind === 'sql' ? block : undefined;
  const formulas = useMemo(() => Object.fromEntries((formulaBlock?.formulaColumns ?? []).map((c) => [c.name, c.formula])), [formulaBlock?.formulaColumns]);
  return (
    <div className="table-result">
      <div className="result-meta">
        <span data-testid="row-count">{count}</span>
        <span className="muted">
          {' '}
          rows{shown !== null && shown !== rows ? ` (filtered from ${numberFormat.format(rows)})` : ''} · {columns.length} columns
        </span>
        <span className="spacer" />
        {formulaBlock && (
          <button type="button" className="small" data-testid="add-column" title="Add a column computed by a formula, such as =[qty]*[price]" onClick={() => setEditing(null)}>
            + Column
          </button>
        )}
        <button type="button" className="small" data-testid="pivot-table" title="Group and pivot this table" onClick={() => addPivot(block.id)}>
          Group / pivot
        </button>
      </div>
      {formulaBlock && editing !== undefined && (
        <FormulaColumnPanel
          key={editing ?? '(new)'}
          block={formulaBlock}
          run={run}
          column={editing ?? undefined}
          onColumn={(name) => setEditing(name ?? null)}
          onClose={() => setEditing(undefined)}
        />
      )}
      <DataGrid
        table={run.gridTable ?? block.name}
        columns={columns}
        revision={run.revision}
        rows={rows}
        onCount={setShown}
        errorColumns={run.errorColumns}
        formulas={formulas}
        onEditFormula={(name) => setEditing(name)}
      />
    </div>
  );
}
