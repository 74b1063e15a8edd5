/** A SQL string literal; used only for values the server made itself (paths, settings). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table name from a request, made into an identifier the way the app names dropped files
 * (every character outside [A-Za-z0-9_] becomes `_`). Returns null when what is left cannot be
 * a table name, and for anything that looks like a path, which is refused rather than renamed.
 */
export function sanitizeTableName(raw: string): string | null {
  if (raw.length === 0 || raw.length > 128 || /[/\\\0]|\.\./.test(raw)) return null;
  const name = raw.replace(/[^A-Za-z0-9_]/g, '_');
  return /[A-Za-z0-9]/.test(name) ? name : null;
}
