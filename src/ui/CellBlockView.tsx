import { useEffect, useState } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import { cellValue, formatCellValue, isFormulaCell, isRelationBlock, type BlockId, type CellBlock, type CellControl, type CellControlType } from '../workbook';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { FormulaEditor } from './FormulaEditor';
import { useFormulaContext } from './useFormulaContext';

const CONTROLS: { type: CellControlType; label: string }[] = [
  { type: 'value', label: 'Value' },
  { type: 'number', label: 'Number' },
  { type: 'slider', label: 'Slider' },
  { type: 'text', label: 'Text' },
  { type: 'dropdown', label: 'Dropdown' },
  { type: 'date', label: 'Date' },
  { type: 'checkbox', label: 'Checkbox' },
];

function defaultControl(type: CellControlType): CellControl {
  switch (type) {
    case 'slider':
      return { type, min: 0, max: 100, step: 1 };
    case 'dropdown':
      return { type, options: ['A', 'B', 'C'] };
    default:
      return { type };
  }
}

/** A named cell: a value or an input control that SQL blocks read as `$name`. */
export function CellBlockView({ block, run }: { block: CellBlock; run: BlockRun }) {
  const setCellControl = useWorkbook((s) => s.setCellControl);
  // A formula's value is computed (run.value); a typed value is read from what was typed.
  const value = isFormulaCell(block) ? (run.value ?? { type: 'empty' as const, value: null }) : cellValue(block);
  const subtitle = (
    <select
      className="cell-control-type"
      data-testid="cell-control"
      aria-label="Cell control"
      value={block.control.type}
      onChange={(e) => setCellControl(block.id, defaultControl(e.target.value as CellControlType))}
    >
      {CONTROLS.map((c) => (
        <option key={c.type} value={c.type}>
          {c.label}
        </option>
      ))}
    </select>
  );
  return (
    <BlockFrame block={block} run={run} subtitle={subtitle}>
      <div className="cell-body">
        <CellInput block={block} options={run.options} />
        <span className="cell-equals muted">=</span>
        <output className={`cell-value cell-${value.type}`} data-testid="cell-value" data-value-type={value.type} title={value.type === 'error' ? value.message : undefined}>
          {formatCellValue(value)}
        </output>
        <span className="muted cell-hint">
          use as <code>${block.name}</code>
        </span>
      </div>
      <ControlSettings block={block} />
      {run.error && run.status === 'error' && <BlockErrorView error={run.error} />}
    </BlockFrame>
  );
}

function CellInput({ block, options }: { block: CellBlock; options?: string[] }) {
  const setCellValue = useWorkbook((s) => s.setCellValue);
  const set = (v: CellBlock['value']) => setCellValue(block.id, v);
  const { control, value } = block;
  switch (control.type) {
    case 'value':
      return <ValueInput block={block} onCommit={set} />;
    case 'text':
      return <CommitOnEnter value={value === null ? '' : String(value)} onCommit={set} placeholder="text" />;
    case 'number':
      return <input className="cell-input" data-testid="cell-input" type="number" value={typeof value === 'number' ? value : ''} onChange={(e) => set(e.target.value === '' ? null : Number(e.target.value))} />;
    case 'slider':
      return (
        <input
          className="cell-input"
          data-testid="cell-input"
          type="range"
          min={control.min}
          max={control.max}
          step={control.step}
          value={typeof value === 'number' ? value : control.min}
          onChange={(e) => set(Number(e.target.value))}
        />
      );
    case 'date':
      return <input className="cell-input" data-testid="cell-input" type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || null)} />;
    case 'checkbox':
      return <input className="cell-input" data-testid="cell-input" type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />;
    case 'dropdown': {
      const list = 'options' in control ? control.options : (options ?? []);
      return (
        <select className="cell-input" data-testid="cell-input" value={value === null ? '' : String(value)} onChange={(e) => set(e.target.value)}>
          {value === null && <option value="">—</option>}
          {list.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    }
  }
}

/** A value cell's input: a typed value, or a formula (`=SUM(sales[amount])`) with completion and signature help. */
function ValueInput({ block, onCommit }: { block: CellBlock; onCommit(v: string): void }) {
  const context = useFormulaContext(block.id);
  const text = block.value === null ? '' : String(block.value);
  return (
    <div className="cell-formula">
      <FormulaEditor value={text} context={context} onCommit={(t) => t !== text && onCommit(t)} testId="cell-input" ariaLabel={`Value of ${block.name}`} placeholder="42, text, 2024-01-31, TRUE or =formula" />
    </div>
  );
}

/** A text box that commits on Enter or when it loses focus, so typing does not re-run everything. */
function CommitOnEnter({ value, onCommit, placeholder }: { value: string; onCommit(v: string): void; placeholder?: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      className="cell-input"
      data-testid="cell-input"
      value={draft}
      placeholder={placeholder}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && onCommit(draft)}
      onBlur={() => draft !== value && onCommit(draft)}
    />
  );
}

/** Slider range and dropdown options. */
function ControlSettings({ block }: { block: CellBlock }) {
  const setCellControl = useWorkbook((s) => s.setCellControl);
  const blocks = useWorkbook((s) => s.doc.blocks);
  const relations = blocks.filter(isRelationBlock);
  const runs = useWorkbook((s) => s.runs);
  const { control } = block;
  const update = (c: CellControl) => setCellControl(block.id, c);
  if (control.type === 'slider') {
    const field = (key: 'min' | 'max' | 'step') => (
      <label>
        {key}{' '}
        <input
          type="number"
          data-testid={`slider-${key}`}
          defaultValue={control[key]}
          onBlur={(e) => {
            const next = { ...control, [key]: Number(e.target.value) };
            if (next.step > 0 && next.max >= next.min) update(next);
          }}
        />
      </label>
    );
    return (
      <div className="cell-settings">
        {field('min')} {field('max')} {field('step')}
      </div>
    );
  }
  if (control.type !== 'dropdown') return null;
  const fromQuery = 'from' in control;
  const source = fromQuery ? control.from.block : (relations[0]?.id as BlockId | undefined);
  const columns = source ? (runs[source]?.columns ?? []) : [];
  return (
    <div className="cell-settings">
      <label>
        <input type="radio" checked={!fromQuery} onChange={() => update({ type: 'dropdown', options: ['A', 'B', 'C'] })} /> typed
      </label>
      <label>
        <input
          type="radio"
          data-testid="dropdown-from-query"
          checked={fromQuery}
          disabled={relations.length === 0}
          onChange={() => source && update({ type: 'dropdown', from: { block: source, column: runs[source]?.columns?.[0]?.name ?? '' } })}
        />{' '}
        from a column
      </label>
      {fromQuery ? (
        <>
          <select data-testid="dropdown-block" value={control.from.block} onChange={(e) => update({ type: 'dropdown', from: { block: e.target.value as BlockId, column: runs[e.target.value as BlockId]?.columns?.[0]?.name ?? '' } })}>
            {relations.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <select data-testid="dropdown-column" value={control.from.column} onChange={(e) => update({ type: 'dropdown', from: { ...control.from, column: e.target.value } })}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <input
          className="dropdown-options"
          data-testid="dropdown-options"
          defaultValue={control.options.join(', ')}
          aria-label="Options, separated by commas"
          onBlur={(e) => update({ type: 'dropdown', options: [...new Set(e.target.value.split(',').map((o) => o.trim()).filter(Boolean))] })}
        />
      )}
    </div>
  );
}
