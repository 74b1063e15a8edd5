import { EngineError, isEngineError, messageOf, readableMessage, type ReadFix, type ReadOptions } from '../errors';

export const LATIN_1: ReadFix = { id: 'read-as-latin-1', label: 'Read it as Latin-1', options: { encoding: 'latin-1' } };
export const UTF_16: ReadFix = { id: 'read-as-utf-16', label: 'Read it as UTF-16', options: { encoding: 'utf-16' } };
export const LENIENT: ReadFix = { id: 'read-leniently', label: 'Read leniently (skip lines DuckDB cannot parse)', options: { lenient: true } };
const asText = (column: string): ReadFix => ({ id: 'read-as-text', label: `Read column ${column} as text`, options: { textColumns: [column] } });

/** What went wrong, in words, with what to do and the reads that may work instead. */
interface Explained {
  why: string;
  fixes: ReadFix[];
}

const MB = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * DuckDB's CSV error: `CSV Error on Line: N`, then `Original Line: …` (the whole line, which can
 * be megabytes), then its reason, then `Possible Solution:` lines and the reader's settings. The
 * reason is kept, said for a person, and turned into fixes the block offers.
 */
export function explainCsvReason(message: string, read: ReadOptions): Explained {
  const reason = reasonOf(message);
  const lenient = read.lenient ? [] : [LENIENT];
  if (/not utf-8 encoded|Invalid unicode/i.test(reason)) {
    const fixes = read.encoding === 'latin-1' ? lenient : [LATIN_1, ...lenient];
    return { why: 'it is not UTF-8 text (this line has bytes UTF-8 does not allow). If it was saved as Latin-1 or Windows-1252 (older Excel, Windows tools), read it as Latin-1; or skip the lines that are not UTF-8.', fixes };
  }
  const long = /Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)/i.exec(reason);
  if (long) {
    // ignore_errors does not skip such a line: DuckDB stops at it whatever the options.
    return {
      why: `this line is longer than the ${MB(Number(long[1]))} DuckDB reads as one line (it had read ${MB(Number(long[2]))} of it). A quote that is never closed makes the rest of the file one line; otherwise split the huge field or line in the file.`,
      fixes: [],
    };
  }
  // The column and its detected type are named below the reason, in the "Possible solutions" part.
  const column = /converting column "?([^"\n]+?)"?\./i.exec(message)?.[1] ?? /Column (.+?) is being converted as type/i.exec(message)?.[1];
  if (column && /Could not convert/i.test(reason)) {
    const value = /Could not convert string "?(.*?)"? to /i.exec(reason)?.[1] ?? '';
    const type = /converted as type (\w+)/i.exec(message)?.[1] ?? /to '?(\w+)'?\s*$/.exec(reason)?.[1] ?? 'another type';
    const text = (read.textColumns ?? []).includes(column) ? [] : [asText(column)];
    return {
      why: `column ${column} holds "${value.slice(0, 80)}" here, but DuckDB read the rows before it as ${type} (it types columns from a sample of the first rows). Read the column as text, or skip the lines that do not fit.`,
      fixes: [...text, ...lenient],
    };
  }
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/i.exec(reason);
  if (columns) {
    return { why: `this line has ${columns[2]} fields where the lines before it have ${columns[1]}. Fix the line, or skip the lines that do not fit.`, fixes: lenient };
  }
  if (/unterminated quote/i.test(reason)) {
    return { why: 'a quoted value is never closed. Close the quote, or skip the lines that do not parse.', fixes: lenient };
  }
  return { why: `${reason.replace(/\.?$/, '.')} Skip the lines DuckDB cannot parse, or fix the file.`, fixes: lenient };
}

/** The reason in DuckDB's message: the first lines after `Original Line`, up to a blank line or the solutions. */
export function reasonOf(message: string): string {
  const lines = readableMessage(message).split('\n');
  const start = lines.findIndex((l) => /^Original Line:/.test(l));
  if (start < 0) return (lines.find((l) => l.trim()) ?? message).replace(/^[\w ]*Error: /, '').trim();
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim() || /^Possible Solution|^\s+file = /.test(line)) break;
    out.push(line.trim());
  }
  return out.join(' ') || 'DuckDB could not parse it';
}

/** A CSV read's failure, saying where (file, line), what went wrong and what to do. */
export function csvError(e: unknown, label: string, read: ReadOptions = {}): EngineError {
  if (isEngineError(e) && (e.kind === 'cancelled' || e.kind === 'file')) return e;
  const message = messageOf(e);
  const line = /on Line: (\d+)/i.exec(message)?.[1];
  const { why, fixes } = explainCsvReason(message, read);
  const where = line ? `, line ${line}` : '';
  return new EngineError('file', `${label}${where}: ${why}`, { file: label, line: line ? Number(line) : undefined, fixes }, { cause: e });
}
