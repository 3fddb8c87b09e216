import { Input, Segmented, Select } from 'antd';
import type { Control, FieldError, FieldValues, Path } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import { IDLE_MINUTES, type SecretKind } from '../../../../shared/channels/lock';
import { FormField } from '../../components/form/FormField';
import { useLockT } from '../../components/lock/useLockT';
import { lockFormError } from './lockForms';

interface NewSecret extends FieldValues {
  kind: SecretKind;
  value: string;
  confirm: string;
}

/** Kind, new secret and its repeat: shared by "turn on" and "change". */
export function NewSecretFields<T extends NewSecret>({ control, prefix }: { control: Control<T>; prefix: string }) {
  const t = useLockT();
  const kind = useWatch({ control, name: 'kind' as Path<T> }) as SecretKind;
  const translateError = (e: FieldError) => t(`settings.error.${lockFormError(e.message)}`);
  const pin = kind === 'pin';
  const newSecretInput = ({ value, ...field }: { value: unknown }) => (
    <Input.Password
      {...field}
      value={value as string}
      inputMode={pin ? 'numeric' : 'text'}
      autoComplete="new-password"
      maxLength={pin ? 12 : 128}
    />
  );
  return (
    <>
      <FormField
        control={control}
        name={'kind' as Path<T>}
        label={t('settings.kindLabel')}
        translateError={translateError}
        testIdPrefix={prefix}
      >
        {({ value, onChange, id, 'data-testid': testId }) => (
          <Segmented<SecretKind>
            id={id}
            data-testid={testId}
            value={value as SecretKind}
            onChange={onChange}
            options={[
              { value: 'pin', label: t('settings.kind.pin') },
              { value: 'password', label: t('settings.kind.password') },
            ]}
          />
        )}
      </FormField>
      <FormField
        control={control}
        name={'value' as Path<T>}
        label={pin ? t('settings.secret.pin') : t('settings.secret.password')}
        translateError={translateError}
        testIdPrefix={prefix}
        required
      >
        {newSecretInput}
      </FormField>
      <FormField
        control={control}
        name={'confirm' as Path<T>}
        label={t('settings.confirm')}
        translateError={translateError}
        testIdPrefix={prefix}
        required
      >
        {newSecretInput}
      </FormField>
    </>
  );
}

export function IdleSelect(props: {
  value: number;
  onChange: (v: number) => void;
  id?: string;
  'data-testid'?: string;
  disabled?: boolean;
}) {
  const t = useLockT();
  return (
    <Select<number>
      {...props}
      style={{ width: 160 }}
      options={IDLE_MINUTES.map((m) => ({ value: m, label: t('settings.idleOption', { count: m }) }))}
    />
  );
}
