import { useRef, useState, type FormEvent } from 'react';
import { formatFromName, messageOf } from '../engine';
import { getRemote, useServer, useWorkbook } from '../state';
import { tableNameFromFile } from '../workbook';
import { usePopover } from './usePopover';

const rowsFormat = new Intl.NumberFormat('en-US');

/** The backend server: connect with a URL and token, its tables, uploads straight to it. */
export function ServerPanel() {
  const status = useServer((s) => s.status);
  const { open, setOpen, ref } = usePopover();
  const label = status === 'connected' ? 'Server ●' : status === 'unreachable' ? 'Server ○ unreachable' : 'Server';
  return (
    <div className="menu-anchor" ref={ref}>
      <button type="button" data-testid="server-button" data-server-status={status} className={`server-button status-${status}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <div className="menu server-panel" role="dialog" aria-label="Server" data-testid="server-panel">
          <ServerBody />
        </div>
      )}
    </div>
  );
}

function ServerBody() {
  const { url, status, version, readOnly, message, tables, connect, disconnect } = useServer();
  const addServerQuery = useWorkbook((s) => s.addServerQuery);
  const [draftUrl, setDraftUrl] = useState(url ?? 'http://127.0.0.1:4180');
  const [token, setToken] = useState('');
  const [upload, setUpload] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void connect(draftUrl, token.trim());
  };
  const uploadFile = async (file: File) => {
    const remote = getRemote();
    if (!remote) return;
    const name = tableNameFromFile(file.name);
    try {
      setUpload(`Uploading ${file.name}…`);
      await remote.upload(file, name, { format: formatFromName(file.name), replace: true, onProgress: (p) => setUpload(`Uploading ${file.name}: ${p.total ? Math.round((100 * p.done) / p.total) : 0}%`) });
      setUpload(`${file.name} is the server table ${name}.`);
      await useServer.getState().refreshTables();
    } catch (e) {
      setUpload(`${file.name} could not be uploaded: ${messageOf(e)}`);
    }
  };

  if (status === 'none' || status === 'connecting') {
    return (
      <form className="server-form" onSubmit={submit}>
        <p className="muted">Run blocks on a DuckDB server (<code>npm run server</code> prints its URL and token).</p>
        <input data-testid="server-url" aria-label="Server URL" value={draftUrl} onChange={(e) => setDraftUrl(e.target.value)} placeholder="http://127.0.0.1:4180" />
        <input data-testid="server-token" aria-label="Access token" value={token} onChange={(e) => setToken(e.target.value)} placeholder="Access token" type="password" />
        <button type="submit" className="primary" data-testid="server-connect" disabled={status === 'connecting'}>
          {status === 'connecting' ? 'Connecting…' : 'Connect'}
        </button>
        {message && <p className="block-error" data-testid="server-message">{message}</p>}
      </form>
    );
  }
  return (
    <div className="server-body">
      <p data-testid="server-status" className={`server-status status-${status}`}>
        {status === 'connected' ? `Connected to ${url} · DuckDB ${version}${readOnly ? ' · read-only' : ''}` : `Server unreachable: ${message ?? ''} Retrying…`}
      </p>
      <h3>Server tables</h3>
      {tables.length === 0 && <p className="muted">None yet: push a table from its block, or upload a file.</p>}
      <ul className="server-tables">
        {tables.map((t) => (
          <li key={t.name} data-testid="server-table" data-table={t.name}>
            <code>{t.name}</code> <span className="muted">{t.rows != null ? `${rowsFormat.format(t.rows)} rows · ` : ''}{t.columns.length} columns</span>
            <span className="spacer" />
            <button type="button" className="small" data-testid="server-table-query" title="A SQL block that reads it on the server" onClick={() => addServerQuery(t.name, false)}>
              Query
            </button>
            <button type="button" className="small" data-testid="server-table-pull" title="All of it into the browser, as Arrow" onClick={() => addServerQuery(t.name, true)}>
              Pull
            </button>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <p>
          <button type="button" className="small" data-testid="server-upload" onClick={() => fileInput.current?.click()}>
            Upload a file to the server…
          </button>
          <input ref={fileInput} type="file" hidden data-testid="server-upload-input" onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void uploadFile(file);
          }} />
          {upload && <span className="muted" data-testid="server-upload-status"> {upload}</span>}
        </p>
      )}
      <button type="button" className="small" data-testid="server-disconnect" onClick={disconnect}>
        Disconnect
      </button>
    </div>
  );
}
