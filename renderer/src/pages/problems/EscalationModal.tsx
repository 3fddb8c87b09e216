import { Input, Modal, Select, Space, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlingLevel, Problem } from '../../../../shared/domain/problem';
import { escalationTargets, sendBackTargets, type EscalationMove } from '../../../../shared/escalation';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePlanT } from '../../i18n/usePlanT';

interface Props {
  problem: Problem;
  /** The move asked for; null keeps the dialog closed. */
  move: EscalationMove | null;
  onClose: () => void;
  onDone: (p: Problem) => void;
}

/** 升级 / 退回: the target level (one step by default) and the reason, which the level history keeps. */
export function EscalationModal({ problem, move, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const tp = usePlanT();
  const targets =
    move === 'send_back' ? sendBackTargets(problem.handlingLevel) : escalationTargets(problem.handlingLevel);
  const [to, setTo] = useState<HandlingLevel | undefined>();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // Each opening starts afresh: one level up, or one level down (state adjusted during render).
  const [openedFor, setOpenedFor] = useState<EscalationMove | null>(null);
  if (move !== openedFor) {
    setOpenedFor(move);
    if (move !== null) {
      setTo(move === 'send_back' ? targets[targets.length - 1] : targets[0]);
      setReason('');
      setError(null);
    }
  }

  const confirm = async () => {
    if (!move || !to || !reason.trim()) return;
    setSaving(true);
    setError(null);
    try {
      const input = { id: problem.id, to, reason: reason.trim() };
      onDone(await call(move === 'send_back' ? 'problems.sendBack' : 'problems.escalate', input));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={move !== null}
      title={move === 'send_back' ? tp('escalation.sendBackTitle') : tp('escalation.escalateTitle')}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={tp('escalation.confirm')}
      okButtonProps={
        { disabled: !to || !reason.trim(), loading: saving, 'data-testid': 'escalation-confirm' } as ButtonProps
      }
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="escalation-dialog">
        {error && <ErrorAlert error={error} />}
        <Typography.Text type="secondary">
          {move === 'send_back' ? tp('escalation.sendBackHint') : tp('escalation.escalateHint')}
        </Typography.Text>
        <Typography.Text>
          {tp('escalation.current')}：<b>{t(`labels.handlingLevel.${problem.handlingLevel}`)}</b>
        </Typography.Text>
        <Typography.Text strong>{tp('escalation.target')}</Typography.Text>
        <Select<HandlingLevel>
          data-testid="escalation-target"
          style={{ width: '100%' }}
          value={to}
          onChange={setTo}
          options={targets.map((l) => ({ value: l, label: t(`labels.handlingLevel.${l}`) }))}
        />
        <Typography.Text strong>{tp('escalation.reason')}</Typography.Text>
        <Input.TextArea
          data-testid="escalation-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          placeholder={tp('escalation.reasonPlaceholder')}
          status={reason.trim() ? undefined : 'warning'}
        />
        {!reason.trim() && <Typography.Text type="warning">{tp('escalation.reasonRequired')}</Typography.Text>}
      </Space>
    </Modal>
  );
}
