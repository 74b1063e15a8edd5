import type { QueryParam } from '../../../protocol';
import { EngineError } from '../errors';
import type { SqlParam, SqlParams } from '../types';

/**
 * The Engine's parameters as the server's wire takes them. JSON has no bigint: one that fits a
 * double exactly travels as a number (bound as BIGINT, like any whole number); a larger one
 * travels as its digits (bound as VARCHAR, which DuckDB casts where a number is wanted).
 */
export function toServerParams(params: SqlParams, sql: string): Record<string, QueryParam> {
  const out: Record<string, QueryParam> = {};
  for (const [name, value] of Object.entries(params)) out[name] = toServerParam(name, value, sql);
  return out;
}

function toServerParam(name: string, value: SqlParam, sql: string): QueryParam {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON cannot carry NaN or Infinity, and the server refuses them rather than guess.
    throw new EngineError('sql', `$${name} is ${value}, which cannot be sent to the server.`, { sql });
  }
  return value;
}
