import { InfoCircleOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call, toApiError, type ApiError } from '../../api/client';
import { useSyncStore } from '../../stores/sync';
import { rememberServerUrl, rememberedServerUrl } from './serverUrl';
import './sync.css';

interface SignInForm {
  serverUrl: string;
  login: string;
  password: string;
}

/** Sign in to the sync server; what this device made before is kept and syncs under the account. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const status = useSyncStore((s) => s.status);
  const refresh = useSyncStore((s) => s.refresh);
  const setStatus = useSyncStore((s) => s.setStatus);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<SignInForm>();

  const submit = async (values: SignInForm) => {
    setBusy(true);
    setError(null);
    const serverUrl = values.serverUrl.trim().replace(/\/+$/, '');
    try {
      const next = await call('sync.signIn', { serverUrl, login: values.login.trim(), password: values.password });
      rememberServerUrl(serverUrl);
      setStatus(next);
      await refresh();
      void message.success(t('sync.signInPage.success', { name: next.user?.name ?? values.login }));
      void navigate('/projects');
    } catch (e) {
      setError(toApiError(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const user = status && status.state !== 'signed_out' ? status.user : null;

  return (
    <div className="sign-in-page" data-testid="sign-in-page">
      <div className="page-head">
        <h1>{t('sync.signInPage.title')}</h1>
        <span className="page-sub">{t('sync.signInPage.subtitle')}</span>
      </div>
      <Card className="sign-in-card">
        {user ? (
          <Alert
            type="success"
            showIcon
            data-testid="already-signed-in"
            title={t('sync.signInPage.alreadySignedIn', {
              name: user.name,
              role: t(`sync.role.${user.role}`),
              url: status?.serverUrl ?? '',
            })}
            description={
              <>
                <div>{t('sync.signInPage.switchAccount')}</div>
                <Link to="/projects">{t('sync.signInPage.backToLedger')}</Link>
              </>
            }
          />
        ) : (
          <>
            <Alert
              type="info"
              icon={<InfoCircleOutlined />}
              showIcon
              className="sign-in-keeps"
              title={t('sync.signInPage.keepsData')}
            />
            {error && (
              <Alert
                type="error"
                showIcon
                className="sign-in-error"
                data-testid="sign-in-error"
                title={t('sync.signInPage.failed')}
                description={t(`errors.${error.code}`)}
              />
            )}
            <Form<SignInForm>
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={{ serverUrl: rememberedServerUrl(status?.serverUrl ?? null), login: '', password: '' }}
              onFinish={(v) => void submit(v)}
              disabled={busy}
            >
              <Form.Item
                name="serverUrl"
                label={t('sync.signInPage.serverUrl')}
                extra={t('sync.signInPage.serverUrlHint')}
                rules={[
                  { required: true, message: t('sync.signInPage.required') },
                  { pattern: /^https?:\/\/[^\s/]+/i, message: t('sync.signInPage.serverUrlInvalid') },
                ]}
              >
                <Input placeholder="http://192.168.1.10:8787" autoComplete="url" data-testid="sign-in-server" />
              </Form.Item>
              <Form.Item
                name="login"
                label={t('sync.signInPage.login')}
                rules={[{ required: true, whitespace: true, message: t('sync.signInPage.required') }]}
              >
                <Input autoComplete="username" data-testid="sign-in-login" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('sync.signInPage.password')}
                rules={[{ required: true, message: t('sync.signInPage.required') }]}
              >
                <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<LoginOutlined />}
                loading={busy}
                block
                data-testid="sign-in-submit"
              >
                {busy ? t('sync.signInPage.submitting') : t('sync.signInPage.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
