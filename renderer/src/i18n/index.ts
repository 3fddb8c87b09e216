import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { dashboardEn, dashboardZh } from './features/dashboard';
import { lockEn, lockZh } from './features/lock';
import { photoSyncEn, photoSyncZh } from './features/photoSync';
import { en, planNsEn } from './en';
import { planNsZh, zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'sitebook.lang';

export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be unavailable (privacy settings); Chinese is the default anyway.
    return 'zh-CN';
  }
}

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
  document.title = lang === 'zh-CN' ? 'Sitebook · 重点项目包保服务' : 'Sitebook — Key Project Service Visits';
}

export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still applies to this session.
  }
  applyLang(lang);
  await i18n.changeLanguage(lang);
}

const initial = storedLang();
applyLang(initial);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN, plan: planNsZh, dashboard: dashboardZh, lock: lockZh, photoSync: photoSyncZh },
    en: { translation: en, plan: planNsEn, dashboard: dashboardEn, lock: lockEn, photoSync: photoSyncEn },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  // React escapes output already.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
