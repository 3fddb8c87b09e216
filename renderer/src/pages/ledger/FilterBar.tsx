import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, type InputRef, Select, Tooltip } from 'antd';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectFacets } from '../../../../shared/api';
import { LEVELS, STAGES } from '../../i18n/enums';
import { hasActiveFilters, useLedgerStore } from '../../stores/ledger';

interface Props {
  facets: ProjectFacets | undefined;
  searchRef: Ref<InputRef>;
}

const selectCommon = {
  mode: 'multiple' as const,
  allowClear: true,
  maxTagCount: 'responsive' as const,
  optionFilterProp: 'label',
  style: { width: 140 },
};

export function FilterBar({ facets, searchRef }: Props) {
  const { t } = useTranslation();
  const filters = useLedgerStore((s) => s.filters);
  const setFilter = useLedgerStore((s) => s.setFilter);
  const resetFilters = useLedgerStore((s) => s.resetFilters);

  return (
    <div className="panel filter-bar" role="search">
      <div className="filter-row">
        <Input
          ref={searchRef}
          data-testid="search-input"
          className="filter-search"
          allowClear
          prefix={<SearchOutlined className="muted" />}
          placeholder={t('ledger.searchPlaceholder')}
          value={filters.search}
          suffix={<kbd className="kbd">/</kbd>}
          onChange={(e) => setFilter('search', e.target.value)}
          maxLength={100}
        />
        <Select
          {...selectCommon}
          data-testid="filter-level"
          placeholder={t('ledger.filterLevel')}
          value={filters.levels}
          onChange={(v) => setFilter('levels', v)}
          options={LEVELS.map((l) => ({ value: l, label: t(`labels.level.${l}`) }))}
        />
        <Select
          {...selectCommon}
          data-testid="filter-district"
          placeholder={t('ledger.filterDistrict')}
          value={filters.districts}
          onChange={(v) => setFilter('districts', v)}
          options={(facets?.districts ?? []).map((d) => ({ value: d, label: d }))}
        />
        <Select
          {...selectCommon}
          data-testid="filter-stage"
          placeholder={t('ledger.filterStage')}
          value={filters.stages}
          onChange={(v) => setFilter('stages', v)}
          options={STAGES.map((s) => ({ value: s, label: t(`labels.stage.${s}`) }))}
        />
        <Select
          {...selectCommon}
          data-testid="filter-group"
          placeholder={t('ledger.filterGroup')}
          value={filters.groupIds}
          onChange={(v) => setFilter('groupIds', v)}
          options={(facets?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
        <Select
          {...selectCommon}
          data-testid="filter-industry"
          placeholder={t('ledger.filterIndustry')}
          value={filters.industries}
          onChange={(v) => setFilter('industries', v)}
          options={(facets?.industries ?? []).map((i) => ({ value: i, label: i }))}
        />
        <Tooltip title={t('ledgerFilters.notVisitedHint')}>
          <Checkbox
            data-testid="filter-not-visited"
            checked={filters.notVisitedThisMonth}
            onChange={(e) => setFilter('notVisitedThisMonth', e.target.checked)}
          >
            {t('ledgerFilters.notVisited')}
          </Checkbox>
        </Tooltip>
        <Tooltip title={t('ledgerFilters.overdueHint')}>
          <Checkbox
            data-testid="filter-overdue"
            checked={filters.hasOverdueProblems}
            onChange={(e) => setFilter('hasOverdueProblems', e.target.checked)}
          >
            {t('ledgerFilters.overdue')}
          </Checkbox>
        </Tooltip>
        <Button
          data-testid="filter-reset"
          icon={<ReloadOutlined />}
          onClick={resetFilters}
          disabled={!hasActiveFilters(filters)}
        >
          {t('ledger.reset')}
        </Button>
      </div>
    </div>
  );
}
