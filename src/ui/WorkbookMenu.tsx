import { useRef, useState } from 'react';
import { useWorkbook } from '../state';

/** The workbook's title, and the list of workbooks: new, open, rename, delete, export, import. */
export function WorkbookMenu() {
  const title = useWorkbook((s) => s.doc.title);
  const workbookId = useWorkbook((s) => s.workbookId);
  const workbooks = useWorkbook((s) => s.workbooks);
  const { renameWorkbook, newWorkbook, openWorkbook, deleteWorkbook, exportWorkbook, importWorkbook } = useWorkbook.getState();
  const [open, setOpen] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);

  const download = () => {
    const blob = new Blob([exportWorkbook()], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${title.replace(/[^\w.-]+/g, '_') || 'workbook'}.cellar.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  return (
    <div className="workbook-menu menu-anchor">
      <input
        key={`${workbookId}:${title}`}
        className="workbook-title"
        data-testid="workbook-title"
        aria-label="Workbook title"
        defaultValue={title}
        onBlur={(e) => e.target.value !== title && renameWorkbook(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <button type="button" data-testid="workbooks-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Workbooks ▾
      </button>
      <input
        ref={importInput}
        type="file"
        hidden
        accept=".json,application/json"
        data-testid="import-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          setOpen(false);
          if (file) void file.text().then(importWorkbook);
        }}
      />
      {open && (
        <div className="menu workbook-list" role="menu" data-testid="workbook-list" onMouseLeave={() => setOpen(false)}>
          {workbooks.map((w) => (
            <div key={w.id} className={`workbook-item${w.id === workbookId ? ' current' : ''}`} data-testid="workbook-item" data-workbook-title={w.title}>
              <button type="button" role="menuitem" onClick={() => void openWorkbook(w.id).then(() => setOpen(false))}>
                {w.title}
              </button>
              <button
                type="button"
                className="icon-button"
                data-testid="delete-workbook"
                title={`Delete ${w.title}`}
                onClick={() => window.confirm(`Delete the workbook “${w.title}” and its kept files?`) && void deleteWorkbook(w.id)}
              >
                ✕
              </button>
            </div>
          ))}
          <hr />
          <button type="button" role="menuitem" data-testid="new-workbook" onClick={() => void newWorkbook().then(() => setOpen(false))}>
            New workbook
          </button>
          <button type="button" role="menuitem" data-testid="export-workbook" onClick={download}>
            Export .cellar.json
          </button>
          <button type="button" role="menuitem" data-testid="import-workbook" onClick={() => importInput.current?.click()}>
            Import .cellar.json…
          </button>
        </div>
      )}
    </div>
  );
}
