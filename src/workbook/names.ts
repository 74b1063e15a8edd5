/**
 * A table name from a file name: the name without its extension, every character outside
 * [A-Za-z0-9_] replaced by `_` (`flights-3m.parquet` → `flights_3m`).
 */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const name = stem.replace(/[^A-Za-z0-9_]/g, '_');
  return name.length > 0 ? name : 'table';
}

/** A table name from a URL: its last path segment, as for a file. */
export function tableNameFromUrl(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return tableNameFromFile(decodeURIComponent(segment ?? 'table'));
  } catch {
    return 'table';
  }
}

/**
 * `base`, or `base_2`, `base_3` … whichever is free. DuckDB names are case-insensitive, so the
 * comparison is too.
 */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The next free `prefixN` name, e.g. `query1`, `query2`. */
export function nextName(prefix: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const candidate = `${prefix}${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** A worksheet's block: `<file>_<sheet>`, both sanitized as table names are (`Budget 2024.xlsx`, `Q1 data` → `Budget_2024_Q1_data`). */
export function sheetBlockName(fileName: string, sheetName: string): string {
  return `${tableNameFromFile(fileName)}_${sheetName.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
