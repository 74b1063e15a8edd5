import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWorkbook, type BlockRun } from '../state';
import { pivotValueName, type PivotAggregate, type PivotBlock, type PivotValue } from '../workbook';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { ExportMenu } from './ExportMenu';
import { SourceSelect } from './SourceSelect';
import { FormulaEditor } from './FormulaEditor';
import { TableResult } from './TableResult';
import { useFormulaContext } from './useFormulaContext';

const AGGREGATES: { value: PivotAggregate; label: string }[] = [
  { value: 'sum', label: 'SUM' },
  { value: 'avg', label: 'AVERAGE' },
  { value: 'count', label: 'COUNT' },
  { value: 'min', label: 'MIN' },
  { value: 'max', label: 'MAX' },
  { value: 'median', label: 'MEDIAN' },
  { value: 'count_distinct', label: 'COUNT DISTINCT' },
  { value: 'formula', label: 'Formula…' },
];

/** A group-by / pivot of another block, built from its columns; the result is a table of its own. */
export function PivotBlockView({ block, run }: { block: PivotBlock; run: BlockRun }) {
  const setPivot = useWorkbook((s) => s.setPivot);
  const columns = useWorkbook(useShallow((s) => (s.runs[block.source]?.columns ?? []).map((c) => c.name)));
  const [showSql, setShowSql] = useState(false);
  const set = (patch: Parameters<typeof setPivot>[1]) => setPivot(block.id, patch);

  const subtitle = <SourceSelect self={block.id} source={block.source} testId="pivot-source" onChange={(source) => set({ source, rows: [], columns: [], values: [{ aggregate: 'count' }] })} />;
  const actions = run.sql ? (
    <button type="button" data-testid="show-sql" aria-pressed={showSql} onClick={() => setShowSql(!showSql)}>
      {showSql ? 'Hide SQL' : 'Show SQL'}
    </button>
  ) : undefined;

  return (
    <BlockFrame block={block} run={run} subtitle={subtitle} actions={<>{actions}<ExportMenu blockId={block.id} disabled={run.status !== 'ok'} /></>}>
      <div className="pivot-fields">
        <FieldList label="Rows" testId="pivot-rows" fields={block.rows} columns={columns} onChange={(rows) => set({ rows })} />
        <FieldList label="Columns" testId="pivot-columns" fields={block.columns} columns={columns} onChange={(cols) => set({ columns: cols })} />
        <ValueList block={block} columns={columns} onChange={(values) => set({ values })} />
      </div>
      {showSql && run.sql && (
        <pre className="formula-sql" data-testid="pivot-sql">
          {run.sql}
        </pre>
      )}
      {run.error && run.status === 'error' && <BlockErrorView error={run.error} />}
      {run.status !== 'error' && run.columns && <TableResult block={block} run={run} />}
    </BlockFrame>
  );
}

/** Chosen fields as removable chips, and a menu to add another. */
function FieldList({ label, testId, fields, columns, onChange }: { label: string; testId: string; fields: string[]; columns: string[]; onChange(fields: string[]): void }) {
  return (
    <div className="pivot-area" data-testid={testId}>
      <span className="pivot-label">{label}</span>
      {fields.map((f) => (
        <span key={f} className="chip" data-testid="pivot-field" data-field={f}>
          {f}
          <button type="button" className="icon-button" aria-label={`Remove ${f}`} onClick={() => onChange(fields.filter((x) => x !== f))}>
            ✕
          </button>
        </span>
      ))}
      <select data-testid={`${testId}-add`} aria-label={`Add to ${label}`} value="" onChange={(e) => e.target.value && onChange([...fields, e.target.value])}>
        <option value="">+ add</option>
        {columns
          .filter((c) => !fields.includes(c))
          .map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
      </select>
    </div>
  );
}

/** The values: an aggregate of a column each, or an aggregate formula over the group. */
function ValueList({ block, columns, onChange }: { block: PivotBlock; columns: string[]; onChange(values: PivotValue[]): void }) {
  const context = useFormulaContext(block.source);
  const update = (i: number, v: PivotValue) => onChange(block.values.map((x, j) => (j === i ? v : x)));
  return (
    <div className="pivot-area" data-testid="pivot-values">
      <span className="pivot-label">Values</span>
      {block.values.map((v, i) => (
        <span key={i} className="chip pivot-value" data-testid="pivot-value" data-name={pivotValueName(v, i)}>
          <select data-testid="pivot-value-aggregate" aria-label="Aggregate" value={v.aggregate} onChange={(e) => update(i, { ...v, aggregate: e.target.value as PivotAggregate, ...(e.target.value === 'formula' ? { formula: v.formula ?? '=SUM([' + (v.column ?? columns[0] ?? '') + '])' } : {}) })}>
            {AGGREGATES.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
          {v.aggregate === 'formula' ? (
            <span className="pivot-formula">
              <FormulaEditor value={v.formula ?? '='} context={context} onCommit={(formula) => update(i, { ...v, formula })} testId="pivot-value-formula" ariaLabel="Aggregate formula" />
            </span>
          ) : (
            <select data-testid="pivot-value-column" aria-label="Column" value={v.column ?? ''} onChange={(e) => update(i, { ...v, column: e.target.value || undefined })}>
              {v.aggregate === 'count' && <option value="">rows</option>}
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="icon-button" aria-label="Remove value" onClick={() => onChange(block.values.filter((_, j) => j !== i))}>
            ✕
          </button>
        </span>
      ))}
      <button type="button" className="small" data-testid="pivot-add-value" onClick={() => onChange([...block.values, { aggregate: 'sum', column: columns[0] }])}>
        + value
      </button>
    </div>
  );
}
