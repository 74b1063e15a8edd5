import { useState, type ReactNode } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import { NearView } from './NearView';
import type { Block } from '../workbook';

interface BlockFrameProps {
  block: Block;
  run: BlockRun;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** From this many blocks on, a block's body mounts only near the view. */
const LARGE_WORKBOOK = 60;
const isLarge = (s: { doc: { blocks: readonly unknown[] } }) => s.doc.blocks.length >= LARGE_WORKBOOK;

const KIND_LABEL = { sql: 'SQL', table: 'Table', cell: 'Cell', sheet: 'Sheet', pivot: 'Pivot', chart: 'Chart' } as const;

/** Every block's frame: its name (click to rename), status, block actions and the test contract's attributes. */
export function BlockFrame({ block, run, subtitle, actions, children }: BlockFrameProps) {
  const { removeBlock, moveBlock, toggleCollapsed, duplicateBlock } = useWorkbook.getState();
  const large = useWorkbook(isLarge);
  return (
    <section
      className={`block block-${block.kind} status-${run.status}${block.collapsed ? ' collapsed' : ''}`}
      data-testid="block"
      data-block-name={block.name}
      data-block-kind={block.kind}
      data-run={run.run ?? 0}
    >
      <header className="block-header">
        <button
          type="button"
          className="icon-button collapse-toggle"
          data-testid="collapse-block"
          aria-expanded={!block.collapsed}
          title={block.collapsed ? 'Expand' : 'Collapse'}
          onClick={() => toggleCollapsed(block.id)}
        >
          {block.collapsed ? '▸' : '▾'}
        </button>
        <span className="block-kind">{KIND_LABEL[block.kind]}</span>
        <BlockName block={block} />
        {subtitle && <span className="block-subtitle">{subtitle}</span>}
        <span className="spacer" />
        <BlockStatus run={run} />
        {actions}
        <span className="block-tools">
          <button type="button" className="icon-button" data-testid="move-up" title="Move up" onClick={() => moveBlock(block.id, -1)}>
            ↑
          </button>
          <button type="button" className="icon-button" data-testid="move-down" title="Move down" onClick={() => moveBlock(block.id, 1)}>
            ↓
          </button>
          <button type="button" className="icon-button" data-testid="duplicate-block" title="Duplicate" onClick={() => duplicateBlock(block.id)}>
            ❐
          </button>
          <button type="button" className="icon-button" data-testid="remove-block" title={`Delete ${block.name} (undo with Ctrl/Cmd+Z)`} onClick={() => removeBlock(block.id)}>
            ✕
          </button>
        </span>
      </header>
      {!block.collapsed && <NearView when={large}>{children}</NearView>}
    </section>
  );
}

/** The block's name; click to rename it and every reference to it. */
function BlockName({ block }: { block: Block }) {
  const renameBlock = useWorkbook((s) => s.renameBlock);
  const [draft, setDraft] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  if (draft === undefined) {
    return (
      <h2 className="block-name" data-testid="block-name" title="Rename" onClick={() => setDraft(block.name)}>
        {block.name}
      </h2>
    );
  }
  const commit = async () => {
    const why = await renameBlock(block.id, draft.trim());
    if (why) setProblem(why);
    else {
      setDraft(undefined);
      setProblem(undefined);
    }
  };
  return (
    <span className="rename">
      <input
        className="block-name-input"
        data-testid="rename-input"
        aria-label="Block name"
        autoFocus
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') {
            setDraft(undefined);
            setProblem(undefined);
          }
        }}
        onBlur={() => {
          if (!problem) void commit();
        }}
      />
      {problem && (
        <span className="rename-problem" data-testid="rename-error">
          {problem}
        </span>
      )}
    </span>
  );
}

const numberFormat = new Intl.NumberFormat('en-US');

function BlockStatus({ run }: { run: BlockRun }) {
  const time = run.ms !== undefined ? ` · ${formatMs(run.ms)}` : '';
  let text: string;
  switch (run.status) {
    case 'running':
      text = run.progress ? `running ${progressText(run.progress.done, run.progress.total)}` : 'running…';
      break;
    case 'ok':
      text = `ok${run.rows !== undefined ? ` · ${numberFormat.format(run.rows)} rows` : ''}${time}`;
      break;
    case 'error':
      text = `error${time}`;
      break;
    case 'stale':
      if (run.queued) text = 'stale · queued';
      else if (run.blockedBy) text = `stale · input ${run.blockedBy} failed`;
      else if (run.error?.kind === 'cancelled') text = 'stale · cancelled';
      else text = 'stale';
      break;
    case 'idle':
      text = 'stale · not run';
      break;
  }
  return (
    <span className={`block-status status-${run.status}`} data-testid="block-status" data-blocked-by={run.blockedBy}>
      {text}
    </span>
  );
}

function progressText(done: number, total: number): string {
  return total > 0 ? `${Math.min(100, Math.round((100 * done) / total))}%` : '';
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
