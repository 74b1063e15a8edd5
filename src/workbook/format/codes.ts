import { format } from 'numfmt';
import { GENERAL } from './display';
import { DEFAULT_LOCALE } from './locales';
import { parseInput, type TypedInput } from './parse';

/** The format menu's choices: a name and its Excel code (General clears the cell's format). */
export const FORMAT_PRESETS: readonly { id: string; label: string; code: string }[] = [
  { id: 'general', label: 'General', code: GENERAL },
  { id: 'number', label: 'Number 1,234.50', code: '#,##0.00' },
  { id: 'currency', label: 'Currency $1,234.50', code: '$#,##0.00' },
  { id: 'percent', label: 'Percent 12%', code: '0%' },
  { id: 'date', label: 'Date 3/15/2024', code: 'm/d/yyyy' },
  { id: 'time', label: 'Time 1:30:00 PM', code: 'h:mm:ss AM/PM' },
];

/**
 * What to store for text typed in `locale`: sheets keep typed text read as en-US, so a number or
 * date typed another way (`1.234,5` in German) is stored as en-US text of the same value and
 * format; formulas, text and what would not read back the same are kept as typed.
 */
export function canonicalInput(text: string, locale: string): string {
  if (locale === DEFAULT_LOCALE || text.startsWith('=') || text.startsWith("'")) return text;
  const local = parseInput(text, locale);
  if (local.kind !== 'number' && local.kind !== 'date') return text;
  if (same(parseInput(text), local)) return text;
  const value = local.kind === 'number' ? local.value : local.serial;
  const candidates = [local.format ? format(local.format, value, { locale: DEFAULT_LOCALE }) : undefined, local.kind === 'number' ? String(local.value) : undefined];
  return candidates.find((c) => c !== undefined && same(parseInput(c), local)) ?? text;
}

function same(a: TypedInput, b: TypedInput): boolean {
  if (a.kind === 'number' && b.kind === 'number') return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(b.value));
  if (a.kind === 'date' && b.kind === 'date') return Math.abs(a.serial - b.serial) < 1e-8 && a.withTime === b.withTime;
  return false;
}
