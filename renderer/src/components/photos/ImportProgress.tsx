import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, Button, Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import type { ImportItem } from './usePhotoImport';

const ICONS = {
  waiting: <LoadingOutlined style={{ color: '#bfbfbf' }} spin={false} />,
  importing: <LoadingOutlined style={{ color: '#1677ff' }} />,
  done: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  duplicate: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  error: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  stopped: <StopOutlined style={{ color: '#8c8c8c' }} />,
} as const;

/** One line per picked file: name, state and, for a refused file, why — in the user's language. */
export function ImportProgress({ items, onClear }: { items: ImportItem[]; onClear: () => void }) {
  const { t } = useTranslation();
  const tp = usePhotoSyncT();
  if (items.length === 0) return null;
  const finished = items.filter((it) => it.state !== 'waiting' && it.state !== 'importing').length;
  const diskFull = items.find((it) => it.error?.code === 'disk_full');
  const stopped = items.filter((it) => it.state === 'stopped').length;
  return (
    <div className="photo-progress" data-testid="photo-progress">
      <div className="photo-progress-head">
        <span>{t('photos.progress.title')}</span>
        <Progress
          percent={Math.round((finished / items.length) * 100)}
          size="small"
          format={() => t('photos.progress.summary', { done: finished, total: items.length })}
          style={{ flex: 1, margin: 0 }}
        />
        <Button size="small" type="link" onClick={onClear} disabled={finished === 0}>
          {t('photos.progress.clear')}
        </Button>
      </div>
      {diskFull && (
        <Alert
          type="error"
          showIcon
          className="photo-progress-alert"
          data-testid="photo-disk-full"
          title={tp('diskFull.title')}
          description={
            <>
              <div>{stopped > 0 ? tp('diskFull.body', { count: stopped }) : tp('diskFull.bodyNone')}</div>
              {diskFull.error?.message && (
                <div className="muted">{t('errors.detail', { message: diskFull.error.message })}</div>
              )}
            </>
          }
        />
      )}
      <ul className="photo-progress-list">
        {items.map((it) => (
          <li key={it.key} data-state={it.state}>
            {ICONS[it.state]}
            <span className="photo-progress-name" title={it.name}>
              {it.name}
            </span>
            <span className="photo-progress-state">{t(`photos.progress.${it.state}`)}</span>
            {it.error && (
              <span className="photo-progress-error" data-testid="photo-error" title={it.error.message}>
                {t(`errors.${it.error.code}`)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
