import { CameraOutlined, CloseCircleFilled, RedoOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PhotoSyncStatus, PhotoTransferFailure } from '../../../../shared/channels/photo-sync';
import { usePhotoSyncStore } from '../../stores/photoSync';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import { byteSize, failureReason } from '../../sync/photoStatus';
import { relativeFuture } from '../../sync/status';
import { useSyncWords } from '../../sync/useSyncWords';

const STATE_COLORS: Record<PhotoSyncStatus['state'], string> = {
  idle: 'success',
  uploading: 'processing',
  downloading: 'processing',
  waiting_unmetered: 'warning',
  offline: 'default',
  signed_out: 'default',
};

function FailureLine({ f, now }: { f: PhotoTransferFailure; now: number }) {
  const t = usePhotoSyncT();
  const { tr, relative } = useSyncWords();
  const reason = failureReason(f.code);
  return (
    <li className="photo-sync-failure" data-testid="photo-sync-failure" data-code={f.code}>
      <CloseCircleFilled className="photo-sync-failure-icon" />
      <div>
        <div>
          <strong>
            {t(`direction.${f.direction}`)} · {t(`variant.${f.variant}`)}
          </strong>{' '}
          <span className="photo-sync-failure-name" title={f.name}>
            {f.name || f.sha256.slice(0, 12)}
          </span>
        </div>
        <div data-testid="photo-sync-failure-reason">{reason.ns === 'photoSync' ? t(reason.key) : tr(reason.key)}</div>
        {f.message && (
          <Typography.Text type="secondary" className="photo-sync-failure-detail" title={f.message}>
            {t('detail')}: {f.message}
          </Typography.Text>
        )}
        <div className="muted">
          {t('attempts', { count: f.attempts })} ·{' '}
          {f.nextAttemptAt !== null
            ? t('nextAttempt', { when: relative(relativeFuture(f.nextAttemptAt, now)) })
            : t('waitsForUser')}
        </div>
      </div>
    </li>
  );
}

/**
 * Photo transfer in words: what waits (count and size), what goes (sent, speed), the wait for an
 * unmetered network, and each failure with its reason and a retry. In the header's popover
 * (`compact`: the first failures only) and on the photo sync page.
 */
export function PhotoSyncDetails({
  status,
  now,
  compact = false,
}: {
  status: PhotoSyncStatus;
  now: number;
  compact?: boolean;
}) {
  const t = usePhotoSyncT();
  const { t: tApp } = useTranslation();
  const { message } = App.useApp();
  const retry = usePhotoSyncStore((s) => s.retry);
  const retrying = usePhotoSyncStore((s) => s.retrying);
  const sending = status.state === 'uploading';
  const total = status.bytesSent + status.bytesWaiting;
  const failures = compact ? status.failures.slice(0, 3) : status.failures;

  const onRetry = async () => {
    if (await retry()) void message.success(t('retried'));
    else {
      const e = usePhotoSyncStore.getState().actionError;
      if (e) void message.error(tApp(`errors.${e.code}`));
    }
  };

  return (
    <div className="photo-sync-details" data-testid="photo-sync-details" data-state={status.state}>
      <div className="photo-sync-head">
        <CameraOutlined /> <span>{t('statusTitle')}</span>
        <Tag color={STATE_COLORS[status.state]} data-testid="photo-sync-state">
          {t(`state.${status.state}`)}
        </Tag>
      </div>
      <div data-testid="photo-sync-waiting">
        {status.uploadsWaiting > 0
          ? t('waiting', { count: status.uploadsWaiting, size: byteSize(status.bytesWaiting) })
          : t('waitingNone')}
      </div>
      {status.downloadsWaiting > 0 && (
        <div data-testid="photo-sync-downloads">{t('downloads', { count: status.downloadsWaiting })}</div>
      )}
      {(sending || status.bytesSent > 0) && (
        <div data-testid="photo-sync-sent">
          {t('sent', { size: byteSize(status.bytesSent) })}
          {sending && status.bytesPerSecond > 0 && (
            <span data-testid="photo-sync-speed">
              {' · '}
              {t('speed', { speed: byteSize(status.bytesPerSecond) })}
            </span>
          )}
          {sending && total > 0 && (
            <Progress percent={Math.min(100, Math.round((100 * status.bytesSent) / total))} size="small" />
          )}
        </div>
      )}
      {status.state === 'waiting_unmetered' && (
        <div className="photo-sync-hint" data-testid="photo-sync-unmetered">
          {t('unmeteredHint')}
        </div>
      )}
      {status.failures.length > 0 && (
        <div className="photo-sync-failures">
          <div className="photo-sync-failures-title">{t('failuresTitle', { count: status.failures.length })}</div>
          <ul>
            {failures.map((f) => (
              <FailureLine key={`${f.direction}:${f.sha256}:${f.variant}`} f={f} now={now} />
            ))}
          </ul>
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retrying}
            onClick={() => void onRetry()}
            data-testid="photo-sync-retry"
          >
            {t('retry')}
          </Button>
        </div>
      )}
      {compact && (
        <div>
          <Link to="/sync/photos" data-testid="photo-sync-settings-link">
            <SettingOutlined /> {t('openSettings')}
          </Link>
        </div>
      )}
    </div>
  );
}
