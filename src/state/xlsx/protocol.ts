import type { ImportedWorkbook } from '../../workbook/xlsx';

/** What the page asks the .xlsx worker: read this file, naming its sheets' blocks clear of `taken`. */
export interface XlsxRequest {
  bytes: ArrayBuffer;
  fileName: string;
  taken: string[];
}

export type XlsxResponse = { ok: true; workbook: ImportedWorkbook } | { ok: false; message: string };
