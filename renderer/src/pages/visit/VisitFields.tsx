import { Button, Card, Checkbox, Col, DatePicker, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { createContext, useContext, useMemo } from 'react';
import type { Control, FieldError, FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ServiceGroup } from '../../../../shared/domain/directory';
import { MONEY_FIGURES, type FigureIssue, type MoneyFigure, type PreviousFigures } from '../../../../shared/figures';
import { FormField, type FormFieldProps } from '../../components/form/FormField';
import { date, wan } from '../../format';
import type { Lang } from '../../i18n';
import { STAGES, VISIT_KINDS } from '../../i18n/enums';
import { FiguresWarning } from './FiguresWarning';
import type { VisitFormValues } from './visitForm';

/** 1234567.5 → 1,234,567.5 (the fraction is left alone). */
function groupDigits(value: number | string | undefined): string {
  if (value === undefined || value === '') return '';
  const [int = '', frac] = String(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

type Name = Exclude<FieldPath<VisitFormValues>, `participants.${number}`>;

const FieldContext = createContext<{
  control: Control<VisitFormValues>;
  translateError: (e: FieldError) => string;
} | null>(null);

/** A visit field: FormField with this form's control, error translation, label and test id. */
function Field<N extends Name>(
  p: Omit<FormFieldProps<VisitFormValues, N>, 'control' | 'translateError' | 'testIdPrefix' | 'label'> & {
    /** For a checkbox that carries its own text. */
    noLabel?: boolean;
  },
) {
  const ctx = useContext(FieldContext)!;
  const { t } = useTranslation();
  const { noLabel, ...rest } = p;
  return (
    <FormField
      control={ctx.control}
      translateError={ctx.translateError}
      testIdPrefix="visit-field"
      label={noLabel ? null : t(`visits.fields.${p.name}`)}
      {...rest}
    />
  );
}

interface FieldsProps {
  control: Control<VisitFormValues>;
  translateError: (e: FieldError) => string;
  today: string;
  groups: ServiceGroup[];
  groupId: string | null;
  previous: PreviousFigures;
  totalInvestment: number;
  issues: FigureIssue[];
  isCorrection: boolean;
  onCopyLast: (() => void) | null;
}

/** The visit form's fields, each through the one FormField adapter. */
export function VisitFields(props: FieldsProps) {
  const { control, translateError, today, groups, groupId, previous, issues } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;

  // People to pick from: the chosen group's leader, chief officer and members.
  const people = useMemo(() => {
    const g = groups.find((x) => x.id === groupId);
    const names = g ? [g.leader, g.chiefOfficer, ...g.members.map((m) => m.name)] : [];
    return [...new Set(names.filter((n): n is string => !!n))].map((n) => ({ value: n, label: n }));
  }, [groups, groupId]);

  const fieldWarning = (f: MoneyFigure): string | null => {
    const issue = issues.find((i) => i.field === f && i.blocking);
    return issue ? t(`visits.errors.${issue.code as 'decreased' | 'exceeds_total' | 'exceeds_cumulative'}`) : null;
  };
  const previousHint = (f: MoneyFigure) => {
    const p = previous[f];
    return p ? t('visits.previous', { value: wan(p.value, lang), date: date(p.date, lang) }) : t('visits.previousNone');
  };

  return (
    <FieldContext.Provider value={{ control, translateError }}>
      <Card size="small" title={t('visits.sections.basic')}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Field name="date" required>
              {({ value, onChange, onBlur, id, status, ...rest }) => (
                <DatePicker
                  id={id}
                  data-testid={rest['data-testid']}
                  status={status}
                  style={{ width: '100%' }}
                  allowClear={false}
                  value={value ? dayjs(value) : null}
                  onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : '')}
                  onBlur={onBlur}
                  disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <Field name="groupId">
              {({ value, onChange, id, status, ...rest }) => (
                <Select
                  id={id}
                  data-testid={rest['data-testid']}
                  status={status}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('visits.placeholders.groupId')}
                  value={value ?? undefined}
                  onChange={(v: string | undefined) => onChange(v ?? null)}
                  options={groups.map((g) => ({ value: g.id, label: g.name }))}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <Field name="kind" required>
              {({ value, onChange, id, ...rest }) => (
                <Radio.Group
                  id={id}
                  data-testid={rest['data-testid']}
                  optionType="button"
                  value={value}
                  onChange={(e) => onChange(e.target.value)}
                  options={VISIT_KINDS.map((k) => ({ value: k, label: t(`labels.visitKind.${k}`) }))}
                />
              )}
            </Field>
          </Col>
        </Row>
        <Field name="participants" required>
          {({ value, onChange, id, status, ...rest }) => (
            <Select
              id={id}
              data-testid={rest['data-testid']}
              status={status}
              mode="tags"
              tokenSeparators={[',', '，', '、', ';', '；']}
              placeholder={t('visits.placeholders.participants')}
              value={value}
              onChange={(v: string[]) => onChange(v)}
              options={people}
            />
          )}
        </Field>
      </Card>

      <Card
        size="small"
        title={t('visits.sections.figures')}
        extra={
          <span className="muted">
            {t('visits.totalInvestment', { value: wan(props.totalInvestment, lang) })}
            {props.onCopyLast && (
              <Button size="small" type="link" onClick={props.onCopyLast} data-testid="visit-copy-last">
                {t('visits.copyLast')}
              </Button>
            )}
          </span>
        }
      >
        <Row gutter={16}>
          {MONEY_FIGURES.map((f) => (
            <Col xs={24} md={8} key={f}>
              <Field name={f} warning={fieldWarning(f)} extra={previousHint(f)}>
                {({ value, onChange, onBlur, id, status, ...rest }) => (
                  <InputNumber<number>
                    id={id}
                    data-testid={rest['data-testid']}
                    status={status}
                    className="num-input"
                    style={{ width: '100%' }}
                    min={0}
                    max={900_000_000_000}
                    step={100}
                    formatter={groupDigits}
                    // antd's own parsers hand back the cleaned text; it converts and treats '' as empty.
                    parser={(text) => (text ?? '').replace(/,/g, '') as unknown as number}
                    suffix={t('visits.units.wan')}
                    value={value}
                    onChange={(v) => onChange(v ?? null)}
                    onBlur={onBlur}
                  />
                )}
              </Field>
            </Col>
          ))}
        </Row>
        <FiguresWarning issues={issues} isCorrection={props.isCorrection} />
        <Field name="isCorrection" className="correction-field" noLabel>
          {({ value, onChange, id, ...rest }) => (
            <Checkbox
              id={id}
              data-testid={rest['data-testid']}
              checked={value}
              onChange={(e) => onChange(e.target.checked)}
            >
              {t('visits.fields.isCorrection')}
            </Checkbox>
          )}
        </Field>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Field name="stage">
              {({ value, onChange, id, status, ...rest }) => (
                <Select
                  id={id}
                  data-testid={rest['data-testid']}
                  status={status}
                  allowClear
                  placeholder={t('visits.placeholders.stage')}
                  value={value ?? undefined}
                  onChange={(v) => onChange(v ?? null)}
                  options={STAGES.map((s) => ({ value: s, label: t(`labels.stage.${s}`) }))}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <Field name="workersOnSite">
              {({ value, onChange, onBlur, id, status, ...rest }) => (
                <InputNumber<number>
                  id={id}
                  data-testid={rest['data-testid']}
                  status={status}
                  style={{ width: '100%' }}
                  min={0}
                  max={100_000}
                  precision={0}
                  suffix={t('visits.units.people')}
                  value={value}
                  onChange={(v) => onChange(v ?? null)}
                  onBlur={onBlur}
                />
              )}
            </Field>
          </Col>
        </Row>
        <Field name="visibleProgress">
          {({ value, onChange, onBlur, id, status, ...rest }) => (
            <Input.TextArea
              id={id}
              data-testid={rest['data-testid']}
              status={status}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={20_000}
              placeholder={t('visits.placeholders.visibleProgress')}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              onBlur={onBlur}
            />
          )}
        </Field>
      </Card>

      <Card size="small" title={t('visits.sections.findings')}>
        <Field name="findings" required>
          {({ value, onChange, onBlur, id, status, ...rest }) => (
            <Input.TextArea
              id={id}
              data-testid={rest['data-testid']}
              status={status}
              autoSize={{ minRows: 5, maxRows: 16 }}
              maxLength={20_000}
              placeholder={t('visits.placeholders.findings')}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              onBlur={onBlur}
            />
          )}
        </Field>
      </Card>
    </FieldContext.Provider>
  );
}
