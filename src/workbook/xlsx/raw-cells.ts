import type { CachedValue } from './types';
import { decodeEscapes } from './big-sheet-parts';
import { unescapeXml } from './workbook-xml';

/**
 * The values of some cells exactly as the sheet XML holds them. exceljs turns every number in a
 * date-formatted cell into a Date (rounded to the millisecond), and a date-formatted formula's
 * cached error or text into an Invalid Date, losing it; for those cells the `<v>` is read here.
 * Shared strings (t="s") are never needed: a formula's text result is stored inline (t="str").
 */
export function rawValues(sheetXml: string, wanted: ReadonlySet<string>): Map<string, CachedValue> {
  const out = new Map<string, CachedValue>();
  for (const m of sheetXml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const address = /\sr="([A-Z]+\d+)"/.exec(m[1]!)?.[1];
    if (address === undefined || !wanted.has(address)) continue;
    const type = /\st="(\w+)"/.exec(m[1]!)?.[1] ?? 'n';
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(m[2] ?? '')?.[1];
    if (v === undefined) out.set(address, { type: 'empty' });
    else if (type === 'e') out.set(address, { type: 'error', value: unescapeXml(v) });
    else if (type === 'str' || type === 'inlineStr') out.set(address, { type: 'text', value: decodeEscapes(unescapeXml(v)) });
    else if (type === 'b') out.set(address, { type: 'boolean', value: v.trim() === '1' });
    else if (type === 'n' && Number.isFinite(Number(v))) out.set(address, { type: 'number', value: Number(v) });
  }
  return out;
}
