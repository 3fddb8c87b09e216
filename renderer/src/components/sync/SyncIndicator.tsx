import {
  CameraOutlined,
  CheckCircleFilled,
  CloudDownloadOutlined,
  CloseCircleFilled,
  CloudOutlined,
  DisconnectOutlined,
  ExclamationCircleFilled,
  LoginOutlined,
  SwapOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Popover, Progress, Space, Tooltip } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SyncStatus } from '../../../../shared/channels/sync';
import { useNow } from '../../hooks/useNow';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import { usePhotoSyncStore } from '../../stores/photoSync';
import { useSyncStore } from '../../stores/sync';
import { photoBadge } from '../../sync/photoStatus';
import { relativeFuture, relativePast, syncErrorCode, syncIndicator, type SyncStateKey } from '../../sync/status';
import { useSyncWords } from '../../sync/useSyncWords';
import { PhotoSyncDetails } from './PhotoSyncDetails';
import './sync-header.css';

const STATE_ICONS: Record<SyncStateKey, ReactNode> = {
  signedOut: <CloudOutlined />,
  offline: <DisconnectOutlined />,
  synced: <CheckCircleFilled />,
  pendingOnly: <SwapOutlined />,
  syncing: <SyncOutlined spin />,
  error: <CloseCircleFilled />,
};

/** Alt+S syncs now from anywhere (e.code: Alt+letter types other characters on macOS). */
function useSyncShortcut(enabled: boolean, syncNow: () => void): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyS') return;
      e.preventDefault();
      syncNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, syncNow]);
}

function SyncDetails({ status, now }: { status: SyncStatus; now: number }) {
  const { t } = useTranslation();
  const { tr, relative } = useSyncWords();
  const ind = syncIndicator(status);
  const p = status.progress;
  const photos = usePhotoSyncStore((s) => s.status);
  return (
    <div className="sync-details" data-testid="sync-details">
      <p className="sync-details-hint">{t(`sync.stateHint.${ind.state}`)}</p>
      {p && status.state === 'syncing' && (
        <div data-testid="sync-progress">
          {p.total !== null
            ? t('sync.progress', { phase: t(`sync.phase.${p.phase}`), done: p.done, total: p.total })
            : t('sync.progressOpen', { phase: t(`sync.phase.${p.phase}`), done: p.done })}
          {ind.percent !== null && <Progress percent={ind.percent} size="small" showInfo={false} />}
        </div>
      )}
      {status.state !== 'signed_out' && (
        <div>{t('sync.lastSync', { when: relative(relativePast(status.lastSyncAt, now)) })}</div>
      )}
      <div>{t('sync.pending', { count: status.pending })}</div>
      {status.conflicts > 0 && (
        <div>
          <Link to="/conflicts">{t('sync.conflictsCount', { count: status.conflicts })}</Link>
        </div>
      )}
      {status.setAside > 0 && (
        <div>
          <Link to="/conflicts?tab=setAside">{t('sync.setAsideCount', { count: status.setAside })}</Link>
        </div>
      )}
      {status.lastError && status.state !== 'idle' && (
        <div className="sync-details-error" data-testid="sync-last-error">
          {t('sync.lastError', { message: tr(`errors.${syncErrorCode(status.lastError.code)}`) })}
        </div>
      )}
      {status.nextAttemptAt !== null && status.state !== 'syncing' && status.state !== 'idle' && (
        <div className="muted">
          {t('sync.nextAttempt', { when: relative(relativeFuture(status.nextAttemptAt, now)) })}
        </div>
      )}
      {status.serverUrl && <div className="muted">{t('sync.server', { url: status.serverUrl })}</div>}
      {photos && <PhotoSyncDetails status={photos} now={now} compact />}
    </div>
  );
}

