import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fileSink, generatedRows } from './testing/files';
import { salesSheet, summarySheet } from './testing/fixtures';
import type { ExportSheet, ExportTable, ExportValue } from './types';
import { writeXlsx } from './write-xlsx';

/** LibreOffice's command, if installed. */
function findSoffice(): string | undefined {
  for (const cmd of ['soffice', 'libreoffice']) {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'pipe' });
      return cmd;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

const soffice = findSoffice();
if (!soffice) console.warn('LibreOffice is not installed: the .xlsx export is not checked against it. Install it with `apt-get install -y --no-install-recommends libreoffice-calc`.');

/** Every sheet to CSV (token 12 = -1, LibreOffice 7.2+), raw values rather than as shown (token 9), UTF-8. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Rows of a CSV file, fields unquoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Whether LibreOffice's text for a cell shows the value Cellar cached. */
function shows(csv: string | undefined, value: ExportValue): boolean {
  switch (value.type) {
    case 'number':
      return Math.abs(Number(csv) - value.value) <= 1e-14 * Math.max(1, Math.abs(value.value));
    case 'text':
    case 'error':
      return csv === value.value;
    case 'boolean':
      return csv === (value.value ? 'TRUE' : 'FALSE');
    case 'date':
      return csv === value.value.replace('T', ' ');
    case 'empty':
      return (csv ?? '') === '';
  }
}

const cell = (rows: string[][], ref: string): string | undefined => {
  const m = /^([A-Z])(\d+)$/.exec(ref)!;
  return rows[Number(m[2]) - 1]?.[m[1]!.charCodeAt(0) - 65];
};

const ROWS = 2000;
const table = (): ExportTable => ({
  kind: 'table',
  name: 'measures',
  columns: [
    { name: 'n', type: 'BIGINT' },
    { name: 'ratio', type: 'DOUBLE' },
    { name: 'label', type: 'VARCHAR' },
    { name: 'ok', type: 'BOOLEAN' },
    { name: 'day', type: 'DATE' },
  ],
  rows: generatedRows(ROWS, 500, (i) => [BigInt(i), i / 7, `label, "${i}"`, i % 3 === 0, Date.UTC(2020, 0, 1) + i * 86_400_000]),
  totalRows: ROWS,
});

describe.skipIf(!soffice)("LibreOffice's headless CSV of the export shows Cellar's cached values", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cellar-xlsx-lo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every sheet cell and table value', async () => {
    const sheets: ExportSheet[] = [salesSheet(), summarySheet()];
    const sink = fileSink(path.join(dir, 'book.xlsx'));
    const { sheets: names } = await writeXlsx([...sheets, table()], sink);
    await sink.closed;
    // A profile of its own, so a LibreOffice already running elsewhere on the machine does not take the job.
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', CSV_FILTER, '--outdir', dir, path.join(dir, 'book.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    const csv = (name: string) => parseCsv(readFileSync(path.join(dir, `book-${name}.csv`), 'utf8'));

    for (const [i, sheet] of sheets.entries()) {
      const rows = csv(names[i]!);
      for (const [ref, value] of Object.entries(sheet.values)) expect({ ref, csv: cell(rows, ref), ok: shows(cell(rows, ref), value) }).toMatchObject({ ref, ok: true });
    }
    const rows = csv('measures');
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0]).toEqual(['n', 'ratio', 'label', 'ok', 'day']);
    for (let i = 0; i < ROWS; i++) {
      const [n, ratio, label, ok, day] = rows[i + 1]!;
      expect([Number(n), label, ok, day]).toEqual([i, `label, "${i}"`, i % 3 === 0 ? 'TRUE' : 'FALSE', new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)]);
      // LibreOffice writes 15 significant digits.
      expect(Math.abs(Number(ratio) - i / 7)).toBeLessThanOrEqual(1e-14 * Math.max(1, i / 7));
    }
  });
});
