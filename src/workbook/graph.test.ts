import { DOCUMENT_VERSION } from './document';
import { describe, expect, it } from 'vitest';
import type { Block, BlockId, CellBlock, CellControl, SqlBlock, TableBlock, WorkbookDocument } from './document';
import { buildGraph, describeCycle, downstreamOf, type Graph, type SqlRefs } from './graph';

// Ids differ from names (`id:name`) so tests notice when one is used for the other.
const id = (name: string) => `id:${name}` as BlockId;
const names = (ids: Iterable<BlockId>) => [...ids].map((i) => i.replace(/^id:/, ''));

interface Refs {
  tables?: string[];
  params?: string[];
}

function table(name: string): TableBlock {
  return { id: id(name), kind: 'table', name, source: { kind: 'file', fileName: `${name}.csv`, format: 'csv', size: 1 } };
}

/** A SQL block; `refs` is what DuckDB's parser would report for it. */
function sql(name: string, refs?: Refs): SqlBlock & { refs?: Refs } {
  return { id: id(name), kind: 'sql', name, sql: `-- ${name}`, refs };
}

function cell(name: string, control: CellControl = { type: 'value' }): CellBlock {
  return { id: id(name), kind: 'cell', name, control, value: '' };
}

function doc(...blocks: Block[]): WorkbookDocument {
  return { version: DOCUMENT_VERSION, title: 'test', blocks };
}

/** The parse of each SQL block, read from the `refs` the `sql` helper attached to it. */
function refsOf(block: Block): SqlRefs | undefined {
  const refs = (block as { refs?: Refs }).refs;
  return refs && { tables: refs.tables ?? [], params: refs.params ?? [] };
}

function graphOf(...blocks: Block[]): Graph {
  return buildGraph(doc(...blocks), refsOf);
}

const up = (g: Graph, name: string) => names(g.upstream.get(id(name)) ?? []);
const down = (g: Graph, name: string) => names(g.downstream.get(id(name)) ?? []);

