import { SaveOutlined, UndoOutlined, WifiOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Form, InputNumber, Radio, Skeleton, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/form/FormField';
import { PhotoSyncDetails } from '../../components/sync/PhotoSyncDetails';
import { useAsync } from '../../hooks/useAsync';
import { useNow } from '../../hooks/useNow';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import { usePhotoSyncStore } from '../../stores/photoSync';
import {
  DEFAULT_EVICT_DAYS,
  PhotoSettingsFormSchema,
  toFormValues,
  toSettings,
  type PhotoSettingsFormValues,
} from './photoSettingsForm';
import './sync.css';

const PREFIX = 'photo-settings';

/** The photo upload choices (issue 5): unmetered networks only, size sent, evicting originals. */
function PhotoSettingsForm({ initial }: { initial: PhotoSettingsFormValues }) {
  const t = usePhotoSyncT();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const form = useForm<PhotoSettingsFormValues>({
    defaultValues: initial,
    resolver: zodResolver(PhotoSettingsFormSchema),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { control, handleSubmit, reset, formState } = form;
  const evict = useWatch({ control, name: 'evict' });
  const sendSize = useWatch({ control, name: 'sendSize' });
  const translateError = () => t('settings.daysInvalid');

  const save = async (v: PhotoSettingsFormValues) => {
    setError(null);
    try {
      const saved = await call('photoSync.saveSettings', toSettings(v));
      reset(toFormValues(saved));
      void message.success(t('settings.saved'));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Form layout="vertical" component="div" className="photo-settings-form" data-testid="photo-settings">
      {error && <ErrorAlert error={error} />}
      <FormField
        control={control}
        name="unmeteredOnly"
        label={t('settings.unmeteredOnly')}
        extra={t('settings.unmeteredOnlyHint')}
        translateError={translateError}
        testIdPrefix={PREFIX}
      >
        {({ value, onChange, id, 'data-testid': testId }) => (
          <Switch id={id} data-testid={testId} checked={value} onChange={onChange} />
        )}
      </FormField>
      <FormField
        control={control}
        name="sendSize"
        label={t('settings.sendSize')}
        extra={t('settings.sendSizeHint')}
        translateError={translateError}
        testIdPrefix={PREFIX}
      >
        {({ value, onChange, id, 'data-testid': testId }) => (
          <Radio.Group id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
            <Space orientation="vertical">
              <Radio value="original" data-testid={`${testId}-original`}>
                {t('settings.sendOriginal')}
              </Radio>
              <Radio value="reduced" data-testid={`${testId}-reduced`}>
                {t('settings.sendReduced')}
              </Radio>
            </Space>
          </Radio.Group>
        )}
      </FormField>
      <Form.Item label={t('settings.evict')} extra={t('settings.evictHint')}>
        <Space wrap align="center">
          <FormField
            control={control}
            name="evict"
            label={null}
            translateError={translateError}
            testIdPrefix={PREFIX}
            className="photo-settings-inline"
          >
            {({ value, onChange, id, 'data-testid': testId }) => (
              <Space>
                <Switch id={id} data-testid={testId} checked={value} onChange={onChange} />
                <span>{t('settings.evictEnabled')}</span>
              </Space>
            )}
          </FormField>
          <FormField
            control={control}
            name="evictDays"
            label={null}
            translateError={translateError}
            testIdPrefix={PREFIX}
            className="photo-settings-inline"
          >
            {({ value, onChange, onBlur, id, 'data-testid': testId, status }) => (
              <Space>
                <span>{t('settings.evictAfter')}</span>
                <InputNumber<number>
                  id={id}
                  data-testid={testId}
                  status={status}
                  value={value}
                  min={1}
                  max={3650}
                  precision={0}
                  disabled={!evict}
                  placeholder={String(DEFAULT_EVICT_DAYS)}
                  onChange={(n) => onChange(n)}
                  onBlur={onBlur}
                  style={{ width: 96 }}
                />
                <span>{t('settings.evictDays')}</span>
              </Space>
            )}
          </FormField>
        </Space>
        {evict && sendSize === 'reduced' && (
          <Alert type="info" showIcon className="photo-settings-note" title={t('settings.evictReducedNote')} />
        )}
      </Form.Item>
      <Space>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={formState.isSubmitting}
          onClick={() => void handleSubmit(save)()}
          data-testid="photo-settings-save"
        >
          {t('settings.save')}
        </Button>
        <Button
          icon={<UndoOutlined />}
          disabled={!formState.isDirty}
          onClick={() => reset()}
          data-testid="photo-settings-reset"
        >
          {t('settings.reset')}
        </Button>
      </Space>
    </Form>
  );
}

/** 照片同步: the transfer status with its failures, and the upload settings. */
export function PhotoSyncPage() {
  const t = usePhotoSyncT();
  const now = useNow(5_000);
  const status = usePhotoSyncStore((s) => s.status);
  const network = usePhotoSyncStore((s) => s.network);
  const settings = useAsync('photoSync.settings', () => call('photoSync.settings', {}));

  // The status may have gone stale while no page showed it (e.g. a failure's countdown).
  useEffect(() => {
    void usePhotoSyncStore.getState().refresh();
  }, []);

  return (
    <div className="photo-sync-page" data-testid="photo-sync-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <span className="page-sub">{t('subtitle')}</span>
      </div>
      <Card size="small" className="photo-sync-card">
        <div className="photo-sync-network" data-testid="photo-sync-network" data-kind={network}>
          <WifiOutlined /> {t('network.current', { kind: t(`network.${network}`) })}
        </div>
        {status && <PhotoSyncDetails status={status} now={now} />}
      </Card>
      <Card size="small" title={t('settings.title')} className="photo-sync-card">
        {settings.error && <ErrorAlert error={settings.error} onRetry={settings.reload} />}
        {settings.data ? (
          <PhotoSettingsForm initial={toFormValues(settings.data)} />
        ) : (
          !settings.error && <Skeleton active paragraph={{ rows: 4 }} />
        )}
      </Card>
    </div>
  );
}

// Loaded when opened (react-hook-form and zod stay out of the start bundle).
export default PhotoSyncPage;
