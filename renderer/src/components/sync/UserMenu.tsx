import { CameraOutlined, DownOutlined, LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import { useRole, useSyncStore } from '../../stores/sync';

/** The signed-in user's name and role, with sign-in or sign-out (confirmed: unsynced changes stay here). */
export function UserMenu() {
  const { t } = useTranslation();
  const tp = usePhotoSyncT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const identity = useSyncStore((s) => s.identity);
  const status = useSyncStore((s) => s.status);
  const signOut = useSyncStore((s) => s.signOut);
  const role = useRole();
  if (!identity) return null;

  const signedIn = !!status && status.state !== 'signed_out';

  const confirmSignOut = () => {
    modal.confirm({
      title: t('sync.user.signOutTitle'),
      content: t('sync.user.signOutBody', { count: status?.pending ?? 0 }),
      okText: t('sync.user.signOutOk'),
      cancelText: t('sync.user.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'sign-out-confirm' },
      onOk: async () => {
        await signOut();
        if (!useSyncStore.getState().actionError) void message.success(t('sync.user.signedOut'));
      },
    });
  };

  const photoSettings = {
    key: 'photoSync',
    icon: <CameraOutlined />,
    label: <span data-testid="menu-photo-sync">{tp('openSettings')}</span>,
    onClick: () => void navigate('/sync/photos'),
  };
  const items: MenuProps['items'] = signedIn
    ? [
        photoSettings,
        {
          key: 'signOut',
          icon: <LogoutOutlined />,
          label: <span data-testid="sign-out">{t('sync.user.signOut')}</span>,
          onClick: confirmSignOut,
        },
      ]
    : [
        photoSettings,
        {
          key: 'signIn',
          icon: <LoginOutlined />,
          label: t('sync.user.signIn'),
          onClick: () => void navigate('/sign-in'),
        },
      ];

  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <button
        type="button"
        className="app-user header-plain-button"
        data-testid="user-menu"
        title={role ? t('sync.user.menu') : t('sync.user.local')}
      >
        <UserOutlined /> <span data-testid="user-name">{identity.name}</span>
        {role && (
          <span className="app-user-role" data-testid="user-role">
            {t(`sync.role.${role}`)}
          </span>
        )}
        <DownOutlined className="app-user-caret" />
      </button>
    </Dropdown>
  );
}
