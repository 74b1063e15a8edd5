import { EngineError } from './errors';
import { identifierName, paramRefs, quoteLiteral, replaceSpans, type SqlParser, type SqlToken } from '../sql';
import type { SqlAnalysis, SqlParam, SqlParams } from './types';

export type { SqlParser };

/**
 * What a statement reads. Tables come from DuckDB's binder in its name-extracting mode (it
 * accepts tables that do not exist yet, and knows CTEs, aliases, strings and comments);
 * `$params` are found by DuckDB's tokenizer and stood in by NULL first, since the binder
 * refuses parameters there. SQL the binder cannot take at all (a typo, two statements) falls
 * back to every identifier DuckDB's tokenizer sees — still never a name inside a string or
 * comment — and says so with `exact: false`. Those identifiers are kept either way: the binder
 * names the tables under a view rather than the view.
 */
export async function analyzeSql(parser: SqlParser, sql: string): Promise<SqlAnalysis> {
  const tokens = await parser.tokenize(sql);
  const refs = paramRefs(tokens);
  const params = [...new Set(refs.map((r) => r.name))];
  const neutral = replaceSpans(sql, refs.map((r) => ({ start: r.start, end: r.end, text: 'NULL' })));
  const inParams = new Set(refs.map((r) => r.start + 1));
  const identifiers = [...new Set(tokens.filter((t) => t.type === 'identifier' && !inParams.has(t.start)).map(identifierName))];
  try {
    return { tables: await parser.tableNames(neutral), params, exact: true, identifiers };
  } catch {
    return { tables: identifiers, params, exact: false, identifiers };
  }
}

/** A variable the engine sets (as a bound parameter) before running a statement. */
export interface ParamVariable {
  variable: string;
  value: SqlParam;
}

/**
 * Binds named parameters through DuckDB variables: each `$name` becomes
 * `getvariable('cellar_param_name')`, set beforehand by a prepared `SET VARIABLE … = $1` with the
 * value bound. Values never enter the SQL text, and the statement itself still runs as a
 * pending query that Cancel can interrupt (prepared statements cannot be interrupted in
 * DuckDB-WASM).
 */
export function bindNamedParams(sql: string, tokens: readonly SqlToken[], params: SqlParams): { sql: string; variables: ParamVariable[] } {
  const refs = paramRefs(tokens);
  const byLower = new Map(Object.entries(params).map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const variables = new Map<string, ParamVariable>();
  const spans = refs.map((ref) => {
    const entry = byLower.get(ref.name.toLowerCase());
    if (!entry) throw new EngineError('sql', `No value for $${ref.name}: there is no cell named ${ref.name}.`, { sql, position: ref.start });
    const variable = `cellar_param_${entry[0].toLowerCase()}`;
    variables.set(variable, { variable, value: entry[1] });
    return { start: ref.start, end: ref.end, text: `getvariable(${quoteLiteral(variable)})` };
  });
  return { sql: replaceSpans(sql, spans), variables: [...variables.values()] };
}

/** The prepared statement that sets one variable, and the value it binds. */
export function setVariableStatement(v: ParamVariable): { sql: string; value: SqlParam } {
  const target = `SET VARIABLE ${v.variable} = `;
  if (v.value !== null && typeof v.value === 'object') {
    // A formula cell's date may carry a time of day.
    return { sql: `${target}CAST($1 AS ${v.value.date.length > 10 ? 'TIMESTAMP' : 'DATE'})`, value: v.value.date };
  }
  if (typeof v.value === 'number' && Number.isInteger(v.value)) return { sql: `${target}CAST($1 AS BIGINT)`, value: v.value };
  // DuckDB-WASM serializes a prepared statement's arguments as JSON, which has no bigint: as digits.
  if (typeof v.value === 'bigint') return { sql: `${target}CAST($1 AS HUGEINT)`, value: v.value.toString() };
  return { sql: `${target}$1`, value: v.value };
}
