import { errorPosition } from '../sql';

/** Where DuckDB's error message points in the SQL text (in src/sql: workbook/ reads it too). */
export { errorPosition };

/**
 * What kind of failure a person caused (or met); the UI words its message by this.
 * `unreachable`: the remote server did not answer at all (down, refused, CORS) — worth a retry.
 */
export type EngineErrorKind = 'sql' | 'file' | 'network' | 'unreachable' | 'cancelled' | 'memory' | 'internal';

/** How a CSV or TSV file is read beyond what DuckDB detects; each is set by a person, after an error offered it. */
export interface ReadOptions {
  /** DuckDB's core reads these without its encodings extension (read_csv's `encoding`). */
  encoding?: 'latin-1' | 'utf-16';
  /** Skip the lines DuckDB cannot parse (read_csv's ignore_errors). */
  lenient?: boolean;
  /** Columns read as text whatever DuckDB detected (read_csv's types). */
  textColumns?: string[];
}

/** A way to read a file that failed, offered on its block as a button. */
export interface ReadFix {
  /** The button's test id: read-as-latin-1, read-as-utf-16, read-leniently, read-as-text. */
  id: string;
  label: string;
  options: ReadOptions;
}

/** A failure with its context kept beside it (the SQL or the file), as mosaic's QueryError does. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    /** `fixes`: for a file, the reads that may work instead (none offered when empty). */
    readonly context: { sql?: string; file?: string; line?: number; position?: number; fixes?: ReadFix[] } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** DuckDB's out-of-memory errors, in native and in WASM (where the allocator itself fails). */
export function looksLikeOutOfMemory(message: string): boolean {
  return /out of memory|Out of Memory Error|memory access out of bounds|Cannot enlarge memory|failed to allocate/i.test(
    message,
  );
}

/** Wraps whatever DuckDB threw into an EngineError that keeps the SQL. */
export function toSqlError(e: unknown, sql: string): EngineError {
  if (isEngineError(e)) return e;
  const message = readableMessage(messageOf(e));
  // `query was canceled` is DuckDB-WASM's word for a statement stopped by cancelSent (cancelAll).
  if (/^INTERRUPT Error|^query was canceled/i.test(message)) return new EngineError('cancelled', 'Query cancelled', { sql }, { cause: e });
  if (looksLikeOutOfMemory(message)) {
    return new EngineError('memory', `Out of memory: ${message}`, { sql }, { cause: e });
  }
  return new EngineError('sql', message, { sql, position: errorPosition(message, sql) }, { cause: e });
}

/**
 * DuckDB-WASM reports some errors (parser errors, for one) as JSON —
 * `{"exception_type":"Parser","exception_message":"syntax error …"}` — instead of DuckDB's usual
 * `Parser Error: syntax error …`. Both read the same way here.
 */
export function readableMessage(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof parsed.exception_type === 'string' && typeof parsed.exception_message === 'string') {
      return `${parsed.exception_type} Error: ${parsed.exception_message}`;
    }
  } catch {
    // not JSON after all
  }
  return message;
}

