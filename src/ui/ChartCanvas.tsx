import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { messageOf } from '../engine';
import { useTheme, type ChartView } from '../state';
import { BRUSH, PICK, selectionValue, type ChartSelection, type SelectedValue } from '../workbook';
import type { ChartHandle, SignalValue } from './chart-render';

const SELECT_DELAY_MS = 120;

/** What the block's Export buttons call. */
export interface ChartCanvasHandle {
  exportImage(format: 'png' | 'svg'): Promise<string | undefined>;
}

interface ChartCanvasProps {
  chart: ChartView;
  /** The document's selection: drawn as the brush or the picked marks when the chart is drawn. */
  selection: ChartSelection | undefined;
  onSelection(selection: ChartSelection | undefined): void;
}

/** The compiled spec with the selection as its param's starting value. */
function withSelection(chart: ChartView, selection: ChartSelection | undefined): Record<string, unknown> {
  const value = chart.select ? selectionValue(chart.select, selection) : undefined;
  const params = chart.vegaLite.params as Record<string, unknown>[] | undefined;
  if (value === undefined || !params?.length) return chart.vegaLite;
  return { ...chart.vegaLite, params: params.map((p, i) => (i === 0 ? { ...p, value } : p)) };
}

/** A ChartSelection from what Vega reports for the brush or the clicked marks. */
function toSelection(chart: ChartView, value: SignalValue): ChartSelection | undefined {
  const select = chart.select;
  if (!select || !value) return undefined;
  const scalar = (v: unknown): SelectedValue => (v instanceof Date ? v.getTime() : v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as SelectedValue) : String(v));
  // A brush over a time unit is keyed by Vega-Lite's derived field (`utcyearmonth_x`), not `x`.
  const own = value[select.channel] ?? (select.type === 'interval' ? Object.entries(value).find(([k]) => k.endsWith(`_${select.channel}`))?.[1] : undefined);
  if (select.type === 'interval') {
    if (!Array.isArray(own) || own.length !== 2) return undefined;
    const [lo, hi] = own.map((v) => Number(scalar(v)));
    return Number.isFinite(lo) && Number.isFinite(hi) ? { type: 'interval', channel: 'x', range: [lo!, hi!] } : undefined;
  }
  if (!Array.isArray(own) || own.length === 0) return undefined;
  return { type: 'point', channel: select.channel, values: own.map(scalar) };
}

/** The drawn chart. Vega loads on first use; a new result or theme draws it again. */
export const ChartCanvas = forwardRef<ChartCanvasHandle, ChartCanvasProps>(function ChartCanvas({ chart, selection, onSelection }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<ChartHandle | null>(null);
  const dark = useTheme((s) => s.dark);
  const [problem, setProblem] = useState<string>();
  // The result drawn last: `data-rendered` is true only once this result (not the one before) is on screen.
  const [drawnChart, setDrawnChart] = useState<ChartView>();
  const onSelectionRef = useRef(onSelection);
  onSelectionRef.current = onSelection;
  // The selection the view shows: when the document's differs (Clear, undo), the chart is drawn again with it.
  const shown = useRef(selection);
  const [drawn, setDrawn] = useState(0);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  useEffect(() => {
    if (JSON.stringify(selection) !== JSON.stringify(shown.current)) setDrawn((n) => n + 1);
  }, [selection]);

  useImperativeHandle(ref, () => ({
    exportImage: async (format) => (handle.current ? (await import('./chart-render')).exportChart(handle.current, format) : undefined),
  }));

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void import('./chart-render')
      .then(({ renderChart }) => {
        if (cancelled || !host.current) return;
        const param = chart.select?.type === 'interval' ? BRUSH : chart.select ? PICK : undefined;
        shown.current = selectionRef.current;
        return renderChart(host.current, withSelection(chart, selectionRef.current), {
          dark,
          values: chart.values,
          onSelect: param
            ? {
                param,
                listener: (value) => {
                  clearTimeout(timer);
                  timer = setTimeout(() => {
                    shown.current = toSelection(chart, value);
                    onSelectionRef.current(shown.current);
                  }, SELECT_DELAY_MS);
                },
              }
            : undefined,
        });
      })
      .then((result) => {
        if (!result) return;
        if (cancelled) return result.finalize();
        handle.current = result;
        setProblem(undefined);
        setDrawnChart(chart);
      })
      .catch((e: unknown) => !cancelled && setProblem(messageOf(e)));
    return () => {
      cancelled = true;
      clearTimeout(timer);
      handle.current?.finalize();
      handle.current = null;
    };
  }, [chart, dark, drawn]);

  return (
    <>
      {problem && (
        <p className="block-error" data-testid="chart-render-error" role="alert">
          Vega-Lite could not draw this chart: {problem}
        </p>
      )}
      <div className="chart-canvas" ref={host} data-testid="chart-view" data-points={chart.values.length} data-bytes={chart.bytes} data-rendered={drawnChart === chart} />
    </>
  );
});
