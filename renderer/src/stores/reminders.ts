import { create } from 'zustand';
import { shanghaiDate } from '../../../shared/calendar';
import type { ReminderList } from '../../../shared/domain/plan';
import { call, onEvent, toApiError, type ApiError } from '../api/client';
import { touchesReminders } from '../components/reminders/reminderLogic';
import { useSyncStore } from './sync';

interface RemindersState {
  list: ReminderList | null;
  error: ApiError | null;
  open: boolean;
  setOpen: (open: boolean) => void;
  refresh: () => Promise<void>;
}

let generation = 0;

export const useRemindersStore = create<RemindersState>((set) => ({
  list: null,
  error: null,
  open: false,
  setOpen: (open) => set({ open }),
  refresh: async () => {
    // Writes come in bursts: only the answer to the latest request is kept.
    const mine = ++generation;
    try {
      const list = await call('reminders.list', {});
      if (mine === generation) set({ list, error: null });
    } catch (e) {
      if (mine === generation) set({ error: toApiError(e) });
    }
  },
}));

const DEBOUNCE_MS = 300;
const CLOCK_MS = 60_000;

/**
 * Keeps the reminders current: read now, again after writes to the tables they come from (local
 * or synced), when the signed-in user changes (other groups), and when the Asia/Shanghai date
 * moves on (deadlines and months turn at Beijing midnight). Call once, from the layout.
 */
export function startReminders(now: () => number = Date.now): () => void {
  const refresh = () => void useRemindersStore.getState().refresh();
  refresh();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const offChanged = onEvent('data.changed', ({ tables }) => {
    if (!touchesReminders(tables)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  });
  let day = shanghaiDate(now());
  const clock = setInterval(() => {
    const today = shanghaiDate(now());
    if (today !== day) {
      day = today;
      refresh();
    }
  }, CLOCK_MS);
  let user = useSyncStore.getState().status?.user?.id ?? null;
  const offUser = useSyncStore.subscribe((s) => {
    const next = s.status?.user?.id ?? null;
    if (next !== user) {
      user = next;
      refresh();
    }
  });
  return () => {
    offChanged();
    offUser();
    clearInterval(clock);
    if (timer) clearTimeout(timer);
  };
}
