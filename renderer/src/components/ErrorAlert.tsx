import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

/** An API error in the user's language, with the backend's English message as detail. */
export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: ApiError;
  onRetry?: () => void;
  /** A headline that says more than the error code's own, where the caller knows the cause. */
  title?: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={title ?? t(`errors.${error.code}`)}
      description={error.message ? t('errors.detail', { message: error.message }) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
