import { useState } from 'react';
import { exportWorkbookXlsx, useWorkbook } from '../state';

/**
 * Exports the open workbook as .xlsx (data-testid export-xlsx): sheets with their formulas and
 * cached values, tables as worksheets of their rows. Says what it cut or wrote as values only.
 */
export function ExportXlsxButton() {
  const [progress, setProgress] = useState<string>();
  const notify = useWorkbook((s) => s.notify);

  const run = async () => {
    setProgress('0%');
    try {
      const done = await exportWorkbookXlsx({ onProgress: ({ done: d, total }) => setProgress(total > 0 ? `${Math.floor((100 * d) / total)}%` : '…') });
      if (!done) return;
      const cut = done.truncated.map((t) => `${t.name} has ${t.rows.toLocaleString('en-US')} rows: Excel holds 1,048,575 under its header, so the rest were left out (export it as CSV or Parquet from its block for every row).`);
      const values = done.valuesOnly > 0 ? [`${done.valuesOnly} formula${done.valuesOnly === 1 ? '' : 's'} Excel cannot read (table columns, named cells) were written as their values.`] : [];
      notify([`Exported ${done.file}.`, ...cut, ...values].join(' '), cut.length ? undefined : 'info');
    } catch (e) {
      notify(`The workbook could not be exported as .xlsx; nothing was changed. ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <button type="button" data-testid="export-xlsx" disabled={progress !== undefined} title="Export the workbook as an Excel .xlsx file" onClick={() => void run()}>
      {progress ? `Exporting ${progress}` : 'Export .xlsx'}
    </button>
  );
}
