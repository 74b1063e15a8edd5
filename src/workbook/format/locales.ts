/** The locale documents are written in: sheet cells keep typed text read as en-US. */
export const DEFAULT_LOCALE = 'en-US';

/** The locales a person can type and read numbers in (numfmt knows their separators and month names). */
export const LOCALES: readonly { tag: string; label: string }[] = [
  { tag: 'en-US', label: 'English (US): 1,234.5 · M/D/Y' },
  { tag: 'en-GB', label: 'English (UK): 1,234.5 · D/M/Y' },
  { tag: 'de-DE', label: 'Deutsch: 1.234,5 · T.M.J' },
  { tag: 'fr-FR', label: 'Français: 1 234,5 · J/M/A' },
];

/** Whether a tag is one of LOCALES. */
export function isKnownLocale(tag: string): boolean {
  return LOCALES.some((l) => l.tag === tag);
}
