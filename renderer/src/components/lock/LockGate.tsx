import { Button, Result } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setAppLockedListener } from '../../api/client';
import { startActivityReports, startLockState, useLockStore } from '../../stores/lock';
import { LockScreen } from './LockScreen';

function isLockShortcut(e: KeyboardEvent): boolean {
  // e.code: the L key whatever the keyboard layout or IME.
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyL';
}

/**
 * Renders the app only while unlocked; while locked (or before the backend said), only the lock
 * screen or nothing, so no data is in the page at all. Also reports activity and takes Ctrl+L.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const locked = useLockStore((s) => s.state?.locked ?? null);
  const hasSecret = useLockStore((s) => !!s.state?.secretKind);
  const idleMs = useLockStore((s) => s.state?.idleMs ?? null);
  const loadError = useLockStore((s) => s.loadError);

  useEffect(() => {
    const stop = startLockState();
    // A call refused as locked (an event missed): read the state again, which shows the lock screen.
    setAppLockedListener(() => void useLockStore.getState().refresh());
    return () => {
      stop();
      setAppLockedListener(null);
    };
  }, []);

  useEffect(() => {
    if (locked !== false || !hasSecret || idleMs === null) return;
    return startActivityReports(idleMs);
  }, [locked, hasSecret, idleMs]);

  useEffect(() => {
    if (locked !== false) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isLockShortcut(e)) return;
      e.preventDefault();
      void useLockStore.getState().lockNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked]);

  if (locked === null) {
    return loadError ? (
      <Result
        status="warning"
        title={t(`errors.${loadError.code}`)}
        subTitle={loadError.message}
        extra={<Button onClick={() => void useLockStore.getState().refresh()}>{t('common.retry')}</Button>}
      />
    ) : null;
  }
  return locked ? <LockScreen /> : <>{children}</>;
}
