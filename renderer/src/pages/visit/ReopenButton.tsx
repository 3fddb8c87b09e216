import { EditOutlined } from '@ant-design/icons';
import { App as AntdApp, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, toApiError } from '../../api/client';

/** "更正": asks why, then sends the submitted visit back to draft (visits.reopen). */
export function ReopenButton({ visitId, onReopened }: { visitId: string; onReopened: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';

  const confirm = async () => {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    try {
      await call('visits.reopen', { id: visitId, reason: reason.trim() });
      setOpen(false);
      onReopened();
    } catch (e) {
      message.error(t(`errors.${toApiError(e).code}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="visit-correct">
        {t('visits.correct')}
      </Button>
      <Modal
        open={open}
        title={t('visits.correctTitle')}
        okText={t('visits.correctOk')}
        cancelText={t('visits.cancel')}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'visit-correct-ok' }}
      >
        <p className="muted">{t('visits.correctHint')}</p>
        <Form layout="vertical" component={false}>
          <Form.Item
            label={t('visits.correctReason')}
            required
            validateStatus={touched && missing ? 'error' : ''}
            help={touched && missing ? t('visits.correctReasonRequired') : undefined}
          >
            <Input.TextArea
              autoFocus
              rows={3}
              maxLength={200}
              value={reason}
              placeholder={t('visits.correctReasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
              data-testid="visit-correct-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
