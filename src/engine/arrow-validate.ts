import { DataType, type Data, type RecordBatch, type Schema, type Vector } from 'apache-arrow';

// apache-arrow's reader trusts the lengths a file declares: a buffer shorter than its column's row
// count becomes a short typed array, and whoever copies `rows × width` bytes from it (the server's
// DuckDB appender, DuckDB-WASM's Arrow reader) reads whatever memory lies after it. Every batch is
// checked here before anything uses it. Pure: depends on apache-arrow only, so both the browser
// ingest and the server import it.

/** An Arrow file whose declared lengths do not match its bytes. */
export class ArrowDamageError extends Error {
  override readonly name = 'ArrowDamageError';
  constructor(detail: string) {
    super(`the Arrow file is damaged: ${detail}`);
  }
}

/** Deeper nesting than this is refused: no real table needs it, and checking it would recurse. */
export const MAX_ARROW_DEPTH = 64;

const count = (n: number) => n.toLocaleString('en-US');

function damaged(detail: string): never {
  throw new ArrowDamageError(detail);
}

/** Refuses a schema nested deeper than MAX_ARROW_DEPTH, before any batch is read. */
export function validateArrowSchema(schema: Schema): void {
  const visit = (type: DataType, path: string, depth: number): void => {
    if (depth > MAX_ARROW_DEPTH) damaged(`column ${path} is nested deeper than ${MAX_ARROW_DEPTH} levels`);
    const inner = DataType.isDictionary(type) ? type.dictionary : type;
    for (const child of inner.children ?? []) visit(child.type, `${path}.${child.name}`, depth + 1);
  };
  for (const field of schema.fields) {
    // The name becomes a SQL identifier: a missing one, or a NUL inside one, would end it early.
    if (typeof field.name !== 'string') damaged('a column has no name');
    if (field.name.includes('\0')) damaged(`column ${JSON.stringify(field.name)} has a NUL character in its name`);
    visit(field.type, field.name, 1);
  }
}

/** Checks every column of a record batch against the batch's row count and its own buffers. */
export function validateArrowBatch(batch: RecordBatch): void {
  validateArrowSchema(batch.schema);
  batch.schema.fields.forEach((field, i) => {
    const column = batch.data.children[i];
    if (!column) damaged(`column ${field.name} is missing from a record batch`);
    if (column.length < batch.numRows) {
      damaged(`column ${field.name} holds ${count(column.length)} rows but its record batch claims ${count(batch.numRows)}`);
    }
    validateData(column, field.name, 1);
  });
}

/** Checks a whole decoded vector (every chunk), e.g. a dictionary or a query answer's column. */
export function validateArrowVector(vector: Vector, path: string, depth = 1): void {
  for (const data of vector.data) validateData(data, path, depth);
}

/**
 * apache-arrow's Data keeps `offset` for bit-addressed buffers (validity, Bool values) only: a
 * slice cuts its offsets, fixed-width values and type ids to start at row 0. So bits are checked
 * up to `offset + length`, everything else up to `length`.
 */
function validateData(data: Data, path: string, depth: number): void {
  if (depth > MAX_ARROW_DEPTH) damaged(`column ${path} is nested deeper than ${MAX_ARROW_DEPTH} levels`);
  const { type } = data;
  const end = data.offset + data.length;
  const rows = data.length;
  if (data.offset < 0 || data.length < 0 || !Number.isSafeInteger(end)) damaged(`column ${path} has a negative length`);
  if (DataType.isNull(type)) return;
  if (!DataType.isUnion(type)) validateValidity(data, path, end);
  if (DataType.isDictionary(type)) return validateDictionary(data, path, depth);
  if (DataType.isBool(type)) return need(data.values, Math.ceil(end / 8), path, end, 'bytes of values');
  if (DataType.isUtf8(type) || DataType.isBinary(type) || DataType.isLargeUtf8(type) || DataType.isLargeBinary(type)) {
    return validateOffsets(data, path, (data.values as Uint8Array | undefined)?.length ?? 0, 'bytes of data');
  }
  if (DataType.isList(type) || DataType.isMap(type)) {
    const child = onlyChild(data, path);
    validateOffsets(data, path, child.length, 'values in its list child');
    return validateData(child, `${path}[]`, depth + 1);
  }
  if (DataType.isFixedSizeList(type)) {
    const child = onlyChild(data, path);
    if (child.length < rows * type.listSize) {
      damaged(`column ${path} claims ${count(rows)} lists of ${type.listSize} but its child holds ${count(child.length)} values`);
    }
    return validateData(child, `${path}[]`, depth + 1);
  }
  if (DataType.isStruct(type)) {
    type.children.forEach((field, i) => {
      const child = data.children[i];
      if (!child) damaged(`column ${path} has no field ${field.name}`);
      if (child.length < data.length) damaged(`column ${path}.${field.name} holds ${count(child.length)} rows but its struct claims ${count(data.length)}`);
      validateData(child, `${path}.${field.name}`, depth + 1);
    });
    return;
  }
  if (DataType.isUnion(type)) return validateUnion(data, path, depth);
  // Every other type is fixed-width: `stride` elements of the values array per row.
  if (!data.values) damaged(`column ${path} has no values`);
  need(data.values, rows * data.stride, path, rows, 'values', data.stride);
}

/** A buffer that must hold at least `min` elements for `rows` rows. */
function need(buffer: ArrayLike<unknown> | undefined, min: number, path: string, rows: number, what: string, stride = 1): void {
  const have = buffer?.length ?? 0;
  if (have >= min) return;
  if (what === 'values') damaged(`column ${path} claims ${count(rows)} rows but holds ${count(Math.floor(have / stride))} values`);
  damaged(`column ${path} claims ${count(rows)} rows but holds ${count(have)} ${what}`);
}

