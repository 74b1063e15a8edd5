import { useRef, useState } from 'react';
import { useWorkbook, type BlockRun } from '../state';
import type { ChartBlock } from '../workbook';
import { BlockErrorView } from './BlockErrorView';
import { BlockFrame } from './BlockFrame';
import { ExportMenu } from './ExportMenu';
import { ChartCanvas, type ChartCanvasHandle } from './ChartCanvas';
import { ChartForm } from './ChartForm';
import { ChartSpecEditor } from './ChartSpecEditor';
import { SourceSelect } from './SourceSelect';

const numberFormat = new Intl.NumberFormat('en-US');

/** A Vega-Lite chart of another block, computed in DuckDB; its selection is a table of its own. */
export function ChartBlockView({ block, run }: { block: ChartBlock; run: BlockRun }) {
  const { setChartSource, setChartSpec, setChartSelect, setChartSelection } = useWorkbook.getState();
  const sourceRows = useWorkbook((s) => s.runs[block.source]?.rows);
  const columns = useWorkbook((s) => s.runs[block.source]?.columns) ?? [];
  const [showSpec, setShowSpec] = useState(false);
  const [showSql, setShowSql] = useState(false);
  const canvas = useRef<ChartCanvasHandle>(null);
  const chart = run.chart;
  // Set by the chart runner when a category axis draws its top N of more (see saysTop).
  const meta = (chart?.vegaLite.usermeta as { top?: { n: number; of?: number; title: string } } | undefined)?.top;
  const top = meta?.of !== undefined ? { ...meta, of: meta.of } : undefined;

  const download = async (format: 'png' | 'svg') => {
    const url = await canvas.current?.exportImage(format);
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${block.name}.${format}`;
    a.click();
  };

  const subtitle = <SourceSelect self={block.id} source={block.source} testId="chart-source" onChange={(source) => void setChartSource(block.id, source)} />;
  const actions = (
    <>
      <button type="button" data-testid="chart-spec-toggle" aria-pressed={showSpec} onClick={() => setShowSpec(!showSpec)}>
        {showSpec ? 'Hide spec' : 'Spec'}
      </button>
      {run.sql && (
        <button type="button" data-testid="show-sql" aria-pressed={showSql} onClick={() => setShowSql(!showSql)}>
          {showSql ? 'Hide SQL' : 'SQL'}
        </button>
      )}
      <button type="button" data-testid="chart-export-png" disabled={!chart} title="Download as PNG" onClick={() => void download('png')}>
        PNG
      </button>
      <button type="button" data-testid="chart-export-svg" disabled={!chart} title="Download as SVG" onClick={() => void download('svg')}>
        SVG
      </button>
      <ExportMenu blockId={block.id} chart disabled={!chart} />
    </>
  );

  return (
    <BlockFrame block={block} run={run} subtitle={subtitle} actions={actions}>
      <ChartForm block={block} columns={columns} onSpec={(spec) => setChartSpec(block.id, spec)} onSelect={(select) => setChartSelect(block.id, select)} />
      {showSpec && <ChartSpecEditor spec={block.spec} onChange={(spec) => setChartSpec(block.id, spec)} />}
      {showSql && run.sql && (
        <pre className="formula-sql" data-testid="chart-sql">
          {run.sql}
        </pre>
      )}
      {run.error && run.status === 'error' && <BlockErrorView error={run.error} />}
      {chart && run.status !== 'error' && (
        <div className="chart-body">
          <ChartCanvas ref={canvas} chart={chart} selection={block.selection} onSelection={(selection) => setChartSelection(block.id, selection)} />
          <p className="chart-note muted" data-testid="chart-note">
            {chart.sampledFrom !== undefined
              ? `A sample of ${numberFormat.format(chart.values.length)} of ${numberFormat.format(chart.sampledFrom)} rows`
              : `${numberFormat.format(chart.values.length)} ${chart.values.length === 1 ? 'mark' : 'marks'} computed in DuckDB`}
            {chart.truncated ? ` (the first ${numberFormat.format(chart.values.length)} groups)` : ''}
            {top && (
              <>
                {' · '}
                <span data-testid="chart-top">
                  showing the top {top.n} of {numberFormat.format(top.of)} by {top.title} (change it under Show)
                </span>
              </>
            )}
            {' · '}
            {formatBytes(chart.bytes)} to the page
            {block.selection && run.rows !== undefined && (
              <>
                {' · '}
                <span data-testid="selected-count">
                  <span data-testid="row-count">{run.rows}</span> of {numberFormat.format(sourceRows ?? 0)} rows selected
                </span>{' '}
                as <code>{block.name}</code>{' '}
                <button type="button" className="small" data-testid="chart-clear-selection" onClick={() => setChartSelection(block.id, undefined)}>
                  Clear
                </button>
              </>
            )}
          </p>
        </div>
      )}
    </BlockFrame>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
