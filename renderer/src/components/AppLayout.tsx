import { ExclamationCircleOutlined, ProjectOutlined, UserOutlined } from '@ant-design/icons';
import { Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { call } from '../api/client';
import { useAsync } from '../hooks/useAsync';
import { BRAND } from '../theme';
import { LanguageSwitch } from './LanguageSwitch';
import { ShortcutsHelp, useGlobalShortcuts } from './ShortcutsHelp';

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
  const identity = useAsync('identity', () => call('identity.get', {}));
  const shortcuts = useGlobalShortcuts();
  const selected = location.pathname.startsWith('/projects')
    ? 'projects'
    : location.pathname.startsWith('/problems')
      ? 'problems'
      : '';

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
          {identity.data && (
            <Tooltip title={t('app.userTooltip')}>
              <span className="app-user" data-testid="user-name">
                <UserOutlined /> {identity.data.name}
              </span>
            </Tooltip>
          )}
          <LanguageSwitch />
        </Space>
      </Header>
      <Layout>
        {/* Below 1600 px the menu folds to icons so the ledger's columns fit a 1366 px laptop screen. */}
        <Sider width={168} collapsedWidth={56} breakpoint="xxl" collapsible className="app-sider" theme="light">
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            onClick={({ key }) => {
              if (key === 'projects') void navigate('/projects');
              if (key === 'problems') void navigate('/problems');
            }}
            items={[
              { key: 'projects', icon: <ProjectOutlined />, label: t('menu.ledger'), 'data-testid': 'nav-ledger' },
              {
                key: 'problems',
                icon: <ExclamationCircleOutlined />,
                label: t('problems.menu'),
                'data-testid': 'nav-problems',
              },
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
