import {
  DuckDBDateValue,
  DuckDBTimestampValue,
  StatementType,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBResult,
} from '@duckdb/node-api';
import type { Role } from './auth.js';
import { ApiError } from './errors.js';
import type { QueryParam } from '../protocol/index.js';
import { checkBatch } from './sandbox/policy.js';
import { quoteLiteral } from './sql.js';

/** What an admin token may run; everything else is refused before DuckDB executes it. */
const ADMIN_STATEMENTS: ReadonlySet<StatementType> = new Set([
  StatementType.SELECT,
  StatementType.INSERT,
  StatementType.UPDATE,
  StatementType.DELETE,
  StatementType.MERGE_INTO,
  StatementType.CREATE,
  StatementType.CREATE_FUNC,
  StatementType.DROP,
  StatementType.ALTER,
  StatementType.EXPLAIN,
  StatementType.ANALYZE,
  StatementType.VACUUM,
  StatementType.CALL,
]);

/** Why a statement type is refused, in words a person can act on. */
function refusal(type: StatementType, role: Role): string {
  if (role === 'read' && ADMIN_STATEMENTS.has(type)) {
    return `This token is read-only: only SELECT statements may run, not ${StatementType[type]}`;
  }
  switch (type) {
    case StatementType.ATTACH:
    case StatementType.DETACH:
      return 'ATTACH and DETACH are not allowed: the server serves only its own database';
    case StatementType.LOAD:
    case StatementType.EXTENSION:
    case StatementType.UPDATE_EXTENSIONS:
      return 'Extensions cannot be installed or loaded on the server';
    case StatementType.SET:
    case StatementType.VARIABLE_SET:
      return "SET and RESET are not allowed: the server's settings are fixed, and connections are shared";
    case StatementType.TRANSACTION:
      return 'BEGIN, COMMIT and ROLLBACK are not allowed: each request runs in its own transaction';
    case StatementType.PREPARE:
    case StatementType.EXECUTE:
      return 'PREPARE and EXECUTE are not allowed: send parameters with the request instead';
    case StatementType.PRAGMA:
      return 'PRAGMA statements are not allowed on the server';
    case StatementType.COPY:
      // DuckDB would refuse paths outside uploads/, but it lets COPY write over its own WAL.
      return 'COPY is not allowed on the server: upload files with PUT /api/tables/:name, and query results come back as Arrow';
    case StatementType.EXPORT:
    case StatementType.COPY_DATABASE:
      return 'EXPORT DATABASE and COPY FROM DATABASE are not allowed on the server';
    default:
      return `${StatementType[type] ?? 'This'} statements are not allowed on the server`;
  }
}

/** Refuses a statement the role may not run. */
export function checkStatement(type: StatementType, role: Role): void {
  const allowed = role === 'admin' ? ADMIN_STATEMENTS.has(type) : type === StatementType.SELECT;
  if (!allowed) throw new ApiError('forbidden', refusal(type, role));
}

/** One request's statements, as the query route hands them to `startQuery`. */
export interface ExecuteRequest {
  sql: string;
  params: Readonly<Record<string, QueryParam>>;
  role: Role;
  /**
   * A DuckDB schema the caller has already validated (it must exist): unqualified names are
   * looked up there first and CREATE puts new tables there. Absent: the database's `main`.
   */
  namespace?: string;
}

/** A started request: the last statement's rows, and how to end its transaction. */
export interface Execution {
  readonly result: DuckDBResult;
  /** Commits the batch's transaction once the rows have been read (a no-op for one statement). */
  commit(): Promise<void>;
}

/**
 * Runs every statement of `sql` but the last, then starts the last as a streaming result.
 * The whole batch is checked against the role and the function policy (policy.ts) before any
 * statement runs; each statement is then prepared (so DuckDB classifies it and binds its
 * parameters) and checked again. A batch of several statements runs in one transaction, so a
 * statement refused or failing halfway leaves nothing of the ones before it.
 * `connection` must be fresh: the namespace is set on it and nothing is reset afterwards.
 */
export async function startQuery(connection: DuckDBConnection, request: ExecuteRequest): Promise<Execution> {
  const { sql, params, role, namespace } = request;
  const statements = await connection.extractStatements(sql);
  if (statements.count === 0) throw new ApiError('bad-request', 'There is no statement to run');
  await checkBatch(connection, sql, role);
  // SET is refused to users, not to the server: `schema` is a connection setting that
  // lock_configuration leaves alone, and the connection is closed after this one request.
  if (namespace !== undefined) await connection.run(`SET schema = ${quoteLiteral(namespace)}`);
  const values = new Map(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
  const batch = statements.count > 1;
  if (batch) await connection.run('BEGIN TRANSACTION');
  try {
    for (let i = 0; ; i++) {
      const prepared = await statements.prepare(i);
      checkStatement(prepared.statementType, role);
      bindParams(prepared, values);
      if (i === statements.count - 1) {
        const result = await prepared.stream();
        return { result, commit: batch ? () => connection.run('COMMIT').then(() => undefined) : async () => {} };
      }
      await prepared.run();
      prepared.destroySync();
    }
  } catch (e) {
    if (batch) await connection.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function bindParams(prepared: DuckDBPreparedStatement, values: ReadonlyMap<string, QueryParam>): void {
  // DuckDB numbers parameters from 1.
  for (let i = 1; i <= prepared.parameterCount; i++) {
    const name = prepared.parameterName(i);
    const value = values.get(name.toLowerCase());
    if (value === undefined) throw new ApiError('bad-request', `No value for $${name}: add it to params`);
    bindParam(prepared, i, name, value);
  }
}

function bindParam(prepared: DuckDBPreparedStatement, i: number, name: string, value: QueryParam): void {
  if (value === null) prepared.bindNull(i);
  else if (typeof value === 'boolean') prepared.bindBoolean(i, value);
  else if (typeof value === 'string') prepared.bindVarchar(i, value);
  else if (typeof value === 'number') {
    // Whole numbers bind as BIGINT, like the browser engine, so `$n + 1` stays an integer.
    if (Number.isSafeInteger(value)) prepared.bindBigInt(i, BigInt(value));
    else prepared.bindDouble(i, value);
  } else if (typeof value === 'object' && typeof value.date === 'string') {
    const date = parseDate(value.date);
    if (date === null) throw new ApiError('bad-request', `$${name}: not a date: ${value.date} (want YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)`);
    if (date instanceof DuckDBDateValue) prepared.bindDate(i, date);
    else prepared.bindTimestamp(i, date);
  } else {
    throw new ApiError('bad-request', `$${name}: a parameter is a string, number, boolean, null or {date}`);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?Z?)?$/;

/** A date (`YYYY-MM-DD`) or a timestamp without time zone (ISO, `T` or space, optional `Z`). */
function parseDate(text: string): DuckDBDateValue | DuckDBTimestampValue | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s, frac] = m.slice(1).map((x) => x ?? '');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h || 0), Number(mi || 0), Number(s || 0));
  const check = new Date(ms);
  // Date.UTC rolls Feb 30 into March; a date that does not round-trip is not a date.
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h || 0) > 23) return null;
  if (h === '') return new DuckDBDateValue(Math.round(ms / 86_400_000));
  return new DuckDBTimestampValue(BigInt(ms) * 1000n + BigInt((frac ?? '').padEnd(6, '0')));
}
