import type { ReactNode } from 'react';
import type { BlockRun } from '../state';
import type { Block } from '../workbook';

interface BlockFrameProps {
  block: Block;
  run: BlockRun;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  onRemove(): void;
}

/** Every block's frame: its name, kind, status and the test contract's attributes. */
export function BlockFrame({ block, run, subtitle, actions, children, onRemove }: BlockFrameProps) {
  return (
    <section className={`block block-${block.kind} status-${run.status}`} data-testid="block" data-block-name={block.name} data-block-kind={block.kind}>
      <header className="block-header">
        <span className="block-kind">{block.kind === 'sql' ? 'SQL' : 'Table'}</span>
        <h2 className="block-name">{block.name}</h2>
        {subtitle && <span className="block-subtitle">{subtitle}</span>}
        <span className="spacer" />
        <BlockStatus run={run} />
        {actions}
        <button type="button" className="icon-button" data-testid="remove-block" title={`Remove ${block.name}`} onClick={onRemove}>
          ✕
        </button>
      </header>
      {children}
    </section>
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
      text = run.error?.kind === 'cancelled' ? 'stale · cancelled' : 'stale';
      break;
    case 'idle':
      text = 'stale · not run';
      break;
  }
  return (
    <span className={`block-status status-${run.status}`} data-testid="block-status">
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
