import { useState } from 'react';
import { messageOf } from '../engine';
import { exportBlock, type ExportKind } from '../state';
import type { BlockId } from '../workbook';
import { usePopover } from './usePopover';

const numberFormat = new Intl.NumberFormat('en-US');

interface Job {
  controller: AbortController;
  done: number;
  total: number;
}

/**
 * A block's Export menu: its rows as CSV or Parquet (tables, SQL results, pivots), or a chart's
 * data as CSV, streamed out of DuckDB with progress and Cancel. The spreadsheet guard is on unless
 * the person turns it off, and the menu says what it does.
 */
export function ExportMenu({ blockId, chart = false, disabled = false }: { blockId: BlockId; chart?: boolean; disabled?: boolean }) {
  const { open, setOpen, ref } = usePopover();
  const [guard, setGuard] = useState(true);
  const [job, setJob] = useState<Job>();
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean }>();

  // Called straight from the click: the browser's save dialog needs the click's user activation.
  const start = (kind: ExportKind) => {
    const controller = new AbortController();
    setOpen(false);
    setOutcome(undefined);
    setJob({ controller, done: 0, total: 0 });
    exportBlock(blockId, { kind, guard: kind === 'parquet' ? false : guard, signal: controller.signal, onProgress: (p) => setJob((j) => j && { ...j, ...p }) })
      .then(
        (done) =>
          done &&
          setOutcome({
            text: `Exported ${numberFormat.format(done.rows)} rows to ${done.file}${done.savedAs === 'download' ? ' (downloaded)' : ''}`,
            failed: false,
          }),
        (e: unknown) => setOutcome({ text: controller.signal.aborted ? 'Export cancelled' : `Export failed: ${messageOf(e)}`, failed: !controller.signal.aborted }),
      )
      .finally(() => setJob(undefined));
  };

  return (
    <span className="menu-anchor export-menu" ref={ref}>
      {job ? (
        <span className="export-progress" data-testid="export-progress">
          <progress max={job.total || 1} value={job.done} />{' '}
          <span className="muted">
            {numberFormat.format(job.done)} of {numberFormat.format(job.total)} rows
          </span>{' '}
          <button type="button" className="small" data-testid="export-cancel" onClick={() => job.controller.abort()}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" data-testid="export-button" aria-haspopup="dialog" aria-expanded={open} disabled={disabled} onClick={() => setOpen(!open)}>
          Export
        </button>
      )}
      {outcome && !job && (
        <span className={outcome.failed ? 'block-error' : 'muted'} data-testid="export-status" role="status" onClick={() => setOutcome(undefined)}>
          {' '}
          {outcome.text}
        </span>
      )}
      {open && (
        <div className="menu export-dialog" role="dialog" aria-label="Export" data-testid="export-dialog" style={{ width: 300 }}>
          {chart ? (
            <button type="button" data-testid="export-chart-csv" onClick={() => start('chart-csv')}>
              Chart data as CSV
            </button>
          ) : (
            <>
              <button type="button" data-testid="export-csv" onClick={() => start('csv')}>
                CSV{guard ? ' for a spreadsheet' : ''}
              </button>
              <button type="button" data-testid="export-parquet" onClick={() => start('parquet')}>
                Parquet
              </button>
            </>
          )}
          <label className="muted" style={{ padding: '6px 8px', fontSize: 12 }}>
            <input type="checkbox" data-testid="export-guard" checked={guard} onChange={(e) => setGuard(e.target.checked)} /> Formula guard (on by default): text starting with{' '}
            <code>=</code> <code>+</code> <code>-</code> <code>@</code>, tab or CR is written with a leading <code>'</code>, so Excel or Sheets shows it instead of
            running it. Turn it off for a CSV that programs read.
          </label>
        </div>
      )}
    </span>
  );
}
