import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Divider, Form, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { IdleMinutes, LockState } from '../../../../shared/channels/lock';
import { call, toApiError } from '../../api/client';
import { useLockT } from '../../components/lock/useLockT';
import { useTranslation } from 'react-i18next';
import { useLockStore } from '../../stores/lock';
import { ChangeSecretFormView, EnableLockFormView, RemoveSecretFormView } from './LockForms';
import { IdleSelect } from './SecretFields';
import './settings.css';

/** 安全设置: the idle lock's PIN or password and idle time (issue 8). */
export default function SecuritySettingsPage() {
  const t = useLockT();
  const { t: tt } = useTranslation();
  const { message } = App.useApp();
  const state = useLockStore((s) => s.state);
  const apply = useLockStore((s) => s.apply);
  const lockNow = useLockStore((s) => s.lockNow);
  useEffect(() => void useLockStore.getState().refresh(), []);
  if (!state) return null;
  const on = state.secretKind !== null;

  const saveIdle = async (idleMinutes: IdleMinutes) => {
    try {
      apply(await call('lock.setIdleMinutes', { idleMinutes }));
      void message.success(t('settings.saved'));
    } catch (e) {
      void message.error(tt(`errors.${toApiError(e).code}`));
    }
  };
  const saved = (s: LockState) => apply(s);

  return (
    <div className="settings-page" data-testid="security-settings">
      <div className="page-head">
        <h1>{t('settings.title')}</h1>
      </div>
      <Card
        title={
          <Space>
            <LockOutlined />
            {t('settings.cardTitle')}
          </Space>
        }
        extra={
          <Tag color={on ? 'green' : 'default'} data-testid="lock-status">
            {on
              ? t('settings.statusOn', { kind: t(`settings.kind.${state.secretKind ?? 'pin'}`) })
              : t('settings.statusOff')}
          </Tag>
        }
        className="settings-card"
      >
        <Alert
          type="info"
          showIcon
          title={t('settings.purpose')}
          description={
            <>
              <div>{t('settings.storedHow')}</div>
              <div>{t('settings.syncNote')}</div>
            </>
          }
          data-testid="lock-purpose"
        />
        {on ? (
          <>
            <Form layout="vertical" component="div" className="lock-settings-form lock-settings-idle">
              <Form.Item label={t('settings.idle')} htmlFor="lock-idle">
                <Space>
                  <IdleSelect
                    id="lock-idle"
                    data-testid="lock-idle"
                    value={state.idleMinutes}
                    onChange={(v) => void saveIdle(v as IdleMinutes)}
                  />
                  <Button icon={<LockOutlined />} onClick={() => void lockNow()} data-testid="lock-now-settings">
                    {t('settings.lockNow')}
                  </Button>
                </Space>
              </Form.Item>
            </Form>
            <Divider titlePlacement="start">{t('settings.changeTitle')}</Divider>
            <ChangeSecretFormView key={state.secretKind} state={state} onSaved={saved} />
            <Divider titlePlacement="start">{t('settings.removeTitle')}</Divider>
            <RemoveSecretFormView onSaved={saved} />
          </>
        ) : (
          <>
            <Typography.Paragraph data-testid="lock-off-hint">{t('settings.offHint')}</Typography.Paragraph>
            <EnableLockFormView onSaved={saved} />
          </>
        )}
        <Divider titlePlacement="start">{t('settings.forgotTitle')}</Divider>
        <Typography.Paragraph type="secondary" className="settings-forgot">
          {t('screen.forgotBody')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
