import { EngineError, type ReadOptions } from '../errors';
import type { FileFormat } from '../types';
import { UTF_16 } from './csv-errors';

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
      `${name}: unsupported file type${ext ? ` .${ext}` : ''}. Cellar reads CSV, TSV, Parquet, JSON and Arrow files, and Excel workbooks (.xlsx, .xlsm).`,
      { file: name },
    );
  }
  return format;
}

/**
 * Checks the first bytes of a file against its claimed format, so a binary file named .csv or a
 * truncated Parquet file gets a clear message instead of DuckDB's parse error deep inside it.
 */
export function checkMagic(name: string, format: FileFormat, head: Uint8Array, size: number, read: ReadOptions = {}): void {
  const empty = () => new EngineError('file', `${name} is empty: there is nothing to read.`, { file: name, fixes: [] });
  if (size === 0) throw empty();
  const fail = (why: string) => {
    throw new EngineError('file', `${name} is not a valid ${format.toUpperCase()} file: ${why}`, { file: name, fixes: [] });
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
    case 'json': {
      const utf16 = utf16Order(head);
      if (utf16 && !(read.encoding === 'utf-16' && utf16 === 'little')) throw utf16Error(name, format, utf16);
      if (utf16) return;
      if (looksBinary(head)) fail('it looks binary, not text.');
      // Only a byte order mark and blank lines: nothing to read either.
      if (size <= head.length && blank(head)) throw empty();
      return;
    }
    default:
      return assertNever(format);
  }
}

/** UTF-16 text, by its byte order mark or by the zero bytes beside ASCII characters. */
export function utf16Order(head: Uint8Array): 'little' | 'big' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'little';
  if (head[0] === 0xfe && head[1] === 0xff) return 'big';
  const pairs = Math.floor(Math.min(head.length, 512) / 2);
  if (pairs < 2) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0 && head[2 * i + 1] !== 0) even++;
    if (head[2 * i + 1] === 0 && head[2 * i] !== 0) odd++;
  }
  if (odd > pairs * 0.9) return 'little';
  if (even > pairs * 0.9) return 'big';
  return undefined;
}

function utf16Error(name: string, format: FileFormat, order: 'little' | 'big'): EngineError {
  // DuckDB's read_csv reads UTF-16 little-endian without its encodings extension; nothing here reads big-endian.
  if (order === 'little' && format !== 'json') {
    return new EngineError('file', `${name} is UTF-16 text, not UTF-8: read it as UTF-16.`, { file: name, fixes: [UTF_16] });
  }
  const kind = order === 'big' ? 'UTF-16 big-endian' : 'UTF-16';
  return new EngineError('file', `${name} is ${kind} text, which Cellar cannot read: save it again as UTF-8.`, { file: name, fixes: [] });
}

function blank(head: Uint8Array): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (let i = start; i < head.length; i++) if (![0x20, 0x09, 0x0a, 0x0d].includes(head[i]!)) return false;
  return true;
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
