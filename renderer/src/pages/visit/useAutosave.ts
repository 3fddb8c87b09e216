import { useEffect, useState } from 'react';

export type AutosaveState =
  | { kind: 'idle'; savedAt: number | null }
  | { kind: 'saving'; savedAt: number | null }
  | { kind: 'failed'; savedAt: number | null }
  /** The values cannot be saved as they are (e.g. no date): waits for the next edit. */
  | { kind: 'invalid'; savedAt: number | null };

/** What one save did: saved, or could not because the values are not a valid draft. */
export type SaveOutcome = 'saved' | 'invalid';

const RETRY_MS = 3000;

/**
 * The saver, outside React's render cycle: one debounce timer, one promise chain so saves
 * never overlap (each reads the latest values when it starts), a retry after a failure.
 */
function createSaver(delay: number, onState: (update: (s: AutosaveState) => AutosaveState) => void) {
  let save: () => Promise<SaveOutcome> = () => Promise.resolve('saved');
  let dirty = false;
  // Whether the stored draft holds what was typed, as of the last save.
  let clean = true;
  let alive = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const stopTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const run = (): Promise<void> => {
    stopTimer();
    chain = chain.then(async () => {
      if (!dirty) return;
      dirty = false;
      if (alive) onState((s) => ({ kind: 'saving', savedAt: s.savedAt }));
      try {
        const outcome = await save();
        clean = outcome === 'saved';
        if (alive) {
          onState((s) =>
            outcome === 'saved' ? { kind: 'idle', savedAt: Date.now() } : { kind: 'invalid', savedAt: s.savedAt },
          );
        }
      } catch {
        dirty = true;
        clean = false;
        if (!alive) return;
        onState((s) => ({ kind: 'failed', savedAt: s.savedAt }));
        timer = setTimeout(() => void run(), RETRY_MS);
      }
    });
    return chain;
  };

  return {
    setSave(fn: () => Promise<SaveOutcome>) {
      save = fn;
    },
    schedule() {
      dirty = true;
      stopTimer();
      timer = setTimeout(() => void run(), delay);
    },
    /** Saves a pending edit now, waits for every save in flight; true when the draft is stored as typed. */
    async flush(force = false): Promise<boolean> {
      if (force) dirty = true;
      await run();
      return clean && !dirty;
    },
    /** Leaving: a pending edit is saved at once, nothing typed is dropped. */
    leave() {
      if (dirty) void run();
      else stopTimer();
    },
    attach() {
      alive = true;
    },
    detach() {
      alive = false;
    },
  };
}

/**
 * Debounced, serialised autosave: `schedule()` after every edit, one save `delay` ms after the
 * last one; a pending edit is saved on unmount and before the page unloads.
 */
export function useAutosave(save: () => Promise<SaveOutcome>, delay: number, initialSavedAt: number | null) {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle', savedAt: initialSavedAt });
  const [saver] = useState(() => createSaver(delay, setState));

  useEffect(() => saver.setSave(save), [saver, save]);

  useEffect(() => {
    saver.attach();
    const onUnload = () => saver.leave();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      saver.detach();
      saver.leave();
    };
  }, [saver]);

  return { state, schedule: saver.schedule, flush: saver.flush };
}
