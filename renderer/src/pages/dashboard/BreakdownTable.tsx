import { Segmented, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import type { KpiDashboard } from '../../../../shared/channels/kpi';
import type { FigureKey, KpiBreakdownRow, KpiSlice, RatioKey } from '../../../../shared/kpi/types';
import { useKpiStore } from '../../stores/kpi';
import { rateText } from './dashboardLogic';
import type { FigureRequest } from './FigureDrawer';
import { useDashboardT } from './useDashboardT';

const COLUMNS: readonly RatioKey[] = ['start', 'investment', 'funding', 'production', 'coverage'];

interface Props {
  data: KpiDashboard;
  slice: KpiSlice;
  onOpen: (request: FigureRequest) => void;
}

/** The rates of each district or group; every cell opens the projects behind it. */
export function BreakdownTable({ data, slice, onOpen }: Props) {
  const td = useDashboardT();
  const by = useKpiStore((s) => s.breakdown);
  const setBy = useKpiStore((s) => s.setBreakdown);
  const rows = by === 'district' ? data.byDistrict : data.byGroup;
  const label = (r: KpiBreakdownRow) => (r.key === null ? td('breakdown.noGroup') : r.label);

  const open = (r: KpiBreakdownRow, figure: FigureKey) => {
    const own: KpiSlice =
      r.key === null ? slice : by === 'district' ? { ...slice, districts: [r.key] } : { ...slice, groupIds: [r.key] };
    onOpen({ figure, slice: own, scope: label(r), noGroup: r.key === null });
  };
  const cell = (r: KpiBreakdownRow, figure: FigureKey, text: string) => (
    <button
      type="button"
      className="kpi-cell-link num"
      data-testid={`cell-${figure}`}
      onClick={(e) => {
        e.stopPropagation();
        open(r, figure);
      }}
    >
      {text}
    </button>
  );

  return (
    <div className="panel kpi-panel" data-testid="kpi-breakdown">
      <div className="kpi-panel-head">
        <span className="kpi-panel-title">{td('breakdown.title')}</span>
        <Segmented<'district' | 'group'>
          size="small"
          value={by}
          onChange={setBy}
          data-testid="breakdown-by"
          options={[
            { value: 'district', label: td('breakdown.byDistrict') },
            { value: 'group', label: td('breakdown.byGroup') },
          ]}
        />
      </div>
      <Table<KpiBreakdownRow>
        size="small"
        rowKey={(r) => r.key ?? '(none)'}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 360 }}
        onRow={() => ({ 'data-testid': 'breakdown-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: td('breakdown.name'), key: 'name', render: (_: unknown, r) => label(r), width: 150 },
          {
            title: td('breakdown.projects'),
            key: 'projects',
            width: 76,
            align: 'right',
            render: (_: unknown, r) => <span className="num">{r.figures.projects}</span>,
          },
          ...COLUMNS.map((c) => ({
            title: td(`rate.${c}`),
            key: c,
            align: 'right' as const,
            render: (_: unknown, r: KpiBreakdownRow) => cell(r, c, rateText(r.figures[c])),
          })),
          {
            title: td('problems.overdue'),
            key: 'overdue',
            width: 96,
            align: 'right',
            render: (_: unknown, r) =>
              r.figures.overdue > 0 ? cell(r, 'overdue', String(r.figures.overdue)) : <span className="muted">0</span>,
          },
        ]}
      />
    </div>
  );
}
