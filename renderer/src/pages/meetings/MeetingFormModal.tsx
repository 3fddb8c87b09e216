import { DatePicker, Form, Input, Modal, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Meeting } from '../../../../shared/domain/plan';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayShanghai } from '../../format';
import { usePlanT } from '../../i18n/usePlanT';

interface Values {
  date: Dayjs;
  title: string;
}

interface Props {
  open: boolean;
  /** The meeting to edit; null creates one. */
  meeting: Meeting | null;
  onClose: () => void;
  onSaved: (m: Meeting) => void;
}

/** New or edited 联审会办会: a date and a title (defaulting to the month's joint meeting). */
export function MeetingFormModal({ open, meeting, onClose, onSaved }: Props) {
  const tp = usePlanT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const titleFor = (d: Dayjs) => tp('meetings.form.defaultTitle', { year: d.year(), month: d.month() + 1 });

  // Each opening starts afresh; set at once, not after the opening animation (typing may have begun).
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const d = dayjs(meeting?.date ?? todayShanghai());
    form.setFieldsValue({
      date: d,
      title: meeting?.title ?? tp('meetings.form.defaultTitle', { year: d.year(), month: d.month() + 1 }),
    });
  }, [open, meeting, form, tp]);

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await call('meetings.save', {
        ...(meeting ? { id: meeting.id, status: meeting.status } : {}),
        date: v.date.format('YYYY-MM-DD'),
        title: v.title.trim(),
      });
      onSaved(saved);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={meeting ? tp('meetings.form.titleEdit') : tp('meetings.form.titleNew')}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      okText={tp('meetings.form.save')}
      okButtonProps={{ loading: saving, 'data-testid': 'meeting-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        data-testid="meeting-form"
        onValuesChange={(changed: Partial<Values>, all) => {
          // A new meeting's title follows its date until the user writes one.
          if (!meeting && changed.date && !form.isFieldTouched('title'))
            form.setFieldValue('title', titleFor(all.date));
        }}
      >
        {error && <ErrorAlert error={error} />}
        <Form.Item
          name="date"
          label={tp('meetings.form.date')}
          rules={[{ required: true, message: tp('meetings.form.dateRequired') }]}
        >
          <DatePicker allowClear={false} data-testid="meeting-date" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={tp('meetings.form.title')}
          rules={[{ required: true, whitespace: true, message: tp('meetings.form.titleRequired') }]}
        >
          <Input maxLength={200} data-testid="meeting-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