function validateValidity(data: Data, path: string, end: number): void {
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  // The count the file declared (the reader keeps it; the getter would count the bitmap instead).
  const claimed = (data as unknown as { _nullCount: number })._nullCount;
  if (claimed > data.length) damaged(`column ${path} claims ${count(claimed)} nulls in ${count(data.length)} rows`);
  if (!bitmap || bitmap.length === 0) {
    if (claimed > 0) damaged(`column ${path} claims ${count(claimed)} nulls but has no validity bitmap`);
    return;
  }
  if (bitmap.length < Math.ceil(end / 8)) {
    damaged(`column ${path} claims ${count(data.length)} rows but its validity bitmap covers ${count(bitmap.length * 8)}`);
  }
  if (claimed >= 0) {
    let valid = 0;
    for (let i = data.offset; i < end; i++) valid += (bitmap[i >> 3]! >> (i & 7)) & 1;
    if (data.length - valid !== claimed) {
      damaged(`column ${path} claims ${count(claimed)} nulls but its validity bitmap marks ${count(data.length - valid)}`);
    }
  }
}

/** Offsets: one more than rows, never decreasing, and within what they index (`limit`). */
function validateOffsets(data: Data, path: string, limit: number, what: string): void {
  if (data.length === 0) return;
  const offsets = data.valueOffsets as Int32Array | BigInt64Array | undefined;
  const have = offsets?.length ?? 0;
  if (!offsets || have < data.length + 1) damaged(`column ${path} claims ${count(data.length)} rows but holds ${count(Math.max(0, have - 1))} offsets`);
  let previous = Number(offsets[0]);
  if (previous < 0) damaged(`column ${path} has a negative offset (${count(previous)})`);
  for (let i = 1; i <= data.length; i++) {
    const next = Number(offsets[i]);
    if (next < previous) damaged(`column ${path}: offset ${count(i)} (${count(next)}) is smaller than the one before it (${count(previous)})`);
    previous = next;
  }
  if (previous > limit) damaged(`column ${path} points past its ${count(limit)} ${what} (to ${count(previous)})`);
}

function onlyChild(data: Data, path: string): Data {
  const child = data.children[0];
  if (!child) damaged(`column ${path} has no child values`);
  return child;
}

function validateDictionary(data: Data, path: string, depth: number): void {
  need(data.values, data.length * data.stride, path, data.length, 'values', data.stride);
  const dictionary = data.dictionary;
  if (!dictionary) damaged(`column ${path} has no dictionary`);
  validateArrowVector(dictionary, `${path} (dictionary)`, depth + 1);
  const size = dictionary.length;
  const indices = data.values as ArrayLike<number | bigint>;
  for (let i = 0; i < data.length; i++) {
    if (!data.getValid(i)) continue;
    const index = Number(indices[i]);
    if (!(index >= 0 && index < size)) damaged(`column ${path}: row ${count(i)} points to dictionary entry ${count(index)} of ${count(size)}`);
  }
}

function validateUnion(data: Data, path: string, depth: number): void {
  const type = data.type as DataType & { typeIds: number[]; mode: number; children: { name: string }[] };
  const rows = data.length;
  need(data.typeIds, rows, path, rows, 'type ids');
  const childOf = new Map(type.typeIds.map((id, i) => [id, i]));
  const typeIds = data.typeIds as Int8Array;
  const offsets = data.valueOffsets as Int32Array | undefined;
  const dense = DataType.isDenseUnion(type);
  if (dense) need(offsets, rows, path, rows, 'offsets');
  for (let i = 0; i < rows; i++) {
    const child = childOf.get(typeIds[i]!);
    if (child === undefined) damaged(`column ${path}: row ${count(i)} has type id ${typeIds[i]}, which the union does not declare`);
    const at = dense ? offsets![i]! : i;
    const length = data.children[child]?.length ?? 0;
    if (at < 0 || at >= length) damaged(`column ${path}: row ${count(i)} points to value ${count(at)} of ${count(length)} in ${type.children[child]?.name}`);
  }
  type.children.forEach((field, i) => {
    const child = data.children[i];
    if (!child) damaged(`column ${path} has no member ${field.name}`);
    validateData(child, `${path}.${field.name}`, depth + 1);
  });
}

/**
 * What to tell a person about a failure while reading an Arrow file. apache-arrow's reader, given
 * a damaged header, fails with its own TypeErrors ("Cannot read properties of null (reading
 * 'fieldsLength')"), which say nothing about the file. `again` says what to do about it.
 */
export function arrowReadFailure(e: unknown, again = 'export it again from the program that made it'): string {
  if (e instanceof ArrowDamageError) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  if (/^Expected to read \d+/.test(detail)) return `the Arrow file is damaged: it ends inside a message (it was cut short); ${again}`;
  if (/^Expected Schema/.test(detail)) return `the Arrow file is damaged: it does not start with a schema; ${again}`;
  if (/^Unrecognized/.test(detail)) {
    return `the Arrow file is damaged, or uses a column type Cellar cannot read (such as string views or run-end encoding); ${again}`;
  }
  if (e instanceof TypeError || e instanceof RangeError) return `the Arrow file is damaged: its structure cannot be read (it may be cut short or altered); ${again}`;
  return `the Arrow file is damaged or is not an Arrow file (${detail}); ${again}`;
}
