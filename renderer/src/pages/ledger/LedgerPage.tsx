import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, type InputRef, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProjectListItem } from '../../../../shared/api';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { billions, yi } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { useDebounced } from '../../hooks/useDebounced';
import type { Lang } from '../../i18n';
import { hasActiveFilters, useLedgerStore } from '../../stores/ledger';
import { useRole } from '../../stores/sync';
import { mayEditProjects } from '../../sync/roles';
import { LazyProjectFormDrawer } from '../project/LazyProjectFormDrawer';
import { FilterBar } from './FilterBar';
import { LedgerTable } from './LedgerTable';
import { useLedgerRows, type LedgerQuery } from './useLedgerRows';
import { DraftsBanner } from '../visit/DraftsBanner';
import { ImportButton } from '../import/ImportButton';
import { LedgerExportButtons } from '../../components/exports/PageExports';

export function LedgerPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const searchRef = useRef<InputRef>(null);
  const [creating, setCreating] = useState(false);
  // New projects come from the coordinators (or a local user who has not signed in).
  const canCreate = mayEditProjects(useRole());
  const filters = useLedgerStore((s) => s.filters);
  const sort = useLedgerStore((s) => s.sort);
  const setSort = useLedgerStore((s) => s.setSort);
  const resetFilters = useLedgerStore((s) => s.resetFilters);
  const lastOpenedId = useLedgerStore((s) => s.lastOpenedId);
  const setLastOpened = useLedgerStore((s) => s.setLastOpened);
  const search = useDebounced(filters.search.trim(), 250);

  const facets = useAsync('facets', () => call('projects.facets', {}), ['projects', 'service_groups']);

  const query = useMemo<LedgerQuery>(
    () => ({
      levels: filters.levels,
      districts: filters.districts,
      stages: filters.stages,
      groupIds: filters.groupIds,
      industries: filters.industries,
      query: search,
      notVisitedThisMonth: filters.notVisitedThisMonth,
      hasOverdueProblems: filters.hasOverdueProblems,
      sort,
    }),
    [
      filters.levels,
      filters.districts,
      filters.stages,
      filters.groupIds,
      filters.industries,
      filters.notVisitedThisMonth,
      filters.hasOverdueProblems,
      search,
      sort,
    ],
  );
  const ledger = useLedgerRows(query);

  const totals = useMemo(() => {
    let total = 0;
    let annual = 0;
    for (const r of ledger.rows) {
      total += r.totalInvestment;
      annual += r.annualPlannedInvestment;
    }
    return { total, annual };
  }, [ledger.rows]);

  const open = useCallback(
    (row: ProjectListItem) => {
      setLastOpened(row.id);
      void navigate(`/projects/${encodeURIComponent(row.id)}`);
    },
    [navigate, setLastOpened],
  );

  // `/` or Ctrl+F focuses the search box (but `/` stays a character while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      const ctrlF = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f';
      if (ctrlF || (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey)) {
        e.preventDefault();
        searchRef.current?.focus({ cursor: 'all' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const filtered = hasActiveFilters(filters);
  const empty =
    ledger.loading || !ledger.complete ? (
      <div className="table-placeholder" />
    ) : filtered ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.emptyFiltered')} data-testid="ledger-empty">
        <div className="muted empty-hint">{t('ledger.emptyFilteredHint')}</div>
        <Button type="primary" onClick={resetFilters}>
          {t('ledger.clearFilters')}
        </Button>
      </Empty>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.emptyNone')} data-testid="ledger-empty">
        <div className="muted empty-hint">{t('ledger.emptyNoneHint')}</div>
      </Empty>
    );

  return (
    <div className="ledger-page">
      <div className="page-head">
        <h1>{t('ledger.title')}</h1>
        <span className="page-sub">{t('ledger.subtitle')}</span>
        {canCreate && <ImportButton />}
        {canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginLeft: 8, alignSelf: 'center' }}
            onClick={() => setCreating(true)}
            data-testid="create-project"
          >
            {t('projectForm.create')}
          </Button>
        )}
        <LedgerExportButtons query={query} first={!canCreate} />
      </div>
      <LazyProjectFormDrawer
        open={creating && canCreate}
        onClose={() => setCreating(false)}
        onSaved={(p) => void navigate(`/projects/${encodeURIComponent(p.id)}`)}
      />
      <DraftsBanner />
      <FilterBar facets={facets.data} searchRef={searchRef} />
      {facets.error && <ErrorAlert error={facets.error} onRetry={facets.reload} />}
      {ledger.error && <ErrorAlert error={ledger.error} onRetry={ledger.reload} />}
      <div className="panel ledger-table-panel">
        <div className="ledger-summary">
          <span data-testid="ledger-count" className="ledger-count">
            {ledger.loading ? (
              t('common.loading')
            ) : ledger.complete ? (
              // Totals are summed here from the loaded rows: the list holds every row of the query.
              t('ledger.count', {
                count: ledger.total,
                total: lang === 'zh-CN' ? yi(totals.total, lang) : billions(totals.total),
                annual: lang === 'zh-CN' ? yi(totals.annual, lang) : billions(totals.annual),
              })
            ) : (
              <span className="muted">
                <Spin size="small" /> {t('ledger.loadingMore', { loaded: ledger.rows.length, count: ledger.total })}
              </span>
            )}
          </span>
          <span className="kbd-hint">{t('ledger.keyboardHint')}</span>
        </div>
        <LedgerTable
          rows={ledger.rows}
          loading={ledger.loading}
          sort={sort}
          lastOpenedId={lastOpenedId}
          empty={empty}
          onSort={setSort}
          onOpen={open}
        />
      </div>
    </div>
  );
}
