import { create } from 'zustand';
import type { ProjectLevel } from '../../../shared/domain/project';

/** The dashboard's choices, kept while the user opens a project from it and comes back. */
interface KpiState {
  /** YYYY-MM, or null for the current Asia/Shanghai month. */
  month: string | null;
  levels: ProjectLevel[];
  districts: string[];
  groupIds: string[];
  breakdown: 'district' | 'group';
  setMonth: (month: string | null) => void;
  setLevels: (levels: ProjectLevel[]) => void;
  setDistricts: (districts: string[]) => void;
  setGroupIds: (groupIds: string[]) => void;
  setBreakdown: (by: 'district' | 'group') => void;
  resetSlice: () => void;
}

export const useKpiStore = create<KpiState>((set) => ({
  month: null,
  levels: [],
  districts: [],
  groupIds: [],
  breakdown: 'district',
  setMonth: (month) => set({ month }),
  setLevels: (levels) => set({ levels }),
  setDistricts: (districts) => set({ districts }),
  setGroupIds: (groupIds) => set({ groupIds }),
  setBreakdown: (breakdown) => set({ breakdown }),
  resetSlice: () => set({ levels: [], districts: [], groupIds: [] }),
}));
