import { describe, expect, it } from 'vitest';
import { DOCUMENT_VERSION, type BlockId, type WorkbookDocument } from './document';
import { DocumentError, readDocument } from './migrate';

const bid = (s: string) => s as BlockId;

/** A current document with every block kind and every cell control. */
function everything(): WorkbookDocument {
  return {
    version: DOCUMENT_VERSION,
    title: 'Sales review',
    blocks: [
      { id: bid('b1'), kind: 'table', name: 'sales', source: { kind: 'file', fileName: 'sales.csv', format: 'csv', size: 12345 }, lenient: true },
      { id: bid('b2'), kind: 'table', name: 'Regions', source: { kind: 'url', url: 'https://example.com/regions.parquet', format: 'parquet' }, collapsed: true },
      { id: bid('b3'), kind: 'table', name: 'events', source: { kind: 'file', fileName: 'events.json', format: 'json', size: 0 } },
      { id: bid('b4'), kind: 'table', name: 'arr', source: { kind: 'url', url: 'https://example.com/x.arrow', format: 'arrow' }, lenient: true },
      { id: bid('b5'), kind: 'table', name: 'tabbed', source: { kind: 'file', fileName: 'a.tsv', format: 'tsv', size: 7 } },
      { id: bid('b6'), kind: 'sql', name: 'query1', sql: 'SELECT region, sum(amount) FROM sales WHERE amount > $threshold GROUP BY 1' },
      { id: bid('b7'), kind: 'sql', name: 'empty_sql', sql: '', collapsed: true },
      { id: bid('c1'), kind: 'cell', name: 'typed', control: { type: 'value' }, value: '12%' },
      { id: bid('c2'), kind: 'cell', name: 'threshold', control: { type: 'number' }, value: 100.5 },
      { id: bid('c3'), kind: 'cell', name: 'slide', control: { type: 'slider', min: -5, max: 5, step: 0.5 }, value: 1.5 },
      { id: bid('c4'), kind: 'cell', name: 'label', control: { type: 'text' }, value: 'héllo "world"\n' },
      { id: bid('c5'), kind: 'cell', name: 'pick', control: { type: 'dropdown', options: ['north', 'south', ''] }, value: 'south' },
      { id: bid('c6'), kind: 'cell', name: 'region', control: { type: 'dropdown', from: { block: bid('b6'), column: 'region' } }, value: null },
      { id: bid('c7'), kind: 'cell', name: 'since', control: { type: 'date' }, value: '2024-03-01' },
      { id: bid('c8'), kind: 'cell', name: 'flag', control: { type: 'checkbox' }, value: true, collapsed: true },
      { id: bid('c9'), kind: 'cell', name: 'blank', control: { type: 'value' }, value: null },
      { id: bid('c10'), kind: 'cell', name: 'total', control: { type: 'value' }, value: '=SUM(sales[amount]) / threshold' },
      { id: bid('b8'), kind: 'sql', name: 'with_columns', sql: 'SELECT 1 AS qty, 2 AS price', formulaColumns: [{ name: 'total', formula: '=[qty]*[price]' }] },
      { id: bid('s1'), kind: 'sheet', name: 'plan', cells: { A1: 'month', B1: 'target', A2: '2024-01-01', B2: '100', B3: '=B2*1.1' } },
      { id: bid('p1'), kind: 'pivot', name: 'by_region', source: bid('b1'), rows: ['region'], columns: ['year'], values: [{ aggregate: 'sum', column: 'amount' }, { aggregate: 'formula', formula: '=SUM([amount])/COUNT([amount])', name: 'mean' }] },
    ],
  };
}

/** Runs `fn` and returns the DocumentError it throws, failing the test if it throws anything else. */
function documentError(fn: () => unknown): DocumentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return e as DocumentError;
  }
  throw new Error('expected a DocumentError, nothing was thrown');
}