describe('buildGraph edges', () => {
  it('links a SQL block to the table and SQL blocks it reads', () => {
    const g = graphOf(table('t'), sql('q1', { tables: ['t'] }), sql('q2', { tables: ['q1', 't'] }));
    expect(up(g, 't')).toEqual([]);
    expect(up(g, 'q1')).toEqual(['t']);
    expect(up(g, 'q2')).toEqual(['t', 'q1']);
    expect(down(g, 't')).toEqual(['q1', 'q2']);
    expect(down(g, 'q1')).toEqual(['q2']);
    expect(down(g, 'q2')).toEqual([]);
  });

  it('links a $param to the cell of that name', () => {
    const g = graphOf(cell('rate'), sql('q', { params: ['rate'] }));
    expect(up(g, 'q')).toEqual(['rate']);
    expect(down(g, 'rate')).toEqual(['q']);
    expect(g.missingParams.size).toBe(0);
  });

  it('an unrelated failing cell blocks no reader of a chart selection: a block binds only the cells it names as $params', () => {
    const chart = { id: id('delay_chart'), kind: 'chart', name: 'delay_chart', source: id('flights'), spec: { mark: 'bar', encoding: {} } } as unknown as Block;
    const g = graphOf(table('flights'), cell('cell4'), chart, sql('q', { tables: ['flights'], params: [] }), sql('r', { params: ['cell4'] }));
    expect(g.params.get(id('q'))).toEqual([]);
    expect(names(g.params.get(id('r')) ?? [])).toEqual(['cell4']);
    // Not parsed yet: no params bound (the run waits for the parse), never "every cell".
    expect(buildGraph(doc(cell('cell4'), sql('s')), () => undefined).params.get(id('s'))).toEqual([]);
  });

  it('resolves params only to cells: a $param naming a table or SQL block is missing, not an edge', () => {
    const g = graphOf(table('t'), sql('q1'), sql('q2', { params: ['t', 'q1'] }));
    expect(up(g, 'q2')).toEqual([]);
    expect(g.missingParams.get(id('q2'))).toEqual(['t', 'q1']);
    expect(down(g, 't')).toEqual([]);
  });

  it('resolves tables only to non-cell blocks: a table reference naming a cell is no edge', () => {
    const g = graphOf(cell('c'), sql('q', { tables: ['c'] }));
    expect(up(g, 'q')).toEqual([]);
    expect(down(g, 'c')).toEqual([]);
    // Not a missing param either: it was read as a table.
    expect(g.missingParams.has(id('q'))).toBe(false);
  });

  it('matches names case-insensitively', () => {
    const g = graphOf(table('Sales'), cell('Rate'), sql('q', { tables: ['SALES'], params: ['rATE'] }), sql('r', { tables: ['Q'] }));
    expect(up(g, 'q')).toEqual(['Sales', 'Rate']);
    expect(up(g, 'r')).toEqual(['q']);
    expect(g.missingParams.size).toBe(0);
  });

  it('makes no edge for names that are no block (DuckDB tables, typos)', () => {
    const g = graphOf(table('t'), sql('q', { tables: ['information_schema.tables', 'tt', 'duckdb_settings'], params: ['nope'] }));
    expect(up(g, 'q')).toEqual([]);
    expect(down(g, 't')).toEqual([]);
    expect(g.missingParams.get(id('q'))).toEqual(['nope']);
  });

  it('reports each missing param once, as written, and only for blocks with missing params', () => {
    const g = graphOf(cell('a'), sql('q', { params: ['Nope', 'a', 'Nope', 'other'] }), sql('ok', { params: ['A'] }));
    expect(g.missingParams.get(id('q'))).toEqual(['Nope', 'other']);
    expect(up(g, 'q')).toEqual(['a']);
    expect(g.missingParams.has(id('ok'))).toBe(false);
    expect([...g.missingParams.keys()]).toEqual([id('q')]);
  });

  it('keeps one edge for a block read several times', () => {
    const g = graphOf(table('t'), cell('c'), sql('q', { tables: ['t', 'T', 't'], params: ['c', 'C'] }));
    expect(up(g, 'q')).toEqual(['t', 'c']);
    expect(down(g, 't')).toEqual(['q']);
    expect(down(g, 'c')).toEqual(['q']);
  });

  it('lists inputs and readers in document order whatever order the SQL names them in', () => {
    const g = graphOf(
      sql('z', { tables: ['c', 'a', 'b'] }),
      table('a'),
      table('b'),
      table('c'),
      sql('y', { tables: ['a'] }),
      sql('x', { tables: ['a'] }),
    );
    expect(up(g, 'z')).toEqual(['a', 'b', 'c']);
    expect(down(g, 'a')).toEqual(['z', 'y', 'x']);
  });

  it('gives an unparsed SQL block (refsOf → undefined) no inputs', () => {
    const g = graphOf(table('t'), sql('q'));
    expect(up(g, 'q')).toEqual([]);
    expect(g.missingParams.size).toBe(0);
    expect(names(g.order)).toEqual(['t', 'q']);
  });

  it('asks refsOf about SQL blocks only', () => {
    const asked: string[] = [];
    buildGraph(doc(table('t'), cell('c'), sql('q', { tables: ['t'] }), cell('d', { type: 'dropdown', options: ['x'] })), (b) => {
      asked.push(b.name);
      return refsOf(b);
    });
    expect(asked).toEqual(['q']);
  });

  it('has an upstream and a downstream entry for every block', () => {
    const g = graphOf(table('t'), cell('c'), sql('q'));
    for (const n of ['t', 'c', 'q']) {
      expect(g.upstream.get(id(n))).toEqual([]);
      expect(g.downstream.get(id(n))).toEqual([]);
    }
  });

  it('makes a dropdown cell whose options come from a block depend on that block', () => {
    const g = graphOf(
      cell('pick', { type: 'dropdown', from: { block: id('q'), column: 'city' } }),
      table('t'),
      sql('q', { tables: ['t'] }),
      sql('r', { params: ['pick'] }),
    );
    expect(up(g, 'pick')).toEqual(['q']);
    expect(down(g, 'q')).toEqual(['pick']);
    expect(names(g.order)).toEqual(['t', 'q', 'pick', 'r']);
  });

  it('gives a dropdown with fixed options, or whose source block is gone, no inputs', () => {
    const g = graphOf(
      table('t'),
      cell('fixed', { type: 'dropdown', options: ['t'] }),
      cell('orphan', { type: 'dropdown', from: { block: id('deleted'), column: 'x' } }),
    );
    expect(up(g, 'fixed')).toEqual([]);
    expect(up(g, 'orphan')).toEqual([]);
    expect(down(g, 't')).toEqual([]);
    expect(g.upstream.has(id('deleted'))).toBe(false);
  });

  it('ignores other cell controls entirely', () => {
    const controls: CellControl[] = [
      { type: 'value' },
      { type: 'number' },
      { type: 'slider', min: 0, max: 1, step: 0.1 },
      { type: 'text' },
      { type: 'date' },
      { type: 'checkbox' },
    ];
    const g = graphOf(table('t'), ...controls.map((c, i) => cell(`c${i}`, c)));
    for (let i = 0; i < controls.length; i++) expect(up(g, `c${i}`)).toEqual([]);
    expect(g.cycles.size).toBe(0);
  });
});

