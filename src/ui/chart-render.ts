// Draws a compiled chart with vega-embed. Loaded on demand (Vega is ~1 MB), so pages without a
// chart never fetch it.
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { loader as vegaLoader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

export type ChartHandle = Result;

/** Selection values as Vega reports them: `{x: [lo, hi]}` for a brush, `{x: [a, b]}` for points. */
export type SignalValue = Record<string, unknown[]> | null | undefined;

const NO_LOADS = 'Cellar charts read their data from DuckDB, not the web.';

/**
 * Where a chart's link (a mark's `href`) may take a person: an absolute http(s) URL, opened in a
 * new tab that cannot reach back to this page. `javascript:`, `data:`, relative and every other
 * link is refused, so a spec or a cell value from a link cannot run code or open a workbook.
 */
export function chartLink(href: unknown): { href: string; target: string; rel: string } | undefined {
  let url: URL;
  try {
    url = new URL(String(href));
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? { href: url.href, target: '_blank', rel: 'noopener noreferrer' } : undefined;
}

// Charts load nothing: their data is given, and a spec from a link must not make the page fetch.
// Vega asks `sanitize` before it follows a mark's href (context 'href') and drops a refused one.
const noLoads = vegaLoader();
noLoads.load = () => Promise.reject(new Error(NO_LOADS));
noLoads.sanitize = (uri: string, options?: { context?: string }) => {
  const link = options?.context === 'href' ? chartLink(uri) : undefined;
  return link ? Promise.resolve(link) : Promise.reject(new Error(options?.context === 'href' ? `Cellar does not follow the link ${String(uri)}.` : NO_LOADS));
};

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
    // vega-tooltip escapes every key and value as HTML (its default `sanitize`): never pass one.
    tooltip: true,
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