const v2 = (blocks: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 2, title: 't', blocks, ...extra });
const sqlBlock = (id: string, name: string) => ({ id, kind: 'sql', name, sql: 'SELECT 1' });
const cellBlock = (control: unknown, value: unknown = null) => ({ id: 'c', kind: 'cell', name: 'c', control, value });

describe('readDocument: versions', () => {
  it('reads the current version', () => {
    expect(DOCUMENT_VERSION).toBe(4);
  });

  it('migrates a v1 document (tables and SQL only) to the current version, otherwise unchanged', () => {
    const v1 = {
      version: 1,
      title: 'Old workbook',
      blocks: [
        { id: 'b1', kind: 'table', name: 'flights', source: { kind: 'file', fileName: 'flights.parquet', format: 'parquet', size: 1024 } },
        { id: 'b2', kind: 'table', name: 'weather', source: { kind: 'url', url: 'https://example.com/w.csv', format: 'csv' }, lenient: true },
        { id: 'b3', kind: 'sql', name: 'query1', sql: 'SELECT * FROM flights JOIN weather USING (day)' },
      ],
    };
    const before = structuredClone(v1);
    const doc = readDocument(JSON.stringify(v1));
    expect(doc).toEqual({ ...v1, version: DOCUMENT_VERSION });
    // A parsed value works too, and is not mutated.
    expect(readDocument(v1)).toEqual({ ...v1, version: DOCUMENT_VERSION });
    expect(v1).toEqual(before);
  });

  it('round-trips a current document with every block kind and every cell control', () => {
    const doc = everything();
    expect(readDocument(JSON.stringify(doc))).toEqual(doc);
    expect(readDocument(doc)).toEqual(doc);
    // Reading is idempotent.
    expect(readDocument(JSON.stringify(readDocument(JSON.stringify(doc))))).toEqual(doc);
  });

  it('returns a new document rather than the input object', () => {
    const doc = everything();
    const read = readDocument(doc);
    expect(read).not.toBe(doc);
    expect(read.blocks).not.toBe(doc.blocks);
  });

  it('refuses a document from a newer Cellar, naming both versions', () => {
    const e = documentError(() => readDocument(JSON.stringify({ version: DOCUMENT_VERSION + 1, title: 'x', blocks: [] })));
    expect(e.message).toMatch(/newer Cellar/);
    expect(e.message).toContain(String(DOCUMENT_VERSION + 1));
    expect(e.message).toContain(String(DOCUMENT_VERSION));
    expect(documentError(() => readDocument({ version: 99, blocks: [{ whatever: true }] })).message).toMatch(/newer Cellar/);
  });

  it('refuses a version that is not a positive integer', () => {
    for (const version of [0, -1, 1.5, '2', null, true, [2]]) {
      const e = documentError(() => readDocument(JSON.stringify({ version, blocks: [] })));
      expect(e.message).toMatch(/invalid version/);
      expect(e.message).toContain(JSON.stringify(version));
    }
  });

  it('defaults a missing or non-string title', () => {
    expect(readDocument(JSON.stringify({ version: 2, blocks: [] })).title).toBe('Untitled workbook');
    expect(readDocument(JSON.stringify({ version: 1, title: 42, blocks: [] })).title).toBe('Untitled workbook');
    expect(readDocument(JSON.stringify({ version: 2, title: '', blocks: [] })).title).toBe('');
  });

  it('drops unknown fields and keeps collapsed / lenient only when true', () => {
    const doc = readDocument(
      v2(
        [
          { id: 'a', kind: 'sql', name: 'q', sql: 'SELECT 1', collapsed: false, extra: 1 },
          { id: 'b', kind: 'table', name: 't', source: { kind: 'file', fileName: 'x.csv', format: 'csv', size: 3, junk: 1 }, lenient: 'yes' },
        ],
        { theme: 'dark' },
      ),
    );
    expect(doc).toEqual({
      version: DOCUMENT_VERSION,
      title: 't',
      blocks: [
        { id: 'a', kind: 'sql', name: 'q', sql: 'SELECT 1' },
        { id: 'b', kind: 'table', name: 't', source: { kind: 'file', fileName: 'x.csv', format: 'csv', size: 3 } },
      ],
    });
    expect('collapsed' in doc.blocks[0]!).toBe(false);
    expect('lenient' in doc.blocks[1]!).toBe(false);
  });

  it('keeps a table’s CSV read options (an encoding DuckDB reads, columns as text) and drops malformed ones', () => {
    const table = (extra: object) => ({ id: 'b', kind: 'table', name: 't', source: { kind: 'file', fileName: 'x.csv', format: 'csv', size: 3 }, ...extra });
    const [kept] = readDocument(v2([table({ encoding: 'latin-1', textColumns: ['amount', 7, 'note'] })])).blocks;
    expect(kept).toMatchObject({ encoding: 'latin-1', textColumns: ['amount', 'note'] });
    const [dropped] = readDocument(v2([table({ encoding: 'cp1252', textColumns: 'amount' })])).blocks;
    expect('encoding' in dropped!).toBe(false);
    expect('textColumns' in dropped!).toBe(false);
  });

  it('reads a missing or bad file size as 0', () => {
    const doc = readDocument(v2([{ id: 'b', kind: 'table', name: 't', source: { kind: 'file', fileName: 'x.csv', format: 'csv' } }]));
    expect(doc.blocks[0]).toMatchObject({ source: { size: 0 } });
    const doc2 = readDocument(v2([{ id: 'b', kind: 'table', name: 't', source: { kind: 'file', fileName: 'x.csv', format: 'csv', size: 'big' } }]));
    expect(doc2.blocks[0]).toMatchObject({ source: { size: 0 } });
  });
});

