import { ArrowLeftOutlined, EditOutlined, FormOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Skeleton, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { PhotoPanel } from '../../components/photos/PhotoPanel';
import { LevelTag, StageTag } from '../../components/tags';
import { todayShanghai } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { useRole } from '../../stores/sync';
import { mayEditProjects } from '../../sync/roles';
import { ProblemDrawer } from '../problems/ProblemDrawer';
import { ProblemFormDrawer } from '../problems/ProblemFormDrawer';
import { FiguresChart } from './FiguresChart';
import { LazyProjectFormDrawer } from './LazyProjectFormDrawer';
import { ProceduresTable, ResumptionsTable } from './ProceduresPanel';
import { daysOverdue } from '../../../../shared/problem-flow';
import { ProblemsTable } from './ProblemsTable';
import { ProjectInfo } from './ProjectInfo';
import { VisitsTable } from './VisitsTable';

export function ProjectDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const [historyOpen, setHistoryOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  // Inspectors and group leaders record visits and problems; the project's own data is the coordinators'.
  const canEdit = mayEditProjects(useRole());
  const [raising, setRaising] = useState(false);
  const [problemId, setProblemId] = useState<string | null>(null);
  const detail = useAsync(`project:${id}`, () => call('projects.get', { id }), [
    'projects',
    'procedures',
    'resumptions',
    'visits',
    'problems',
    'service_groups',
  ]);
  const groups = useAsync('groups', () => call('groups.list', {}), ['service_groups']);
  const groupNames = useMemo(() => Object.fromEntries((groups.data ?? []).map((g) => [g.id, g.name])), [groups.data]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/projects')} data-testid="back-to-ledger">
      {t('project.backToLedger')}
    </Button>
  );

  // A stale answer for another project must not show under this id.
  const d = detail.data && detail.data.project.id === id ? detail.data : undefined;

  if (!d) {
    return (
      <div className="detail-page" data-testid="project-detail">
        <div>{back}</div>
        {detail.error ? (
          detail.error.code === 'not_found' ? (
            <Card>
              <Empty description={t('project.notFound')} />
            </Card>
          ) : (
            <ErrorAlert error={detail.error} onRetry={detail.reload} />
          )
        ) : (
          <Card>
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        )}
      </div>
    );
  }

  const p = d.project;
  const today = todayShanghai();
  const overdue = d.problems.filter((x) => daysOverdue(x, today) > 0).length;

  return (
    <div className="detail-page" data-testid="project-detail">
      {detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      <div className="panel detail-head">
        <div className="detail-head-top">
          {back}
          <Space>
            <Button
              type="primary"
              icon={<FormOutlined />}
              onClick={() => void navigate(`/projects/${encodeURIComponent(p.id)}/visits/new`)}
              data-testid="start-visit"
            >
              {t('visits.startVisit')}
            </Button>
            {canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-project">
                {t('projectForm.edit')}
              </Button>
            )}
            <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="history-button">
              {t('project.history')}
            </Button>
          </Space>
        </div>
        <h1 data-testid="project-name">{p.name}</h1>
        <Space size={8} wrap className="detail-head-meta">
          <span className="num muted" data-testid="project-code">
            {p.code}
          </span>
          <LevelTag level={p.level} />
          <StageTag stage={p.stage} />
          <span className="muted">
            {p.district} · {p.industry}
          </span>
        </Space>
      </div>

      <Card size="small" title={t('project.sections.basic')}>
        <ProjectInfo detail={d} />
      </Card>

      <FiguresChart projectId={p.id} />

      <div className="detail-two-col">
        <Card size="small" title={t('project.sections.procedures')}>
          <ProceduresTable procedures={d.procedures} />
        </Card>
        <Card size="small" title={t('project.sections.resumptions')}>
          <ResumptionsTable resumptions={d.resumptions} />
        </Card>
      </div>

      <Card
        size="small"
        title={
          <Space>
            {t('project.sections.visits')}
            <Badge count={d.visits.length} showZero color="#8a94a6" overflowCount={9999} />
          </Space>
        }
      >
        <VisitsTable visits={d.visits} />
      </Card>

      <Card
        size="small"
        title={
          <Space>
            {t('project.sections.problems')}
            {overdue > 0 && (
              <Tag color="error" data-testid="overdue-count">
                {t('project.problem.overdueCount', { count: overdue })}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space>
            <span className="muted problem-counts">{t('project.problem.counts', d.problemCounts)}</span>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="raise-problem">
              {t('problems.raise')}
            </Button>
          </Space>
        }
      >
        <ProblemsTable problems={d.problems} onOpen={setProblemId} />
      </Card>

      <PhotoPanel projectId={p.id} problems={d.problems} />

      <LazyProjectFormDrawer open={editing && canEdit} project={p} onClose={() => setEditing(false)} />
      <HistoryDrawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        table="projects"
        rowId={p.id}
        groupNames={groupNames}
      />
      <ProblemFormDrawer projectId={p.id} open={raising} onClose={() => setRaising(false)} />
      <ProblemDrawer problemId={problemId} onClose={() => setProblemId(null)} />
    </div>
  );
}
