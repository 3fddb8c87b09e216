import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { PhotoPanel } from '../../components/photos/PhotoPanel';
import { ProblemStatusTag } from '../../components/tags';
import { useAsync } from '../../hooks/useAsync';
import { ProblemDrawer } from '../problems/ProblemDrawer';
import { ProblemFormDrawer } from '../problems/ProblemFormDrawer';

/** What an inspector adds on site besides the figures: the problems raised and the photos taken. */
export function VisitAttachments({ projectId, visitId }: { projectId: string; visitId: string }) {
  const { t } = useTranslation();
  const [raising, setRaising] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const problems = useAsync(
    `visit-problems:${visitId}`,
    () => call('problems.list', { visitId, sort: { field: 'raisedOn', order: 'asc' } }),
    ['problems'],
  );
  const rows = problems.data?.rows ?? [];

  return (
    <>
      <Card
        size="small"
        title={t('visits.sections.problems')}
        data-testid="visit-problems"
        extra={
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setRaising(true)}
            data-testid="visit-raise-problem"
          >
            {t('visits.raiseProblem')}
          </Button>
        }
      >
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.noProblems')} />
        ) : (
          <List
            size="small"
            dataSource={rows}
            renderItem={(p) => (
              <List.Item data-testid="visit-problem-row" onClick={() => setOpenId(p.id)} className="clickable">
                <Space>
                  <Tag>{t(`labels.problemCategory.${p.category}`)}</Tag>
                  <span>{p.description}</span>
                  <ProblemStatusTag status={p.status} />
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <PhotoPanel projectId={projectId} visitId={visitId} problems={rows} />
      <ProblemFormDrawer projectId={projectId} visitId={visitId} open={raising} onClose={() => setRaising(false)} />
      <ProblemDrawer problemId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
