import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DB_PASSPHRASE_MIN, type DbKeyState } from '../../../../shared/channels/db-key';
import { call, toApiError, type ApiError } from '../../api/client';
import './db-unlock.css';

interface Values {
  passphrase: string;
  confirm?: string;
}

/**
 * The unlock step before anything else: where the OS cannot protect the database key, the backend
 * does not exist until the passphrase is given (electron/db-key/key-gate.ts). 'unlock' asks for it;
 * 'choose' (first run) has it typed twice. A wrong one says so and the form stays for another try.
 */
export function DatabaseUnlock({ children }: { children: ReactNode }) {
  const [state, setState] = useState<DbKeyState['state'] | null>(null);

  useEffect(() => {
    let live = true;
    call('dbKey.state', {})
      .then((s) => live && setState(s.state))
      // Any refusal (the idle lock, an older backend): the database is open, the app handles the rest.
      .catch(() => live && setState('open'));
    return () => {
      live = false;
    };
  }, []);

  if (state === null) return null;
  if (state === 'open') return <>{children}</>;
  return <UnlockForm mode={state} onOpen={() => setState('open')} />;
}

function UnlockForm({ mode, onOpen }: { mode: 'unlock' | 'choose'; onOpen: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const choosing = mode === 'choose';

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call('dbKey.unlock', { passphrase: values.passphrase });
      onOpen();
    } catch (e) {
      setError(toApiError(e));
      form.setFieldsValue({ passphrase: '', confirm: '' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="db-unlock" data-testid="db-unlock">
      <Card className="db-unlock-card">
        <h1>
          <LockOutlined /> {t(choosing ? 'dbUnlock.chooseTitle' : 'dbUnlock.unlockTitle')}
        </h1>
        <p className="db-unlock-hint">{t(choosing ? 'dbUnlock.chooseHint' : 'dbUnlock.unlockHint')}</p>
        {error && (
          <Alert
            type="error"
            showIcon
            data-testid="db-unlock-error"
            message={t(`errors.${error.code}`)}
            className="db-unlock-error"
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="passphrase"
            label={t('dbUnlock.passphrase')}
            rules={[
              { required: true, message: t('dbUnlock.required') },
              ...(choosing ? [{ min: DB_PASSPHRASE_MIN, message: t('dbUnlock.tooShort') }] : []),
            ]}
          >
            <Input.Password autoFocus autoComplete={choosing ? 'new-password' : 'current-password'} />
          </Form.Item>
          {choosing && (
            <Form.Item
              name="confirm"
              label={t('dbUnlock.confirm')}
              dependencies={['passphrase']}
              rules={[
                { required: true, message: t('dbUnlock.required') },
                ({ getFieldValue }) => ({
                  validator: (_r, v) =>
                    v === getFieldValue('passphrase')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('dbUnlock.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="db-unlock-submit">
            {t(choosing ? 'dbUnlock.choose' : 'dbUnlock.unlock')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
