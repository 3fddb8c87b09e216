import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProjectFacets } from '../../../../shared/api';
import type { ProblemFacets } from '../../../../shared/channels/problems';
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../i18n/enums';
import { hasProblemFilters, useProblemListStore } from './filters';

interface Props {
  projectFacets: ProjectFacets | undefined;
  problemFacets: ProblemFacets | undefined;
}

const selectCommon = {
  mode: 'multiple' as const,
  allowClear: true,
  maxTagCount: 'responsive' as const,
  optionFilterProp: 'label',
  style: { width: 150 },
};

export function ProblemFilterBar({ projectFacets, problemFacets }: Props) {
  const { t } = useTranslation();
  const filters = useProblemListStore((s) => s.filters);
  const setFilter = useProblemListStore((s) => s.setFilter);
  const resetFilters = useProblemListStore((s) => s.resetFilters);

  return (
    <div className="panel filter-bar" role="search">
      <div className="filter-row">
        <Input
          data-testid="problem-filter-search"
          className="filter-search"
          allowClear
          prefix={<SearchOutlined className="muted" />}
          placeholder={t('problems.filter.search')}
          value={filters.search}
          onChange={(e) => setFilter('search', e.target.value)}
          maxLength={100}
        />
        <Select
          {...selectCommon}
          data-testid="problem-filter-status"
          placeholder={t('problems.filter.status')}
          value={filters.statuses}
          onChange={(v) => setFilter('statuses', v)}
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`labels.problemStatus.${s}`) }))}
        />
        <Select
          {...selectCommon}
          data-testid="problem-filter-category"
          placeholder={t('problems.filter.category')}
          value={filters.categories}
          onChange={(v) => setFilter('categories', v)}
          options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`labels.problemCategory.${c}`) }))}
        />
        <Select
          {...selectCommon}
          style={{ width: 180 }}
          data-testid="problem-filter-leadUnit"
          placeholder={t('problems.filter.leadUnit')}
          value={filters.leadUnits}
          onChange={(v) => setFilter('leadUnits', v)}
          options={(problemFacets?.leadUnits ?? []).map((u) => ({ value: u, label: u }))}
        />
        <Select
          {...selectCommon}
          data-testid="problem-filter-district"
          placeholder={t('problems.filter.district')}
          value={filters.districts}
          onChange={(v) => setFilter('districts', v)}
          options={(projectFacets?.districts ?? []).map((d) => ({ value: d, label: d }))}
        />
        <Select
          {...selectCommon}
          data-testid="problem-filter-group"
          placeholder={t('problems.filter.group')}
          value={filters.groupIds}
          onChange={(v) => setFilter('groupIds', v)}
          options={(projectFacets?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
        <DatePicker.RangePicker
          data-testid="problem-filter-raised"
          allowEmpty={[true, true]}
          placeholder={[t('problems.filter.raisedFrom'), t('problems.filter.raisedTo')]}
          value={[
            filters.raisedFrom ? dayjs(filters.raisedFrom) : null,
            filters.raisedTo ? dayjs(filters.raisedTo) : null,
          ]}
          onChange={(range) => {
            setFilter('raisedFrom', range?.[0]?.format('YYYY-MM-DD') ?? null);
            setFilter('raisedTo', range?.[1]?.format('YYYY-MM-DD') ?? null);
          }}
          style={{ width: 250 }}
        />
        <label className="problem-overdue-switch">
          <Switch
            size="small"
            data-testid="problem-filter-overdue"
            checked={filters.overdueOnly}
            onChange={(v) => setFilter('overdueOnly', v)}
          />
          <span>{t('problems.filter.overdueOnly')}</span>
        </label>
        <Button
          data-testid="problem-filter-reset"
          icon={<ReloadOutlined />}
          onClick={resetFilters}
          disabled={!hasProblemFilters(filters)}
        >
          {t('problems.filter.reset')}
        </Button>
      </div>
    </div>
  );
}
