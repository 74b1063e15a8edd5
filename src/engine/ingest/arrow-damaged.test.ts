import { createNodeBrowserEngine, type NodeBrowserEngine } from '../testing/node-browser-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../errors';
import { cutArrowFiles, flippedArrowFiles, goodArrow, lyingArrowFiles, type DamagedArrow } from '../testing/damaged-arrow';

// Issue 15, item 4, in the browser: the 2,000,000-row Int32 column that holds a handful of values
// was read by DuckDB-WASM as 34,000 distinct values from its own memory, and a damaged Arrow file
// said "Cannot read properties of null (reading 'fieldsLength')".

let wasm: NodeBrowserEngine;
const SECRET = 'planted-browser-secret-5f1c0e';

beforeAll(async () => {
  wasm = await createNodeBrowserEngine({ quiet: true });
  // Strings in DuckDB-WASM's memory, where a lying buffer would read them back from.
  await wasm.engine.query(`CREATE TABLE seeded AS SELECT '${SECRET}' || i AS s FROM range(20000) t(i)`);
}, 60_000);

afterAll(() => wasm?.close());

const ingest = (file: DamagedArrow, table: string) =>
  wasm.engine.ingest({ kind: 'file', file: new File([file.bytes.slice()], `${file.name}.arrow`) }, table, { format: 'arrow' });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(isEngineError(e) && e.kind).toBe('file');
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('an Arrow file whose lengths lie', () => {
  it.each(lyingArrowFiles().map((f) => [f.name, f] as const))('%s is refused in words, and makes no table', async (_name, file) => {
    const message = await refusal(ingest(file, 'lying'));
    expect(message).toMatch(new RegExp(`^${file.name}\\.arrow could not be read as Arrow: the Arrow file is damaged: `));
    expect(message).toMatch(file.says!);
    expect(await wasm.engine.catalog.kind('lying')).toBeUndefined();
  });
});

describe('a cut or altered Arrow file', () => {
  it.each([...cutArrowFiles(), ...flippedArrowFiles(20)].map((f) => [f.name, f] as const))(
    '%s ends in a clear error, or is read without memory past its bytes',
    async (_name, file) => {
      try {
        await ingest(file, 'altered');
      } catch (e) {
        const message = (e as Error).message;
        expect(message).toMatch(/could not be read as Arrow: the Arrow file is damaged/);
        expect(message).not.toMatch(/Cannot read properties|"undefined"/);
        return;
      }
      const rows = await wasm.engine.query('SELECT count(*)::INTEGER AS n FROM altered');
      expect(Number(rows.get(0)?.n)).toBeLessThanOrEqual(3000);
      const hits = await wasm.engine.query(`SELECT count(*)::INTEGER AS n FROM altered t WHERE contains(CAST(t AS VARCHAR), '${SECRET}')`);
      expect(hits.get(0)?.n).toBe(0);
      await wasm.engine.catalog.drop('altered');
    },
  );

  it('a good Arrow file still becomes its table', async () => {
    const result = await ingest({ name: 'good', bytes: goodArrow('file'), says: null }, 'good_arrow');
    expect(result.rows).toBe(3000);
  });
});
