import { Alert, App, AutoComplete, Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlingLevel, Problem, ProblemCategory } from '../../../../shared/domain/problem';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, todayShanghai } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { HANDLING_LEVELS, PROBLEM_CATEGORIES } from '../../i18n/enums';

export interface ProblemFormDrawerProps {
  projectId: string;
  /** The visit the problem is raised on; omitted when raised from the project page. */
  visitId?: string | null;
  open: boolean;
  onClose: () => void;
  /** Edit this problem instead of raising a new one. */
  problem?: Problem | null;
  onSaved?: (problem: Problem) => void;
}

interface Values {
  category?: ProblemCategory;
  description: string;
  leadUnit: string;
  cooperatingUnits: string[];
  deadline: Dayjs | null;
  handlingLevel?: HandlingLevel;
  raisedOn: Dayjs | null;
}

const DAY = 'YYYY-MM-DD';

/** 登记问题 / 编辑问题: from a project (no visit) or a visit; units come from the directory, free entry allowed. */
export function ProblemFormDrawer({ projectId, visitId, open, onClose, problem, onSaved }: ProblemFormDrawerProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const editing = !!problem;
  const units = useAsync(open ? 'units' : 'units-closed', () => call('units.list', {}), ['units']);
  const visitKey = open && visitId && !editing ? `visit-of:${projectId}` : 'no-visit';
  // The raising visit's date: shown, and the natural "raised on" of what was seen there.
  const project = useAsync(visitKey, () =>
    visitKey === 'no-visit' ? Promise.resolve(null) : call('projects.get', { id: projectId }),
  );
  const visitDate = project.data?.visits.find((v) => v.id === visitId)?.date ?? null;

  const unitOptions = useMemo(
    () => [...new Set((units.data ?? []).map((u) => u.name))].map((name) => ({ value: name, label: name })),
    [units.data],
  );

  // A fresh opening starts without the last attempt's error (state adjusted during render, not in an effect).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setError(null);
  }

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      problem
        ? {
            category: problem.category,
            description: problem.description,
            leadUnit: problem.leadUnit ?? '',
            cooperatingUnits: problem.cooperatingUnits,
            deadline: problem.deadline ? dayjs(problem.deadline) : null,
            handlingLevel: problem.handlingLevel,
            raisedOn: dayjs(problem.raisedOn),
          }
        : {
            category: undefined,
            description: '',
            leadUnit: '',
            cooperatingUnits: [],
            deadline: null,
            handlingLevel: 'onsite',
            raisedOn: dayjs(todayShanghai()),
          },
    );
  }, [open, problem, form]);

  useEffect(() => {
    if (open && !editing && visitDate && visitDate <= todayShanghai()) form.setFieldValue('raisedOn', dayjs(visitDate));
  }, [open, editing, visitDate, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    const fields = {
      category: v.category!,
      description: v.description.trim(),
      leadUnit: v.leadUnit.trim() || null,
      cooperatingUnits: v.cooperatingUnits.map((u) => u.trim()).filter(Boolean),
      deadline: v.deadline ? v.deadline.format(DAY) : null,
      handlingLevel: v.handlingLevel!,
      raisedOn: (v.raisedOn ?? dayjs(todayShanghai())).format(DAY),
    };
    try {
      const saved = problem
        ? await call('problems.update', { id: problem.id, patch: fields })
        : await call('problems.create', { projectId, visitId: visitId ?? null, ...fields });
      void message.success(t(problem ? 'problems.form.saved' : 'problems.form.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => ({ required: true, message: t('problems.form.required', { field }) });
  const picked = (field: string) => ({ required: true, message: t('problems.form.requiredPick', { field }) });

  return (
    <Drawer
      title={t(editing ? 'problems.form.titleEdit' : 'problems.form.titleNew')}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('problems.form.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="problem-submit">
            {t('problems.form.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="problem-form">
        {!editing && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              visitId
                ? t('problems.form.fromVisit', { date: visitDate ? date(visitDate, lang) : '…' })
                : t('problems.form.fromProject')
            }
          />
        )}
        {error && <ErrorAlert error={error} />}
        <Form.Item
          name="category"
          label={t('problems.fields.category')}
          rules={[picked(t('problems.fields.category'))]}
        >
          <Select
            data-testid="problem-field-category"
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`labels.problemCategory.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('problems.fields.description')}
          rules={[{ ...required(t('problems.fields.description')), whitespace: true }]}
        >
          <Input.TextArea
            data-testid="problem-field-description"
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder={t('problems.form.descriptionPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="leadUnit" label={t('problems.fields.leadUnit')}>
          <AutoComplete
            data-testid="problem-field-leadUnit"
            options={unitOptions}
            allowClear
            placeholder={t('problems.form.unitPlaceholder')}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.value ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
          />
        </Form.Item>
        <Form.Item name="cooperatingUnits" label={t('problems.fields.cooperatingUnits')}>
          <Select
            mode="tags"
            data-testid="problem-field-cooperatingUnits"
            options={unitOptions}
            tokenSeparators={['，', ',', '、']}
            placeholder={t('problems.form.cooperatingPlaceholder')}
          />
        </Form.Item>
        <Space size={16} align="start" wrap>
          <Form.Item
            name="raisedOn"
            label={t('problems.fields.raisedOn')}
            rules={[picked(t('problems.fields.raisedOn'))]}
          >
            <DatePicker data-testid="problem-field-raisedOn" allowClear={false} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('problems.fields.deadline')}
            dependencies={['raisedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, value: Dayjs | null) => {
                  const raised = getFieldValue('raisedOn') as Dayjs | null;
                  return value && raised && value.isBefore(raised, 'day')
                    ? Promise.reject(new Error(t('problems.form.deadlineBeforeRaised')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker data-testid="problem-field-deadline" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="handlingLevel"
            label={t('problems.fields.handlingLevel')}
            rules={[picked(t('problems.fields.handlingLevel'))]}
          >
            <Select
              data-testid="problem-field-handlingLevel"
              style={{ width: 160 }}
              options={HANDLING_LEVELS.map((l) => ({ value: l, label: t(`labels.handlingLevel.${l}`) }))}
            />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
