import { create } from 'zustand';
import type { ProjectSortField } from '../../../shared/api';
import type { ProjectLevel, ProjectStage } from '../../../shared/domain/project';

export interface LedgerFilters {
  levels: ProjectLevel[];
  districts: string[];
  stages: ProjectStage[];
  groupIds: string[];
  industries: string[];
  /** What is typed in the search box; the query is sent debounced. */
  search: string;
  /** No submitted visit this month (Asia/Shanghai). */
  notVisitedThisMonth: boolean;
  /** Has an open / in-progress problem past its deadline. */
  hasOverdueProblems: boolean;
}

export interface LedgerSort {
  field: ProjectSortField;
  order: 'asc' | 'desc';
}

export const EMPTY_FILTERS: LedgerFilters = {
  levels: [],
  districts: [],
  stages: [],
  groupIds: [],
  industries: [],
  search: '',
  notVisitedThisMonth: false,
  hasOverdueProblems: false,
};
export const DEFAULT_SORT: LedgerSort = { field: 'code', order: 'asc' };

interface LedgerState {
  filters: LedgerFilters;
  sort: LedgerSort;
  /** The project last opened from the ledger, scrolled to and marked when coming back. */
  lastOpenedId: string | null;
  setFilter: <K extends keyof LedgerFilters>(key: K, value: LedgerFilters[K]) => void;
  setSort: (sort: LedgerSort) => void;
  resetFilters: () => void;
  setLastOpened: (id: string) => void;
}

// Module-level store: it outlives the ledger page, so returning from a project keeps filters and sort.
export const useLedgerStore = create<LedgerState>((set) => ({
  filters: EMPTY_FILTERS,
  sort: DEFAULT_SORT,
  lastOpenedId: null,
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  setSort: (sort) => set({ sort }),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  setLastOpened: (id) => set({ lastOpenedId: id }),
}));

export function hasActiveFilters(f: LedgerFilters): boolean {
  return (
    f.levels.length + f.districts.length + f.stages.length + f.groupIds.length + f.industries.length > 0 ||
    f.search.trim() !== '' ||
    f.notVisitedThisMonth ||
    f.hasOverdueProblems
  );
}
