/** How a sheet cell looks beside its number format: what Excel's Home tab sets most often. */
export interface CellStyle {
  bold?: true;
  italic?: true;
  /** Solid background colour, `RRGGBB` (upper-case hex, no `#`). */
  fill?: string;
  align?: CellAlign;
}

export type CellAlign = 'left' | 'center' | 'right';

export const CELL_ALIGNS: readonly CellAlign[] = ['left', 'center', 'right'];

const HEX = /^[0-9A-Fa-f]{6}$/;

/**
 * A style read from untrusted JSON (a link, an autosave, an import): only the fields that are
 * well formed are kept; undefined when nothing is left. Never throws.
 */
export function readCellStyle(raw: unknown): CellStyle | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const out: CellStyle = {};
  if (r.bold === true) out.bold = true;
  if (r.italic === true) out.italic = true;
  if (typeof r.fill === 'string' && HEX.test(r.fill)) out.fill = r.fill.toUpperCase();
  if (CELL_ALIGNS.includes(r.align as CellAlign)) out.align = r.align as CellAlign;
  return isPlainStyle(out) ? undefined : out;
}

/** True when a style changes nothing (no field set). */
export function isPlainStyle(style: CellStyle | undefined): boolean {
  return !style || (!style.bold && !style.italic && style.fill === undefined && style.align === undefined);
}

/** The style with `patch` laid over it; a field set to undefined in the patch is cleared. */
export function patchStyle(style: CellStyle | undefined, patch: Partial<Record<keyof CellStyle, unknown>>): CellStyle | undefined {
  const merged: Record<string, unknown> = { ...(style ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === false) delete merged[k];
    else merged[k] = v;
  }
  return readCellStyle(merged);
}

/** A stable text of a style, for deduplicating the styles a file holds. */
export function styleKey(style: CellStyle | undefined): string {
  if (isPlainStyle(style)) return '';
  return [style!.bold ? 'b' : '', style!.italic ? 'i' : '', style!.fill ?? '', style!.align ?? ''].join('|');
}

/**
 * The updates that lay `patch` over each of `keys` (for setSheetStyles): the new whole style, or
 * null where nothing is left.
 */
export function restyle(styles: Readonly<Record<string, CellStyle>> | undefined, keys: readonly string[], patch: Partial<Record<keyof CellStyle, unknown>>): Record<string, CellStyle | null> {
  return Object.fromEntries(keys.map((k) => [k, patchStyle(styles?.[k], patch) ?? null]));
}