/** The always-visible sync state in the header: words, last sync, waiting changes, conflicts, sync now. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { relative } = useSyncWords();
  const status = useSyncStore((s) => s.status);
  const syncNow = useSyncStore((s) => s.syncNow);
  const actionError = useSyncStore((s) => s.actionError);
  const photos = usePhotoSyncStore((s) => s.status);
  const badge = photoBadge(photos);
  const tp = usePhotoSyncT();
  const { message } = App.useApp();
  const now = useNow();
  const signedIn = !!status && status.state !== 'signed_out';
  const busy = status?.state === 'syncing';
  useSyncShortcut(signedIn && !busy, () => void syncNow());
  useEffect(() => {
    if (actionError) void message.error(t(`errors.${actionError.code}`));
  }, [actionError, message, t]);

  if (!status) return null;
  const ind = syncIndicator(status);
  const p = status.progress;
  const words =
    status.state === 'syncing' && p
      ? p.total !== null
        ? t('sync.progress', { phase: t(`sync.phase.${p.phase}`), done: p.done, total: p.total })
        : t('sync.progressOpen', { phase: t(`sync.phase.${p.phase}`), done: p.done })
      : t(`sync.state.${ind.state}`);

  return (
    <Space
      size={10}
      className="sync-indicator"
      data-testid="sync-indicator"
      data-state={status.state}
      data-last-sync={status.lastSyncAt ?? ''}
    >
      <Popover content={<SyncDetails status={status} now={now} />} title={t(`sync.state.${ind.state}`)} trigger="click">
        <button type="button" className={`sync-pill sync-pill-${ind.tone}`} data-testid="sync-state">
          {STATE_ICONS[ind.state]}
          <span className="sync-pill-words">{words}</span>
          {signedIn && status.state !== 'syncing' && (
            <span className="sync-pill-when">{relative(relativePast(status.lastSyncAt, now))}</span>
          )}
          {status.pending > 0 && (
            <span className="sync-pill-count" data-testid="sync-pending">
              {t('sync.pendingShort', { count: status.pending })}
            </span>
          )}
          {badge && photos && (
            <span
              className={`sync-pill-count${badge.kind === 'failed' ? ' sync-pill-count-error' : ''}`}
              data-testid="photo-sync-pill"
              data-state={photos.state}
              data-kind={badge.kind}
              title={tp(`badge.${badge.kind}`, { count: badge.count })}
            >
              {badge.kind === 'down' ? <CloudDownloadOutlined /> : <CameraOutlined />} {badge.count}
            </span>
          )}
        </button>
      </Popover>
      {status.conflicts > 0 && (
        <Tooltip title={t('sync.conflictsCount', { count: status.conflicts })}>
          <Badge count={status.conflicts} size="small" overflowCount={99}>
            <Button
              size="small"
              type="text"
              className="header-icon-button"
              icon={<ExclamationCircleFilled />}
              aria-label={t('sync.openConflicts')}
              onClick={() => void navigate('/conflicts')}
              data-testid="sync-conflicts"
            />
          </Badge>
        </Tooltip>
      )}
      {status.setAside > 0 && (
        <Tooltip title={t('sync.setAsideCount', { count: status.setAside })}>
          <Badge count={status.setAside} size="small" color="#faad14">
            <Button
              size="small"
              type="text"
              className="header-icon-button"
              icon={<WarningOutlined />}
              aria-label={t('sync.setAsideCount', { count: status.setAside })}
              onClick={() => void navigate('/conflicts?tab=setAside')}
              data-testid="sync-set-aside"
            />
          </Badge>
        </Tooltip>
      )}
      {signedIn ? (
        <Tooltip title={t('sync.syncNowShortcut')}>
          <Button
            size="small"
            ghost
            icon={<SyncOutlined spin={busy} />}
            disabled={busy}
            onClick={() => void syncNow()}
            data-testid="sync-now"
          >
            {t('sync.syncNow')}
          </Button>
        </Tooltip>
      ) : (
        <Link to="/sign-in" className="header-link" data-testid="sign-in-link">
          <LoginOutlined /> {t('sync.signIn')}
        </Link>
      )}
    </Space>
  );
}
