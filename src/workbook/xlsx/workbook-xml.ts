import JSZip from 'jszip';
import { notReadable } from './zip-guard';

/**
 * What exceljs does not keep from xl/workbook.xml, read from the zip itself: defined names that
 * are not plain ranges (formulas, constants, LAMBDAs) and every name's sheet scope (localSheetId),
 * the 1904 flag, and which sheets hold charts and pivot tables (exceljs reads neither).
 */
export interface WorkbookXml {
  date1904: boolean;
  /** Every sheet of the workbook in order (localSheetId indexes this list), chart sheets included. */
  sheets: { name: string; part: string; chart: boolean; charts: boolean; pivots: boolean }[];
  names: DefinedName[];
  /** A part's text (`xl/worksheets/sheet1.xml`), undefined when the zip has no such part. */
  part(path: string): Promise<string | undefined>;
}

export interface DefinedName {
  name: string;
  /** The sheet a sheet-scoped name belongs to; undefined for a workbook-scoped name. */
  sheet?: string;
  /** Its definition as Excel wrote it, without a leading `=`. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e.toLowerCase()]!,
  );
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : undefined;
}

/** `xl/worksheets/sheet1.xml` from a relationship target relative to `base` (`xl/`). */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) if (p === '..') out.pop();
  else if (p !== '.') out.push(p);
  return out.join('/');
}

function relationships(xml: string | undefined): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of (xml ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    if (id) out.set(id, { type: attribute(m[0], 'Type') ?? '', target: attribute(m[0], 'Target') ?? '' });
  }
  return out;
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

export async function readWorkbookXml(bytes: Uint8Array): Promise<WorkbookXml> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw notReadable(`its zip archive is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
  const text = (path: string) => zip.file(path)?.async('string');
  const workbook = await text('xl/workbook.xml');
  if (workbook === undefined) throw notReadable('it has no xl/workbook.xml part (is it a Word or PowerPoint file renamed?)');
  const rels = relationships(await text('xl/_rels/workbook.xml.rels'));
  const sheets: WorkbookXml['sheets'] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const rel = rels.get(attribute(m[0], 'r:id') ?? '');
    const part = rel ? resolve('xl/', rel.target) : '';
    const own = relationships(part ? await text(relsPath(part)) : undefined);
    let charts = false;
    for (const r of own.values()) {
      if (!r.type.endsWith('/drawing')) continue;
      const drawing = resolve(part.slice(0, part.lastIndexOf('/') + 1), r.target);
      charts ||= [...relationships(await text(relsPath(drawing))).values()].some((d) => d.type.endsWith('/chart'));
    }
    sheets.push({
      name: attribute(m[0], 'name') ?? '',
      part,
      chart: rel?.type.endsWith('/chartsheet') ?? false,
      charts,
      pivots: [...own.values()].some((r) => r.type.endsWith('/pivotTable')),
    });
  }
  const names: DefinedName[] = [];
  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const local = attribute(m[1]!, 'localSheetId');
    names.push({ name: attribute(m[1]!, 'name') ?? '', sheet: local === undefined ? undefined : sheets[Number(local)]?.name, text: unescapeXml(m[2]!) });
  }
  return { date1904: /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook), sheets, names, part: async (path) => text(path) };
}
