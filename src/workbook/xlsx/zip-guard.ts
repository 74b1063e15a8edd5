/** What every refusal of a dropped workbook is: a message that says what is wrong and what to do. */
export class XlsxImportError extends Error {
  override name = 'XlsxImportError';
}

/** The most a workbook's parts may inflate to, all together: past this it is a zip bomb or too big for a tab. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;

export function notReadable(why: string): XlsxImportError {
  return new XlsxImportError(`This file is not a readable .xlsx workbook: ${why}. Open it in Excel and save it again as .xlsx (Excel Workbook), then drop it again.`);
}

export function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/**
 * Checks a dropped file before anything inflates it: an encrypted workbook (Excel saves those as an
 * OLE compound file holding EncryptionInfo), anything that is not a zip, and a zip whose declared
 * sizes add up past MAX_INFLATED_BYTES. Returns the names of the zip's parts.
 */
export function inspectZip(bytes: Uint8Array): string[] {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    if (containsUtf16(bytes, 'EncryptionInfo'))
      throw new XlsxImportError('This workbook is password-protected: remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password, clear it), save, and drop it again.');
    throw notReadable('it is an old binary Excel (.xls) or other OLE file, not an .xlsx');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== LOCAL_HEADER) throw notReadable('it is not a zip archive, which every .xlsx is');
  const { count, offset } = directory(view);
  const names: string[] = [];
  let inflated = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw notReadable('its zip directory is damaged');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) size = zip64Size(view, at + 46 + nameLength, extraLength);
    inflated += size;
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (inflated > MAX_INFLATED_BYTES)
    throw new XlsxImportError(
      `This workbook is too large to open: its parts inflate to ${Math.round(inflated / 1024 / 1024)} MB, past the ${MAX_INFLATED_BYTES / 1024 / 1024} MB a browser tab can hold (or it is a zip bomb). Save its big sheets as CSV and drop those instead.`,
    );
  return names;
}

/** The central directory's entry count and offset, from the end record (zip64's when the classic one overflows). */
function directory(view: DataView): { count: number; offset: number } {
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= stop; at--) {
    if (view.getUint32(at, true) !== END_OF_DIRECTORY) continue;
    let count = view.getUint16(at + 10, true);
    let offset = view.getUint32(at + 16, true);
    const locator = at - 20;
    if ((count === 0xffff || offset === 0xffffffff) && locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR) {
      const end = Number(view.getBigUint64(locator + 8, true));
      if (end + 56 > view.byteLength || view.getUint32(end, true) !== ZIP64_END) throw notReadable('its zip64 directory is damaged');
      count = Number(view.getBigUint64(end + 32, true));
      offset = Number(view.getBigUint64(end + 48, true));
    }
    if (offset >= view.byteLength) throw notReadable('its zip directory points past the end of the file (was it cut short while copying?)');
    return { count, offset };
  }
  throw notReadable('the end of its zip archive is missing (was it cut short while copying?)');
}

/** The uncompressed size from a zip64 extra field; a field that lies about itself counts as unbounded. */
function zip64Size(view: DataView, start: number, length: number): number {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001 && size >= 8 && at + 12 <= view.byteLength) return Number(view.getBigUint64(at + 4, true));
    at += 4 + size;
  }
  return Number.POSITIVE_INFINITY;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}
