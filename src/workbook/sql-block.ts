import { quoteIdent } from '../sql';

/** Statements whose result is a relation, so a block can keep it as a table. */
const QUERY_START = /^(SELECT|WITH|FROM|VALUES|TABLE|PIVOT|UNPIVOT|\()/i;

/** The SQL text with leading comments and trailing semicolons removed. */
export function stripSql(sql: string): string {
  let text = sql.trim();
  for (;;) {
    if (text.startsWith('--')) {
      const newline = text.indexOf('\n');
      text = newline < 0 ? '' : text.slice(newline + 1).trim();
    } else if (text.startsWith('/*')) {
      const end = text.indexOf('*/');
      text = end < 0 ? '' : text.slice(end + 2).trim();
    } else break;
  }
  return text.replace(/;\s*$/, '');
}

export interface BlockStatement {
  /** What is sent to DuckDB. */
  sql: string;
  /** Whether it stores the result in a table named after the block. */
  materializes: boolean;
  /** Lines added in front of the person's SQL, to map DuckDB's error positions back. */
  lineOffset: number;
}

/**
 * A SQL block's statement: a query is kept as a table named after the block, so the grid pages
 * over it and other blocks read it by name; anything else (SET, CREATE …) runs as written.
 */
export function blockStatement(name: string, sql: string): BlockStatement {
  const body = sql.replace(/;\s*$/, '');
  if (!QUERY_START.test(stripSql(sql))) return { sql, materializes: false, lineOffset: 0 };
  return { sql: `CREATE OR REPLACE TABLE ${quoteIdent(name)} AS\n${body}`, materializes: true, lineOffset: 1 };
}

/** Rewrites DuckDB's `LINE n:` markers in an error about a wrapped statement to the person's lines. */
export function unwrapErrorLines(message: string, lineOffset: number): string {
  if (lineOffset === 0) return message;
  return message.replace(/LINE (\d+):/g, (_, n: string) => `LINE ${Math.max(1, Number(n) - lineOffset)}:`);
}
