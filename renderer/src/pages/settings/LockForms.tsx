import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Form, Input } from 'antd';
import { useForm, type FieldError } from 'react-hook-form';
import { DEFAULT_IDLE_MINUTES, type IdleMinutes, type LockState } from '../../../../shared/channels/lock';
import { call, toApiError } from '../../api/client';
import { FormField } from '../../components/form/FormField';
import { useLockT } from '../../components/lock/useLockT';
import { useTranslation } from 'react-i18next';
import { useLockStore } from '../../stores/lock';
import {
  ChangeSecretForm,
  EnableLockForm,
  lockFormError,
  RemoveSecretForm,
  toLockSecret,
  type ChangeSecretValues,
  type EnableLockValues,
  type RemoveSecretValues,
} from './lockForms';
import { IdleSelect, NewSecretFields } from './SecretFields';

/** Shows a refused save: a wrong current secret on its field, anything else as a message. */
function useSaveError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (e: unknown, onWrongCurrent?: (text: string) => void) => {
    const err = toApiError(e);
    if (err.code === 'lock_throttled') void useLockStore.getState().refresh();
    if ((err.code === 'lock_wrong_secret' || err.code === 'lock_throttled') && onWrongCurrent) {
      onWrongCurrent(t(`errors.${err.code}`));
      return;
    }
    void message.error(t(`errors.${err.code}`));
  };
}

/** No secret yet: choose a PIN or password and the idle time, then the lock is on. */
export function EnableLockFormView({ onSaved }: { onSaved: (s: LockState) => void }) {
  const t = useLockT();
  const { message } = App.useApp();
  const saveError = useSaveError();
  const form = useForm<EnableLockValues>({
    resolver: zodResolver(EnableLockForm),
    defaultValues: { kind: 'pin', value: '', confirm: '', idleMinutes: DEFAULT_IDLE_MINUTES },
  });
  const submit = form.handleSubmit(async (v) => {
    try {
      onSaved(await call('lock.setSecret', { secret: toLockSecret(v), idleMinutes: v.idleMinutes }));
      form.reset();
      void message.success(t('settings.enabled'));
    } catch (e) {
      saveError(e);
    }
  });
  return (
    <Form layout="vertical" component="div" className="lock-settings-form" data-testid="lock-enable-form">
      <NewSecretFields control={form.control} prefix="lock-new" />
      <FormField
        control={form.control}
        name="idleMinutes"
        label={t('settings.idle')}
        translateError={(e: FieldError) => t(`settings.error.${lockFormError(e.message)}`)}
        testIdPrefix="lock-new"
      >
        {({ value, onChange, id, 'data-testid': testId }) => (
          <IdleSelect value={value} onChange={(v) => onChange(v as IdleMinutes)} id={id} data-testid={testId} />
        )}
      </FormField>
      <Button
        type="primary"
        onClick={() => void submit()}
        loading={form.formState.isSubmitting}
        data-testid="lock-enable"
      >
        {t('settings.enable')}
      </Button>
    </Form>
  );
}

/** A secret is set: change it (the current one first). */
export function ChangeSecretFormView({ state, onSaved }: { state: LockState; onSaved: (s: LockState) => void }) {
  const t = useLockT();
  const { message } = App.useApp();
  const saveError = useSaveError();
  const form = useForm<ChangeSecretValues>({
    resolver: zodResolver(ChangeSecretForm),
    defaultValues: {
      kind: state.secretKind ?? 'pin',
      value: '',
      confirm: '',
      current: '',
      idleMinutes: state.idleMinutes,
    },
  });
  const translateError = (e: FieldError) =>
    e.type === 'server' && e.message ? e.message : t(`settings.error.${lockFormError(e.message)}`);
  const submit = form.handleSubmit(async (v) => {
    try {
      onSaved(
        await call('lock.setSecret', { current: v.current, secret: toLockSecret(v), idleMinutes: state.idleMinutes }),
      );
      form.reset({ kind: v.kind, value: '', confirm: '', current: '', idleMinutes: state.idleMinutes });
      void message.success(t('settings.saved'));
    } catch (e) {
      saveError(e, (text) => form.setError('current', { type: 'server', message: text }));
    }
  });
  return (
    <Form layout="vertical" component="div" className="lock-settings-form" data-testid="lock-change-form">
      <FormField
        control={form.control}
        name="current"
        label={t('settings.current')}
        translateError={translateError}
        testIdPrefix="lock-change"
        required
      >
        {(field) => <Input.Password {...field} autoComplete="current-password" maxLength={128} />}
      </FormField>
      <NewSecretFields control={form.control} prefix="lock-change" />
      <Button onClick={() => void submit()} loading={form.formState.isSubmitting} data-testid="lock-change">
        {t('settings.change')}
      </Button>
    </Form>
  );
}

/** Turn the lock off: the current secret, then a confirmation. */
export function RemoveSecretFormView({ onSaved }: { onSaved: (s: LockState) => void }) {
  const t = useLockT();
  const { message, modal } = App.useApp();
  const saveError = useSaveError();
  const form = useForm<RemoveSecretValues>({ resolver: zodResolver(RemoveSecretForm), defaultValues: { current: '' } });
  const translateError = (e: FieldError) =>
    e.type === 'server' && e.message ? e.message : t(`settings.error.${lockFormError(e.message)}`);
  const submit = form.handleSubmit((v) => {
    modal.confirm({
      title: t('settings.removeConfirmTitle'),
      content: t('settings.removeConfirmBody'),
      okText: t('settings.remove'),
      cancelText: t('settings.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'lock-remove-confirm' },
      onOk: async () => {
        try {
          onSaved(await call('lock.removeSecret', { current: v.current }));
          form.reset();
          void message.success(t('settings.removed'));
        } catch (e) {
          saveError(e, (text) => form.setError('current', { type: 'server', message: text }));
        }
      },
    });
  });
  return (
    <Form layout="vertical" component="div" className="lock-settings-form" data-testid="lock-remove-form">
      <FormField
        control={form.control}
        name="current"
        label={t('settings.current')}
        translateError={translateError}
        testIdPrefix="lock-remove"
        extra={t('settings.removeHint')}
        required
      >
        {(field) => <Input.Password {...field} autoComplete="current-password" maxLength={128} />}
      </FormField>
      <Button danger onClick={() => void submit()} data-testid="lock-remove">
        {t('settings.remove')}
      </Button>
    </Form>
  );
}
