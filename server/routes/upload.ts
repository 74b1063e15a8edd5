import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { App } from '../app.js';
import { importArrowFile } from '../arrow/import.js';
import { describeTable, relationKind } from '../catalog.js';
import { ApiError, toApiError } from '../errors.js';
import { sendJson, tooLarge, type Route } from '../http.js';
import type { UploadFormat, UploadResponse } from '../../protocol/index.js';
import { ensureNamespace, qualified, type Scope } from '../scope.js';
import { quoteLiteral } from '../sql.js';
import { tableName } from './tables.js';

/**
 * The DuckDB reader for each format; the path is always one the server made. `lenient` (CSV and
 * TSV, `?lenient=1`) skips lines DuckDB cannot parse, as the browser's lenient read does.
 */
const READERS: Record<Exclude<UploadFormat, 'arrow'>, (file: string, lenient: boolean) => string> = {
  parquet: (f) => `read_parquet(${quoteLiteral(f)})`,
  csv: (f, lenient) => `read_csv(${quoteLiteral(f)}${lenient ? ', ignore_errors = true' : ''})`,
  tsv: (f, lenient) => `read_csv(${quoteLiteral(f)}, delim = '\t'${lenient ? ', ignore_errors = true' : ''})`,
  json: (f) => `read_json(${quoteLiteral(f)})`,
};

function isFormat(text: string | null): text is UploadFormat {
  return text === 'arrow' || (text !== null && Object.hasOwn(READERS, text));
}

/** `PUT /api/tables/:name?format=…`: a file streamed to disk, then made a table. */
export function uploadRoutes(app: App): Route[] {
  return [
    {
      method: 'PUT',
      path: /^\/api\/tables\/(?<name>[^/]+)$/,
      access: 'admin',
      async handler({ req, res, url, params, scope }) {
        // Whatever the answer, the connection ends with it: a refusal before the body is read
        // must not make Node read (and throw away) gigabytes to keep the connection alive.
        res.setHeader('Connection', 'close');
        const table = tableName(params.name ?? '');
        const format = url.searchParams.get('format');
        if (!isFormat(format)) throw new ApiError('bad-request', 'Say the format: ?format=parquet|csv|tsv|json|arrow');
        const replace = url.searchParams.get('replace') === '1';
        const lenient = url.searchParams.get('lenient') === '1';
        const limit = app.config.maxUploadBytes;
        if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge(res, limit);
        // A workbook's upload lands in its own namespace, made on its first upload.
        await withConnection(app, (c) => ensureNamespace(c, scope!));
        if (!replace) await refuseExisting(app, scope!, table); // before the bytes travel, not after
        // The stored name is the server's own, never the client's: nothing can point outside uploads/.
        const file = path.join(app.uploadsDir, `${randomBytes(16).toString('hex')}.${format}`);
        try {
          await receive(req, res, file, limit);
          sendJson(res, 200, await importFile(app, file, format, scope!, table, { replace, lenient }));
        } finally {
          await rm(file, { force: true });
        }
      },
    },
  ];
}

async function withConnection<T>(app: App, fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const lease = await app.db.acquire();
  try {
    return await fn(lease.connection);
  } finally {
    lease.release();
  }
}

async function refuseExisting(app: App, scope: Scope, table: string): Promise<void> {
  if (await withConnection(app, (c) => relationKind(c, scope.namespace, table))) {
    throw new ApiError('conflict', `A table named ${table} exists; add ?replace=1 to replace it`);
  }
}

/**
 * Streams the body to `file`, counting bytes. Past `limit` it stops reading and refuses; the
 * request is paused rather than destroyed, so the 413 can still reach the client.
 */
function receive(req: IncomingMessage, res: ServerResponse, file: string, limit: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (!error) return resolve();
      req.unpipe(out);
      req.pause();
      out.destroy();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(tooLarge(res, limit));
    });
    req.on('close', () => {
      if (!req.complete) settle(new ApiError('bad-request', 'The upload was cut off before it ended'));
    });
    out.on('error', (e) => settle(e));
    out.on('finish', () => settle());
    req.pipe(out);
  });
}

async function importFile(
  app: App,
  file: string,
  format: UploadFormat,
  scope: Scope,
  table: string,
  { replace, lenient }: { replace: boolean; lenient: boolean },
): Promise<UploadResponse> {
  const lease = await app.db.acquire();
  const relation = qualified(scope, table);
  try {
    if (format === 'arrow') await importArrowFile(lease.connection, file, scope.namespace, table, replace);
    else {
      await lease.connection.run(`CREATE ${replace ? 'OR REPLACE ' : ''}TABLE ${relation} AS SELECT * FROM ${READERS[format](file, lenient)}`);
    }
    return { table, ...(await describeTable(lease.connection, relation)) };
  } catch (e) {
    const raw = toApiError(e);
    // DuckDB names the file it read and quotes our SQL; the client knows neither, only its upload.
    const message = raw.message.replaceAll(file, 'the uploaded file').replace(/\n+LINE \d+:[\s\S]*$/, '');
    const error = new ApiError(raw.kind, message);
    if (error.kind === 'sql' && /already exists/.test(error.message)) {
      throw new ApiError('conflict', `A table named ${table} exists; add ?replace=1 to replace it`);
    }
    // A file DuckDB cannot read is a bad upload, and its message says why.
    if (error.kind === 'sql' || error.kind === 'internal') throw new ApiError('bad-request', error.message);
    throw error;
  } finally {
    lease.release();
  }
}