describe('readDocument: errors', () => {
  it('is a DocumentError, an Error named DocumentError', () => {
    const e = documentError(() => readDocument('nope'));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DocumentError');
  });

  it('refuses text that is not JSON', () => {
    for (const text of ['', 'nope', '{', '{"version": 2, "blocks": [}', "{'version': 2}"]) {
      expect(documentError(() => readDocument(text)).message).toMatch(/not valid JSON/);
    }
  });

  it('refuses JSON that is not a workbook (no version or no blocks)', () => {
    for (const value of [null, 42, 'text', [], [1, 2], {}, { version: 2 }, { blocks: [] }, { version: 2, blocks: {} }, { version: 2, blocks: 'x' }, { version: 2, blocks: null }]) {
      expect(documentError(() => readDocument(JSON.stringify(value))).message).toMatch(/not a Cellar workbook: it has no version or blocks/);
    }
    expect(documentError(() => readDocument(undefined)).message).toMatch(/no version or blocks/);
  });

  it('refuses a block that is not an object', () => {
    for (const raw of [null, 1, 'b', [sqlBlock('a', 'q')]]) {
      expect(documentError(() => readDocument(v2([sqlBlock('x', 'x'), raw]))).message).toBe('Block 2 is not an object.');
    }
  });

  it('refuses a block without an id', () => {
    expect(documentError(() => readDocument(v2([{ kind: 'sql', name: 'q', sql: '' }]))).message).toBe('Block 1 has no id.');
    expect(documentError(() => readDocument(v2([{ id: '', kind: 'sql', name: 'q', sql: '' }]))).message).toBe('Block 1 has no id.');
    expect(documentError(() => readDocument(v2([{ id: 7, kind: 'sql', name: 'q', sql: '' }]))).message).toBe('Block 1 has no id.');
  });

  it('refuses duplicate ids', () => {
    const e = documentError(() => readDocument(v2([sqlBlock('b1', 'q1'), sqlBlock('b2', 'q2'), sqlBlock('b1', 'q3')])));
    expect(e.message).toBe('Block 3 repeats the id b1.');
  });

  it('refuses duplicate names, also when they differ only in case', () => {
    expect(documentError(() => readDocument(v2([sqlBlock('b1', 'sales'), sqlBlock('b2', 'sales')]))).message).toBe('Block 2 repeats the name sales.');
    expect(documentError(() => readDocument(v2([sqlBlock('b1', 'Sales'), sqlBlock('b2', 'SALES')]))).message).toBe('Block 2 repeats the name SALES.');
    // Across kinds too: a cell and a table share one namespace.
    const mixed = [{ id: 'b1', kind: 'cell', name: 'rate', control: { type: 'number' }, value: 1 }, sqlBlock('b2', 'Rate')];
    expect(documentError(() => readDocument(v2(mixed))).message).toMatch(/repeats the name Rate/);
  });

  it('refuses invalid names', () => {
    for (const name of ['', 'has space', 'a-b', 'naïve', 'x;DROP', '"q"', 42, null]) {
      const e = documentError(() => readDocument(v2([sqlBlock('b1', 'ok'), { id: 'b2', kind: 'sql', name, sql: '' }])));
      expect(e.message).toBe(`Block 2 has an invalid name ${JSON.stringify(name)}.`);
    }
    expect(documentError(() => readDocument(v2([{ id: 'b1', kind: 'sql', sql: '' }]))).message).toBe('Block 1 has an invalid name undefined.');
  });

  it('accepts names made of letters, digits and underscores', () => {
    const doc = readDocument(v2([sqlBlock('b1', '_'), sqlBlock('b2', '2024'), sqlBlock('b3', 'Mixed_Case_09')]));
    expect(doc.blocks.map((b) => b.name)).toEqual(['_', '2024', 'Mixed_Case_09']);
  });

  it('refuses unknown block kinds', () => {
    expect(documentError(() => readDocument(v2([{ id: 'b1', kind: 'map', name: 'c' }]))).message).toBe('Block 1 has an unknown kind "map".');
    expect(documentError(() => readDocument(v2([{ id: 'b1', name: 'c' }]))).message).toBe('Block 1 has an unknown kind undefined.');
    expect(documentError(() => readDocument(v2([{ id: 'b1', kind: 'SQL', name: 'c', sql: '' }]))).message).toMatch(/unknown kind "SQL"/);
  });

  it('refuses a SQL block without SQL text', () => {
    expect(documentError(() => readDocument(v2([{ id: 'b1', kind: 'sql', name: 'q' }]))).message).toBe('Block 1 (q) has no SQL text.');
    expect(documentError(() => readDocument(v2([{ id: 'b1', kind: 'sql', name: 'q', sql: 1 }]))).message).toMatch(/no SQL text/);
  });

  it('refuses a table block without a valid source', () => {
    const sources = [
      undefined,
      'sales.csv',
      { kind: 'file', fileName: 'x.xlsx', format: 'xlsx', size: 1 },
      { kind: 'file', format: 'csv', size: 1 },
      { kind: 'url', format: 'csv' },
      { kind: 'ftp', url: 'ftp://x', format: 'csv' },
      { kind: 'url', url: 'https://x', format: null },
    ];
    for (const source of sources) {
      expect(documentError(() => readDocument(v2([{ id: 'b1', kind: 'table', name: 't', source }]))).message).toBe('Block 1 (t) has no valid source.');
    }
  });

  it('refuses a cell with an invalid value', () => {
    for (const value of [{}, [1]]) {
      expect(documentError(() => readDocument(v2([cellBlock({ type: 'text' }, value)]))).message).toBe('Block 1 (c) has an invalid value.');
    }
    const noValue = { id: 'c', kind: 'cell', name: 'c', control: { type: 'text' } };
    expect(documentError(() => readDocument(v2([noValue]))).message).toBe('Block 1 (c) has an invalid value.');
  });

  it('refuses a cell without a control, or with an unknown one', () => {
    expect(documentError(() => readDocument(v2([cellBlock(undefined, 1)]))).message).toBe('Block 1 (c) has no control.');
    expect(documentError(() => readDocument(v2([cellBlock('number', 1)]))).message).toBe('Block 1 (c) has no control.');
    expect(documentError(() => readDocument(v2([cellBlock({ type: 'knob' }, 1)]))).message).toBe('Block 1 (c) has an unknown control "knob".');
    expect(documentError(() => readDocument(v2([cellBlock({}, 1)]))).message).toBe('Block 1 (c) has an unknown control undefined.');
  });

  it('refuses a slider with a bad range', () => {
    const bad = [
      { min: 10, max: 0, step: 1 },
      { min: 0, max: 10, step: 0 },
      { min: 0, max: 10, step: -1 },
      { min: 'low', max: 10, step: 1 },
      { min: 0, step: 1 },
      { min: 0, max: 10 },
      { min: 0, max: 10, step: {} },
    ];
    const texts = bad.map((range) => v2([cellBlock({ type: 'slider', ...range }, 1)]));
    // JSON.parse reads 1e400 as Infinity.
    texts.push('{"version":2,"blocks":[{"id":"c","kind":"cell","name":"c","value":1,"control":{"type":"slider","min":0,"max":1e400,"step":1}}]}');
    for (const text of texts) {
      expect(documentError(() => readDocument(text)).message).toBe('Block 1 (c) has an invalid slider range.');
    }
  });

  it('accepts a one-value slider and reads numeric strings in a slider range as numbers', () => {
    const one = readDocument(v2([cellBlock({ type: 'slider', min: 3, max: 3, step: 1 }, 3)]));
    expect(one.blocks[0]).toMatchObject({ control: { type: 'slider', min: 3, max: 3, step: 1 } });
    const strings = readDocument(v2([cellBlock({ type: 'slider', min: '0', max: '10', step: '0.5', extra: 1 }, 1)]));
    expect(strings.blocks[0]).toMatchObject({ control: { type: 'slider', min: 0, max: 10, step: 0.5 } });
    expect((strings.blocks[0] as { control: object }).control).toEqual({ type: 'slider', min: 0, max: 10, step: 0.5 });
  });

  it('refuses a dropdown without options', () => {
    const bad = [
      { type: 'dropdown' },
      { type: 'dropdown', options: [1, 2] },
      { type: 'dropdown', options: 'a,b' },
      { type: 'dropdown', from: { block: 'b1' } },
      { type: 'dropdown', from: { column: 'x' } },
      { type: 'dropdown', from: 'b1.x' },
    ];
    for (const control of bad) {
      expect(documentError(() => readDocument(v2([cellBlock(control, 'a')]))).message).toBe('Block 1 (c) has a dropdown without options.');
    }
    // An empty list is still a list of options.
    expect(readDocument(v2([cellBlock({ type: 'dropdown', options: [] }, null)])).blocks[0]).toMatchObject({ control: { type: 'dropdown', options: [] } });
  });

  it('names the first bad block by position and name', () => {
    const blocks = [sqlBlock('b1', 'ok'), sqlBlock('b2', 'fine'), { id: 'b3', kind: 'cell', name: 'rate', control: { type: 'slider', min: 1, max: 0, step: 1 }, value: 0 }];
    expect(documentError(() => readDocument(v2(blocks))).message).toBe('Block 3 (rate) has an invalid slider range.');
  });

  it('reports a malformed slider bound as a DocumentError, even one with keys named like Object methods', () => {
    // JSON can give an object own `valueOf` / `toString` keys; `Number()` of it then throws a TypeError.
    const text = '{"version":2,"blocks":[{"id":"c","kind":"cell","name":"c","value":1,"control":{"type":"slider","min":{"valueOf":0,"toString":0},"max":10,"step":1}}]}';
    expect(documentError(() => readDocument(text)).message).toBe('Block 1 (c) has an invalid slider range.');
  });
});

