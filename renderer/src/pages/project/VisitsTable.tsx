import { Empty, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Visit, VisitKind } from '../../../../shared/domain/visit';
import { date, wan } from '../../format';
import type { Lang } from '../../i18n';

/** Visits, newest first (as the backend sends them); a row expands to the findings. */
export function VisitsTable({ visits }: { visits: Visit[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lang = i18n.language as Lang;
  const money = (v: number | null) => <span className="num">{wan(v, lang)}</span>;
  return (
    <div data-testid="visits-table">
      <Table<Visit>
        size="small"
        rowKey="id"
        dataSource={visits}
        // A row opens its visit (drafts to continue, submitted ones to read or correct).
        onRow={(v) => ({
          onClick: () => void navigate(`/visits/${encodeURIComponent(v.id)}`),
          style: { cursor: 'pointer' },
        })}
        pagination={visits.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 1080 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('project.visit.empty')}
              data-testid="visits-empty"
            >
              <span className="muted">{t('project.visit.emptyHint')}</span>
            </Empty>
          ),
        }}
        expandable={{
          rowExpandable: (v) => !!v.findings.trim() || !!v.figures.visibleProgress?.trim() || !!v.location,
          expandedRowRender: (v) => (
            <div className="visit-expanded">
              {v.figures.visibleProgress && (
                <p>
                  <b>{t('project.visit.visibleProgress')}：</b>
                  {v.figures.visibleProgress}
                </p>
              )}
              {v.findings.trim() && (
                <p>
                  <b>{t('project.visit.findings')}：</b>
                  {v.findings}
                </p>
              )}
              {v.location && (
                <p>
                  <b>{t('project.visit.location')}：</b>
                  {v.location}
                </p>
              )}
            </div>
          ),
        }}
        columns={[
          {
            title: t('project.visit.date'),
            dataIndex: 'date',
            width: 132,
            render: (d: string, v) => (
              <Link
                className="num"
                to={`/visits/${encodeURIComponent(v.id)}`}
                onClick={(e) => e.stopPropagation()}
                data-testid="visit-row-link"
              >
                {date(d, lang)}
              </Link>
            ),
          },
          {
            title: t('project.visit.kind'),
            dataIndex: 'kind',
            width: 150,
            render: (k: VisitKind) => t(`labels.visitKind.${k}`),
          },
          {
            title: t('project.visit.participants'),
            dataIndex: 'participants',
            ellipsis: true,
            render: (p: string[]) => (p.length ? p.join(lang === 'zh-CN' ? '、' : ', ') : '—'),
          },
          {
            title: t('project.visit.completedThisYear'),
            key: 'done',
            width: 150,
            align: 'right',
            render: (_: unknown, v) => money(v.figures.completedInvestmentThisYear),
          },
          {
            title: t('project.visit.cumulative'),
            key: 'cum',
            width: 150,
            align: 'right',
            render: (_: unknown, v) => money(v.figures.cumulativeInvestment),
          },
          {
            title: t('project.visit.fundsInPlace'),
            key: 'funds',
            width: 140,
            align: 'right',
            render: (_: unknown, v) => money(v.figures.fundsInPlace),
          },
          {
            title: t('project.visit.workers'),
            key: 'workers',
            width: 88,
            align: 'right',
            render: (_: unknown, v) => <span className="num">{v.figures.workersOnSite ?? '—'}</span>,
          },
          {
            title: t('project.visit.status'),
            dataIndex: 'status',
            width: 120,
            render: (_: unknown, v) => (
              <Space size={4}>
                <Tag color={v.status === 'draft' ? 'orange' : 'green'}>{t(`labels.visitStatus.${v.status}`)}</Tag>
                {v.isCorrection && <Tag color="purple">{t('project.visit.correction')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
