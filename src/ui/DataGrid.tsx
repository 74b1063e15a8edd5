import {
  CellStyleModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  TextFilterModule,
  TooltipModule,
  type ColDef,
  type GridApi,
  type ICellRendererComp,
  type ICellRendererParams,
  type IDatasource,
  type SortModelItem,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ColumnInfo } from '../engine';
import { countRows, fetchPage, useLocale } from '../state';
import type { ColumnFilter, GridView, TableView } from '../workbook';
import { formatGridNumber, gridDataValue } from '../workbook/format';
import { ColumnHeader, type ColumnHeaderParams } from './ColumnHeader';
import { useGridRange } from './useGridRange';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  ColumnApiModule, // getColumnState / applyColumnState: the sort kept in the document
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  ColumnAutoSizeModule,
  CellStyleModule,
  TooltipModule,
]);

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/i;

function filterFor(type: string): string {
  if (NUMERIC.test(type)) return 'agNumberColumnFilter';
  if (TEMPORAL.test(type)) return 'agDateColumnFilter';
  return 'agTextColumnFilter';
}

const PAGE = 200;

/**
 * A cell as a plain element (cheap while scrolling): its formatted text, and its raw value in
 * the grid cell's `data-value` (the test contract), so a display format never changes what a test reads.
 */
class ValueCell implements ICellRendererComp {
  private readonly el = document.createElement('span');

  init(p: ICellRendererParams): void {
    this.refresh(p);
  }

  getGui(): HTMLElement {
    return this.el;
  }

  refresh(p: ICellRendererParams): boolean {
    this.el.textContent = p.valueFormatted ?? (p.value === null || p.value === undefined ? '' : String(p.value));
    p.eGridCell.setAttribute('data-value', gridDataValue(p.value));
    return true;
  }
}

interface DataGridProps {
  table: string;
  columns: ColumnInfo[];
  /** Changes when the table's contents change, to drop cached pages. */
  revision: number;
  /** Rows in the table, to size the grid to its content when small. */
  rows: number;
  /** The number of rows the view shows with its filters. */
  onCount(count: number): void;
  /** Formula column → the hidden column of its row errors (#DIV/0! …), shown in its place. */
  errorColumns?: Record<string, string>;
  /** Formula columns by name: their header is marked and opens the formula on click. */
  formulas?: Record<string, string>;
  onEditFormula?(column: string): void;
  /** The sort and filters kept in the document: set on the grid when it opens, reported when a person changes them. */
  view?: GridView;
  onView?(view: GridView | undefined): void;
}

const HEADER_HEIGHT = 44;
const ROW_HEIGHT = 28;
const MAX_HEIGHT = 420;
// Module constants: ag-grid compares options by identity, and a new object each render makes it
// rebuild every column.
const DEFAULT_COL_DEF: ColDef = { sortable: true, resizable: true, cellRenderer: ValueCell };
const AUTO_SIZE = { type: 'fitGridWidth', defaultMinWidth: 90 } as const;

/**
 * A grid over a DuckDB table with ag-grid's infinite row model: every page, sort and filter is a
 * SQL query; no rows beyond the visible pages are ever in JavaScript.
 */