// ---------------------------------------------------------------------------------------------
// A small deterministic fuzzer: whatever it is given, readDocument returns a valid document or
// throws a DocumentError, never anything else.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['version', 'title', 'blocks', 'id', 'name', 'kind', 'sql', 'source', 'control', 'value', 'type', 'min', 'max', 'step', 'options', 'from', 'block', 'column', 'format', 'fileName', 'url', 'size', 'lenient', 'collapsed', 'x'];
const STRINGS = ['', 'sql', 'table', 'cell', 'file', 'url', 'csv', 'parquet', 'slider', 'dropdown', 'value', 'number', 'date', 'checkbox', 'text', 'q1', 'Q1', 'a b', '2024-02-30', '{', '"', '\u0000', 'é'];

function fuzzer(seed: number) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const value = (depth: number): unknown => {
    switch (int(depth > 3 ? 5 : 8)) {
      case 0:
        return null;
      case 1:
        return rnd() < 0.5;
      case 2:
        return pick([0, 1, 2, 3, -1, 0.5, 1e300, -1e-300, 2 ** 53, int(1000) - 500]);
      case 3:
      case 4:
        return pick(STRINGS);
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = int(5); i > 0; i--) o[pick(KEYS)] = value(depth + 1);
        return o;
      }
    }
  };
  /** Replaces or deletes one random nested value of a JSON value. */
  const mutate = (v: unknown, depth = 0): unknown => {
    if (typeof v !== 'object' || v === null || (depth > 0 && rnd() < 0.3)) return value(depth);
    if (Array.isArray(v)) {
      if (v.length === 0) return [value(depth + 1)];
      const copy = [...v];
      const i = int(copy.length);
      if (rnd() < 0.15) copy.splice(i, 1);
      else if (rnd() < 0.15) copy.push(structuredClone(copy[i]));
      else copy[i] = mutate(copy[i], depth + 1);
      return copy;
    }
    const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(copy);
    if (keys.length === 0 || rnd() < 0.1) {
      copy[pick(KEYS)] = value(depth + 1);
      return copy;
    }
    const k = pick(keys);
    if (rnd() < 0.2) delete copy[k];
    else copy[k] = mutate(copy[k], depth + 1);
    return copy;
  };
  return { rnd, int, value, mutate };
}

