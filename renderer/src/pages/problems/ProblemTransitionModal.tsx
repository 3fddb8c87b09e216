import { Alert, type ButtonProps, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemDetail } from '../../../../shared/channels/problems';
import type { ProblemStatus } from '../../../../shared/domain/problem';
import { isReopen } from '../../../../shared/problem-flow';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import type { Lang } from '../../i18n';

interface Props {
  detail: ProblemDetail;
  /** The status asked for, or null when closed. */
  to: ProblemStatus | null;
  onClose: () => void;
  onDone: () => void;
}

/** The one dialog per move: resolving asks what was done, closing asks for the verifying visit, reopening asks why. */
export function ProblemTransitionModal({ detail, to, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const p = detail.problem;
  const [visitId, setVisitId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // Each opening starts afresh (state adjusted during render, not in an effect).
  const [openedFor, setOpenedFor] = useState<ProblemStatus | null>(null);
  if (to !== openedFor) {
    setOpenedFor(to);
    if (to !== null) {
      setVisitId(detail.verifyingVisits[0]?.id);
      setReason('');
      setResolution(p.resolution ?? '');
      setError(null);
    }
  }

  const reopen = to !== null && isReopen(p.status, to);
  const selected = detail.verifyingVisits.find((v) => v.id === visitId);
  const needsAfter =
    detail.photoCounts.before > 0 && detail.photoCounts.after === 0 && (selected?.afterPhotos ?? 0) === 0;
  const blocked = (to === 'closed' && (!visitId || needsAfter)) || (reopen && reason.trim() === '');

  const confirm = async () => {
    if (to === null) return;
    setSaving(true);
    setError(null);
    try {
      await call('problems.transition', {
        id: p.id,
        to,
        ...(to === 'closed' && visitId ? { visitId } : {}),
        ...(reopen ? { reason: reason.trim() } : {}),
        ...(to === 'resolved' && resolution.trim() ? { resolution: resolution.trim() } : {}),
      });
      onDone();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  const title = to === null ? '' : reopen ? t('problems.action.reopen') : t(`problems.action.${to}`);

  return (
    <Modal
      open={to !== null}
      title={title}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('problems.transition.confirm')}
      okButtonProps={{ disabled: blocked, loading: saving, 'data-testid': 'problem-transition-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="problem-transition-dialog">
        {error && <ErrorAlert error={error} />}
        {to === 'in_progress' && !reopen && <Typography.Text>{t('problems.transition.startHint')}</Typography.Text>}
        {to === 'resolved' && (
          <>
            <Typography.Text strong>{t('problems.transition.resolutionLabel')}</Typography.Text>
            <Input.TextArea
              data-testid="problem-resolution-input"
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              placeholder={t('problems.transition.resolutionPlaceholder')}
            />
          </>
        )}
        {to === 'closed' && (
          <>
            <Typography.Text type="secondary">
              {t('problems.transition.closeHint', { date: date(p.resolvedOn ?? p.raisedOn, lang) })}
            </Typography.Text>
            {detail.verifyingVisits.length === 0 ? (
              <Alert type="warning" showIcon title={t('problems.transition.noVerifyingVisits')} />
            ) : (
              <>
                <Typography.Text strong>{t('problems.transition.verifyingVisit')}</Typography.Text>
                <Select
                  data-testid="problem-close-visit"
                  style={{ width: '100%' }}
                  value={visitId}
                  onChange={setVisitId}
                  placeholder={t('problems.transition.verifyingVisitRequired')}
                  options={detail.verifyingVisits.map((v) => ({
                    value: v.id,
                    label: `${date(v.date, lang)} · ${t(`labels.visitKind.${v.kind}`)} · ${t('problems.transition.afterPhotos', { count: v.afterPhotos })}`,
                  }))}
                />
              </>
            )}
            {needsAfter && detail.verifyingVisits.length > 0 && (
              <Alert type="warning" showIcon title={t('problems.transition.afterPhotoNeeded')} />
            )}
          </>
        )}
        {reopen && (
          <>
            <Typography.Text strong>{t('problems.transition.reasonLabel')}</Typography.Text>
            <Input.TextArea
              data-testid="problem-reopen-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              placeholder={t('problems.transition.reasonPlaceholder')}
              status={reason.trim() ? undefined : 'warning'}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
