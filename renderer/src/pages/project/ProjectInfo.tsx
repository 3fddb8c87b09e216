import { Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../../../../shared/api';
import { LevelTag, StageTag } from '../../components/tags';
import { date, wan } from '../../format';
import type { Lang } from '../../i18n';

function orNone(v: string | null | undefined): string {
  return v && v.trim() ? v : '—';
}

/** All fields of the project, in the order a ledger sheet lists them. */
export function ProjectInfo({ detail }: { detail: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const p = detail.project;
  const chief = p.chiefOfficer
    ? p.chiefOfficerPhone
      ? `${p.chiefOfficer}（${p.chiefOfficerPhone}）`
      : p.chiefOfficer
    : '—';

  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('project.fields.code'), children: <span className="num">{p.code}</span> },
    { key: 'level', label: t('project.fields.level'), children: <LevelTag level={p.level} /> },
    { key: 'stage', label: t('project.fields.stage'), children: <StageTag stage={p.stage} /> },
    { key: 'district', label: t('project.fields.district'), children: p.district },
    { key: 'industry', label: t('project.fields.industry'), children: p.industry },
    {
      key: 'isNew',
      label: t('project.fields.isNew'),
      children: t(p.isNew ? 'project.newOrContinuing.new' : 'project.newOrContinuing.continuing'),
    },
    { key: 'owner', label: t('project.fields.ownerCompany'), children: orNone(p.ownerCompany), span: 2 },
    { key: 'resp', label: t('project.fields.responsibleUnit'), children: orNone(p.responsibleUnit) },
    { key: 'leader', label: t('project.fields.leaderInCharge'), children: orNone(p.leaderInCharge) },
    { key: 'chief', label: t('project.fields.chiefOfficer'), children: chief },
    { key: 'group', label: t('project.fields.group'), children: orNone(detail.group?.name) },
    {
      key: 'total',
      label: t('project.fields.totalInvestment'),
      children: <span className="num">{wan(p.totalInvestment, lang)}</span>,
    },
    {
      key: 'annual',
      label: t('project.fields.annualPlannedInvestment'),
      children: <span className="num">{wan(p.annualPlannedInvestment, lang)}</span>,
    },
    { key: 'location', label: t('project.fields.location'), children: orNone(p.location) },
    { key: 'ps', label: t('project.fields.plannedStart'), children: date(p.plannedStart, lang) },
    { key: 'as', label: t('project.fields.actualStart'), children: date(p.actualStart, lang) },
    { key: 'pc', label: t('project.fields.plannedCompletion'), children: date(p.plannedCompletion, lang) },
    { key: 'ac', label: t('project.fields.actualCompletion'), children: date(p.actualCompletion, lang) },
    { key: 'pp', label: t('project.fields.plannedProduction'), children: date(p.plannedProduction, lang) },
    { key: 'ap', label: t('project.fields.actualProduction'), children: date(p.actualProduction, lang) },
  ];

  return (
    <Descriptions
      data-testid="project-fields"
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
      items={items}
      styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
    />
  );
}
