import { isSqlBlock, isTableBlock, type WorkbookDocument } from '../document';

// A URL inside SQL text: a quoted string that starts with a scheme DuckDB can read.
const SQL_URL = /'((?:https?|s3|gcs|gs|r2|hf|az|abfss?):\/\/[^']*)'/gi;

/** A URL's host as a person reads it (host and port), or undefined when it is no URL. */
function hostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hosts outside `origin` a workbook would fetch from: its tables' URLs, and URLs written in
 * its SQL. Shown to the person before a shared workbook runs; the engine refuses any other host.
 */
export function externalHosts(doc: WorkbookDocument, origin: string): string[] {
  const own = hostOf(origin);
  const hosts = new Set<string>();
  for (const b of doc.blocks) {
    if (isTableBlock(b) && b.source.kind === 'url') {
      const h = hostOf(b.source.url);
      if (h) hosts.add(h);
    }
    if (isSqlBlock(b)) for (const m of b.sql.matchAll(SQL_URL)) {
      const h = hostOf(m[1]!);
      if (h) hosts.add(h);
    }
  }
  hosts.delete(own ?? '');
  return [...hosts].sort();
}
