// Reads an .xlsx off the page's thread: unzipping and parsing a big workbook takes seconds, and
// the page must keep answering meanwhile. One worker per file, ended when it answers.
import { dataTransfer, sheetBlockName, uniqueName } from '../../workbook';
import { readXlsx } from '../../workbook/xlsx';
import type { XlsxRequest, XlsxResponse } from './protocol';

self.onmessage = async (event: MessageEvent<XlsxRequest>) => {
  const { bytes, fileName, taken } = event.data;
  const names = [...taken];
  let answer: XlsxResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const workbook = await readXlsx(bytes, {
      blockName: (sheet) => {
        const name = uniqueName(sheetBlockName(fileName, sheet), names);
        names.push(name);
        return name;
      },
    });
    answer = { ok: true, workbook };
    // A big sheet's typed arrays move to the page instead of being copied (2 million cells are ~22 MB).
    transfer = workbook.sheets.flatMap((s) => (s.data ? dataTransfer(s.data) : []));
  } catch (e) {
    answer = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(answer, transfer);
};