describe('readDocument: a grid sort and filter set from its headers', () => {
  const table = (grid: unknown) => ({ id: 't', kind: 'table', name: 'flights', source: { kind: 'file', fileName: 'f.parquet', format: 'parquet', size: 1 }, grid });

  it('sort and filter were lost on reload: they round-trip in a v4 document, with no version bump (the field is optional)', () => {
    const grid = {
      sort: [{ column: 'delay', direction: 'desc' }],
      filters: { origin: { filterType: 'text', type: 'equals', filter: 'SFO' }, delay: { filterType: 'number', operator: 'OR', conditions: [{ filterType: 'number', type: 'greaterThan', filter: 60 }, { filterType: 'number', type: 'blank' }] } },
    };
    const doc = readDocument({ version: 4, title: 't', blocks: [table(grid), { ...sqlBlock('q', 'q'), grid: { sort: [{ column: 'n', direction: 'asc' }] } }] });
    expect(doc.blocks[0]).toMatchObject({ grid });
    expect(doc.blocks[1]).toMatchObject({ grid: { sort: [{ column: 'n', direction: 'asc' }] } });
    expect(readDocument(JSON.stringify(doc))).toEqual(doc);
  });

  it('drops a damaged grid view (never the workbook): unknown directions, filter kinds and fields', () => {
    const doc = readDocument({ version: 4, title: 't', blocks: [table({ sort: [{ column: 'a', direction: 'up' }, 'x'], filters: { a: { filterType: 'regex', type: 'x' }, b: { filterType: 'text', type: 'equals', filter: 'v', evil: { x: 1 } } } })] });
    expect(doc.blocks[0]).toMatchObject({ grid: { filters: { b: { filterType: 'text', type: 'equals', filter: 'v' } } } });
    expect(JSON.stringify(doc)).not.toContain('evil');
    expect(readDocument({ version: 4, title: 't', blocks: [table('nope')] }).blocks[0]).not.toHaveProperty('grid');
  });
});

