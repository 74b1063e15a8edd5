import type { IHeaderParams } from 'ag-grid-community';
import { useState } from 'react';
import type { ColumnInfo } from '../engine';
import type { ColumnFilter } from '../workbook';
import { ProfilePopover } from './ProfilePopover';

export interface ColumnHeaderParams {
  table: string;
  column: ColumnInfo;
  /** Set for a formula column: its formula. */
  formula?: string;
  onEditFormula?(): void;
}

/** A column header's inner part: the name, DuckDB's type, and a button for the column's profile. */
export function ColumnHeader(props: IHeaderParams & ColumnHeaderParams) {
  const { column, table, formula, onEditFormula } = props;
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  // The profile counts the rows the grid shows: its filters as they are when it opens.
  const [filters, setFilters] = useState<Record<string, ColumnFilter>>();
  return (
    <div className="col-header" data-testid="column-header" data-column={column.name} data-formula={formula}>
      {formula !== undefined && (
        <button
          type="button"
          className="col-formula-button"
          data-testid="edit-formula-column"
          title={`${column.name} ${formula}: edit`}
          aria-label={`Edit the formula of ${column.name}`}
          onClick={(e) => {
            e.stopPropagation(); // not a sort
            onEditFormula?.();
          }}
          onMouseDown={(e) => e.stopPropagation()}
        >
          ƒ
        </button>
      )}
      <span className="col-name">{props.displayName}</span>
      <span className="col-type" data-testid="column-type">
        {shortType(column.type)}
      </span>
      <button
        type="button"
        className="col-profile-button"
        data-testid="profile-button"
        title={`Profile ${column.name}`}
        aria-label={`Profile ${column.name}`}
        onClick={(e) => {
          e.stopPropagation(); // a click here must not sort the column
          setFilters(props.api.getFilterModel() as Record<string, ColumnFilter>);
          setAnchor(anchor ? null : e.currentTarget.getBoundingClientRect());
        }}
        onMouseDown={(e) => e.stopPropagation()}
      >
        ▥
      </button>
      {anchor && <ProfilePopover table={table} filters={filters} column={column} anchor={anchor} onClose={() => setAnchor(null)} />}
    </div>
  );
}

/** `TIMESTAMP WITH TIME ZONE` is long for a header; the tooltip keeps the full name. */
function shortType(type: string): string {
  return type.replace('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ');
}
