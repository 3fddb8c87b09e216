import { create } from 'zustand';
import type { PlanFilter } from '../pages/plan/planLogic';

/** The plan page's choices, kept while the user visits other pages (a visit, a project) and comes back. */
interface PlanState {
  /** YYYY-MM, or null for the current Asia/Shanghai month (which moves on at midnight). */
  month: string | null;
  /** Empty: the backend's default (the user's groups, or every group for a user in none). */
  groupIds: string[];
  filter: PlanFilter;
  setMonth: (month: string | null) => void;
  setGroupIds: (groupIds: string[]) => void;
  setFilter: (filter: PlanFilter) => void;
}

export const usePlanStore = create<PlanState>((set) => ({
  month: null,
  groupIds: [],
  filter: 'all',
  setMonth: (month) => set({ month }),
  setGroupIds: (groupIds) => set({ groupIds }),
  setFilter: (filter) => set({ filter }),
}));
