import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  App as AntdApp,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
} from 'antd';
import dayjs from 'dayjs';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useForm, type Control, type FieldError, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DISTRICTS, type Project } from '../../../../shared/domain/project';
import { ApiError, call, toApiError } from '../../api/client';
import { FormField, type FormFieldProps } from '../../components/form/FormField';
import { useAsync } from '../../hooks/useAsync';
import { LEVELS, STAGES } from '../../i18n/enums';
import {
  changedFields,
  errorKey,
  NEW_PROJECT,
  ProjectFormSchema,
  toFormValues,
  toProjectInput,
  type ProjectFormOutput,
  type ProjectFormValues,
} from './projectForm';

type Name = Exclude<FieldPath<ProjectFormValues>, `position.${string}` | 'position'>;
type TranslateError = (e: FieldError) => string;

const Ctx = createContext<{ control: Control<ProjectFormValues>; translateError: TranslateError } | null>(null);

/** A project field: the shared FormField adapter with this form's control, label and test id. */
function Field<N extends Name>(
  p: Omit<FormFieldProps<ProjectFormValues, N>, 'control' | 'translateError' | 'testIdPrefix' | 'label'>,
) {
  const ctx = useContext(Ctx)!;
  const { t } = useTranslation();
  return (
    <FormField
      control={ctx.control}
      translateError={ctx.translateError}
      testIdPrefix="project-field"
      label={t(`project.fields.${p.name}`)}
      {...p}
    />
  );
}

/** Free text; an optional field holds null when empty, so "not written" stays null in the ledger. */
function TextField({ name, required, placeholder }: { name: Name; required?: boolean; placeholder?: string }) {
  return (
    <Field name={name} required={required}>
      {({ value, onChange, ref: _ref, ...rest }) => (
        <Input
          {...rest}
          value={typeof value === 'string' ? value : ''}
          maxLength={200}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value === '' && !required ? null : e.target.value)}
        />
      )}
    </Field>
  );
}

