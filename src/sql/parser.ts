import type { SqlToken } from './tokens';

/** The two things DuckDB's parser offers a client: tokens, and the tables a statement reads. */
export interface SqlParser {
  tokenize(sql: string): Promise<SqlToken[]>;
  /** Tables a single statement reads, CTEs excluded; throws when DuckDB cannot bind it. */
  tableNames(sql: string): Promise<string[]>;
}
