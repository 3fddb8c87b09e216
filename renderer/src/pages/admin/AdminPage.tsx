import { Result, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Directory } from '../../../../shared/sync/wire';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { useRole, useSyncStore } from '../../stores/sync';
import { mayAdminister } from '../../sync/roles';
import { AssignmentsTab } from './AssignmentsTab';
import { DevicesTab } from './DevicesTab';
import { GroupsTab } from './GroupsTab';
import { UsersTab } from './UsersTab';
import './admin.css';

/** Why the admin page cannot be used now, or null when it can. */
function useBlocker(): 'signedOut' | 'notAllowed' | 'offline' | null {
  const state = useSyncStore((s) => s.status?.state ?? 'signed_out');
  const role = useRole();
  if (state === 'signed_out') return 'signedOut';
  if (!mayAdminister(role)) return 'notAllowed';
  if (state === 'offline') return 'offline';
  return null;
}

function AdminTabs() {
  const { t } = useTranslation();
  const loaded = useAsync('admin.directory', () => call('admin.directory', {}));
  // A save answers with the whole directory: it replaces the loaded one until the next reload.
  const [saved, setSaved] = useState<Directory | null>(null);
  const directory =
    saved && loaded.data && saved.version >= loaded.data.version ? saved : (loaded.data ?? saved ?? undefined);

  if (loaded.error && !directory) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  return (
    <Tabs
      items={[
        {
          key: 'users',
          label: t('admin.tabs.users'),
          children: <UsersTab directory={directory} onSaved={setSaved} />,
        },
        {
          key: 'groups',
          label: t('admin.tabs.groups'),
          children: <GroupsTab directory={directory} onSaved={setSaved} />,
        },
        {
          key: 'assignments',
          label: t('admin.tabs.assignments'),
          children: <AssignmentsTab directory={directory} onSaved={setSaved} />,
        },
        { key: 'devices', label: t('admin.tabs.devices'), children: <DevicesTab /> },
      ]}
    />
  );
}

/** Users, service groups, assignments and devices: coordinators and admins, online. */
export function AdminPage() {
  const { t } = useTranslation();
  const blocker = useBlocker();
  return (
    <div className="admin-page" data-testid="admin-page">
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
        <span className="page-sub">{t('admin.subtitle')}</span>
      </div>
      {blocker ? (
        <Result
          status={blocker === 'offline' ? 'warning' : 'info'}
          title={t(`admin.${blocker}`)}
          subTitle={t(`admin.${blocker}Hint`)}
          extra={blocker === 'signedOut' ? <Link to="/sign-in">{t('sync.signIn')}</Link> : undefined}
          data-testid="admin-blocked"
        />
      ) : (
        <div className="panel admin-panel">
          <AdminTabs />
        </div>
      )}
    </div>
  );
}
