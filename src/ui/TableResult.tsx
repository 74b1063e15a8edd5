import { useMemo, useState } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import { shownRowsSql, whereClause, type Block } from '../workbook';
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
  const { addPivot, setGridView, addSqlBlock, runBlock, setPivot } = useWorkbook.getState();
  const columns = run.columns ?? [];
  const rows = run.rows ?? 0;
  const count = shown ?? rows;
  const formulaBlock = block.kind === 'table' || block.kind === 'sql' ? block : undefined;
  const grid = formulaBlock?.grid;
  const filtered = whereClause(grid?.filters) !== '';
  // A pivot of a filtered grid groups the rows it shows: a SQL block of them (the filter in plain
  // words), then its pivot, grouping by the grid's first text column.
  const pivotShown = async () => {
    if (!filtered) return addPivot(block.id);
    const rowsBlock = addSqlBlock(shownRowsSql(block.name, grid?.filters));
    await runBlock(rowsBlock);
    const pivot = addPivot(rowsBlock);
    const firstText = columns.find((c) => /^VARCHAR/i.test(c.type)) ?? columns[0];
    if (firstText) setPivot(pivot, { rows: [firstText.name] });
  };
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
        <button
          type="button"
          className="small"
          data-testid="pivot-table"
          title={filtered ? 'Group and pivot the rows this grid shows (its filters as a SQL block)' : 'Group and pivot this table'}
          onClick={() => void pivotShown()}
        >
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
        view={grid}
        onView={formulaBlock ? (view) => setGridView(formulaBlock.id, view) : undefined}
      />
    </div>
  );
}
