// Draws a compiled chart with vega-embed. Loaded on demand (Vega is ~1 MB), so pages without a
// chart never fetch it.
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { loader as vegaLoader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

export type ChartHandle = Result;

/** Selection values as Vega reports them: `{x: [lo, hi]}` for a brush, `{x: [a, b]}` for points. */
export type SignalValue = Record<string, unknown[]> | null | undefined;

// Charts load nothing: their data is given, and a spec from a link must not make the page fetch.
const noLoads = vegaLoader();
noLoads.load = () => Promise.reject(new Error('Cellar charts read their data from DuckDB, not the web.'));
noLoads.sanitize = () => Promise.reject(new Error('Cellar charts read their data from DuckDB, not the web.'));

export interface RenderOptions {
  dark: boolean;
  values: Record<string, unknown>[];
  /** Called with the selection param's value when a person brushes or clicks. */
  onSelect?: { param: string; listener(value: SignalValue): void };
}

/**
 * Embeds `spec` in `el`. Expressions run in Vega's interpreter (`ast` + vega-interpreter), never
 * through `new Function`, so a spec from outside cannot run code in the page.
 */
export async function renderChart(el: HTMLElement, spec: Record<string, unknown>, options: RenderOptions): Promise<ChartHandle> {
  const encoding = (spec.encoding ?? {}) as Record<string, unknown>;
  // As wide as the block, unless the spec sets a width or facets (each facet is a view of its own).
  const fill = spec.width === undefined && !encoding.row && !encoding.column ? { width: 'container', autosize: { type: 'fit-x', contains: 'padding' } } : {};
  const result = await embed(el, { ...fill, ...spec, datasets: { rows: options.values } } as unknown as TopLevelSpec, {
    actions: false,
    renderer: 'canvas',
    ast: true,
    expr: expressionInterpreter,
    loader: noLoads,
    ...(options.dark ? { theme: 'dark' as const } : {}),
    config: { background: 'transparent', view: { continuousHeight: 260 } },
  });
  if (options.onSelect) {
    const { param, listener } = options.onSelect;
    result.view.addSignalListener(param, (_name, value) => listener(value as SignalValue));
  }
  return result;
}

/** The chart as an image file, for a download link. */
export function exportChart(handle: ChartHandle, format: 'png' | 'svg'): Promise<string> {
  return handle.view.toImageURL(format, format === 'png' ? 2 : 1);
}
