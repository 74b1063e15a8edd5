const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** 1900-03-01: from here on Excel's serials are days since 1899-12-30; before it they are days
 * since 1899-12-31, because Excel counts a 29 February 1900 that never was (Lotus 1-2-3's bug, kept). */
const MARCH_1900 = Date.UTC(1900, 2, 1);
const JAN_1900 = Date.UTC(1900, 0, 1);
/** 9999-12-31 23:59:59.999, Excel's last date. */
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The Excel serial of a moment given as ms since 1970 (UTC), or undefined when Excel has no such date (before 1900, after 9999). */
export function excelSerial(ms: number): number | undefined {
  if (!Number.isFinite(ms) || ms < JAN_1900 || ms > LAST_MS) return undefined;
  const serial = (ms - EPOCH_MS) / DAY_MS;
  return ms < MARCH_1900 ? serial - 1 : serial;
}

/** The ms since 1970 of an ISO date or date-time (`2024-03-15`, `2024-03-15T10:30:00`, `2024-03-15 10:30`), read as UTC. */
export function isoMs(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]00:?00)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), frac ? Math.round(Number(frac) * 1000) : 0));
  // Set the year apart: Date.UTC reads years 0-99 as 1900-1999.
  date.setUTCFullYear(Number(y));
  const ms = date.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
