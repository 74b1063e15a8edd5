/**
 * DuckDB marks where an error is with a `LINE n:` excerpt and a caret under it; turn that into
 * a 0-based offset into `sql` so the editor can point at it.
 */
export function errorPosition(message: string, sql: string): number | undefined {
  const m = /LINE (\d+): (.*)\n(\s*)\^/.exec(message);
  if (!m) return undefined;
  const lineNo = Number(m[1]);
  const excerpt = m[2] ?? '';
  const caret = (m[3] ?? '').length - `LINE ${lineNo}: `.length;
  const lines = sql.split('\n');
  const line = lines[lineNo - 1];
  if (line === undefined) return undefined;
  // DuckDB trims long lines to a window around the error, prefixed with "...".
  const trimmed = excerpt.startsWith('...') ? excerpt.slice(3) : excerpt;
  const shift = excerpt.startsWith('...') ? 3 : 0;
  const start = line.indexOf(trimmed.slice(0, Math.min(trimmed.length, 20)));
  const column = Math.max(0, (start >= 0 ? start : 0) + caret - shift);
  let offset = 0;
  for (let i = 0; i < lineNo - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
  return offset + Math.min(column, line.length);
}