describe('readDocument: fuzzing', () => {
  it('returns a valid document or throws a DocumentError for 500 damaged inputs', () => {
    const { rnd, int, value, mutate } = fuzzer(20240301);
    const valid = everything();
    const validText = JSON.stringify(valid);
    const v1Text = JSON.stringify({ version: 1, title: 'x', blocks: valid.blocks.filter((b) => b.kind !== 'cell') });
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      let input: string;
      switch (i % 5) {
        case 0:
          input = JSON.stringify(value(0)) ?? 'null';
          break;
        case 1:
          input = validText.slice(0, int(validText.length));
          break;
        case 2: {
          // Truncated, then a random character or two appended.
          const text = rnd() < 0.5 ? validText : v1Text;
          input = text.slice(0, int(text.length)) + pick2(rnd);
          break;
        }
        default: {
          let doc: unknown = rnd() < 0.8 ? valid : JSON.parse(v1Text);
          for (let m = 1 + int(3); m > 0; m--) doc = mutate(doc);
          input = JSON.stringify(doc) ?? 'null';
        }
      }
      let result: WorkbookDocument;
      try {
        result = readDocument(input);
      } catch (e) {
        if (!(e instanceof DocumentError)) throw new Error(`case ${i}: ${String(e)} for input ${input}`);
        expect(e.message.length).toBeGreaterThan(0);
        refused++;
        continue;
      }
      accepted++;
      expect(result.version).toBe(DOCUMENT_VERSION);
      expect(typeof result.title).toBe('string');
      expect(Array.isArray(result.blocks)).toBe(true);
      // What readDocument accepts it reads back unchanged.
      expect(readDocument(JSON.stringify(result))).toEqual(result);
    }
    // The fuzzer reaches both outcomes.
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(100);
  });
});

