/**
 * Tab-separated text as Excel and Google Sheets put it on the clipboard: rows end with CRLF or LF
 * (a final newline ends the last row rather than starting an empty one), and a field that holds a
 * tab, a newline or a quote is wrapped in quotes, its quotes doubled.
 */

/** The rows of clipboard TSV, each a list of fields; an empty text is no rows. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    const { value, next } = readField(text, i);
    row.push(value);
    i = next;
    const c = text[i];
    if (c === '\t') {
      i++;
      // A tab at the very end still opens one last, empty field.
      if (i === text.length) row.push('');
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** The field at `start` and the index just after it (at a tab, a newline or the end). */
function readField(text: string, start: number): { value: string; next: number } {
  if (text[start] === '"') {
    const quoted = readQuoted(text, start);
    if (quoted) return quoted;
  }
  let end = start;
  while (end < text.length && text[end] !== '\t' && text[end] !== '\n' && text[end] !== '\r') end++;
  return { value: text.slice(start, end), next: end };
}

/**
 * A quoted field, or undefined when the quotes do not make one (no closing quote, or text after
 * it): then the field is read as typed, quotes included, as the spreadsheets do.
 */
function readQuoted(text: string, start: number): { value: string; next: number } | undefined {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '"') {
      value += c;
      i++;
      continue;
    }
    if (text[i + 1] === '"') {
      value += '"';
      i += 2;
      continue;
    }
    const after = text[i + 1];
    return after === undefined || after === '\t' || after === '\n' || after === '\r' ? { value, next: i + 1 } : undefined;
  }
  return undefined;
}

/**
 * Rows as clipboard TSV: fields holding a tab, a newline or a quote are quoted; rows end with LF,
 * the last one without. A row of one empty field is written `""`, so that it is not lost as a
 * trailing newline.
 */
export function toTsv(rows: string[][]): string {
  return rows.map((row) => (row.length === 1 && row[0] === '' ? '""' : row.map(quoteField).join('\t'))).join('\n');
}

function quoteField(field: string): string {
  return /[\t\n\r"]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