describe('buildGraph order', () => {
  it('is document order for independent blocks', () => {
    const g = graphOf(sql('c'), table('a'), cell('b'), sql('d'));
    expect(names(g.order)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('runs a block that reads a later block after it', () => {
    const g = graphOf(sql('report', { tables: ['data'] }), table('data'));
    expect(names(g.order)).toEqual(['data', 'report']);
  });

  it('puts inputs before readers in a chain written bottom-up', () => {
    const g = graphOf(sql('c', { tables: ['b'] }), sql('b', { tables: ['a'] }), table('a'));
    expect(names(g.order)).toEqual(['a', 'b', 'c']);
  });

  it('takes the earliest ready block in document order', () => {
    // y waits for z; once z ran, y (earlier in the document) goes before w.
    const g = graphOf(table('x'), sql('y', { tables: ['z'] }), table('z'), table('w'));
    expect(names(g.order)).toEqual(['x', 'z', 'y', 'w']);
  });

  it('orders a diamond inputs first, then readers in document order', () => {
    const g = graphOf(table('a'), sql('b', { tables: ['a'] }), sql('c', { tables: ['a'] }), sql('d', { tables: ['b', 'c'] }));
    expect(names(g.order)).toEqual(['a', 'b', 'c', 'd']);
    expect(up(g, 'd')).toEqual(['b', 'c']);
    expect(g.cycles.size).toBe(0);
  });

  it('orders a diamond written upside down', () => {
    const g = graphOf(
      sql('d', { tables: ['c', 'b'] }),
      sql('c', { tables: ['a'] }),
      sql('b', { tables: ['a'] }),
      table('a'),
    );
    expect(names(g.order)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('mixes cells and tables as inputs', () => {
    const g = graphOf(sql('q', { tables: ['t'], params: ['limit'] }), cell('limit'), table('t'));
    expect(names(g.order)).toEqual(['limit', 't', 'q']);
  });

  it('holds every block exactly once when there is no cycle', () => {
    const g = graphOf(
      table('a'),
      sql('b', { tables: ['a'] }),
      sql('c', { tables: ['a', 'b'] }),
      cell('p'),
      sql('d', { tables: ['c'], params: ['p'] }),
      sql('e', { tables: ['a'] }),
    );
    expect([...g.order].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'p'].map(id).sort());
    const pos = new Map(g.order.map((b, i) => [b, i]));
    for (const [reader, inputs] of g.upstream) for (const input of inputs) expect(pos.get(input)!).toBeLessThan(pos.get(reader)!);
  });
});

describe('buildGraph cycles', () => {
  it('finds a block that reads itself', () => {
    const g = graphOf(table('t'), sql('q', { tables: ['q', 't'] }));
    expect(names(g.cycles.get(id('q')) ?? [])).toEqual(['q']);
    expect(g.cycles.has(id('t'))).toBe(false);
    expect(names(g.order)).toEqual(['t']);
  });

  it('finds a dropdown that takes its options from itself', () => {
    const g = graphOf(cell('d', { type: 'dropdown', from: { block: id('d'), column: 'x' } }));
    expect(names(g.cycles.get(id('d')) ?? [])).toEqual(['d']);
    expect(g.order).toEqual([]);
  });

  it('finds two blocks that read each other', () => {
    const g = graphOf(table('t'), sql('a', { tables: ['b', 't'] }), sql('b', { tables: ['a'] }));
    expect(names(g.cycles.get(id('a')) ?? [])).toEqual(['a', 'b']);
    expect(names(g.cycles.get(id('b')) ?? [])).toEqual(['a', 'b']);
    expect(g.cycles.size).toBe(2);
    expect(names(g.order)).toEqual(['t']);
  });

  it('finds a three-cycle, members in document order, whatever the order of the reads', () => {
    const g = graphOf(sql('c', { tables: ['b'] }), sql('a', { tables: ['c'] }), sql('b', { tables: ['a'] }), table('t'));
    for (const n of ['a', 'b', 'c']) expect(names(g.cycles.get(id(n)) ?? [])).toEqual(['c', 'a', 'b']);
    expect(g.cycles.has(id('t'))).toBe(false);
    expect(names(g.order)).toEqual(['t']);
  });

  it('finds a cycle through a cell: a dropdown fed by a query that reads it', () => {
    const g = graphOf(cell('pick', { type: 'dropdown', from: { block: id('q'), column: 'x' } }), sql('q', { params: ['pick'] }));
    expect(names(g.cycles.get(id('pick')) ?? [])).toEqual(['pick', 'q']);
    expect(names(g.cycles.get(id('q')) ?? [])).toEqual(['pick', 'q']);
  });

  it('keeps separate cycles separate', () => {
    const g = graphOf(
      sql('a', { tables: ['b'] }),
      sql('b', { tables: ['a'] }),
      sql('c', { tables: ['d'] }),
      sql('d', { tables: ['c'] }),
      sql('e', { tables: ['e'] }),
    );
    expect(names(g.cycles.get(id('a')) ?? [])).toEqual(['a', 'b']);
    expect(names(g.cycles.get(id('d')) ?? [])).toEqual(['c', 'd']);
    expect(names(g.cycles.get(id('e')) ?? [])).toEqual(['e']);
    expect(g.order).toEqual([]);
  });

  it('does not count blocks that only read a cycle, or that a cycle reads, as part of it', () => {
    const g = graphOf(
      table('t'),
      sql('a', { tables: ['b', 't'] }),
      sql('b', { tables: ['a'] }),
      sql('reader', { tables: ['a'] }),
      sql('grandReader', { tables: ['reader'] }),
      table('other'),
    );
    expect([...g.cycles.keys()].sort()).toEqual([id('a'), id('b')].sort());
    // Every block outside the cycle is still in the order, inputs before readers.
    expect([...g.order].sort()).toEqual(['t', 'reader', 'grandReader', 'other'].map(id).sort());
    expect(g.order.indexOf(id('reader'))).toBeLessThan(g.order.indexOf(id('grandReader')));
  });

  it('keeps blocks that read a cycle at the end of the order', () => {
    // `reader` and `grandReader` wait on a cycle that never runs: they go last, after `other`,
    // as topoOrder's comment says ("Blocks reading a cycle never become ready; keep them last").
    const g = graphOf(
      sql('grandReader', { tables: ['reader'] }),
      sql('reader', { tables: ['a'] }),
      sql('a', { tables: ['b'] }),
      sql('b', { tables: ['a'] }),
      table('other'),
    );
    expect(names(g.order)).toEqual(['other', 'reader', 'grandReader']);
  });
});

describe('downstreamOf', () => {
  const g = graphOf(
    table('t'),
    sql('a', { tables: ['t'] }),
    sql('b', { tables: ['a'] }),
    sql('c', { tables: ['t'] }),
    sql('d', { tables: ['b', 'c'] }),
    table('u'),
    sql('e', { tables: ['u'] }),
    cell('p'),
    sql('f', { params: ['p'] }),
  );

  it('is the changed block and every transitive reader, in run order', () => {
    expect(names(downstreamOf(g, [id('t')]))).toEqual(['t', 'a', 'b', 'c', 'd']);
    expect(names(downstreamOf(g, [id('a')]))).toEqual(['a', 'b', 'd']);
  });

  it('leaves out unrelated blocks and inputs', () => {
    expect(names(downstreamOf(g, [id('u')]))).toEqual(['u', 'e']);
    expect(names(downstreamOf(g, [id('p')]))).toEqual(['p', 'f']);
    expect(names(downstreamOf(g, [id('d')]))).toEqual(['d']);
  });

  it('merges several changed blocks into one run order, without repeats', () => {
    expect(names(downstreamOf(g, [id('p'), id('c'), id('a')]))).toEqual(['a', 'b', 'c', 'd', 'p', 'f']);
    expect(names(downstreamOf(g, [id('b'), id('t'), id('b')]))).toEqual(['t', 'a', 'b', 'c', 'd']);
  });

  it('is empty for no changes and ignores ids that are no block', () => {
    expect(downstreamOf(g, [])).toEqual([]);
    expect(downstreamOf(g, [id('gone')])).toEqual([]);
  });

  it('accepts any iterable', () => {
    expect(names(downstreamOf(g, new Set([id('u')])))).toEqual(['u', 'e']);
  });

  it('follows run order, not document order', () => {
    const g2 = graphOf(sql('r', { tables: ['q'] }), sql('q', { tables: ['t'] }), table('t'));
    expect(names(downstreamOf(g2, [id('t')]))).toEqual(['t', 'q', 'r']);
  });

  it('includes cycle members (after the rest) and the blocks that read them', () => {
    const gc = graphOf(
      table('t'),
      sql('a', { tables: ['t', 'b'] }),
      sql('b', { tables: ['a'] }),
      sql('reader', { tables: ['b'] }),
      table('other'),
    );
    const wave = downstreamOf(gc, [id('t')]);
    expect(new Set(names(wave))).toEqual(new Set(['t', 'a', 'b', 'reader']));
    expect(wave.length).toBe(4);
    expect(names(wave.slice(0, 2))).toEqual(['t', 'reader']);
    expect(new Set(names(wave.slice(2)))).toEqual(new Set(['a', 'b']));
    // Starting inside the cycle reaches the other member too.
    expect(new Set(names(downstreamOf(gc, [id('b')])))).toEqual(new Set(['a', 'b', 'reader']));
  });
});

describe('describeCycle', () => {
  const d = doc(sql('query1'), sql('query2'), sql('query3'), sql('query4'));

  it('says a block reads itself', () => {
    expect(describeCycle(d, [id('query1')])).toBe('query1 reads itself: a block cannot read its own result.');
  });

  it('names two blocks with "and"', () => {
    expect(describeCycle(d, [id('query1'), id('query2')])).toBe(
      'query1 and query2 read each other in a cycle: none of them can run until one stops reading another.',
    );
  });

  it('lists three or more with commas and a final "and"', () => {
    expect(describeCycle(d, [id('query1'), id('query2'), id('query3')])).toBe(
      'query1, query2 and query3 read each other in a cycle: none of them can run until one stops reading another.',
    );
    expect(describeCycle(d, [id('query1'), id('query2'), id('query3'), id('query4')])).toMatch(/^query1, query2, query3 and query4 read each other/);
  });

  it('uses the current names, in the order given', () => {
    const renamed = doc(sql('Sales'), { ...sql('query2'), name: 'Totals' });
    expect(describeCycle(renamed, [id('query2'), id('Sales')])).toMatch(/^Totals and Sales read each other/);
  });

  it('falls back to the id of a block that is not in the document', () => {
    expect(describeCycle(d, [id('query1'), 'bGone' as BlockId])).toMatch(/^query1 and bGone read each other/);
  });

  it('describes the cycles buildGraph finds', () => {
    const cd = doc(sql('a', { tables: ['b'] }), sql('b', { tables: ['c'] }), sql('c', { tables: ['a'] }));
    const g = buildGraph(cd, refsOf);
    expect(describeCycle(cd, g.cycles.get(id('b'))!)).toMatch(/^a, b and c read each other in a cycle/);
  });
});

describe('views', () => {
  it('a reader of a chart or of a table with formula columns (both views) depends on it through its identifiers', () => {
    const table: Block = { id: 't' as BlockId, kind: 'table', name: 'flights', source: { kind: 'file', fileName: 'f.csv', format: 'csv', size: 1 }, formulaColumns: [{ name: 'x', formula: '=1' }] };
    const chart: Block = { id: 'c' as BlockId, kind: 'chart', name: 'picked', source: 't' as BlockId, spec: { mark: 'bar', encoding: {} } };
    const reader: Block = { id: 'r' as BlockId, kind: 'sql', name: 'reader', sql: 'SELECT * FROM picked, flights' };
    // The binder reports what is under the views: the table's base table and the chart's source.
    const g = buildGraph(doc(table, chart, reader), (b) => (b.id === 'r' ? { tables: ['__cellar_base_t', 'flights'], params: [], identifiers: ['picked', 'flights'] } : undefined));
    expect(g.upstream.get('r' as BlockId)).toEqual(['t', 'c']);
    expect(g.upstream.get('c' as BlockId)).toEqual(['t']);
  });
});
