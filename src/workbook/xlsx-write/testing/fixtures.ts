import type { ExportSheet } from '../types';

/** A sheet of numbers, text, formulas with cached results (one newer function), a date, styles, widths and a merge. */
export function salesSheet(): ExportSheet {
  return {
    kind: 'sheet',
    name: 'Sales 2024',
    block: 'sales',
    cells: { A1: '21', A2: 'hello', A3: '=A1*2', A4: '=CONCAT(A2," world")', A5: '=A1>20', B1: '2024-03-15', C1: '=1/0' },
    values: {
      A1: { type: 'number', value: 21 },
      A2: { type: 'text', value: 'hello' },
      A3: { type: 'number', value: 42 },
      A4: { type: 'text', value: 'hello world' },
      A5: { type: 'boolean', value: true },
      B1: { type: 'date', value: '2024-03-15' },
      C1: { type: 'error', value: '#DIV/0!' },
    },
    formats: { B1: 'yyyy-mm-dd', A3: '0.00' },
    // Styles beside formats (A3 has both): every reader of the export must still open it.
    styles: { A2: { bold: true }, A3: { italic: true, fill: 'FFFF00', align: 'center' } },
    widths: { A: 20, C: 8.5 },
    merges: ['D1:E2'],
    freeze: { rows: 1, cols: 1 },
  };
}

/** A sheet reading the first one (`sales!A3`), and one formula Excel has no form of (`[qty]`). */
export function summarySheet(): ExportSheet {
  return {
    kind: 'sheet',
    name: 'Summary',
    cells: { A1: '=sales!A3+1', A2: '=[qty]*2', A3: '=SUM(sales!A1:A3)' },
    values: { A1: { type: 'number', value: 43 }, A2: { type: 'number', value: 6 }, A3: { type: 'number', value: 63 } },
  };
}
