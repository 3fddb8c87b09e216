import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { toApiError } from '../../api/client';
import { useNow } from '../../hooks/useNow';
import { useLockStore } from '../../stores/lock';
import { LanguageSwitch } from '../LanguageSwitch';
import { useLockT } from './useLockT';
import './lock.css';

type Message = { kind: 'wrong'; left: number } | { kind: 'error'; text: string } | null;

/**
 * The whole window while locked: nothing else is rendered (the app's pages are unmounted, not
 * hidden or blurred). Enter unlocks; Esc does nothing; after too many wrong tries a countdown.
 */
export function LockScreen() {
  const t = useLockT();
  const state = useLockStore((s) => s.state);
  const receivedAt = useLockStore((s) => s.receivedAt);
  const unlock = useLockStore((s) => s.unlock);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [forgotOpen, setForgotOpen] = useState(false);
  const input = useRef<InputRef>(null);
  const now = useNow(500);
  // `now` ticks every 500 ms and may be older than the state just received: never count time backwards.
  const waitMs = Math.max(0, (state?.retryInMs ?? 0) - Math.max(0, now - receivedAt));
  const waiting = waitMs > 0;
  const pin = state?.secretKind !== 'password';

  useEffect(() => {
    if (!busy && !waiting) input.current?.focus();
  }, [busy, waiting]);

  const submit = async () => {
    if (busy || waiting || secret.length === 0) return;
    setBusy(true);
    try {
      const result = await unlock(secret);
      if (!result.unlocked) {
        setSecret('');
        const free = 5 - result.state.failedAttempts;
        setMessage(result.reason === 'wrong_secret' ? { kind: 'wrong', left: free } : null);
      }
    } catch (e) {
      setMessage({ kind: 'error', text: toApiError(e).message });
    } finally {
      setBusy(false);
    }
  };

  // Esc must not close or reveal anything: swallow it before any listener of the (unmounted) app could.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const seconds = Math.ceil(waitMs / 1000);
  const countdown =
    seconds >= 60
      ? t('screen.throttledMinutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })
      : t('screen.throttled', { seconds });

  return (
    <div className="lock-screen" data-testid="lock-screen" onKeyDown={onKeyDown} role="dialog" aria-modal="true">
      <div className="lock-screen-lang">
        <LanguageSwitch />
      </div>
      <div className="lock-card">
        <div className="lock-icon" aria-hidden="true">
          <LockOutlined />
        </div>
        <Typography.Title level={3} className="lock-title">
          {t('screen.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {pin ? t('screen.subtitlePin') : t('screen.subtitlePassword')}
        </Typography.Text>
        <form
          className="lock-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Input.Password
            ref={input}
            size="large"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={pin ? t('screen.pinPlaceholder') : t('screen.passwordPlaceholder')}
            inputMode={pin ? 'numeric' : 'text'}
            autoComplete="off"
            maxLength={128}
            disabled={waiting}
            aria-label={pin ? t('screen.pinPlaceholder') : t('screen.passwordPlaceholder')}
            data-testid="lock-secret"
          />
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            block
            loading={busy}
            disabled={waiting || secret.length === 0}
            data-testid="lock-unlock"
          >
            {busy ? t('screen.checking') : t('screen.unlock')}
          </Button>
        </form>
        <div className="lock-message" aria-live="polite">
          {waiting ? (
            <Alert type="warning" showIcon title={countdown} data-testid="lock-countdown" />
          ) : message?.kind === 'wrong' ? (
            <Alert
              type="error"
              showIcon
              title={message.left > 0 ? t('screen.wrongLeft', { count: message.left }) : t('screen.wrong')}
              data-testid="lock-error"
            />
          ) : message?.kind === 'error' ? (
            <Alert type="error" showIcon title={message.text} data-testid="lock-error" />
          ) : null}
        </div>
        <Button type="link" onClick={() => setForgotOpen((o) => !o)} data-testid="lock-forgot">
          {t('screen.forgot')}
        </Button>
        {forgotOpen && (
          <Typography.Paragraph className="lock-forgot-body" data-testid="lock-forgot-body">
            {t('screen.forgotBody')}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary" className="lock-sync-note">
          {t('screen.syncNote')}
        </Typography.Text>
      </div>
    </div>
  );
}
