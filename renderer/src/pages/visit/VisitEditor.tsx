import { ArrowLeftOutlined, CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntdApp, Button, Form, Space, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { VisitDraftInput } from '../../../../shared/channels/visits';
import { checkFigures, hasBlocking } from '../../../../shared/figures';
import { call, toApiError } from '../../api/client';
import { date, instant, todayShanghai } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { visitsZh } from '../../i18n/features/visits';
import { usePlanT } from '../../i18n/usePlanT';
import { ReopenButton } from './ReopenButton';
import { SaveStatus } from './SaveStatus';
import { useAutosave, type SaveOutcome } from './useAutosave';
import { VisitAttachments } from './VisitAttachments';
import { VisitFields } from './VisitFields';
import { moneyInYuan, toDraftInput, visitFormSchema, type EditorInit, type VisitFormValues } from './visitForm';
import { VisitExportButton } from '../../components/exports/PageExports';

const AUTOSAVE_MS = 600;
type ErrorCodeKey = keyof typeof visitsZh.errors;
const FORM_FIELDS = new Set<string>([
  'groupId',
  'date',
  'kind',
  'participants',
  'findings',
  'isCorrection',
  'completedInvestmentThisYear',
  'fundsInPlace',
  'cumulativeInvestment',
  'stage',
  'workersOnSite',
  'visibleProgress',
]);

interface Props {
  init: EditorInit;
  /** The first autosave created the draft: the page puts its id in the URL. */
  onCreated: (id: string) => void;
  /** Submitted or reopened: the page reloads the visit. */
  onChanged: (id: string) => void;
}

export function VisitEditor({ init, onCreated, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const tp = usePlanT();
  const navigate = useNavigate();
  const { message } = AntdApp.useApp();
  const today = todayShanghai();
  const readOnly = init.status === 'submitted';
  const schema = useMemo(() => visitFormSchema(today), [today]);
  const form = useForm<VisitFormValues>({
    defaultValues: init.defaults,
    resolver: zodResolver(schema),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const idRef = useRef(init.visitId);
  // The draft's id once the first autosave created it: problems and photos attach to it (the
  // editor keeps running under the new URL, so `init` still says "new").
  const [createdId, setCreatedId] = useState<string | null>(null);
  const visitId = init.visitId ?? createdId;
  const [submitting, setSubmitting] = useState(false);
  const groups = useAsync('groups', () => call('groups.list', {}), ['service_groups']);

  const save = useCallback(async (): Promise<SaveOutcome> => {
    const input = toDraftInput(form.getValues(), { visitId: idRef.current, projectId: init.project.id }, init.base);
    if (!VisitDraftInput.safeParse(input).success) return 'invalid';
    const saved = await call('visits.saveDraft', input);
    if (!idRef.current) {
      idRef.current = saved.id;
      setCreatedId(saved.id);
      onCreated(saved.id);
    }
    return 'saved';
  }, [form, init.project.id, init.base, onCreated]);
  const autosave = useAutosave(save, AUTOSAVE_MS, init.lastSavedAt);
  const { schedule } = autosave;

  // Every edit schedules a save; a submitted visit is read-only and never saves.
  useEffect(() => {
    if (readOnly) return undefined;
    return form.subscribe({ formState: { values: true }, callback: () => schedule() });
  }, [form, readOnly, schedule]);

  const watched = useWatch({ control: form.control });
  const values = { ...init.defaults, ...watched } as VisitFormValues;
  const issues = checkFigures(
    { date: values.date, isCorrection: values.isCorrection, figures: moneyInYuan(values) },
    init.previous,
    init.project.totalInvestment,
  );

  const translateError = useCallback(
    (e: FieldError) => {
      const code = e.message ?? '';
      return code in visitsZh.errors ? t(`visits.errors.${code as ErrorCodeKey}`) : t('visits.errors.invalid');
    },
    [t],
  );

  const submit = useCallback(async () => {
    if (readOnly || submitting) return;
    setSubmitting(true);
    try {
      // The backend submits what is stored: save the last keystrokes first (a new visit: create it).
      const saved = await autosave.flush(!idRef.current);
      const id = idRef.current;
      if (!saved || !id) {
        message.error(t('visits.saveFailed'));
        return;
      }
      if (!(await form.trigger())) {
        message.error(t('visits.fixErrors'));
        return;
      }
      if (hasBlocking(issues)) {
        message.error(t('visits.submitBlocked'));
        return;
      }
      await call('visits.submit', { id });
      message.success(t('visits.submitted'));
      onChanged(id);
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'invalid_input' && err.details?.length) {
        for (const d of err.details) {
          const name = String(d.path[d.path.length - 1] ?? '');
          if (FORM_FIELDS.has(name))
            form.setError(name as keyof VisitFormValues, { type: 'server', message: d.message });
        }
        message.error(t('visits.fixErrors'));
      } else {
        message.error(t(`errors.${err.code}`));
      }
    } finally {
      setSubmitting(false);
    }
  }, [readOnly, submitting, autosave, form, issues, message, t, onChanged]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  const copyLast = init.lastFigures
    ? () => {
        for (const [k, v] of Object.entries(init.lastFigures ?? {})) {
          form.setValue(k as keyof VisitFormValues, v as never, { shouldDirty: true });
        }
      }
    : null;

  const backToProject = () => void navigate(`/projects/${encodeURIComponent(init.project.id)}`);

  return (
    <div className="visit-page" data-testid="visit-form" onKeyDown={onKeyDown}>
      <div className="panel visit-head">
        <div className="visit-head-top">
          <Button icon={<ArrowLeftOutlined />} onClick={backToProject} data-testid="visit-back">
            {t('visits.backToProject')}
          </Button>
          <Space size={12} wrap>
            {readOnly ? (
              <>
                <span className="muted" data-testid="visit-submitted-at">
                  <CheckCircleOutlined />{' '}
                  {init.submittedAt !== null && t('visits.submittedAt', { time: instant(init.submittedAt, lang) })}
                </span>
                {init.visitId && <ReopenButton visitId={init.visitId} onReopened={() => onChanged(init.visitId!)} />}
              </>
            ) : (
              <>
                <SaveStatus state={autosave.state} />
                <Tooltip title={t('visits.submitHint')}>
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    loading={submitting}
                    onClick={() => void submit()}
                    data-testid="visit-submit"
                  >
                    {t('visits.submit')}
                  </Button>
                </Tooltip>
              </>
            )}
            {init.visitId && <VisitExportButton visitId={init.visitId} />}
          </Space>
        </div>
        <h1>
          {init.visitId ? t('visits.title') : t('visits.newTitle')}
          <Tag color={readOnly ? 'green' : 'orange'} className="visit-status" data-testid="visit-status">
            {t(`visits.status.${init.status}`)}
          </Tag>
        </h1>
        <div className="muted">
          <span className="num">{init.project.code}</span> · {init.project.name} · {init.project.district}
        </div>
      </div>

      {readOnly && <Alert type="info" showIcon title={t('visits.readOnlyHint')} />}
      {!readOnly && init.fromPlan && (
        <Alert
          type="info"
          showIcon
          data-testid="visit-from-plan"
          title={
            init.fromPlan.lastVisitDate
              ? tp('plan.prefilled', { date: date(init.fromPlan.lastVisitDate, lang) })
              : tp('plan.prefilledNoLast')
          }
        />
      )}
      {!readOnly && init.correctionReason && (
        <Alert type="warning" showIcon title={t('visits.reopened', { reason: init.correctionReason })} />
      )}

      <Form layout="vertical" component={false} disabled={readOnly}>
        <VisitFields
          control={form.control}
          translateError={translateError}
          today={today}
          groups={groups.data ?? []}
          groupId={values.groupId}
          previous={init.previous}
          totalInvestment={init.project.totalInvestment}
          issues={issues}
          isCorrection={values.isCorrection}
          onCopyLast={readOnly ? null : copyLast}
        />
      </Form>
      {/* Problems and photos hang off the visit's id, so they appear once the first autosave made the draft. */}
      {visitId && <VisitAttachments projectId={init.project.id} visitId={visitId} />}
    </div>
  );
}