function pick2(rnd: () => number): string {
  const chars = ['', '}', ']', '"', ',', '}]}', '0', 'null', ':'];
  return chars[Math.floor(rnd() * chars.length)]! + chars[Math.floor(rnd() * chars.length)]!;
}

describe('an imported sheet', () => {
  const imported = {
    version: DOCUMENT_VERSION,
    title: 'Budget',
    blocks: [{ id: 's1', kind: 'sheet', name: 'Budget_2024_Q1_data', cells: { A1: '1' }, widths: { A: 12.5 }, merges: ['A1:B2'], origin: { file: 'Budget 2024.xlsx', sheet: 'Q1 data' }, leftOut: ['1 chart on Q1 data'] }],
  };

  it('keeps its widths, merges, origin and what the import left out', () => {
    expect(readDocument(JSON.stringify(imported))).toEqual(imported);
  });

  it('refuses widths, merges or an origin that are not what an import writes', () => {
    const withBlock = (extra: Record<string, unknown>) => JSON.stringify({ ...imported, blocks: [{ ...imported.blocks[0], ...extra }] });
    expect(() => readDocument(withBlock({ widths: { A: 'wide' } }))).toThrow(/invalid column widths/);
    expect(() => readDocument(withBlock({ merges: ['A1:<script>'] }))).toThrow(/invalid merged cells/);
    expect(() => readDocument(withBlock({ origin: 'x.xlsx' }))).toThrow(/invalid origin/);
  });
});

describe('a sheet with frozen panes', () => {
  const doc = (freeze: unknown) => JSON.stringify({ version: DOCUMENT_VERSION, title: 't', blocks: [{ id: 's1', kind: 'sheet', name: 's', cells: {}, freeze }] });
  it('keeps its frozen rows and columns', () => {
    expect((readDocument(doc({ rows: 1, cols: 2 })).blocks[0] as { freeze?: unknown }).freeze).toEqual({ rows: 1, cols: 2 });
  });
  it('refuses frozen panes that are not whole counts inside the sheet', () => {
    for (const bad of [{ rows: -1, cols: 0 }, { rows: 1.5, cols: 0 }, { rows: 1 }, 'top row', { rows: 2_000_000, cols: 0 }]) expect(() => readDocument(doc(bad))).toThrow(/invalid frozen panes/);
  });
});