export function DataGrid({ table, columns, revision, rows, onCount, errorColumns, formulas, onEditFormula, view, onView }: DataGridProps) {
  // A grid out of view keeps its pages until it comes near: a change that re-runs a chain of
  // blocks fetches and draws only the grids a person can see. Page queries off screen would
  // otherwise queue in DuckDB's worker between the chain's own statements.
  const frameRef = useRef<HTMLDivElement>(null);
  const nearScreen = useNearScreen(frameRef);
  const [shownRevision, setShownRevision] = useState(revision);
  if (nearScreen && shownRevision !== revision) setShownRevision(revision);
  const onCountRef = useRef(onCount);
  onCountRef.current = onCount;
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const onEditRef = useRef(onEditFormula);
  onEditRef.current = onEditFormula;
  const errorsKey = JSON.stringify(errorColumns ?? {});
  const formulasKey = JSON.stringify(formulas ?? {});
  const locale = useLocale((s) => s.locale);
  const columnDefs = useMemo<ColDef[]>(
    () => {
      const errors = JSON.parse(errorsKey) as Record<string, string>;
      const formulaOf = JSON.parse(formulasKey) as Record<string, string>;
      return columns.map((column) => {
        const err = errors[column.name];
        return {
          colId: column.name,
          field: column.name,
          headerName: column.name,
          headerTooltip: formulaOf[column.name] ? `${column.name} ${formulaOf[column.name]}` : `${column.name}: ${column.type}`,
          filter: filterFor(column.type),
          filterParams: { maxNumConditions: 2, buttons: ['reset'] },
          type: NUMERIC.test(column.type) ? 'rightAligned' : undefined,
          // Grouped, at most 6 decimals: 1,234,567 and 7.8, not 7.800000000000001 (data-value keeps the number).
          ...(NUMERIC.test(column.type) ? { valueFormatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatGridNumber(p.value, locale) : p.value === null || p.value === undefined ? '' : String(p.value)) } : {}),
          headerComponentParams: {
            innerHeaderComponent: ColumnHeader,
            innerHeaderComponentParams: {
              table,
              column,
              formula: formulaOf[column.name],
              onEditFormula: formulaOf[column.name] !== undefined ? () => onEditRef.current?.(column.name) : undefined,
            } satisfies ColumnHeaderParams,
          },
          // A row where the formula failed shows its error, as a spreadsheet cell does.
          ...(err
            ? {
                valueGetter: (p: { data?: Record<string, unknown> }) => (p.data ? (p.data[err] ?? p.data[column.name]) : undefined),
                cellClassRules: { 'cell-error': (p: { data?: Record<string, unknown> }) => !!p.data?.[err] },
              }
            : {}),
          minWidth: 90,
        } satisfies ColDef;
      });
    },
    [table, columns, errorsKey, formulasKey, locale],
  );
  // The grid fetches the error columns too, without showing them as columns.
  const fetched = useMemo(
    () => [...columns, ...Object.values(JSON.parse(errorsKey) as Record<string, string>).map((name) => ({ name, type: 'VARCHAR' }))],
    [columns, errorsKey],
  );

  const datasource = useMemo<IDatasource>(() => {
    // One count per distinct filter; pages of the same view reuse it.
    let counted: { key: string; count: Promise<number> } | undefined;
    return {
      getRows(params) {
        const view: TableView = {
          table,
          sort: params.sortModel.map((s: SortModelItem) => ({ column: s.colId, direction: s.sort === 'desc' ? 'desc' : 'asc' })),
          filters: params.filterModel as Record<string, ColumnFilter>,
        };
        const key = JSON.stringify(view.filters ?? {});
        // Unfiltered, the block already knows its row count.
        if (counted?.key !== key) counted = { key, count: key === '{}' ? Promise.resolve(rowsRef.current) : countRows(view) };
        Promise.all([fetchPage(view, fetched, params.startRow, params.endRow), counted.count]).then(
          ([rows, count]) => {
            params.successCallback(rows, count);
            onCountRef.current(count);
          },
          (error: unknown) => {
            console.error('grid page failed', error);
            params.failCallback();
          },
        );
      },
    };
    // revision: a new datasource (and so fresh pages) whenever the table changes, once near view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table, fetched, shownRevision]);

  const [api, setApi] = useState<GridApi>();
  const viewKey = JSON.stringify(view ?? {});
  const onViewRef = useRef(onView);
  onViewRef.current = onView;
  // The document's sort and filters, set on the grid once its columns are there (a reload, an undo).
  useEffect(() => {
    if (!api || columnDefs.length === 0 || viewKey === JSON.stringify(readView(api) ?? {})) return;
    const wanted = JSON.parse(viewKey) as GridView;
    api.setFilterModel(wanted.filters ?? null);
    api.applyColumnState({ state: (wanted.sort ?? []).map((s, i) => ({ colId: s.column, sort: s.direction, sortIndex: i })), defaultState: { sort: null } });
  }, [api, columnDefs, viewKey]);
  const reportView = () => api && onViewRef.current?.(readView(api));
  // Click, shift-click, drag and Ctrl+A select cells; Ctrl+C copies them as TSV and HTML.
  useGridRange(frameRef, api, () => ({ table, ...(api && readView(api)) }), fetched);

  return (
    <div ref={frameRef} className="grid-frame" data-stale={shownRevision !== revision || undefined} style={{ height: Math.min(MAX_HEIGHT, HEADER_HEIGHT + Math.max(2, rows) * ROW_HEIGHT + 20) }}>
      <AgGridReact
        rowModelType="infinite"
        datasource={datasource}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        suppressFieldDotNotation
        cacheBlockSize={PAGE}
        maxBlocksInCache={40}
        blockLoadDebounceMillis={30}
        rowBuffer={20}
        headerHeight={HEADER_HEIGHT}
        rowHeight={ROW_HEIGHT}
        tooltipShowDelay={400}
        autoSizeStrategy={AUTO_SIZE}
        onGridReady={(e) => setApi(e.api)}
        onSortChanged={reportView}
        onFilterChanged={reportView}
      />
    </div>
  );
}

/** The grid's sort and filters as the document keeps them (undefined when it has neither). */
function readView(api: GridApi): GridView | undefined {
  const sort = api
    .getColumnState()
    .filter((c) => c.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ column: c.colId, direction: c.sort === 'desc' ? ('desc' as const) : ('asc' as const) }));
  const filters = api.getFilterModel() as Record<string, ColumnFilter>;
  const view: GridView = { ...(sort.length ? { sort } : {}), ...(Object.keys(filters).length ? { filters } : {}) };
  return Object.keys(view).length ? view : undefined;
}

/** Whether an element is on screen or within a screen's height of it (true until first measured). */
function useNearScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? true), { rootMargin: '100% 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}
