import { App as AntdApp, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router';
import { hasApi } from './api/client';
import { AppLayout } from './components/AppLayout';
import { DatabaseUnlock } from './components/db-unlock/DatabaseUnlock';
import { LockGate } from './components/lock/LockGate';
import { LedgerPage } from './pages/ledger/LedgerPage';
import { ProjectDetailPage } from './pages/project/ProjectDetailPage';
import { AdminPage } from './pages/admin/AdminPage';
import { ProblemsPage } from './pages/problems/ProblemsPage';
import { ConflictsPage } from './pages/sync/ConflictsPage';
import { DeadlinesPage } from './pages/deadlines/DeadlinesPage';
import { GroupsPage } from './pages/groups/GroupsPage';
import { MeetingsPage } from './pages/meetings/MeetingsPage';
import { HomeRedirect } from './pages/plan/HomeRedirect';
import { PlanPage } from './pages/plan/PlanPage';
import { SignInPage } from './pages/sync/SignInPage';
import { useSettingsStore } from './stores/settings';
import { theme } from './theme';

// The visit form brings zod and the form libraries along: loaded when a visit is opened, not at start.
const VisitFormPage = lazy(() => import('./pages/visit/VisitFormPage'));
const visitForm = (
  <Suspense>
    <VisitFormPage />
  </Suspense>
);
// The ledger import wizard (exceljs stays in the backend; this is only its UI), loaded when opened.
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
// The dashboard brings echarts and the figures' schemas along: loaded when opened.
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
// The security settings bring zod and the form libraries along: loaded when opened.
const SecuritySettingsPage = lazy(() => import('./pages/settings/SecuritySettingsPage'));
// Photo sync status and settings (a react-hook-form + zod form): loaded when opened.
const PhotoSyncPage = lazy(() => import('./pages/sync/PhotoSyncPage'));

function NoBackend() {
  const { t } = useTranslation();
  return <Result status="warning" title={t('app.noApi')} subTitle={t('app.noApiHint')} />;
}

export function App() {
  const lang = useSettingsStore((s) => s.lang);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntdApp>
        {hasApi() ? (
          // Hash routing: the app is loaded from file:// in Electron and from http in the browser shell.
          // The lock gate renders nothing of the app while locked; the hash keeps the page for after unlocking.
          // Before both: the database passphrase, where the OS cannot protect its key (issue 8).
          <DatabaseUnlock>
            <LockGate>
              <HashRouter>
                <Routes>
                  <Route element={<AppLayout />}>
                    <Route path="/projects" element={<LedgerPage />} />
                    <Route path="/projects/:id" element={<ProjectDetailPage />} />
                    <Route
                      path="/projects/import"
                      element={
                        <Suspense>
                          <ImportPage />
                        </Suspense>
                      }
                    />
                    <Route path="/problems" element={<ProblemsPage />} />
                    <Route path="/projects/:projectId/visits/new" element={visitForm} />
                    <Route path="/visits/:id" element={visitForm} />
                    <Route path="/sign-in" element={<SignInPage />} />
                    <Route path="/conflicts" element={<ConflictsPage />} />
                    <Route
                      path="/sync/photos"
                      element={
                        <Suspense>
                          <PhotoSyncPage />
                        </Suspense>
                      }
                    />
                    <Route path="/admin" element={<AdminPage />} />
                    <Route path="/plan" element={<PlanPage />} />
                    <Route path="/groups" element={<GroupsPage />} />
                    <Route path="/meetings/:id?" element={<MeetingsPage />} />
                    <Route path="/deadlines" element={<DeadlinesPage />} />
                    <Route
                      path="/dashboard"
                      element={
                        <Suspense>
                          <DashboardPage />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/settings"
                      element={
                        <Suspense>
                          <SecuritySettingsPage />
                        </Suspense>
                      }
                    />
                    <Route path="*" element={<HomeRedirect />} />
                  </Route>
                </Routes>
              </HashRouter>
            </LockGate>
          </DatabaseUnlock>
        ) : (
          <NoBackend />
        )}
      </AntdApp>
    </ConfigProvider>
  );
}
