import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang } from '../i18n';
import { useSettingsStore } from '../stores/settings';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useSettingsStore((s) => s.lang);
  const setLang = useSettingsStore((s) => s.setLang);
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size="small"
      value={lang}
      onChange={setLang}
      options={LANGS.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  );
}
