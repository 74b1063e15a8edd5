import { EngineError, isEngineError, messageOf, readableMessage } from '../errors';
import type { DuckSession } from '../duckdb/BrowserEngine';
import type { DataSource, IngestOptions } from '../types';
import { registerSource } from './register';
import { openStream, readHead, sourceLabel } from './source';

/** Bytes of newline-delimited JSON handed to DuckDB per insert; bounds memory for large files. */
const NDJSON_CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * JSON through the bindings' own reader (DuckDB-WASM has no json extension built in). It takes an
 * array of objects or one object of columns; newline-delimited JSON it does not know, so that is
 * streamed in chunks of whole lines, each handed over as an array.
 */
export async function readJson(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const label = sourceLabel(source);
  try {
    // ignoreBOM keeps a byte order mark in the text, so it can be seen (and skipped).
    const head = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await readHead(source, options.signal)).bytes);
    if (isNewlineDelimited(head.replace(/^\uFEFF/, ''))) await readNdjson(session, source, table, options);
    else await readWhole(session, withoutBom(source, head), table);
  } catch (e) {
    if (isEngineError(e)) throw e;
    throw new EngineError('file', `${label} could not be read as JSON: ${jsonReason(messageOf(e))}`, { file: label, fixes: [] }, { cause: e });
  }
}

const SHAPES = 'Cellar reads an array of objects ([{…}, {…}]), one object of columns, or one object per line.';

/** The bindings' JSON errors, said for a person. */
export function jsonReason(message: string): string {
  const said = readableMessage(message);
  if (/Table type not specified/i.test(said)) return `it holds no table. ${SHAPES}`;
  if (/at least one column/i.test(said)) return `it holds no columns (an empty array, or arrays without objects). ${SHAPES}`;
  if (/Invalid unicode|utf-?8/i.test(said)) return 'it is not UTF-8 text. Save it again as UTF-8.';
  const detail = said.replace(/^[\w ]*Error: /, '').trim();
  return `it is not valid JSON (${detail}). Check that the file is whole (not cut short) and is JSON.`;
}

/** The bindings' reader does not skip a UTF-8 byte order mark; a file is read past it (a slice, not a copy). */
function withoutBom(source: DataSource, head: string): DataSource {
  if (source.kind !== 'file' || !head.startsWith('\uFEFF')) return source;
  return { kind: 'file', file: new File([source.file.slice(3)], source.file.name) };
}

/** `{…}\n{…}`: the first line is a whole object and another follows. */
export function isNewlineDelimited(head: string): boolean {
  const text = head.trimStart();
  if (!text.startsWith('{')) return false;
  const newline = text.indexOf('\n');
  if (newline < 0) return false;
  try {
    JSON.parse(text.slice(0, newline));
  } catch {
    return false;
  }
  return text.slice(newline + 1).trimStart().startsWith('{');
}

async function readWhole(session: DuckSession, source: DataSource, table: string): Promise<void> {
  const path = await registerSource(session, source);
  try {
    await session.withConnection((conn) => conn.insertJSONFromPath(path, { name: table, create: true }));
  } finally {
    await session.db.dropFile(path);
  }
}

async function readNdjson(session: DuckSession, source: DataSource, table: string, options: IngestOptions): Promise<void> {
  const { stream, size: total } = await openStream(source, options.signal);
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let carry = '';
  let lines: string[] = [];
  let size = 0;
  let done = 0;
  let chunk = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    const path = `ndjson-${table}-${chunk}.json`;
    await session.db.registerFileText(path, `[${lines.join(',')}]`);
    try {
      await session.withConnection((conn) =>
        conn.insertJSONFromPath(path, { name: table, create: chunk === 0 }),
      );
    } finally {
      await session.db.dropFile(path);
    }
    chunk += 1;
    lines = [];
    size = 0;
  };
  for (;;) {
    const { done: end, value } = await reader.read();
    if (options.signal?.aborted) throw new EngineError('cancelled', 'Cancelled', { file: sourceLabel(source) });
    const text = carry + (end ? decoder.decode() : decoder.decode(value, { stream: true }));
    const parts = text.split('\n');
    carry = end ? '' : (parts.pop() ?? '');
    for (const part of parts) {
      const line = part.trim();
      if (line.length === 0) continue;
      lines.push(line);
      size += line.length;
    }
    done += value?.byteLength ?? 0;
    options.onProgress?.({ done, total, unit: 'bytes' });
    if (size >= NDJSON_CHUNK_BYTES || end) await flush();
    if (end) return;
  }
}
