import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { DOCUMENT_VERSION, type Block, type BlockId, type CellControl, type WorkbookDocument } from '../document';
import { rng } from '../formula/testing/generate';
import { chooseEmbeds, EMBED_LIMIT } from './embed';
import { externalHosts } from './hosts';
import { decodeShareLink, encodeShareLink, ShareLinkError, type ShareBundle } from './link';
import { applyLinkParams } from './params';

const DATA = (name: string) => new Uint8Array(readFileSync(decodeURIComponent(new URL(`../../../node_modules/vega-datasets/data/${name}`, import.meta.url).pathname)));
const id = (s: string) => s as BlockId;

/** One block of every kind, with the parts a link must keep (formula columns, a chart's selection …). */
function everyKind(): WorkbookDocument {
  const blocks: Block[] = [
    { id: id('t1'), name: 'seattle_weather', kind: 'table', source: { kind: 'file', fileName: 'seattle-weather.csv', format: 'csv', size: 48219 }, formulaColumns: [{ name: 'warm', formula: '=[temp_max] > 20' }] },
    { id: id('t2'), name: 'remote', kind: 'table', source: { kind: 'url', url: 'https://data.example.com/x.parquet', format: 'parquet' }, lenient: true },
    { id: id('c1'), name: 'region', kind: 'cell', control: { type: 'dropdown', options: ['EU', 'US'] }, value: 'EU' },
    { id: id('c2'), name: 'target', kind: 'cell', control: { type: 'slider', min: 0, max: 100, step: 5 }, value: 40 },
    { id: id('c3'), name: 'total', kind: 'cell', control: { type: 'value' }, value: '=SUM(seattle_weather[precipitation]) / target' },
    { id: id('s1'), name: 'q', kind: 'sql', sql: "SELECT * FROM seattle_weather WHERE weather = $region -- it's ✓", collapsed: true },
    { id: id('h1'), name: 'sheet1', kind: 'sheet', cells: { A1: 'x', A2: '2', B2: '=A2*3' } },
    { id: id('p1'), name: 'by_weather', kind: 'pivot', source: id('t1'), rows: ['weather'], columns: [], values: [{ aggregate: 'avg', column: 'wind' }] },
    {
      id: id('k1'),
      name: 'chart1',
      kind: 'chart',
      source: id('t1'),
      spec: { mark: 'bar', encoding: { x: { field: 'temp_max', bin: true }, y: { aggregate: 'count' } }, title: 'Temperatures' },
      select: 'interval',
      selection: { type: 'interval', channel: 'x', range: [5, 15] },
    },
  ];
  return { version: DOCUMENT_VERSION, title: 'Every kind — “quoted”', blocks };
}

/** A random document: random names, texts with quotes and emoji, every kind of block. */
function randomDoc(seed: number): WorkbookDocument {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const text = () => Array.from({ length: Math.floor(r() * 30) }, () => pick(['a', 'Z', ' ', "'", '"', '\\', '\n', 'é', '日', '🦆', '$', '=', '[', '#', '%'])).join('');
  const controls: CellControl[] = [{ type: 'value' }, { type: 'number' }, { type: 'text' }, { type: 'checkbox' }, { type: 'date' }, { type: 'slider', min: -5, max: 5, step: 0.5 }];
  const blocks: Block[] = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i): Block => {
    const base = { id: id(`b${seed}_${i}`), name: `n${i}_${Math.floor(r() * 1000)}` };
    switch (pick(['table', 'sql', 'cell', 'sheet', 'chart'] as const)) {
      case 'table':
        return { ...base, kind: 'table', source: { kind: 'file', fileName: `${text()}.csv`, format: 'csv', size: Math.floor(r() * 1e9) } };
      case 'sql':
        return { ...base, kind: 'sql', sql: text(), ...(r() < 0.5 ? { formulaColumns: [{ name: 'f', formula: `=${JSON.stringify(text())}` }] } : {}) };
      case 'cell': {
        const control = pick(controls);
        const value = control.type === 'checkbox' ? r() < 0.5 : control.type === 'number' || control.type === 'slider' ? Math.round(r() * 10) / 2 - 2.5 : text();
        return { ...base, kind: 'cell', control, value };
      }
      case 'sheet':
        return { ...base, kind: 'sheet', cells: { A1: text() || 'x', C7: '=A1&"!"' } };
      case 'chart':
        return { ...base, kind: 'chart', source: base.id, spec: { mark: pick(['bar', 'line', 'point'] as const), encoding: { x: { field: text() || 'x' } } }, ...(r() < 0.5 ? { selection: { type: 'point' as const, channel: 'x' as const, values: [text(), null, 3, true] } } : {}) };
    }
  });
  return { version: DOCUMENT_VERSION, title: text(), blocks };
}

