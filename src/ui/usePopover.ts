import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

// The popover open now (Share, Server …): opening another closes it, as a menu bar does.
let closeOpen: (() => void) | undefined;

/**
 * An anchored popover's open state: one open at a time, closed by Escape or a mouse press
 * outside `ref` (the anchor holding its button and the popover).
 */
export function usePopover<T extends HTMLElement = HTMLDivElement>(): { open: boolean; setOpen(open: boolean): void; ref: RefObject<T | null> } {
  const [open, setOpenState] = useState(false);
  const ref = useRef<T>(null);
  const close = useRef(() => setOpenState(false)).current;
  const setOpen = useCallback(
    (next: boolean) => {
      if (next && closeOpen !== close) closeOpen?.();
      closeOpen = next ? close : closeOpen === close ? undefined : closeOpen;
      setOpenState(next);
    },
    [close],
  );
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
      if (closeOpen === close) closeOpen = undefined;
    };
  }, [open, setOpen, close]);
  return { open, setOpen, ref };
}
