import { useServer, useWorkbook, type BlockRun } from '../state';
import type { TableBlock } from '../workbook';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { ExportMenu } from './ExportMenu';
import { TableResult } from './TableResult';

const bytes = new Intl.NumberFormat('en-US', { notation: 'compact', style: 'unit', unit: 'byte', unitDisplay: 'narrow' });

/** A table made from a dropped file or a URL. */
export function TableBlockView({ block, run }: { block: TableBlock; run: BlockRun }) {
  const setReadOptions = useWorkbook((s) => s.setReadOptions);
  const pushToServer = useWorkbook((s) => s.pushToServer);
  const connected = useServer((s) => s.status === 'connected' && !s.readOnly);
  // The server holds a table of this name (pushed from here): marked on the block.
  const onServer = useServer((s) => s.status === 'connected' && s.tables.some((t) => t.name.toLowerCase() === block.name.toLowerCase()));
  const source = block.source;
  const subtitle =
    source.kind === 'file' ? `${source.fileName} · ${bytes.format(source.size)}${readNote(block)}` : source.kind === 'url' ? source.url : `server table ${source.table}`;
  return (
    <BlockFrame
      block={block}
      run={run}
      subtitle={subtitle}
      actions={
        <>
          {connected && run.status === 'ok' && (
            <>
              {onServer && (
                <span className="chip" data-testid="on-server" title={`The server has a table ${block.name}: SQL blocks running there read it`}>
                  on server
                </span>
              )}
              <button type="button" data-testid="push-table" title="Copy this table to the server, where SQL blocks running there read it" disabled={!!run.progress} onClick={() => void pushToServer(block.id)}>
                {onServer ? 'Push again' : 'Push to server'}
              </button>
            </>
          )}
          <ExportMenu blockId={block.id} disabled={run.status !== 'ok'} />
        </>
      }
    >
      {run.progress && run.status === 'ok' && <Progress run={run} label="Pushing to the server" />}
      {run.status === 'running' && <Progress run={run} label="Reading" />}
      {run.error && <BlockErrorView error={run.error} onFix={(options) => void setReadOptions(block.id, options)} />}
      {/* Kept while the block runs again (a new formula column): the open panel and scroll stay. */}
      {run.status !== 'error' && run.columns && (
        <TableResult block={block} run={run} />
      )}
    </BlockFrame>
  );
}

function Progress({ run, label }: { run: BlockRun; label: string }) {
  const p = run.progress;
  const pct = p && p.total > 0 ? Math.min(100, Math.round((100 * p.done) / p.total)) : undefined;
  return (
    <div className="progress" data-testid="ingest-progress">
      {pct !== undefined && p ? <progress max={p.total} value={p.done} /> : <progress />}
      <span className="muted" data-testid="progress-text">
        {' '}
        {label}
        {pct !== undefined ? `: ${pct}%` : '…'}
      </span>
    </div>
  );
}

/** The read options a person chose, in the subtitle: they change what the table holds. */
function readNote(block: TableBlock): string {
  const notes = [block.lenient && 'lenient', block.encoding, block.textColumns?.length && `${block.textColumns.join(', ')} as text`].filter(Boolean);
  return notes.map((n) => ` · ${n}`).join('');
}
