import { Drawer, Empty, Segmented, Table, Tag } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FigureKey, KpiRow, KpiSlice, RatioKey } from '../../../../shared/kpi/types';
import { RATIO_KEYS } from '../../../../shared/kpi/types';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { monthParts, rowValue } from './dashboardLogic';
import { useDashboardT } from './useDashboardT';

export interface FigureRequest {
  figure: FigureKey;
  slice: KpiSlice;
  /** A breakdown row's own title (a district, a group), shown beside the figure's. */
  scope: string | null;
  /** Only projects without a group (the breakdown's "no group" row, which a slice cannot name). */
  noGroup?: boolean;
  /** Another month than the dashboard's (a point of the trend chart). */
  month?: string;
}

type Show = 'counted' | 'notCounted' | 'all';

const isRatio = (f: FigureKey): f is RatioKey => (RATIO_KEYS as readonly string[]).includes(f);

function figureTitle(figure: FigureKey, td: ReturnType<typeof useDashboardT>): string {
  if (isRatio(figure)) return td(`rate.${figure}`);
  if (figure === 'resolveDays') return td('problems.avgDays');
  return td(`problems.${figure}`);
}

/** "Which ones?": the projects behind a figure, those counted and those not, each opening its project. */
export function FigureDrawer({
  month: dashboardMonth,
  request,
  onClose,
}: {
  month: string;
  request: FigureRequest | null;
  onClose: () => void;
}) {
  const td = useDashboardT();
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const [show, setShow] = useState<Show>('all');
  const figure = request?.figure ?? 'start';
  const month = request?.month ?? dashboardMonth;
  const ratio = isRatio(figure);
  const key = request ? `kpi-projects:${month}:${figure}:${JSON.stringify(request.slice)}` : 'none';
  const list = useAsync(
    key,
    () =>
      request
        ? call('kpi.projects', { period: { from: month, to: month }, slice: request.slice, figure })
        : Promise.resolve(null),
    ['visits', 'problems', 'projects', 'month_closings', 'month_closing_parts'],
  );
  const data = list.data && list.data.figure === figure ? list.data : null;
  const counted = useMemo(() => new Set(data?.numeratorIds ?? []), [data]);
  const rows = useMemo(() => {
    const all = (data?.rows ?? []).filter((r) => !request?.noGroup || r.groupId === null);
    if (!ratio) return all;
    // Those that hold the rate down first: the leader's next question is about them.
    if (show === 'all' && (figure === 'investment' || figure === 'funding')) {
      const part = figure === 'investment' ? 'completed' : 'funds';
      const share = (r: KpiRow) => (r.annualPlan > 0 ? r[part] / r.annualPlan : Number.POSITIVE_INFINITY);
      return [...all].sort((a, b) => (share(a) === share(b) ? 0 : share(a) < share(b) ? -1 : 1));
    }
    if (show === 'all')
      return [...all].sort((a, b) => Number(counted.has(a.projectId)) - Number(counted.has(b.projectId)));
    return all.filter((r) => counted.has(r.projectId) === (show === 'counted'));
  }, [data, request, ratio, show, counted, figure]);

  const status = (r: KpiRow) => {
    if (!ratio) return null;
    const yes = counted.has(r.projectId);
    return (
      <span>
        <Tag color={yes ? 'success' : 'default'}>
          {td(yes ? `drawer.counted.${figure}` : `drawer.notCounted.${figure}`)}
        </Tag>
        {figure === 'start' && r.startKind && (
          <span className="muted kpi-small">{td(`drawer.kind.${r.startKind}`)}</span>
        )}
      </span>
    );
  };
  const other = request?.month ? monthParts(request.month) : null;
  const otherMonth = other ? (lang === 'zh-CN' ? ` · ${other.year}年${other.month}月` : ` · ${request?.month}`) : '';
  const title = `${figureTitle(figure, td)}${request?.scope ? ` · ${request.scope}` : ''}${otherMonth}`;

  return (
    <Drawer
      open={request !== null}
      onClose={onClose}
      size={880}
      title={td('drawer.title', { figure: title })}
      data-testid="figure-drawer"
      destroyOnHidden
    >
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <div className="kpi-drawer-head">
        {ratio && (
          <Segmented<Show>
            value={show}
            onChange={setShow}
            data-testid="drawer-show"
            options={[
              { value: 'all', label: td('drawer.all') },
              { value: 'counted', label: td(`drawer.counted.${figure}`) },
              { value: 'notCounted', label: td(`drawer.notCounted.${figure}`) },
            ]}
          />
        )}
        {data && (
          <span className="muted" data-testid="drawer-count">
            {td('drawer.count', { count: rows.length })} · {td('drawer.asOf', { date: date(data.asOf, lang) })}
            {data.source === 'snapshot' && <Tag className="kpi-snapshot-tag">{td('closing.snapshot')}</Tag>}
          </span>
        )}
      </div>
      <Table<KpiRow>
        size="small"
        rowKey="projectId"
        loading={list.loading && !data}
        dataSource={rows}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        onRow={(r) =>
          ({
            'data-testid': 'drawer-project',
            onClick: () => void navigate(`/projects/${r.projectId}`),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={td('drawer.empty')} /> }}
        columns={[
          {
            title: td('drawer.code'),
            dataIndex: 'code',
            width: 150,
            render: (v: string) => <span className="num">{v}</span>,
          },
          {
            title: td('drawer.name'),
            key: 'name',
            render: (_: unknown, r) => (
              <div>
                <span className="project-name-link">{r.name}</span>
                {(figure === 'investment' || figure === 'funding') && r.annualPlan > 0 && !r.reported && (
                  <Tag color="warning" className="kpi-inline-tag">
                    {td('drawer.notReported')}
                  </Tag>
                )}
              </div>
            ),
          },
          { title: td('drawer.district'), dataIndex: 'district', width: 100 },
          {
            title: td('drawer.group'),
            key: 'group',
            width: 120,
            render: (_: unknown, r) => r.groupName ?? '—',
          },
          ...(ratio && figure !== 'investment' && figure !== 'funding'
            ? [{ title: '', key: 'status', width: 140, render: (_: unknown, r: KpiRow) => status(r) }]
            : [
                {
                  title:
                    figure === 'investment' || figure === 'funding'
                      ? td(`drawer.valueOf.${figure}`)
                      : figure === 'resolveDays'
                        ? td('drawer.valueOf.days')
                        : td('drawer.valueOf.count'),
                  key: 'value',
                  width: 190,
                  align: 'right' as const,
                  render: (_: unknown, r: KpiRow) => <span className="num">{rowValue(r, figure, lang)}</span>,
                },
              ]),
        ]}
      />
    </Drawer>
  );
}
