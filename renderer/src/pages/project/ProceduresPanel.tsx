import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Procedure, ProcedureKind, Resumption } from '../../../../shared/domain/project';
import { ProcedureStatusTag } from '../../components/tags';
import { date } from '../../format';
import { PROCEDURE_KINDS } from '../../i18n/enums';
import type { Lang } from '../../i18n';

const kindRank = (k: ProcedureKind) => PROCEDURE_KINDS.indexOf(k);

/** 前期手续: the checklist in its usual order (立项 → 施工许可). */
export function ProceduresTable({ procedures }: { procedures: Procedure[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const rows = [...procedures].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
  return (
    <div data-testid="procedures-table">
      <Table<Procedure>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('project.procedure.empty')} />,
        }}
        columns={[
          {
            title: t('project.procedure.kind'),
            dataIndex: 'kind',
            width: 150,
            render: (k: ProcedureKind) => t(`labels.procedureKind.${k}`),
          },
          {
            title: t('project.procedure.status'),
            dataIndex: 'status',
            width: 110,
            render: (_: unknown, r) => <ProcedureStatusTag status={r.status} />,
          },
          {
            title: t('project.procedure.doneOn'),
            dataIndex: 'doneOn',
            width: 150,
            render: (d: string | null) => date(d, lang),
          },
          { title: t('project.procedure.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
        ]}
      />
    </div>
  );
}

/** 复工: a continuing project's spring resumption, newest year first. */
export function ResumptionsTable({ resumptions }: { resumptions: Resumption[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const rows = [...resumptions].sort((a, b) => b.year - a.year);
  return (
    <div data-testid="resumptions-table">
      <Table<Resumption>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('project.resumption.empty')} />,
        }}
        columns={[
          { title: t('project.resumption.year'), dataIndex: 'year', width: 90 },
          {
            title: t('project.resumption.plannedOn'),
            dataIndex: 'plannedOn',
            render: (d: string | null) => date(d, lang),
          },
          {
            title: t('project.resumption.resumedOn'),
            dataIndex: 'resumedOn',
            render: (d: string | null) =>
              d ? date(d, lang) : <span className="muted">{t('project.resumption.notYet')}</span>,
          },
        ]}
      />
    </div>
  );
}
