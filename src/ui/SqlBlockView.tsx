import { useMemo } from 'react';
import { useServer, useWorkbook, type BlockRun, type WorkbookState } from '../state';
import { isCellBlock, isSqlBlock, type BlockId, type RunOn, type SqlBlock } from '../workbook';
import { formatMs } from './BlockFrame';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { ExportMenu } from './ExportMenu';
import { SqlEditor } from './SqlEditor';
import { TableResult } from './TableResult';

/** A SQL block: the editor, Run / Cancel, and the result as a grid. */
export function SqlBlockView({ block, run }: { block: SqlBlock; run: BlockRun }) {
  const setSql = useWorkbook((s) => s.setSql);
  const runBlock = useWorkbook((s) => s.runBlock);
  const cancelBlock = useWorkbook((s) => s.cancelBlock);
  // Selected as text so the editor is reconfigured only when a name changes, not on every run update.
  const schemaJson = useWorkbook((s) => completionSchemaJson(s, block.id));
  const schema = useMemo(() => JSON.parse(schemaJson) as Record<string, string[]>, [schemaJson]);

  const running = run.status === 'running';
  const serverStatus = useServer((s) => s.status);
  const setRunOn = useWorkbook((s) => s.setRunOn);
  const placement = (
    <>
      {(serverStatus !== 'none' || block.runOn) && (
        <select data-testid="run-on" aria-label="Where it runs" value={block.runOn ?? 'auto'} onChange={(e) => setRunOn(block.id, e.target.value as RunOn)}>
          <option value="auto">auto</option>
          <option value="browser">in browser</option>
          <option value="server">on server</option>
        </select>
      )}
      {run.ranOn && run.status === 'ok' && <RanOn run={run} />}
    </>
  );
  const actions = running ? (
    <button type="button" data-testid="cancel-block" onClick={() => cancelBlock(block.id)}>
      Cancel
    </button>
  ) : (
    <button type="button" className="primary" data-testid="run-block" title="Run (Ctrl/Cmd+Enter)" onClick={() => void runBlock(block.id)}>
      Run
    </button>
  );

  return (
    <BlockFrame block={block} run={run} actions={<>{placement}{run.columns && <ExportMenu blockId={block.id} disabled={run.status !== 'ok'} />}{actions}</>}>
      <SqlEditor
        value={block.sql}
        schema={schema}
        onChange={(sql) => setSql(block.id, sql)}
        onRun={() => void runBlock(block.id)}
        errorAt={run.error?.position}
      />
      {run.error && run.error.kind !== 'cancelled' && <BlockErrorView error={run.error} />}
      {run.blockedBy && <div className="upstream-failed" data-testid="upstream-error">Not re-run: its input <b>{run.blockedBy}</b> failed. Showing the last result.</div>}
      {run.status !== 'error' && run.columns && (
        <TableResult block={block} run={run} />
      )}
      {run.status === 'ok' && !run.columns && <div className="muted result-meta">Statement ran.</div>}
    </BlockFrame>
  );
}

const numberFormat = new Intl.NumberFormat('en-US');

/** Where the block ran, how long that took, and what came back. */
function RanOn({ run }: { run: BlockRun }) {
  const served = run.served;
  const text =
    run.ranOn === 'server' && served
      ? `on server · ${formatMs(served.serverMs)} there · ${numberFormat.format(served.rows)} rows · ${formatBytes(served.bytes)} back`
      : `in browser${run.ms !== undefined ? ` · ${formatMs(run.ms)}` : ''}`;
  const partial = run.where?.browser === 'partial' ? ` · the first ${numberFormat.format(run.rows ?? 0)} rows are in the browser` : '';
  return (
    <span className="ran-on muted" data-testid="ran-on" data-side={run.ranOn}>
      {text}
      {partial}
    </span>
  );
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Table name → column names of every block that has a result, but the block itself, as JSON.
 * Every store update asks this of every SQL block (a chain of 20 re-running asks hundreds of
 * times): the names are gathered once per store state and each block's text is kept until the
 * names change, which a run rarely does.
 */
let schemaMemo: { blocks: unknown; runs: unknown; namesJson: string; names: Record<string, string[]>; bySelf: Map<BlockId, string> } | undefined;
function completionSchemaJson(state: WorkbookState, self: BlockId): string {
  if (schemaMemo?.blocks !== state.doc.blocks || schemaMemo.runs !== state.runs) {
    const names: Record<string, string[]> = {};
    for (const b of state.doc.blocks) {
      const columns = state.runs[b.id]?.columns;
      if (isCellBlock(b) || (isSqlBlock(b) && !columns)) continue;
      names[b.name] = columns?.map((c) => c.name) ?? [];
    }
    const namesJson = JSON.stringify(names);
    const bySelf = schemaMemo?.namesJson === namesJson ? schemaMemo.bySelf : new Map<BlockId, string>();
    schemaMemo = { blocks: state.doc.blocks, runs: state.runs, namesJson, names, bySelf };
  }
  let json = schemaMemo.bySelf.get(self);
  if (json === undefined) {
    const selfName = state.doc.blocks.find((b) => b.id === self)?.name;
    const { [selfName ?? '']: _self, ...others } = schemaMemo.names;
    json = JSON.stringify(others);
    schemaMemo.bySelf.set(self, json);
  }
  return json;
}
