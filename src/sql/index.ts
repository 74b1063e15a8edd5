/**
 * SQL text, and nothing else: quoting, DuckDB's tokens, the names of Cellar's internal relations
 * and the plain types of what DuckDB describes. A leaf: it imports nothing from the rest of src/,
 * so workbook/, state/ and engine/ all build on it without reaching into one another.
 */
export { quoteIdent, quoteLiteral } from './quote';
export { identifierName, paramRefs, replaceSpans, toTokens } from './tokens';
export type { ParamRef, SqlToken, SqlTokenType } from './tokens';
export type { SqlParser } from './parser';
export { baseTableName, errorColumnName, gridViewName, INTERNAL_PREFIX, isErrorColumn, trashTableName } from './names';
export { errorPosition } from './error-position';
export type { ColumnInfo, FileFormat } from './types';
