import { create } from 'zustand';
import { DEFAULT_LOCALE, isKnownLocale } from '../workbook/format';

interface LocaleState {
  /** How numbers and dates are typed and shown in this browser (`en-US`: 1,234.5 and M/D/Y). */
  locale: string;
  setLocale(locale: string): void;
}

const KEY = 'cellar:locale';

function stored(): string {
  try {
    const v = localStorage.getItem(KEY);
    return v !== null && isKnownLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The number locale, kept in this browser as the theme is; documents stay en-US whatever it is. */
export const useLocale = create<LocaleState>()((set) => ({
  locale: stored(),
  setLocale(next) {
    if (!isKnownLocale(next)) return;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private windows may refuse storage; the choice still holds for this page.
    }
    set({ locale: next });
  },
}));
