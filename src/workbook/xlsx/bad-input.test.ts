import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { readXlsx } from './read';

const options = { blockName: (s: string) => s };

async function small(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Data').getCell('A1').value = 1;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readXlsx refuses bad files with a message that says what to do', () => {
  test('a file that is not a zip is not a readable workbook', async () => {
    await expect(readXlsx(new TextEncoder().encode('name,amount\nx,1\n'), options)).rejects.toThrow(/This file is not a readable \.xlsx workbook: it is not a zip archive.*save it again as \.xlsx/);
  });

  test('a workbook cut short is not a readable workbook', async () => {
    const bytes = await small();
    await expect(readXlsx(bytes.slice(0, bytes.length - 200), options)).rejects.toThrow(/This file is not a readable \.xlsx workbook/);
  });

  test('a zip that is not a workbook (no xl/workbook.xml) is not a readable workbook', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    await expect(readXlsx(await zip.generateAsync({ type: 'uint8array' }), options)).rejects.toThrow(/not a readable \.xlsx workbook: it has no xl\/workbook\.xml/);
  });

  test('a password-protected workbook (an OLE file with EncryptionInfo) says to remove the password', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptionInfo';
    for (let i = 0; i < name.length; i++) bytes[1024 + 2 * i] = name.charCodeAt(i);
    await expect(readXlsx(bytes, options)).rejects.toThrow(/password-protected: remove the password in Excel.*drop it again/);
  });

  test('an old .xls (an OLE file without encryption) is not a readable .xlsx', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readXlsx(bytes, options)).rejects.toThrow(/not a readable \.xlsx workbook: it is an old binary Excel \(\.xls\)/);
  });

  test('a zip whose parts declare more than 256 MB inflated is refused before inflating (zip bomb)', async () => {
    const bytes = await small();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Claim 300 MB for the first part in the central directory, as a bomb's header would.
    for (let at = bytes.length - 22; at >= 0; at--)
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 300 * 1024 * 1024, true);
        break;
      }
    await expect(readXlsx(bytes, options)).rejects.toThrow(/too large to open: its parts inflate to \d+ MB, past the 256 MB/);
  });

  test('a workbook with more than 1,000 sheets is refused in words', async () => {
    const zip = await JSZip.loadAsync(await small());
    const sheets = Array.from({ length: 1001 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
    const xml = (await zip.file('xl/workbook.xml')!.async('string')).replace(/<sheets>[\s\S]*<\/sheets>/, `<sheets>${sheets}</sheets>`);
    zip.file('xl/workbook.xml', xml);
    await expect(readXlsx(await zip.generateAsync({ type: 'uint8array' }), options)).rejects.toThrow(/has 1001 sheets; Cellar opens at most 1000/);
  });
});
