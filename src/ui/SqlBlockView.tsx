import { useMemo } from 'react';
import { useWorkbook, type BlockRun, type WorkbookState } from '../state';
import { isCellBlock, isSqlBlock, type BlockId, type SqlBlock } from '../workbook';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { SqlEditor } from './SqlEditor';
import { TableResult } from './TableResult';

/** A SQL block: the editor, Run / Cancel, and the result as a grid. */
export function SqlBlockView({ block, run }: { block: SqlBlock; run: BlockRun }) {
  const setSql = useWorkbook((s) => s.setSql);
  const runBlock = useWorkbook((s) => s.runBlock);
  const cancelBlock = useWorkbook((s) => s.cancelBlock);
  // Selected as text so the editor is reconfigured only when a name changes, not on every run update.
  const schemaJson = useWorkbook((s) => JSON.stringify(completionSchema(s, block.id)));
  const schema = useMemo(() => JSON.parse(schemaJson) as Record<string, string[]>, [schemaJson]);

  const running = run.status === 'running';
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
    <BlockFrame block={block} run={run} actions={actions}>
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

/** Table name → column names of every block that has a result, computed once per store state. */
let schemaMemo: { blocks: unknown; runs: unknown; names: Record<string, string[]> } | undefined;
function completionSchema(state: WorkbookState, self: BlockId): Record<string, string[]> {
  if (schemaMemo?.blocks !== state.doc.blocks || schemaMemo.runs !== state.runs) {
    const names: Record<string, string[]> = {};
    for (const b of state.doc.blocks) {
      const columns = state.runs[b.id]?.columns;
      if (isCellBlock(b) || (isSqlBlock(b) && !columns)) continue;
      names[b.name] = columns?.map((c) => c.name) ?? [];
    }
    schemaMemo = { blocks: state.doc.blocks, runs: state.runs, names };
  }
  const selfName = state.doc.blocks.find((b) => b.id === self)?.name;
  const { [selfName ?? '']: _self, ...others } = schemaMemo.names;
  return others;
}