const errorOf = (payload: string): ShareLinkError | 'opened' => {
  try {
    decodeShareLink(payload);
    return 'opened';
  } catch (e) {
    if (e instanceof ShareLinkError) return e;
    throw new Error(`${payload.slice(0, 40)}… threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
};

describe('a workbook as a link', () => {
  test('document → link → document is the identity, for every kind of block', () => {
    const bundle: ShareBundle = { doc: everyKind(), files: [], missing: [{ blockId: id('t1'), columns: [{ name: 'date', type: 'DATE' }], rows: 1461 }] };
    expect(decodeShareLink(encodeShareLink(bundle))).toEqual(bundle);
  });

  test('… and for 300 random documents, with random files inside', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const doc = randomDoc(seed);
      const tables = doc.blocks.filter((b) => b.kind === 'table');
      const files = tables.map((b, i) => ({ blockId: b.id, bytes: new Uint8Array(Array.from({ length: (seed * 37 + i) % 500 }, (_, k) => (k * seed) % 256)) }));
      const bundle: ShareBundle = { doc, files, missing: [] };
      expect(decodeShareLink(encodeShareLink(bundle)), `seed ${seed}`).toEqual(bundle);
    }
  });

  test('a small local file travels inside; a big one becomes a placeholder with its schema', () => {
    const doc: WorkbookDocument = {
      version: DOCUMENT_VERSION,
      title: 'two files',
      blocks: [
        { id: id('w'), name: 'seattle_weather', kind: 'table', source: { kind: 'file', fileName: 'seattle-weather.csv', format: 'csv', size: 48219 } },
        { id: id('f'), name: 'flights_3m', kind: 'table', source: { kind: 'file', fileName: 'flights-3m.parquet', format: 'parquet', size: 13e6 } },
      ],
    };
    const weather = DATA('seattle-weather.csv');
    const flights = DATA('flights-3m.parquet');
    const missing = (blockId: BlockId) => ({ blockId, columns: [{ name: 'x', type: 'INTEGER' }], rows: 1 });
    const { payload, bundle, bytes } = chooseEmbeds(doc, [
      { blockId: id('f'), bytes: flights, missing: missing(id('f')) },
      { blockId: id('w'), bytes: weather, missing: missing(id('w')) },
    ]);
    expect(bundle.files.map((f) => f.blockId)).toEqual(['w']);
    expect(bundle.missing.map((m) => m.blockId)).toEqual(['f']);
    expect(bytes).toBeLessThanOrEqual(EMBED_LIMIT);
    // 48 KB of CSV is ~14 KB in the link.
    expect(bytes).toBeLessThan(20_000);
    const opened = decodeShareLink(payload);
    expect(opened.files[0]!.bytes).toEqual(weather);
    expect(opened.missing).toEqual([missing(id('f'))]);
  });
});

describe('links that cannot be opened say why, and never throw anything else', () => {
  const good = encodeShareLink({ doc: everyKind(), files: [{ blockId: id('t1'), bytes: DATA('seattle-weather.csv').subarray(0, 3000) }], missing: [] });

  test('cut short at every length', () => {
    for (let n = 0; n < good.length - 1; n += 7) {
      const e = errorOf(good.slice(0, n));
      expect(e, `cut at ${n}`).toBeInstanceOf(ShareLinkError);
    }
  });

  test('one character changed, anywhere', () => {
    const r = rng(3);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 400; i++) {
      const at = 2 + Math.floor(r() * (good.length - 2));
      const swapped = alphabet[Math.floor(r() * alphabet.length)]!;
      if (swapped === good[at]) continue;
      const changed = good.slice(0, at) + swapped + good.slice(at + 1);
      const e = errorOf(changed);
      // A change to bits deflate never reads (padding, unused code lengths) leaves the same
      // workbook; any change to what the link holds is caught by its checksum.
      if (e === 'opened') expect(decodeShareLink(changed)).toEqual(decodeShareLink(good));
      else expect(e.message).toMatch(/damaged|cut short|cannot be opened|too big/);
    }
  });

  test('random text, and strings that look almost right', () => {
    const r = rng(9);
    for (let i = 0; i < 300; i++) {
      const junk = Array.from({ length: Math.floor(r() * 80) }, () => String.fromCharCode(32 + Math.floor(r() * 95))).join('');
      expect(errorOf(junk)).toBeInstanceOf(ShareLinkError);
      expect(errorOf(`1.${junk}`)).toBeInstanceOf(ShareLinkError);
    }
    expect(errorOf('')).toBeInstanceOf(ShareLinkError);
    expect(errorOf('1.')).toBeInstanceOf(ShareLinkError);
  });

  test('a link from a newer Cellar says so', () => {
    expect(errorOf(`2${good.slice(1)}`)).toMatchObject({ message: expect.stringContaining('made by a newer Cellar (link version 2)') });
    const newerDoc = encodeShareLink({ doc: { ...everyKind(), version: (DOCUMENT_VERSION + 1) as typeof DOCUMENT_VERSION }, files: [], missing: [] });
    expect(errorOf(newerDoc)).toMatchObject({ message: expect.stringContaining('newer Cellar (document version') });
  });

  test('files that do not match the workbook are refused', () => {
    const stray = encodeShareLink({ doc: everyKind(), files: [{ blockId: id('s1'), bytes: new Uint8Array([1, 2, 3]) }], missing: [] });
    expect(errorOf(stray)).toMatchObject({ message: expect.stringContaining('its files do not match its workbook') });
  });
});

test('a link made by Cellar with document version 2 (before formulas and charts) still opens', () => {
  // Made by encodeShareLink from { version: 2, title: 'Old', blocks: [a table, a SQL block and a cell] } and kept as it is.
  const doc = decodeShareLink(V2_LINK).doc;
  expect(doc.version).toBe(DOCUMENT_VERSION);
  expect(doc.blocks.map((b) => `${b.kind}:${b.name}`)).toEqual(['table:weather', 'sql:rainy', 'cell:limit']);
});

const V2_LINK = '1.eNpFUNFKAzEQrH8SFqEgUeipoAEF0RMftIUq-CB9yOWiLs0lZ5I7qcd9hv_rxmt7LwkzO7OzzGRy8NtBC2LGoXQKBAHtAzoLIuMQMRoNAhamBA6FcWodQLx1gCWxxYxIK6uk-NYyfmpPxBptGkZZkJVDcI1XpOh2g3f859M3H7yBvJRzvN1xokKbBM5XMtJ4gAF_SHt2kc0u-57vLsjGC7xEuxnzw5dJLnoFPOeP-e0LO2L3y8UT28aw14d8me_RFZumDVN2M79jtdcKa4wyUhPsmh0arDDCmHs65g6jfa7SJgUrZ6N3FN5B3NRJZ5uqoIJ6Dq00DTHn_YpA6iF1uuJQYQhoPxLo_wD80oAo';

describe('input values from the link', () => {
  test('set cells by name, as their control reads text; formulas and unknown names are left out', () => {
    const params = new URLSearchParams('Region=US&target=55&total=%3DSUM(1)&nope=1');
    const { doc, applied, ignored } = applyLinkParams(everyKind(), params);
    expect(applied).toEqual(['region', 'target']);
    expect(ignored).toEqual(['total', 'nope']);
    const value = (name: string) => doc.blocks.find((b) => b.name === name && b.kind === 'cell')?.kind === 'cell' && (doc.blocks.find((b) => b.name === name) as { value: unknown }).value;
    expect(value('region')).toBe('US');
    expect(value('target')).toBe(55);
    expect(value('total')).toBe('=SUM(seattle_weather[precipitation]) / target');
  });

  test('a slider keeps to its range; a dropdown to its options', () => {
    const { doc } = applyLinkParams(everyKind(), new URLSearchParams('target=500&region=Mars'));
    const cell = (name: string) => doc.blocks.find((b) => b.name === name) as { value: unknown };
    expect(cell('target').value).toBe(100);
    expect(cell('region').value).toBe('EU');
  });
});

test('the hosts a workbook would fetch from: its URL tables and URLs in its SQL, not the app itself', () => {
  const doc = everyKind();
  doc.blocks.push({ id: id('s2'), name: 'q2', kind: 'sql', sql: "SELECT * FROM read_csv('https://evil.example:8443/x.csv') UNION ALL SELECT * FROM 'http://localhost:5173/y.csv'" });
  expect(externalHosts(doc, 'http://localhost:5173')).toEqual(['data.example.com', 'evil.example:8443']);
});
