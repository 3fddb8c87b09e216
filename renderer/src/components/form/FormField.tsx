import { Form } from 'antd';
import type { ReactNode } from 'react';
import {
  Controller,
  type Control,
  type ControllerRenderProps,
  type FieldError,
  type FieldPath,
  type FieldValues,
} from 'react-hook-form';

/** What a field's input gets: react-hook-form's value/onChange plus an id, a test id and the antd status. */
export type FieldInputProps<T extends FieldValues, N extends FieldPath<T>> = ControllerRenderProps<T, N> & {
  id: string;
  'data-testid': string;
  status?: 'error' | 'warning';
};

export interface FormFieldProps<T extends FieldValues, N extends FieldPath<T>> {
  control: Control<T>;
  name: N;
  label: ReactNode;
  /** Turns a validation error (its message is a code or zod's English) into the user's language. */
  translateError: (error: FieldError) => string;
  testIdPrefix: string;
  /** A non-blocking remark (e.g. an invariant warning), shown when the field has no error. */
  warning?: string | null;
  extra?: ReactNode;
  required?: boolean;
  className?: string;
  children: (field: FieldInputProps<T, N>) => ReactNode;
}

/**
 * The one adapter between react-hook-form and antd: every form field goes through it, so
 * errors look and translate the same everywhere.
 */
export function FormField<T extends FieldValues, N extends FieldPath<T>>(props: FormFieldProps<T, N>) {
  const { control, name, label, translateError, testIdPrefix, warning, extra, required, className, children } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const error = fieldState.error ? translateError(fieldState.error) : null;
        const status = error ? 'error' : warning ? 'warning' : undefined;
        const id = `${testIdPrefix}-${name}`;
        return (
          <Form.Item
            label={label}
            htmlFor={id}
            required={required}
            validateStatus={status ?? ''}
            help={error ?? warning ?? undefined}
            extra={extra}
            className={className}
          >
            {children({ ...field, id, 'data-testid': id, status })}
          </Form.Item>
        );
      }}
    />
  );
}
