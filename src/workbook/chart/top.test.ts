import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { compileChart, DEFAULT_TOP } from './compile';
import type { ChartSpec } from './types';

// The top-N of a category axis is drawn by Vega-Lite from every group DuckDB computed: these
// tests run the compiled spec in Vega (headless) and read what it would draw.

const source = { name: 't', columns: [{ name: 'origin', type: 'VARCHAR' }, { name: 'delay', type: 'DOUBLE' }] };

async function drawn(spec: ChartSpec, groups: number): Promise<string[]> {
  const plan = compileChart(spec, source, { rows: groups, extents: {} });
  const view = new View(parse(compile(plan.vegaLite as never).spec), { renderer: 'none' });
  view.data('rows', Array.from({ length: groups }, (_, i) => ({ x: `c${i}`, y: i })));
  await view.runAsync();
  return (view.data('data_0') as { x: string }[]).map((r) => r.x);
}

const bars = (x: Record<string, unknown> = {}): ChartSpec => ({ mark: 'bar', encoding: { x: { field: 'origin', type: 'nominal', ...x }, y: { field: 'delay', aggregate: 'mean' } } });

describe('a bar chart of many categories', () => {
  it('229 origins had unreadable labels: by default it draws the top 30 by the measure, and says so in usermeta', async () => {
    const shown = await drawn(bars(), 229);
    expect(shown).toHaveLength(DEFAULT_TOP);
    expect(shown).toContain('c228');
    expect(shown).not.toContain('c198');
    const plan = compileChart(bars(), source, { rows: 229, extents: {} });
    expect(plan.top).toEqual({ channel: 'x', measure: 'y', n: 30, title: 'Mean of delay' });
    expect((plan.vegaLite.usermeta as { top: unknown }).top).toEqual(plan.top);
  });

  it('draws the top N a person picked, or all of them with top 0; a few categories are all drawn', async () => {
    expect(await drawn(bars({ top: 5 }), 229)).toHaveLength(5);
    expect(await drawn(bars({ top: 0 }), 229)).toHaveLength(229);
    expect(compileChart(bars({ top: 0 }), source, { rows: 229, extents: {} }).top).toBeUndefined();
    expect(await drawn(bars(), 12)).toHaveLength(12);
  });

  it('sorting by value passes through to Vega-Lite', () => {
    const plan = compileChart(bars({ sort: '-y' }), source, { rows: 10, extents: {} });
    expect((plan.vegaLite.encoding as { x: { sort: string; top?: number } }).x).toMatchObject({ sort: '-y' });
    expect((plan.vegaLite.encoding as { x: { top?: number } }).x.top).toBeUndefined();
  });
});
