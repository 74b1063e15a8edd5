import { useState } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import type { SqlBlock, TableBlock } from '../workbook';
import { FormulaEditor } from './FormulaEditor';
import { useFormulaContext } from './useFormulaContext';

interface Props {
  block: TableBlock | SqlBlock;
  run: BlockRun;
  /** The formula column being edited, or undefined for a new one. */
  column?: string;
  onColumn(name: string | undefined): void;
  onClose(): void;
}

/**
 * Adds or edits a formula column: its name, its formula (with completion and signature help),
 * what it compiled to in SQL, and what is wrong with it. Enter or leaving the formula saves.
 */
export function FormulaColumnPanel({ block, run, column, onColumn, onClose }: Props) {
  const { addFormulaColumn, updateFormulaColumn, removeFormulaColumn } = useWorkbook.getState();
  const existing = block.formulaColumns?.find((c) => c.name === column);
  const compiled = run.formulaColumns?.find((c) => c.name === column);
  const context = useFormulaContext(block.id);
  const [name, setName] = useState(existing?.name ?? suggestName(run));
  const [formula, setFormula] = useState(existing?.formula ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const [showSql, setShowSql] = useState(false);

  const save = (text = formula) => {
    setFormula(text);
    const trimmed = text.trim();
    // `[qty]*[price]` is taken as the formula it means.
    const next = { name: name.trim(), formula: trimmed.startsWith('=') || trimmed === '' ? trimmed : `=${trimmed}` };
    if (existing && existing.name === next.name && existing.formula === next.formula) return;
    if (!existing && (next.formula === '' || next.formula === '=')) return;
    const why = existing ? updateFormulaColumn(block.id, existing.name, next) : addFormulaColumn(block.id, next);
    setProblem(why);
    if (!why) onColumn(next.name);
  };

  return (
    <div className="formula-panel" data-testid="formula-column-panel">
      <div className="formula-panel-row">
        <input
          className="formula-column-name"
          data-testid="formula-column-name"
          aria-label="Column name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => existing && save()}
          onKeyDown={(e) => e.key === 'Enter' && save()}
        />
        <FormulaEditor
          value={formula}
          context={context}
          autoFocus
          onCommit={save}
          onCancel={onClose}
          testId="formula-column-input"
          ariaLabel={`Formula of ${name || 'the new column'}`}
          placeholder="=[qty] * [price]"
          errorSpan={compiled?.error?.span}
        />
        <button type="button" className="primary" data-testid="formula-column-save" onClick={() => save()}>
          {existing ? 'Save' : 'Add column'}
        </button>
        {existing && (
          <button
            type="button"
            data-testid="formula-column-delete"
            onClick={() => {
              removeFormulaColumn(block.id, existing.name);
              onClose();
            }}
          >
            Delete
          </button>
        )}
        {compiled && (
          <button type="button" data-testid="show-sql" aria-pressed={showSql} onClick={() => setShowSql(!showSql)}>
            {showSql ? 'Hide SQL' : 'Show SQL'}
          </button>
        )}
        <button type="button" className="icon-button" data-testid="formula-column-close" title="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      {problem && (
        <div className="formula-problem" role="alert" data-testid="formula-column-problem">
          {problem}
        </div>
      )}
      {compiled?.error && (
        <div className="formula-problem" role="alert" data-testid="formula-column-error">
          <b>{compiled.error.code}</b> {compiled.error.message}
        </div>
      )}
      {showSql && compiled && (
        <pre className="formula-sql" data-testid="formula-sql">
          {compiled.sql}
          {compiled.errorSql ? `\n-- errors, row by row:\n${compiled.errorSql}` : ''}
        </pre>
      )}
    </div>
  );
}

/** `column1`, `column2` … whichever is free among the block's columns. */
function suggestName(run: BlockRun): string {
  const taken = new Set((run.columns ?? []).map((c) => c.name.toLowerCase()));
  for (let i = 1; ; i++) if (!taken.has(`column${i}`)) return `column${i}`;
}
