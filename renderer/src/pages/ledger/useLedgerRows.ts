import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectListItem, ProjectListQuery } from '../../../../shared/api';
import { ApiError, call, onEvent, toApiError } from '../../api/client';
import { LEDGER_PAGE } from './pageSize';

/** Rows per call (pageSize.ts says why 500). */
const PAGE = LEDGER_PAGE;

export type LedgerQuery = Omit<ProjectListQuery, 'offset' | 'limit'>;

interface State {
  key: string;
  queryKey: string;
  rows: ProjectListItem[];
  total: number;
  complete: boolean;
  error?: ApiError;
}

export interface LedgerRows {
  rows: ProjectListItem[];
  total: number;
  /** All pages of the current query are in. */
  complete: boolean;
  /** The first page of the current query has not arrived yet (rows are the previous query's). */
  loading: boolean;
  error?: ApiError;
  reload: () => void;
}

/**
 * Loads every row of a ledger query page by page, so the virtual table holds the whole list
 * and client-side totals are exact. A new query shows its first page at once; a refresh of the
 * same query (data.changed) swaps the rows only when all pages are in, so the list does not jump.
 */
export function useLedgerRows(query: LedgerQuery): LedgerRows {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<State>({ key: '', queryKey: '', rows: [], total: 0, complete: false });
  const queryKey = JSON.stringify(query);
  const key = `${queryKey}#${tick}`;
  const shownQuery = useRef('');

  useEffect(() => {
    let alive = true;
    const q = JSON.parse(queryKey) as LedgerQuery;
    const progressive = shownQuery.current !== queryKey;
    void (async () => {
      const rows: ProjectListItem[] = [];
      try {
        for (;;) {
          const page = await call('projects.list', { ...q, offset: rows.length, limit: PAGE });
          if (!alive) return;
          rows.push(...page.rows);
          const complete = page.rows.length < PAGE || rows.length >= page.total;
          if (progressive || complete) {
            shownQuery.current = queryKey;
            setState({ key, queryKey, rows: rows.slice(), total: page.total, complete });
          }
          if (complete) return;
        }
      } catch (e) {
        if (alive) setState((prev) => ({ ...prev, key, complete: true, error: toApiError(e) }));
      }
    })();
    return () => {
      alive = false;
    };
  }, [key, queryKey]);

  useEffect(
    () =>
      onEvent('data.changed', ({ tables }) => {
        if (tables.some((t) => t === 'projects' || t === 'visits' || t === 'problems' || t === 'service_groups')) {
          setTick((n) => n + 1);
        }
      }),
    [],
  );

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const sameQuery = state.queryKey === queryKey;
  return {
    rows: state.rows,
    total: state.total,
    complete: sameQuery && state.complete,
    loading: !sameQuery && !(state.key === key && state.error),
    error: state.key === key ? state.error : undefined,
    reload,
  };
}
