import { AutoComplete, DatePicker, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { AgendaItem, MeetingDecision } from '../../../../shared/domain/plan';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { usePlanT } from '../../i18n/usePlanT';

interface Values {
  responsibleUnit: string;
  newDeadline: Dayjs | null;
  remarks: string;
}

interface Props {
  meetingId: string;
  /** The agenda item decided on; null keeps the dialog closed. */
  item: AgendaItem | null;
  onClose: () => void;
  onSaved: (d: MeetingDecision) => void;
}

/** 会办意见: responsible unit (from the units directory or typed), new deadline, remarks. */
export function DecisionModal({ meetingId, item, onClose, onSaved }: Props) {
  const tp = usePlanT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const units = useAsync('units', () => call('units.list', {}), ['units']);
  const [unitText, setUnitText] = useState('');

  // Each opening starts from the item's decision (or its lead unit); set at once, not after the
  // opening animation, so nothing typed meanwhile is overwritten.
  useEffect(() => {
    if (!item) return;
    form.setFieldsValue({
      responsibleUnit: item.decision?.responsibleUnit ?? item.leadUnit ?? '',
      newDeadline: item.decision?.newDeadline ? dayjs(item.decision.newDeadline) : null,
      remarks: item.decision?.remarks ?? '',
    });
  }, [item, form]);

  const save = async (v: Values) => {
    if (!item) return;
    setSaving(true);
    setError(null);
    try {
      const unit = v.responsibleUnit.trim();
      const saved = await call('meetings.decide', {
        meetingId,
        problemId: item.problemId,
        responsibleUnit: unit === '' ? null : unit,
        newDeadline: v.newDeadline ? v.newDeadline.format('YYYY-MM-DD') : null,
        remarks: v.remarks.trim(),
      });
      onSaved(saved);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  const q = unitText.trim();
  const unitOptions = (units.data ?? [])
    .filter((u) => q === '' || u.name.includes(q))
    .slice(0, 50)
    .map((u) => ({ value: u.name, label: u.district ? `${u.name}（${u.district}）` : u.name }));

  return (
    <Modal
      open={item !== null}
      title={tp('meetings.decideTitle')}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      okText={tp('meetings.decision.save')}
      okButtonProps={{ loading: saving, 'data-testid': 'decision-save' } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      {item && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
          {item.projectName}：{item.description}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="decision-form">
        {error && <ErrorAlert error={error} />}
        <Form.Item name="responsibleUnit" label={tp('meetings.decision.responsibleUnit')}>
          <AutoComplete
            data-testid="decision-unit"
            options={unitOptions}
            onSearch={setUnitText}
            placeholder={tp('meetings.decision.unitPlaceholder')}
            allowClear
          />
        </Form.Item>
        <Form.Item name="newDeadline" label={tp('meetings.decision.newDeadline')}>
          <DatePicker data-testid="decision-deadline" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="remarks" label={tp('meetings.decision.remarks')}>
          <Input.TextArea
            data-testid="decision-remarks"
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder={tp('meetings.decision.remarksPlaceholder')}
          />
        </Form.Item>
        <Typography.Text type="secondary">{tp('meetings.decision.hint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
