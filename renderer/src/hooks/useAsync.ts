import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { RecordTable } from '../../../shared/records';
import { ApiError, onEvent, toApiError } from '../api/client';

interface State<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

export interface AsyncResult<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True while the answer for the current key has not arrived; `data` may still hold the previous one. */
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `fetcher` whenever `key` changes (and on reload), keeping the last data while the next
 * answer is on its way; an answer for a key that is no longer current is dropped.
 * With `refreshOn`, a `data.changed` event for one of those tables reloads.
 */
export function useAsync<T>(key: string, fetcher: () => Promise<T>, refreshOn: RecordTable[] = []): AsyncResult<T> {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<State<T>>({ key: '' });
  const fullKey = `${key}#${tick}`;
  const run = useEffectEvent(fetcher);
  const refreshTables = refreshOn.join(',');

  useEffect(() => {
    let alive = true;
    run().then(
      (data) => alive && setState({ key: fullKey, data }),
      (e: unknown) => alive && setState((prev) => ({ key: fullKey, data: prev.data, error: toApiError(e) })),
    );
    return () => {
      alive = false;
    };
  }, [fullKey]);

  useEffect(() => {
    if (!refreshTables) return undefined;
    const watched = refreshTables.split(',');
    return onEvent('data.changed', ({ tables }) => {
      if (tables.some((t) => watched.includes(t))) setTick((n) => n + 1);
    });
  }, [refreshTables]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = state.key === fullKey;
  return { data: state.data, error: current ? state.error : undefined, loading: !current, reload };
}
