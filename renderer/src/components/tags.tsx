import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProblemStatus } from '../../../shared/domain/problem';
import type { ProcedureStatus, ProjectLevel, ProjectStage } from '../../../shared/domain/project';
import { LEVEL_COLORS, PROBLEM_STATUS_COLORS, PROCEDURE_STATUS_COLORS, STAGE_COLORS } from '../i18n/enums';

export function LevelTag({ level }: { level: ProjectLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level]} variant="outlined">
      {t(`labels.level.${level}`)}
    </Tag>
  );
}

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLORS[stage]}>{t(`labels.stage.${stage}`)}</Tag>;
}

export function ProcedureStatusTag({ status }: { status: ProcedureStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROCEDURE_STATUS_COLORS[status]}>{t(`labels.procedureStatus.${status}`)}</Tag>;
}

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROBLEM_STATUS_COLORS[status]}>{t(`labels.problemStatus.${status}`)}</Tag>;
}
