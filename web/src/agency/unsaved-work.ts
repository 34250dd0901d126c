import { useEffect, useRef } from 'preact/hooks';

/** What saving the typed-but-unsaved answers came to: nothing to save, saved as a draft, or not saved. */
export type SaveOutcome = 'nothing' | 'saved' | 'failed';

const savers = new Set<() => Promise<SaveOutcome>>();

/**
 * A return open in the page offers to save what was typed since its last save, for when the session is
 * about to time out: the page saves it as a draft (on the server, never in the browser) before signing
 * the lead out.
 */
export function useUnsavedWork(save: () => Promise<SaveOutcome>): void {
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => {
    const saver = () => latest.current();
    savers.add(saver);
    return () => {
      savers.delete(saver);
    };
  }, []);
}

/**
 * Saves every open return's unsaved answers, one after another (a draft save builds on the version the
 * last one made); the worst outcome wins.
 */
export async function saveUnsavedWork(): Promise<SaveOutcome> {
  const outcomes: SaveOutcome[] = [];
  for (const save of [...savers]) outcomes.push(await save().catch((): SaveOutcome => 'failed'));
  if (outcomes.includes('failed')) return 'failed';
  return outcomes.includes('saved') ? 'saved' : 'nothing';
}
