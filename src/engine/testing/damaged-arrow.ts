// Tests only: Arrow IPC files that lie about their lengths, shared by the server's upload tests and
// the browser ingest's. apache-arrow's writer writes a column's declared length with whatever its
// buffers hold, so a Data made with short buffers becomes exactly the file an attacker would send.
import {
  Bool,
  Dictionary,
  Field,
  FixedSizeList,
  Int32,
  Int64,
  LargeUtf8,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
  makeVector,
  type Data,
  type DataType,
} from 'apache-arrow';

/** One crafted file: what it is, its bytes, and what the refusal must say (null: any clear refusal). */
export interface DamagedArrow {
  name: string;
  bytes: Uint8Array;
  says: RegExp | null;
}

const ROWS = 2_000_000;

function file(columns: Record<string, Data>, length: number, format: 'stream' | 'file' = 'stream'): Uint8Array {
  const fields = Object.entries(columns).map(([name, data]) => new Field(name, data.type, true));
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: Object.values(columns) });
  return tableToIPC(new Table([new RecordBatch(new Schema(fields), struct)]), format);
}

const utf8 = (offsets: number[], text: string, length = offsets.length - 1): Data =>
  makeData({ type: new Utf8(), length, nullCount: 0, valueOffsets: Int32Array.from(offsets), data: new TextEncoder().encode(text) });

function nested(depth: number): Data {
  let data: Data = makeData({ type: new Int32(), length: 1, nullCount: 0, data: new Int32Array([7]) });
  for (let i = 0; i < depth; i++) {
    data = makeData({ type: new List(new Field('item', data.type as DataType, true)), length: 1, nullCount: 0, valueOffsets: new Int32Array([0, 1]), child: data });
  }
  return data;
}

/** A valid file: 3 batches of ints and strings, to cut and flip. */
export function goodArrow(format: 'stream' | 'file' = 'stream'): Uint8Array {
  const batches = [0, 1, 2].map((b) => {
    const n = 1000;
    const ints = makeVector(Int32Array.from({ length: n }, (_, i) => b * n + i));
    const words = vectorFromArray(Array.from({ length: n }, (_, i) => `word ${b * n + i}`), new Utf8());
    const fields = [new Field('x', new Int32(), true), new Field('w', new Utf8(), true)];
    const struct = makeData({ type: new Struct(fields), length: n, nullCount: 0, children: [ints.data[0]!, words.data[0]!] });
    return new RecordBatch(new Schema(fields), struct);
  });
  return tableToIPC(new Table(batches), format);
}

