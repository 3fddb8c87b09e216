import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client';
import { date } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';

/** "有 N 份未提交的走访草稿": this user's drafts, offered back when the app starts. */
export function DraftsBanner() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const drafts = useAsync('visit-drafts', () => call('visits.drafts', {}), ['visits']);
  const list = drafts.data ?? [];
  if (list.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="drafts-banner"
      data-testid="drafts-banner"
      title={t('visits.drafts.banner', { count: list.length })}
      description={
        <div className="drafts-banner-list">
          <span className="muted">{t('visits.drafts.hint')}</span>
          {list.slice(0, 8).map((d) => (
            <Link key={d.id} to={`/visits/${encodeURIComponent(d.id)}`} data-testid="drafts-banner-link">
              {t('visits.drafts.item', { project: d.projectName, date: date(d.date, lang) })}
            </Link>
          ))}
          {list.length > 8 && <span className="muted">…</span>}
        </div>
      }
    />
  );
}
