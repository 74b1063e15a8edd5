import { useState } from 'react';
import type { ColumnInfo } from '../engine';
import { DataGrid } from './DataGrid';

const numberFormat = new Intl.NumberFormat('en-US');

interface TableResultProps {
  table: string;
  columns: ColumnInfo[];
  rows: number;
  revision: number;
}

/** A table-like block's result: the row count (with filters) and the grid. */
export function TableResult({ table, columns, rows, revision }: TableResultProps) {
  const [shown, setShown] = useState<number | null>(null);
  const count = shown ?? rows;
  return (
    <div className="table-result">
      <div className="result-meta">
        <span data-testid="row-count">{count}</span>
        <span className="muted">
          {' '}
          rows{shown !== null && shown !== rows ? ` (filtered from ${numberFormat.format(rows)})` : ''} · {columns.length} columns
        </span>
      </div>
      <DataGrid table={table} columns={columns} revision={revision} rows={rows} onCount={setShown} />
    </div>
  );
}