/** Files whose declared lengths, offsets or indices lie: every one must be refused. */
export function lyingArrowFiles(): DamagedArrow[] {
  const int32 = (length: number, values: number[]) => makeData({ type: new Int32(), length, nullCount: 0, data: Int32Array.from(values) });
  const dictionary = vectorFromArray(['a', 'b', 'c', 'd'], new Utf8());
  const dict = (indices: number[]) =>
    makeData({ type: new Dictionary(new Utf8(), new Int32()), length: indices.length, nullCount: 0, data: Int32Array.from(indices), dictionary });
  return [
    // Six values: the writer pads buffers to 8 bytes, and five would read as six.
    { name: 'int32-claims-2m-holds-6', bytes: file({ x: int32(ROWS, [1, 2, 3, 4, 5, 6]) }, ROWS), says: /column x claims 2,000,000 rows but holds 6 values/ },
    { name: 'int32-file-format', bytes: file({ x: int32(ROWS, [1, 2, 3, 4, 5, 6]) }, ROWS, 'file'), says: /column x claims 2,000,000 rows but holds 6 values/ },
    { name: 'int64-claims-more', bytes: file({ big: makeData({ type: new Int64(), length: 50_000, nullCount: 0, data: new BigInt64Array(3) }) }, 50_000), says: /column big claims 50,000 rows/ },
    { name: 'bool-claims-more', bytes: file({ b: makeData({ type: new Bool(), length: ROWS, nullCount: 0, data: new Uint8Array(1) }) }, ROWS), says: /column b claims 2,000,000 rows/ },
    { name: 'short-validity-bitmap', bytes: file({ v: makeData({ type: new Int32(), length: 5000, nullCount: 1, nullBitmap: new Uint8Array([0xfe]), data: new Int32Array(5000) }) }, 5000), says: /validity bitmap/ },
    { name: 'nulls-without-bitmap', bytes: file({ v: makeData({ type: new Int32(), length: 10, nullCount: 4, nullBitmap: new Uint8Array(0), data: new Int32Array(10) }) }, 10), says: /nulls/ },
    { name: 'offsets-past-data', bytes: file({ s: utf8([0, 5, 1_000_000], 'hello worl') }, 2), says: /column s points past its 16 bytes of data/ },
    { name: 'offsets-decreasing', bytes: file({ s: utf8([0, 8, 3, 10], 'abcdefghij') }, 3), says: /smaller than the one before/ },
    { name: 'offsets-too-few', bytes: file({ s: utf8([0, 3], 'abc', 40_000) }, 40_000), says: /column s claims 40,000 rows but holds 1 offsets/ },
    {
      name: 'large-utf8-offsets-past-data',
      bytes: file({ l: makeData({ type: new LargeUtf8(), length: 1, nullCount: 0, valueOffsets: BigInt64Array.from([0n, 900_000n]), data: new Uint8Array(4) }) }, 1),
      says: /points past/,
    },
    {
      name: 'list-offsets-past-child',
      bytes: file({ l: makeData({ type: new List(new Field('item', new Int32(), true)), length: 2, nullCount: 0, valueOffsets: new Int32Array([0, 2, 500_000]), child: int32(3, [1, 2, 3]) }) }, 2),
      // The writer cuts the child where the last offset says, so the child is the one that lies.
      says: /column l\[\] claims 500,000 rows but holds 4 values/,
    },
    {
      name: 'fixed-size-list-short-child',
      bytes: file({ f: makeData({ type: new FixedSizeList(4, new Field('item', new Int32(), true)), length: 1000, nullCount: 0, child: int32(8, [1, 2, 3, 4, 5, 6, 7, 8]) }) }, 1000),
      says: /column f claims 1,000 lists of 4/,
    },
    {
      name: 'struct-child-shorter',
      bytes: file({ st: makeData({ type: new Struct([new Field('a', new Int32(), true)]), length: 100_000, nullCount: 0, children: [int32(5, [1, 2, 3, 4, 5])] }) }, 100_000),
      says: /column st\.a holds 5 rows but its struct claims 100,000/,
    },
    { name: 'dictionary-index-past-end', bytes: file({ d: dict([0, 1, 900, 2]) }, 4), says: /column d: row 2 points to dictionary entry 900 of 4/ },
    { name: 'dictionary-negative-index', bytes: file({ d: dict([0, -7]) }, 2), says: /dictionary entry -7 of 4/ },
    {
      name: 'dictionary-values-lie',
      bytes: file({ d: makeData({ type: new Dictionary(new Utf8(), new Int32()), length: ROWS, nullCount: 0, data: new Int32Array(2), dictionary }) }, ROWS),
      says: /column d claims 2,000,000 rows but holds 2 values/,
    },
    { name: 'nested-100-deep', bytes: file({ n: nested(100) }, 1), says: /nested deeper than 64 levels/ },
  ];
}

/** A valid file cut at `fractions` of its length: a clear refusal, or (cut between batches) fewer rows. */
export function cutArrowFiles(): DamagedArrow[] {
  const out: DamagedArrow[] = [];
  for (const format of ['stream', 'file'] as const) {
    const good = goodArrow(format);
    for (const at of [9, 40, 100, 300, 0.25, 0.5, 0.75, 0.9, -9]) {
      const end = at < 0 ? good.length + at : at < 1 ? Math.floor(good.length * at) : at;
      out.push({ name: `cut-${format}-at-${end}`, bytes: good.slice(0, end), says: null });
    }
  }
  return out;
}

/** A valid file with bytes flipped by a seeded generator: refused, or read as something harmless. */
export function flippedArrowFiles(count = 12): DamagedArrow[] {
  let seed = 15;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const good = goodArrow('stream');
  return Array.from({ length: count }, (_, i) => {
    const bytes = good.slice();
    // Most of the metadata sits in the first few hundred bytes of each message: flip there too.
    for (let k = 0; k < 4; k++) {
      const at = Math.floor(random() * (k < 2 ? 600 : bytes.length));
      bytes[at] = bytes[at]! ^ (1 << Math.floor(random() * 8));
    }
    return { name: `flipped-${i}`, bytes, says: null };
  });
}
