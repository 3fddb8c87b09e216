import { create } from 'zustand';
import type { ProblemSortField } from '../../../../shared/channels/problems';
import type { ProblemCategory, ProblemStatus } from '../../../../shared/domain/problem';

export interface ProblemFilters {
  statuses: ProblemStatus[];
  categories: ProblemCategory[];
  leadUnits: string[];
  districts: string[];
  groupIds: string[];
  overdueOnly: boolean;
  raisedFrom: string | null;
  raisedTo: string | null;
  /** What is typed in the search box; the query is sent debounced. */
  search: string;
}

export interface ProblemSort {
  field: ProblemSortField;
  order: 'asc' | 'desc';
}

export const EMPTY_PROBLEM_FILTERS: ProblemFilters = {
  statuses: [],
  categories: [],
  leadUnits: [],
  districts: [],
  groupIds: [],
  overdueOnly: false,
  raisedFrom: null,
  raisedTo: null,
  search: '',
};
export const DEFAULT_PROBLEM_SORT: ProblemSort = { field: 'urgency', order: 'asc' };

interface ProblemListState {
  filters: ProblemFilters;
  sort: ProblemSort;
  page: number;
  setFilter: <K extends keyof ProblemFilters>(key: K, value: ProblemFilters[K]) => void;
  setSort: (sort: ProblemSort) => void;
  setPage: (page: number) => void;
  resetFilters: () => void;
}

// Module-level: coming back from a project keeps the filters, sort and page.
export const useProblemListStore = create<ProblemListState>((set) => ({
  filters: EMPTY_PROBLEM_FILTERS,
  sort: DEFAULT_PROBLEM_SORT,
  page: 1,
  // A new filter starts from the first page.
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value }, page: 1 })),
  setSort: (sort) => set({ sort, page: 1 }),
  setPage: (page) => set({ page }),
  resetFilters: () => set({ filters: EMPTY_PROBLEM_FILTERS, page: 1 }),
}));

export function hasProblemFilters(f: ProblemFilters): boolean {
  return (
    f.statuses.length + f.categories.length + f.leadUnits.length + f.districts.length + f.groupIds.length > 0 ||
    f.overdueOnly ||
    f.raisedFrom !== null ||
    f.raisedTo !== null ||
    f.search.trim() !== ''
  );
}
