/**
 * Remembers the workbook being opened until it has opened and run, so a workbook that froze or
 * crashed the tab while opening is not opened again by itself on the next visit (which would
 * freeze that visit too): the app says so instead and lets the person open or delete it.
 */
const KEY = 'cellar.opening';

function storage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export const openGuard = {
  /** A workbook starts opening. */
  begin(id: string): void {
    storage()?.setItem(KEY, id);
  },
  /** It opened and its blocks ran (or the page was left normally). */
  end(id: string): void {
    if (storage()?.getItem(KEY) === id) storage()?.removeItem(KEY);
  },
  /** The workbook a previous visit began to open and never finished, if any. */
  unfinished(): string | null {
    return storage()?.getItem(KEY) ?? null;
  },
};
