/** Pieces the admin tabs share: the add button's toolbar, the tables' empty text and paging, the add/edit modal. */
import { App, Button, Empty, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Directory } from '../../../../shared/sync/wire';
import { toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A table's empty text: what is missing and a hint on what to do. */
export function emptyLocale(description: string, hint: string) {
  return {
    emptyText: (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
        <div className="muted">{hint}</div>
      </Empty>
    ),
  };
}

/** Pages of 50 once a list is longer than that. */
export function pageOf50(rows: readonly unknown[]) {
  return rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false;
}

/** The toolbar above a table with its one add button at the end. */
export function AddToolbar({
  icon,
  label,
  testId,
  onClick,
}: {
  icon: ReactNode;
  label: string;
  testId: string;
  onClick: () => void;
}) {
  return (
    <div className="admin-toolbar">
      <Button type="primary" icon={icon} className="admin-toolbar-end" onClick={onClick} data-testid={testId}>
        {label}
      </Button>
    </div>
  );
}

/**
 * The add/edit modal of a tab: `save` sends the form to the server, whose new directory goes to
 * `onSaved`; a refusal stays above the form until the modal closes.
 */
export function AdminFormModal<F extends object>({
  open,
  title,
  initialValues,
  testId,
  save,
  onClose,
  onSaved,
  children,
}: {
  open: boolean;
  title: string;
  initialValues: F;
  testId: string;
  save: (values: F) => Promise<Directory>;
  onClose: () => void;
  onSaved: (d: Directory) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<F>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: F) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await save(v));
      void message.success(t('admin.saved'));
      onClose();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      destroyOnHidden
      title={title}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={(visible) => visible || setError(null)}
    >
      {/* The server's accounts refuse only a taken login or group name as a conflict. */}
      {error && <ErrorAlert error={error} title={error.code === 'conflict' ? t('admin.taken') : undefined} />}
      <Form<F>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        initialValues={initialValues}
        onFinish={(v) => void submit(v)}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
