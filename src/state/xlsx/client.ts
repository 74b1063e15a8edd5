import type { ImportedWorkbook } from '../../workbook/xlsx';
import type { XlsxRequest, XlsxResponse } from './protocol';

/** The Excel workbooks Cellar opens as sheets (a worksheet each). */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'];

export const isWorkbookFile = (name: string): boolean => WORKBOOK_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/**
 * Reads an Excel workbook in a worker of its own: one sheet per worksheet, named `<file>_<sheet>`
 * clear of `taken`. Rejects with the reader's words (a damaged, protected or oversized file).
 */
export async function importWorkbookFile(file: File, taken: string[]): Promise<ImportedWorkbook> {
  const bytes = await file.arrayBuffer();
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  try {
    const answer = await new Promise<XlsxResponse>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<XlsxResponse>) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(`${file.name} could not be read: ${e.message || 'the reader stopped'}. Re-save it from Excel and drop it again.`));
      const request: XlsxRequest = { bytes, fileName: file.name, taken };
      worker.postMessage(request, [bytes]);
    });
    if (!answer.ok) throw new Error(answer.message);
    return answer.workbook;
  } finally {
    worker.terminate();
  }
}
