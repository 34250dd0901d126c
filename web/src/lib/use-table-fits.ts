import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Whether a table fits the room it has. When it is wider than its container (a phone, a narrow window, a
 * long word), the page shows its rows as summary cards instead, so nothing sits off-screen in a box that
 * scrolls sideways, until the container grows to the width the table needed (or the rows change, when the
 * table is tried again). Measured before the browser paints, so the table never shows cut off. Only one of
 * the two is ever in the page, so a long chronology is not drawn twice.
 */
export function useTableFits(
  container: RefObject<HTMLElement | null>,
  table: RefObject<HTMLElement | null>,
  content: unknown,
): boolean {
  const [needs, setNeeds] = useState(0);
  const [room, setRoom] = useState(Number.POSITIVE_INFINITY);
  // The container may appear after the first render (once its data has loaded): watch whichever it is now.
  const watched = useRef<{ box: HTMLElement; observer: ResizeObserver } | undefined>(undefined);
  useEffect(() => {
    const box = container.current ?? undefined;
    if (watched.current?.box === box) return;
    watched.current?.observer.disconnect();
    watched.current = undefined;
    if (!box || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setRoom(box.clientWidth));
    observer.observe(box);
    watched.current = { box, observer };
  });
  useEffect(() => () => watched.current?.observer.disconnect(), []);
  useLayoutEffect(() => setNeeds(0), [content]);
  useLayoutEffect(() => {
    const box = container.current;
    const wide = table.current;
    if (box && wide && wide.scrollWidth > box.clientWidth) setNeeds(wide.scrollWidth);
  });
  return room >= needs;
}
