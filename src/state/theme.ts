import { create } from 'zustand';

export type ThemeChoice = 'light' | 'dark' | 'system';

interface ThemeState {
  choice: ThemeChoice;
  /** What is shown: the choice, or the system's when the choice is `system`. */
  dark: boolean;
  setChoice(choice: ThemeChoice): void;
}

const KEY = 'cellar:theme';
const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const isDark = (choice: ThemeChoice) => choice === 'dark' || (choice === 'system' && !!media?.matches);

/** Puts the theme on <html>: our CSS reads data-theme, ag-grid reads data-ag-theme-mode. */
function apply(dark: boolean) {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.agThemeMode = dark ? 'dark' : 'light';
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}

/** The light/dark theme, kept in this browser; `system` follows the OS as it changes. */
export const useTheme = create<ThemeState>()((set, get) => {
  const choice = stored();
  apply(isDark(choice));
  media?.addEventListener('change', () => {
    const dark = isDark(get().choice);
    apply(dark);
    set({ dark });
  });
  return {
    choice,
    dark: isDark(choice),
    setChoice(next) {
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Private windows may refuse storage; the choice still holds for this page.
      }
      apply(isDark(next));
      set({ choice: next, dark: isDark(next) });
    },
  };
});
