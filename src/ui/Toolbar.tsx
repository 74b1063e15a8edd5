import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ACCEPTED_EXTENSIONS } from '../engine';
import { useTheme, useWorkbook, WORKBOOK_EXTENSIONS, type ThemeChoice } from '../state';
import { chartSource } from './chart-source';
import { ServerPanel } from './ServerPanel';
import { ExportXlsxButton } from './ExportXlsxButton';
import { ShareMenu } from './ShareMenu';
import { WorkbookMenu } from './WorkbookMenu';

/** The top bar: open files, add a URL, add a block. */
export function Toolbar() {
  const addFiles = useWorkbook((s) => s.addFiles);
  const addUrl = useWorkbook((s) => s.addUrl);
  const addSqlBlock = useWorkbook((s) => s.addSqlBlock);
  const addCell = useWorkbook((s) => s.addCell);
  const addSheet = useWorkbook((s) => s.addSheet);
  const addPivot = useWorkbook((s) => s.addPivot);
  const addChart = useWorkbook((s) => s.addChart);
  const lastTable = useWorkbook((s) => [...s.doc.blocks].reverse().find((b) => b.kind !== 'cell' && b.kind !== 'chart' && s.runs[b.id]?.columns)?.id);
  const toChart = useWorkbook((s) => chartSource(s.doc.blocks, s.runs));
  const canUndo = useWorkbook((s) => s.canUndo);
  const canRedo = useWorkbook((s) => s.canRedo);
  const { undo, redo } = useWorkbook.getState();
  useUndoKeys();
  const fileInput = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [menuOpen, setMenuOpen] = useState(false);

  const submitUrl = (e: FormEvent) => {
    e.preventDefault();
    const value = url.trim();
    if (!value) return;
    setUrl('');
    void addUrl(value);
  };

  return (
    <header className="toolbar">
      <div className="brand">
        <span className="logo">▦</span> Cellar
      </div>
      <WorkbookMenu />
      <button type="button" className="primary" data-testid="open-files" onClick={() => fileInput.current?.click()}>
        Open files…
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        accept={[...ACCEPTED_EXTENSIONS, ...WORKBOOK_EXTENSIONS].join(',')}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = ''; // so the same file can be picked again
          void addFiles(files);
        }}
      />
      <form className="url-form" onSubmit={submitUrl}>
        <input
          type="url"
          data-testid="url-input"
          placeholder="Paste an http(s) URL of a CSV or Parquet file"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text').trim();
            if (/^https?:\/\//i.test(text)) {
              e.preventDefault();
              void addUrl(text);
            }
          }}
        />
        <button type="submit" data-testid="add-url">
          Add URL
        </button>
      </form>
      <span className="spacer" />
      <ServerPanel />
      <ExportXlsxButton />
      <ShareMenu />
      <ThemeToggle />
      <button type="button" className="icon-button" data-testid="undo" title="Undo (Ctrl/Cmd+Z)" disabled={!canUndo} onClick={() => void undo()}>
        ↶
      </button>
      <button type="button" className="icon-button" data-testid="redo" title="Redo (Ctrl/Cmd+Shift+Z)" disabled={!canRedo} onClick={() => void redo()}>
        ↷
      </button>
      <div className="menu-anchor">
        <button type="button" data-testid="add-block" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
          + Add block
        </button>
        {menuOpen && (
          <div className="menu" role="menu" onMouseLeave={() => setMenuOpen(false)}>
            <button
              type="button"
              role="menuitem"
              data-testid="add-sql"
              onClick={() => {
                setMenuOpen(false);
                addSqlBlock();
              }}
            >
              SQL block
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="add-cell"
              onClick={() => {
                setMenuOpen(false);
                addCell();
              }}
            >
              Cell
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="add-sheet"
              onClick={() => {
                setMenuOpen(false);
                addSheet();
              }}
            >
              Sheet
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="add-pivot"
              disabled={!lastTable}
              title={lastTable ? 'Group and pivot the last table' : 'Add a table first'}
              onClick={() => {
                setMenuOpen(false);
                if (lastTable) addPivot(lastTable);
              }}
            >
              Pivot
            </button>
            <button
              type="button"
              role="menuitem"
              data-testid="add-chart"
              disabled={!toChart}
              title={toChart ? 'Chart the last table with rows' : 'Add a table first'}
              onClick={() => {
                setMenuOpen(false);
                if (toChart) void addChart(toChart);
              }}
            >
              Chart
            </button>
          </div>
        )}
      </div>
    </header>
  );
}

/**
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo workbook edits — except while typing
 * in a text field or the SQL editor, which keep their own undo for the text.
 */
function useUndoKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const isUndo = key === 'z' && !e.shiftKey;
      const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
      if (!isUndo && !isRedo) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input:not([type=range]):not([type=checkbox]), textarea, select, [contenteditable=true]')) return;
      e.preventDefault();
      const { undo, redo } = useWorkbook.getState();
      void (isUndo ? undo() : redo());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_LABEL: Record<ThemeChoice, string> = { system: '◐ Auto', light: '☀ Light', dark: '☾ Dark' };

/** Light, dark, or the system's theme, in turn. */
function ThemeToggle() {
  const choice = useTheme((s) => s.choice);
  const setChoice = useTheme((s) => s.setChoice);
  return (
    <button type="button" className="theme-toggle" data-testid="theme-toggle" data-theme-choice={choice} title="Theme: light, dark or the system's" onClick={() => setChoice(NEXT_THEME[choice])}>
      {THEME_LABEL[choice]}
    </button>
  );
}
