import { LockOutlined } from '@ant-design/icons';
import { App, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { useLockStore } from '../../stores/lock';
import { useLockT } from './useLockT';

/** The header's "lock now" (also Ctrl+L); without a PIN yet it leads to the security settings. */
export function LockButton() {
  const t = useLockT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const hasSecret = useLockStore((s) => !!s.state?.secretKind);
  const lockNow = useLockStore((s) => s.lockNow);
  const onClick = () => {
    if (hasSecret) {
      void lockNow();
      return;
    }
    void message.info(t('header.noSecret'));
    void navigate('/settings');
  };
  return (
    <Tooltip title={t('header.lockNow')}>
      <button
        type="button"
        className="header-plain-button app-lock-button"
        onClick={onClick}
        aria-label={t('header.lockNow')}
        data-testid="lock-now"
      >
        <LockOutlined />
      </button>
    </Tooltip>
  );
}
