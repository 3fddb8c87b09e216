import { InboxOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Space, Upload } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoView } from '../../../../shared/channels/photos';
import { call, toApiError } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { ImportProgress } from './ImportProgress';
import { PhotoCard, type PhotoEdit, type ProblemOption } from './PhotoCard';
import { PhotoViewer } from './PhotoViewer';
import { usePhotoImport } from './usePhotoImport';
import './photos.css';

export interface PhotoPanelProps {
  projectId: string;
  /** On a visit page: photos of that visit, new ones attached to it. */
  visitId?: string;
  /** Problems a photo can be linked to (问题佐证 / 整改前后). */
  problems?: ProblemOption[];
}

/** Photos of a project or a visit: add many at once, see flags, edit, view, delete with undo. */
export function PhotoPanel({ projectId, visitId, problems }: PhotoPanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const query = visitId ? { visitId } : { projectId };
  const list = useAsync(`photos:${projectId}:${visitId ?? ''}`, () => call('photos.list', query), ['photos']);
  const photos = list.data ?? [];
  const [viewing, setViewing] = useState<number | null>(null);
  // Imported photos show at once, before the list re-query comes back.
  const [fresh, setFresh] = useState<PhotoView[]>([]);
  const reloadTimer = useRef<number | undefined>(undefined);

  const onImported = useCallback(
    (photo: PhotoView) => {
      setFresh((prev) => (prev.some((p) => p.id === photo.id) ? prev : [...prev, photo]));
      window.clearTimeout(reloadTimer.current);
      reloadTimer.current = window.setTimeout(list.reload, 300);
    },
    [list.reload],
  );
  const importer = usePhotoImport(onImported);

  const known = new Set(photos.map((p) => p.id));
  const here = (p: PhotoView) => p.projectId === projectId && (!visitId || p.visitId === visitId);
  const merged = [...photos, ...fresh.filter((p) => !known.has(p.id) && here(p))];
  // A visit reads in the order it happened; a project's many visits read newest first.
  const shown = visitId
    ? merged
    : merged.sort((a, b) => (b.takenAt ?? 0) - (a.takenAt ?? 0) || a.id.localeCompare(b.id));

  const edit = async (photo: PhotoView, patch: PhotoEdit) => {
    try {
      await call('photos.update', { id: photo.id, ...patch });
      list.reload();
    } catch (e) {
      void message.error(t(`errors.${toApiError(e).code}`));
    }
  };

  const remove = async (photo: PhotoView) => {
    try {
      await call('photos.delete', { id: photo.id });
    } catch (e) {
      void message.error(t(`errors.${toApiError(e).code}`));
      return;
    }
    setFresh((prev) => prev.filter((p) => p.id !== photo.id));
    list.reload();
    const key = `photo-deleted-${photo.id}`;
    const undo = async () => {
      message.destroy(key);
      try {
        await call('photos.restore', { id: photo.id });
        list.reload();
        void message.success(t('photos.restored'));
      } catch (e) {
        void message.error(t(`errors.${toApiError(e).code}`));
      }
    };
    void message.open({
      key,
      type: 'info',
      duration: 8,
      content: (
        <Space>
          {t('photos.deleted')}
          <Button size="small" type="link" onClick={() => void undo()} data-testid="photo-undo">
            {t('photos.undo')}
          </Button>
        </Space>
      ),
    });
  };

  return (
    <Card
      size="small"
      data-testid="photo-panel"
      title={
        <Space>
          {t('photos.title')}
          <Badge count={shown.length} showZero color="#8a94a6" overflowCount={9999} />
        </Space>
      }
    >
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Upload.Dragger
        multiple
        accept="image/*,.heic,.heif"
        showUploadList={false}
        className="photo-drop"
        data-testid="photo-input"
        beforeUpload={(file, batch) => {
          // Called once per file; queue the whole batch on its first file so order is kept.
          if (file === batch[0]) importer.add(batch, { projectId, visitId: visitId ?? null });
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="photo-drop-icon">
          <InboxOutlined />
        </p>
        <p className="photo-drop-text">{t('photos.add')}</p>
        <p className="photo-drop-hint muted">{t('photos.dropHint')}</p>
      </Upload.Dragger>
      <ImportProgress items={importer.items} onClear={importer.clearFinished} />
      {shown.length === 0 ? (
        !list.loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('photos.empty')} />
      ) : (
        <div className="photo-grid">
          {shown.map((p, i) => (
            <PhotoCard
              key={p.id}
              photo={p}
              problems={problems}
              onOpen={() => setViewing(i)}
              onEdit={(patch) => void edit(p, patch)}
              onDelete={() => void remove(p)}
            />
          ))}
        </div>
      )}
      <PhotoViewer photos={shown} current={viewing} onChange={setViewing} />
    </Card>
  );
}
