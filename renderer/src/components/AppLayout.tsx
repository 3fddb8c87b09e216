import {
  CalendarOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  ProjectOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  LockOutlined,
} from '@ant-design/icons';
import { Badge, Layout, Menu, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { startPhotoSync } from '../stores/photoSync';
import { startSyncStatus, useRole, useSyncStore } from '../stores/sync';
import { mayAdminister } from '../sync/roles';
import { BRAND } from '../theme';
import { usePlanT } from '../i18n/usePlanT';
import { useDashboardT } from '../pages/dashboard/useDashboardT';
import { LanguageSwitch } from './LanguageSwitch';
import { LockButton } from './lock/LockButton';
import { useLockT } from './lock/useLockT';
import { ReminderBell } from './reminders/ReminderBell';
import { ShortcutsHelp, useGlobalShortcuts } from './ShortcutsHelp';
import { SyncIndicator } from './sync/SyncIndicator';
import { UserMenu } from './sync/UserMenu';

const { Header, Sider, Content } = Layout;

function Emblem() {
  // A plain mark rather than an official emblem, which software must not reproduce.
  return (
    <svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true">
      <rect
        x="1"
        y="1"
        width="24"
        height="24"
        rx="4"
        fill="none"
        stroke="#ffffff"
        strokeOpacity="0.85"
        strokeWidth="1.5"
      />
      <path d="M6 19h14M8 17V10M13 17V7M18 17v-5" stroke="#ffffff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const shortcuts = useGlobalShortcuts();
  const role = useRole();
  const conflicts = useSyncStore((s) => (s.status?.conflicts ?? 0) + (s.status?.setAside ?? 0));
  useEffect(() => startSyncStatus(), []);
  useEffect(() => startPhotoSync(), []);
  const tp = usePlanT();
  const td = useDashboardT();
  const tl = useLockT();
  const selected = (
    [
      'plan',
      'dashboard',
      'projects',
      'problems',
      'deadlines',
      'meetings',
      'groups',
      'conflicts',
      'admin',
      'settings',
    ] as const
  ).find((k) => location.pathname.startsWith(`/${k}`));

  return (
    <Layout className="app-shell">
      <Header className="app-header">
        <Space size={12} className="app-brand">
          <Emblem />
          <Typography.Text className="app-title" style={{ color: BRAND.headerText }}>
            {t('app.title')}
          </Typography.Text>
        </Space>
        <Space size={20} className="app-header-right">
          <ReminderBell />
          <SyncIndicator />
          <UserMenu />
          <LockButton />
          <LanguageSwitch />
        </Space>
      </Header>
      <Layout>
        {/* Below 1600 px the menu folds to icons so the ledger's columns fit a 1366 px laptop screen. */}
        <Sider width={168} collapsedWidth={56} breakpoint="xxl" collapsible className="app-sider" theme="light">
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => void navigate(`/${key}`)}
            items={[
              { key: 'plan', icon: <CarryOutOutlined />, label: tp('nav.plan'), 'data-testid': 'nav-plan' },
              { key: 'dashboard', icon: <DashboardOutlined />, label: td('nav'), 'data-testid': 'nav-dashboard' },
              { key: 'projects', icon: <ProjectOutlined />, label: t('menu.ledger'), 'data-testid': 'nav-ledger' },
              {
                key: 'problems',
                icon: <ExclamationCircleOutlined />,
                label: t('problems.menu'),
                'data-testid': 'nav-problems',
              },
              {
                key: 'deadlines',
                icon: <ClockCircleOutlined />,
                label: tp('nav.deadlines'),
                'data-testid': 'nav-deadlines',
              },
              { key: 'meetings', icon: <CalendarOutlined />, label: tp('nav.meetings'), 'data-testid': 'nav-meetings' },
              { key: 'groups', icon: <TeamOutlined />, label: tp('nav.groups'), 'data-testid': 'nav-groups' },
              {
                key: 'conflicts',
                icon: <SwapOutlined />,
                label: (
                  <Space size={6}>
                    {t('sync.menu.conflicts')}
                    <Badge count={conflicts} size="small" />
                  </Space>
                ),
                'data-testid': 'nav-conflicts',
              },
              ...(mayAdminister(role)
                ? [{ key: 'admin', icon: <SettingOutlined />, label: t('sync.menu.admin'), 'data-testid': 'nav-admin' }]
                : []),
              { key: 'settings', icon: <LockOutlined />, label: tl('nav'), 'data-testid': 'nav-settings' },
            ]}
          />
        </Sider>
        <Content className="app-content">
          <Outlet />
        </Content>
        <ShortcutsHelp open={shortcuts.helpOpen} onClose={() => shortcuts.setHelpOpen(false)} />
      </Layout>
    </Layout>
  );
}
