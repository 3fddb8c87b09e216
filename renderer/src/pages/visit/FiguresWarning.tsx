import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FigureIssue } from '../../../../shared/figures';
import { date, wan } from '../../format';
import type { Lang } from '../../i18n';

/** The invariant checks of shared/figures.ts in words, before submit; same code as the backend's. */
export function FiguresWarning({ issues, isCorrection }: { issues: FigureIssue[]; isCorrection: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (issues.length === 0) return null;
  const blocking = issues.some((i) => i.blocking);
  const corrected = issues.some((i) => i.code === 'decrease_corrected');
  return (
    <Alert
      data-testid="figures-warning"
      className="figures-warning"
      type={blocking ? 'error' : 'warning'}
      showIcon
      title={t('visits.figuresTitle')}
      description={
        <ul>
          {issues.map((i) => (
            <li key={`${i.field}:${i.code}`} data-code={i.code}>
              {t(`visits.figureIssue.${i.code}`, {
                field: t(`visits.fields.${i.field}`),
                previous: wan(i.previous, lang),
                limit: wan(i.limit, lang),
                date: date(i.previousDate, lang),
              })}
            </li>
          ))}
          {isCorrection && corrected && !blocking && <li>{t('visits.figuresAccepted')}</li>}
        </ul>
      }
    />
  );
}
