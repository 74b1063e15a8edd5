import { useEffect, useRef, useState, type ReactNode } from 'react';

/** How far outside the view a block's body mounts, so it is there before it scrolls in. */
const MARGIN = '1000px 0px';
/** Bodies mounted per frame: an editor measures the page as it mounts (~10 ms each on a big page). */
const MOUNTS_PER_FRAME = 4;

const waiting: Array<() => void> = [];
let frameAsked = false;

/** Mounts waiting bodies a few per frame, in the order they came near the view. */
function mountSome() {
  frameAsked = false;
  for (const mount of waiting.splice(0, MOUNTS_PER_FRAME)) mount();
  if (waiting.length > 0) askFrame();
}

function askFrame() {
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(mountSome);
}

/**
 * Mounts `children` once they come near the view, a few per frame, then keeps them. Used for
 * the bodies of blocks in a big workbook: mounting hundreds of editors and grids at once froze
 * the tab (a 500-cell workbook: one 16 s task). Off `when`, it mounts at once.
 */
export function NearView({ when, children }: { when: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(!when);
  useEffect(() => {
    if (near || !ref.current) return;
    let queued = false;
    const mount = () => setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (queued || !entries.some((e) => e.isIntersecting)) return;
        queued = true;
        waiting.push(mount);
        askFrame();
      },
      { rootMargin: MARGIN },
    );
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      const i = waiting.indexOf(mount);
      if (i >= 0) waiting.splice(i, 1);
    };
  }, [near]);
  if (near) return <>{children}</>;
  return <div ref={ref} className="block-body-pending" data-testid="block-body-pending" />;
}
