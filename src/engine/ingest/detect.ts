import { EngineError } from '../errors';
import type { FileFormat } from '../types';

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  arrow: 'arrow',
  feather: 'arrow',
  arrows: 'arrow',
  ipc: 'arrow',
};

/** The extensions Cellar reads, for the file picker's `accept`. */
export const ACCEPTED_EXTENSIONS = Object.keys(BY_EXTENSION).map((ext) => `.${ext}`);

/** The format a file name says it has, or an error naming what is supported. */
export function formatFromName(name: string): FileFormat {
  const path = name.split(/[?#]/)[0] ?? name;
  const segment = path.split('/').pop() ?? path;
  const dot = segment.lastIndexOf('.');
  const ext = dot >= 0 ? segment.slice(dot + 1).toLowerCase() : '';
  const format = BY_EXTENSION[ext];
  if (!format) {
    throw new EngineError(
      'file',
      `${name}: unsupported file type${ext ? ` .${ext}` : ''}. Cellar reads CSV, TSV, Parquet, JSON and Arrow files.`,
      { file: name },
    );
  }
  return format;
}

/**
 * Checks the first bytes of a file against its claimed format, so a binary file named .csv or a
 * truncated Parquet file gets a clear message instead of DuckDB's parse error deep inside it.
 */
export function checkMagic(name: string, format: FileFormat, head: Uint8Array, size: number): void {
  if (size === 0) throw new EngineError('file', `${name} is empty: there is nothing to read.`, { file: name });
  const fail = (why: string) => {
    throw new EngineError('file', `${name} is not a valid ${format.toUpperCase()} file: ${why}`, { file: name });
  };
  switch (format) {
    case 'parquet':
      if (!startsWith(head, 'PAR1')) fail('it does not start with the Parquet marker PAR1.');
      return;
    case 'arrow':
      // The file format starts with ARROW1; the stream format with a 0xFFFFFFFF continuation marker.
      if (!startsWith(head, 'ARROW1') && !(head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff)) {
        fail('it is neither an Arrow IPC file nor an Arrow IPC stream.');
      }
      return;
    case 'csv':
    case 'tsv':
    case 'json':
      if (looksBinary(head)) fail('it looks binary, not text.');
      return;
    default:
      return assertNever(format);
  }
}

function startsWith(bytes: Uint8Array, marker: string): boolean {
  for (let i = 0; i < marker.length; i++) if (bytes[i] !== marker.charCodeAt(i)) return false;
  return true;
}

/** Text has no NUL bytes and few control characters (UTF-16 text is not supported either). */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control / head.length > 0.05;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
