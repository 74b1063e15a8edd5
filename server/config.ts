import path from 'node:path';

/** Everything the server can be told at start, after flags and environment are merged. */
export interface ServerConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Absolute path of the data folder (database, uploads, tokens, workbooks). */
  dataDir: string;
  /** DuckDB's memory_limit, as DuckDB reads it (e.g. `4GB`). */
  memoryLimit: string;
  /** DuckDB worker threads; undefined leaves DuckDB's default (one per core). */
  threads: number | undefined;
  statementTimeoutMs: number;
  /** Cap on one query answer's Arrow bytes. */
  maxResultBytes: number;
  maxUploadBytes: number;
  /** Connections in the pool, i.e. queries that run at once; more wait their turn. */
  connections: number;
}

/** The flags, their environment variables and defaults; `--help` prints this. */
const OPTIONS = {
  host: { env: 'CELLAR_HOST', default: '127.0.0.1', help: 'address to listen on' },
  port: { env: 'CELLAR_PORT', default: '4180', help: 'port (0 = any free port)' },
  data: { env: 'CELLAR_DATA', default: './cellar-data', help: 'data folder' },
  'memory-limit': { env: 'CELLAR_MEMORY_LIMIT', default: '4GB', help: "DuckDB's memory limit" },
  threads: { env: 'CELLAR_THREADS', default: '', help: 'DuckDB threads', shown: 'one per core' },
  'statement-timeout': { env: 'CELLAR_STATEMENT_TIMEOUT', default: '60s', help: 'longest a query may run' },
  'max-result': { env: 'CELLAR_MAX_RESULT', default: '512MB', help: 'cap on one Arrow answer' },
  'max-upload': { env: 'CELLAR_MAX_UPLOAD', default: '10GB', help: 'cap on one uploaded file' },
  connections: { env: 'CELLAR_CONNECTIONS', default: '', help: 'queries that run at once', shown: 'UV_THREADPOOL_SIZE - 1' },
} as const satisfies Record<string, { env: string; default: string; help: string; shown?: string }>;

type OptionName = keyof typeof OPTIONS;

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/** Usage text for `--help`. */
export function usage(): string {
  const lines = Object.entries(OPTIONS).map(
    ([name, o]) => `  --${name.padEnd(18)} ${o.help} (env ${o.env}, default ${'shown' in o ? o.shown : o.default})`,
  );
  return ['Usage: npm run server -- [options]', ...lines].join('\n');
}

/** Reads `--name value` / `--name=value` flags over environment variables over defaults. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const given = new Map<OptionName, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !isOptionName(m[1]!)) throw new Error(`Unknown argument ${arg}\n${usage()}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    given.set(m[1], value);
  }
  const get = (name: OptionName): string => given.get(name) ?? env[OPTIONS[name].env] ?? OPTIONS[name].default;
  const threads = get('threads');
  return {
    host: get('host'),
    port: parseInteger(get('port'), 'port', 0, 65535),
    dataDir: path.resolve(cwd, get('data')),
    memoryLimit: checkMemoryLimit(get('memory-limit')),
    threads: threads === '' ? undefined : parseInteger(threads, 'threads', 1, 1024),
    statementTimeoutMs: parseDuration(get('statement-timeout')),
    maxResultBytes: parseBytes(get('max-result')),
    maxUploadBytes: parseBytes(get('max-upload')),
    connections: get('connections') === '' ? defaultConnections(env) : parseInteger(get('connections'), 'connections', 1, 256),
  };
}

/**
 * While DuckDB works on a query it holds one of libuv's threads (4 unless UV_THREADPOOL_SIZE
 * says otherwise, and only before Node starts). One is left free so that uploads and workbook
 * files, which need a thread too, never wait behind long queries.
 */
function defaultConnections(env: NodeJS.ProcessEnv): number {
  const threads = Number(env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(threads, 1024) - 1);
}

function parseInteger(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, not ${text}`);
  return n;
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** `512MB`, `10GB`, `1.5GiB` or a plain byte count. */
export function parseBytes(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = BYTE_UNITS[(m?.[2] ?? '').toLowerCase()];
  if (!m || unit === undefined) throw new Error(`Not a size: ${text} (try 512MB or 10GB)`);
  return Math.floor(Number(m[1]) * unit);
}

/** `60s`, `500ms`, `2m` or plain seconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new Error(`Not a duration: ${text} (try 60s or 500ms)`);
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000;
  return Math.round(Number(m[1]) * scale);
}

/** The memory limit goes into a SET statement, so only DuckDB's size syntax is let through. */
function checkMemoryLimit(text: string): string {
  if (!/^\d+(\.\d+)?\s*[kmgt]?i?b$/i.test(text.trim())) throw new Error(`Not a memory limit: ${text} (try 4GB)`);
  return text.trim();
}
