import type { ErrorCode } from '../formula';

/**
 * Excel 365 saves its newer errors (#SPILL!, #CALC!) as `#VALUE!` in the cell, with `vm="N"`
 * pointing through xl/metadata.xml to a rich value (xl/richData/rdrichvalue.xml) whose
 * `errorType` says which error it really is. Older readers see #VALUE!; Cellar reads the real one.
 */
const ERROR_TYPES: Record<number, ErrorCode> = { 8: '#SPILL!', 13: '#CALC!' };

/** The error each value-metadata index (the cells' 1-based `vm`) stands for; empty when the file has none. */
export async function richErrors(part: (path: string) => Promise<string | undefined>): Promise<Map<number, ErrorCode>> {
  const out = new Map<number, ErrorCode>();
  const metadata = await part('xl/metadata.xml');
  if (!metadata?.includes('XLRICHVALUE')) return out;
  const [values, structures] = await Promise.all([part('xl/richData/rdrichvalue.xml'), part('xl/richData/rdrichvaluestructure.xml')]);
  if (!values || !structures) return out;
  // Where errorType sits among each structure's keys.
  const errorKey = [...structures.matchAll(/<s\b[^>]*>([\s\S]*?)<\/s>/g)].map((m) => [...m[1]!.matchAll(/<k\b[^>]*\bn="([^"]*)"/g)].map((k) => k[1]).indexOf('errorType'));
  const rich = [...values.matchAll(/<rv\b[^>]*\bs="(\d+)"[^>]*>([\s\S]*?)<\/rv>/g)].map((m) => {
    const at = errorKey[Number(m[1])] ?? -1;
    const v = [...m[2]!.matchAll(/<v\b[^>]*>([^<]*)<\/v>/g)][at]?.[1];
    return at < 0 || v === undefined ? undefined : ERROR_TYPES[Number(v)];
  });
  const future = /<futureMetadata\b[^>]*\bname="XLRICHVALUE"[^>]*>([\s\S]*?)<\/futureMetadata>/.exec(metadata)?.[1] ?? '';
  const richOfFuture = [...future.matchAll(/<bk\b[\s\S]*?<\/bk>/g)].map((m) => Number(/<xlrd:rvb\b[^>]*\bi="(\d+)"/.exec(m[0])?.[1] ?? -1));
  const valueMetadata = /<valueMetadata\b[^>]*>([\s\S]*?)<\/valueMetadata>/.exec(metadata)?.[1] ?? '';
  [...valueMetadata.matchAll(/<bk\b[\s\S]*?<\/bk>/g)].forEach((m, i) => {
    const v = /<rc\b[^>]*\bv="(\d+)"/.exec(m[0])?.[1];
    const code = v === undefined ? undefined : rich[richOfFuture[Number(v)] ?? -1];
    if (code) out.set(i + 1, code);
  });
  return out;
}

/** The cells of a sheet's XML saved as errors with a rich value, by address: the error they really are. */
export function richErrorCells(sheetXml: string, errors: ReadonlyMap<number, ErrorCode>): Map<string, ErrorCode> {
  const out = new Map<string, ErrorCode>();
  if (errors.size === 0 || !sheetXml.includes(' vm="')) return out;
  for (const m of sheetXml.matchAll(/<c\b([^>]*\bvm="(\d+)"[^>]*)>/g)) {
    if (!/\bt="e"/.test(m[1]!)) continue;
    const address = /\br="([A-Z]+\d+)"/.exec(m[1]!)?.[1];
    const code = errors.get(Number(m[2]));
    if (address && code) out.set(address, code);
  }
  return out;
}
