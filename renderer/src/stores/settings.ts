import { create } from 'zustand';
import { setLang, storedLang, type Lang } from '../i18n';

interface SettingsState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  lang: storedLang(),
  setLang: (lang) => {
    set({ lang });
    void setLang(lang);
  },
}));