function DateField({ name }: { name: Name }) {
  return (
    <Field name={name}>
      {({ value, onChange, ref: _ref, ...rest }) => (
        <DatePicker
          {...rest}
          style={{ width: '100%' }}
          value={typeof value === 'string' ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      )}
    </Field>
  );
}

function WanField({ name }: { name: 'totalInvestment' | 'annualPlannedInvestment' }) {
  const { t } = useTranslation();
  return (
    <Field name={name} required>
      {({ value, onChange, ref: _ref, ...rest }) => (
        <InputNumber
          {...rest}
          style={{ width: '100%' }}
          min={0}
          value={typeof value === 'number' ? value : null}
          placeholder={t('projectForm.placeholders.wan')}
          onChange={(v) => onChange(v)}
        />
      )}
    </Field>
  );
}

interface Props {
  open: boolean;
  /** The project to edit; none: a new one. */
  project?: Project | null;
  onClose: () => void;
  onSaved?: (project: Project) => void;
}

/**
 * Coordinators create and edit projects here (there are no roles yet: the local user may do both).
 * react-hook-form + zodResolver on the shared ProjectInput schema, money in 万元.
 */
export function ProjectFormDrawer({ open, project, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const { modal } = AntdApp.useApp();
  const close = useCallback(() => {
    if (!dirty) return onClose();
    modal.confirm({ title: t('projectForm.unsavedConfirm'), onOk: () => onClose() });
  }, [dirty, modal, onClose, t]);
  return (
    <Drawer
      open={open}
      onClose={close}
      size={760}
      destroyOnHidden
      title={project ? t('projectForm.editTitle', { name: project.name }) : t('projectForm.createTitle')}
      data-testid="project-form"
      footer={
        // Always in view, however far the form is scrolled; they submit the form by its id.
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={close} data-testid="project-form-cancel">
            {t('projectForm.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" form={FORM_ID} loading={busy} data-testid="project-form-save">
            {t('projectForm.save')}
          </Button>
        </Space>
      }
    >
      {open && (
        <ProjectForm project={project ?? null} onDirty={setDirty} onBusy={setBusy} onSaved={onSaved} onDone={onClose} />
      )}
    </Drawer>
  );
}

const FORM_ID = 'project-form-el';

/** After a refused submit the first error may be scrolled away: bring it into view. */
function revealFirstError(): void {
  requestAnimationFrame(() => {
    const el = document.querySelector(`#${FORM_ID} .ant-form-item-has-error`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el?.querySelector<HTMLElement>('input, .ant-select-selector')?.focus();
  });
}

function ProjectForm(props: {
  project: Project | null;
  onDone: () => void;
  onDirty: (dirty: boolean) => void;
  onBusy: (busy: boolean) => void;
  onSaved?: (project: Project) => void;
}) {
  const { project, onDone, onDirty, onBusy, onSaved } = props;
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const groups = useAsync('groups', () => call('groups.list', {}), ['service_groups']);
  const facets = useAsync('facets', () => call('projects.facets', {}), ['projects']);
  const form = useForm<ProjectFormValues, unknown, ProjectFormOutput>({
    defaultValues: project ? toFormValues(project) : NEW_PROJECT,
    resolver: zodResolver(ProjectFormSchema),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { isDirty, isSubmitting } = form.formState;
  // The drawer asks before closing over unsaved edits.
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);
  useEffect(() => onBusy(isSubmitting), [isSubmitting, onBusy]);

  const translateError = useCallback<TranslateError>(
    (e) => t(`projectForm.errors.${errorKey(e.type, e.message)}`),
    [t],
  );

  const districtOptions = useMemo(() => {
    const all = [...new Set([...DISTRICTS, ...(facets.data?.districts ?? [])])];
    return all.map((d) => ({ value: d, label: d }));
  }, [facets.data]);
  const industryOptions = (facets.data?.industries ?? []).map((i) => ({ value: i }));

  const save = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const input = toProjectInput(values);
      let saved: Project;
      if (project) {
        const patch = changedFields(project, input);
        saved = Object.keys(patch).length ? await call('projects.update', { id: project.id, patch }) : project;
      } else {
        saved = await call('projects.create', input);
      }
      void message.success(t('projectForm.saved'));
      onDirty(false);
      onDone();
      onSaved?.(saved);
    } catch (e) {
      const err = toApiError(e);
      // Field issues from the backend's parse land on their fields; the banner says what happened.
      for (const d of err.details ?? []) {
        const field = [...d.path].reverse().find((x): x is string => typeof x === 'string');
        if (field && field in NEW_PROJECT) form.setError(field as Name, { type: 'server', message: d.message });
      }
      setError(err);
      revealFirstError();
    }
  }, revealFirstError);

  const half = { xs: 24, md: 12 };
  return (
    <Ctx.Provider value={{ control: form.control, translateError }}>
      <form id={FORM_ID} onSubmit={(e) => void save(e)} noValidate data-testid="project-form-body">
        <Form layout="vertical" component={false}>
          {error && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="project-form-error"
              title={`${t('projectForm.saveFailed')}：${t(`errors.${error.code}`)}`}
            />
          )}
          <Divider titlePlacement="start">{t('projectForm.sections.basic')}</Divider>
          <Row gutter={16}>
            <Col {...half}>
              <TextField name="code" required placeholder={t('projectForm.placeholders.code')} />
            </Col>
            <Col {...half}>
              <TextField name="name" required />
            </Col>
            <Col {...half}>
              <Field name="level" required>
                {({ ref: _ref, ...f }) => (
                  <Select {...f} options={LEVELS.map((l) => ({ value: l, label: t(`labels.level.${l}`) }))} />
                )}
              </Field>
            </Col>
            <Col {...half}>
              <Field name="district" required>
                {({ ref: _ref, value, ...f }) => (
                  <Select
                    {...f}
                    value={value || undefined}
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('projectForm.placeholders.select')}
                    options={districtOptions}
                  />
                )}
              </Field>
            </Col>
            <Col {...half}>
              <Field name="industry" required>
                {({ ref: _ref, ...f }) => (
                  <AutoComplete
                    {...f}
                    options={industryOptions}
                    showSearch={{
                      filterOption: (input, o) => String(o?.value ?? '').includes(input),
                    }}
                  />
                )}
              </Field>
            </Col>
            <Col {...half}>
              <Field name="groupId">
                {({ ref: _ref, value, onChange, ...f }) => (
                  <Select
                    {...f}
                    allowClear
                    value={value ?? undefined}
                    onChange={(v?: string) => onChange(v ?? null)}
                    placeholder={t('projectForm.placeholders.select')}
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={!groups.data}
                    options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
                  />
                )}
              </Field>
            </Col>
          </Row>
          <Divider titlePlacement="start">{t('projectForm.sections.money')}</Divider>
          <Row gutter={16}>
            <Col {...half}>
              <WanField name="totalInvestment" />
            </Col>
            <Col {...half}>
              <WanField name="annualPlannedInvestment" />
            </Col>
            <Col {...half}>
              <Field name="stage" required>
                {({ ref: _ref, ...f }) => (
                  <Select {...f} options={STAGES.map((s) => ({ value: s, label: t(`labels.stage.${s}`) }))} />
                )}
              </Field>
            </Col>
            <Col {...half}>
              <Field name="isNew" required>
                {({ ref: _ref, value, onChange, id, 'data-testid': testId }) => (
                  <Radio.Group
                    id={id}
                    data-testid={testId}
                    value={value}
                    onChange={(e) => onChange(e.target.value as boolean)}
                    options={[
                      { value: true, label: t('project.newOrContinuing.new') },
                      { value: false, label: t('project.newOrContinuing.continuing') },
                    ]}
                  />
                )}
              </Field>
            </Col>
          </Row>
          <Divider titlePlacement="start">{t('projectForm.sections.people')}</Divider>
          <Row gutter={16}>
            {(
              [
                'ownerCompany',
                'responsibleUnit',
                'leaderInCharge',
                'chiefOfficer',
                'chiefOfficerPhone',
                'location',
              ] as const
            ).map((name) => (
              <Col {...half} key={name}>
                <TextField name={name} />
              </Col>
            ))}
          </Row>
          <Divider titlePlacement="start">{t('projectForm.sections.dates')}</Divider>
          <Row gutter={16}>
            {(
              [
                'plannedStart',
                'actualStart',
                'plannedCompletion',
                'actualCompletion',
                'plannedProduction',
                'actualProduction',
              ] as const
            ).map((name) => (
              <Col {...half} key={name}>
                <DateField name={name} />
              </Col>
            ))}
          </Row>
        </Form>
      </form>
    </Ctx.Provider>
  );
}
