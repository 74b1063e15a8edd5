import { useEffect, useRef, useState } from 'react';
import { useWorkbook } from '../state';
import { parseAddress, rawText, type SheetBlock } from '../workbook';
import { findAll, replaceInText, SheetOpError, type FindOptions } from '../workbook/sheet-ops';

export interface FindReplaceProps {
  block: SheetBlock;
  /** What a cell shows (for looking in values). */
  shown(key: string): string | undefined;
  /** The active cell: Find next starts after it. */
  from: string;
  /** Selects a found cell in the grid. */
  onSelect(key: string): void;
  onClose(): void;
  /** Changes when Ctrl+F / Ctrl+H asks for the find box again. */
  focusSeq: number;
}

/** Whether address `a` comes after `b` in reading order (row by row). */
function after(a: string, b: string): boolean {
  const [p, q] = [parseAddress(a), parseAddress(b)];
  return !!p && !!q && (p.row > q.row || (p.row === q.row && p.col > q.col));
}

/**
 * Find and replace over a sheet's cells, as Excel's dialog: Find next selects the next match
 * after the active cell (wrapping round), Replace replaces the found cell and finds the next,
 * Replace all replaces every match as one undo step and says how many cells changed.
 */
export function FindReplace({ block, shown, from, onSelect, onClose, focusSeq }: FindReplaceProps) {
  const setSheetCells = useWorkbook((s) => s.setSheetCells);
  const replaceInSheet = useWorkbook((s) => s.replaceInSheet);
  // A big sheet's stored cells are searched too, under the edits.
  const data = useWorkbook((s) => (block.data ? s.runtime.node(block.id).sheetData : undefined));
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeCell, setWholeCell] = useState(false);
  const [lookIn, setLookIn] = useState<NonNullable<FindOptions['lookIn']>>('formulas');
  const [status, setStatus] = useState<{ text: string; problem?: boolean }>();
  const [found, setFound] = useState<string>();
  const findRef = useRef<HTMLInputElement>(null);
  const options: FindOptions = { matchCase, wholeCell, lookIn };

  useEffect(() => {
    findRef.current?.focus();
    findRef.current?.select();
  }, [focusSeq]);

  /** The matches, or a problem shown in the status line. */
  const matches = (): string[] | undefined => {
    try {
      return findAll(block, query, options, shown, data);
    } catch (e) {
      if (!(e instanceof SheetOpError)) throw e;
      setStatus({ text: e.message, problem: true });
      return undefined;
    }
  };
  const findNext = (start = found ?? from) => {
    const all = matches();
    if (!all) return;
    if (all.length === 0) {
      setFound(undefined);
      return setStatus({ text: `No cell ${lookIn === 'values' ? 'shows' : 'holds'} “${query}”.`, problem: true });
    }
    const next = all.find((k) => after(k, start)) ?? all[0]!;
    setFound(next);
    onSelect(next);
    setStatus({ text: `${next} · ${all.indexOf(next) + 1} of ${all.length}` });
  };
  const replaceOne = () => {
    const text = found !== undefined ? rawText({ cells: block.cells, data }, found) : undefined;
    const next = text === undefined ? undefined : replaceInText(text, query, replacement, options);
    if (found !== undefined && next !== undefined) setSheetCells(block.id, { [found]: next === '' ? null : next });
    findNext();
  };
  const replaceAll = () => {
    if (query === '') return setStatus({ text: 'Type something to find.', problem: true });
    const result = replaceInSheet(block.id, query, replacement, options);
    setFound(undefined);
    setStatus(typeof result === 'number' ? { text: result === 0 ? `No cell holds “${query}”.` : `Replaced in ${result} ${result === 1 ? 'cell' : 'cells'}.` } : { text: result, problem: true });
  };

  return (
    <div
      className="find-replace"
      role="dialog"
      aria-label="Find and replace"
      data-testid="find-replace"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <label htmlFor={`find-${block.id}`}>Find</label>
      <input
        id={`find-${block.id}`}
        ref={findRef}
        type="text"
        data-testid="find-input"
        value={query}
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          setStatus(undefined);
        }}
        onKeyDown={(e) => e.key === 'Enter' && findNext()}
      />
      <div className="find-buttons">
        <button type="button" data-testid="find-next" onClick={() => findNext()}>
          Find next
        </button>
        <button type="button" data-testid="find-close" aria-label="Close find and replace" onClick={onClose}>
          ✕
        </button>
      </div>
      <label htmlFor={`replace-${block.id}`}>Replace with</label>
      <input id={`replace-${block.id}`} type="text" data-testid="replace-input" value={replacement} spellCheck={false} onChange={(e) => setReplacement(e.target.value)} />
      <div className="find-buttons">
        <button type="button" data-testid="replace-one" onClick={replaceOne}>
          Replace
        </button>
        <button type="button" data-testid="replace-all" onClick={replaceAll}>
          Replace all
        </button>
      </div>
      <span />
      <div className="find-options">
        <label>
          <input type="checkbox" data-testid="find-match-case" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} /> Match case
        </label>
        <label>
          <input type="checkbox" data-testid="find-whole-cell" checked={wholeCell} onChange={(e) => setWholeCell(e.target.checked)} /> Whole cell
        </label>
        <label>
          Look in{' '}
          <select data-testid="find-look-in" value={lookIn} onChange={(e) => setLookIn(e.target.value as typeof lookIn)}>
            <option value="formulas">formulas (what was typed)</option>
            <option value="values">values (what cells show)</option>
          </select>
        </label>
      </div>
      {status && (
        <p className={`find-status${status.problem ? ' problem' : ''}`} data-testid="find-status" role="status">
          {status.text}
        </p>
      )}
    </div>
  );
}
