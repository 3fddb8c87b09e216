import { CloudDownloadOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Input, Popconfirm, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoView } from '../../../../shared/channels/photos';
import { PhotoKind } from '../../../../shared/domain/photo';
import type { Problem } from '../../../../shared/domain/problem';
import { instant } from '../../format';
import type { Lang } from '../../i18n';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import { useThumbUrl } from './imageUrls';
import { PhotoFlagTags } from './PhotoFlagTags';

export type ProblemOption = Pick<Problem, 'id' | 'description'>;

export interface PhotoEdit {
  caption?: string;
  kind?: PhotoKind;
  problemId?: string | null;
}

interface Props {
  photo: PhotoView;
  problems?: ProblemOption[];
  onOpen: () => void;
  onEdit: (patch: PhotoEdit) => void;
  onDelete: () => void;
}

/** A thumbnail with its flags, and the caption, kind and problem link edited in place. */
export function PhotoCard({ photo, problems, onOpen, onEdit, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const tp = usePhotoSyncT();
  const lang = i18n.language as Lang;
  const thumb = useThumbUrl(photo);
  // The caption is saved when the field loses focus, not on every key.
  const [draft, setDraft] = useState<{ base: string; text: string }>({ base: photo.caption, text: photo.caption });
  const caption = draft.base === photo.caption ? draft.text : photo.caption;
  const saveCaption = () => {
    const text = caption.trim();
    if (text !== photo.caption) onEdit({ caption: text });
  };

  return (
    <div className="photo-card" data-photo-id={photo.id}>
      <button type="button" className="photo-thumb" data-testid="photo-thumb" onClick={onOpen} title={t('photos.view')}>
        {thumb.url ? (
          <img src={thumb.url} alt={photo.caption || photo.originalName} draggable={false} />
        ) : thumb.failed ? (
          <span className="photo-thumb-missing" data-testid="photo-thumb-missing" data-reason={thumb.failed}>
            {thumb.failed === 'pending' ? <CloudDownloadOutlined /> : <PictureOutlined />}
            <small>
              {thumb.failed === 'pending'
                ? tp('placeholder')
                : t(thumb.failed === 'missing' ? 'photos.fileMissing' : 'photos.loadFailed')}
            </small>
          </span>
        ) : (
          <Spin size="small" />
        )}
      </button>
      <PhotoFlagTags photo={photo} />
      <div className="photo-meta muted" title={photo.originalName}>
        {photo.takenAt !== null ? instant(photo.takenAt, lang) : t('common.none')}
      </div>
      <Input
        size="small"
        value={caption}
        maxLength={200}
        placeholder={t('photos.captionPlaceholder')}
        aria-label={t('photos.caption')}
        onChange={(e) => setDraft({ base: photo.caption, text: e.target.value })}
        onBlur={saveCaption}
        onPressEnter={saveCaption}
        data-testid="photo-caption"
      />
      <div className="photo-card-row">
        <Select
          size="small"
          value={photo.kind}
          onChange={(kind) => onEdit({ kind })}
          options={PhotoKind.options.map((k) => ({ value: k, label: t(`photos.kind.${k}`) }))}
          popupMatchSelectWidth={false}
          style={{ flex: 1, minWidth: 0 }}
          aria-label={t('photos.kindLabel')}
          data-testid="photo-kind"
        />
        <Popconfirm
          title={t('photos.deleteConfirm')}
          okText={t('photos.deleteOk')}
          cancelText={t('photos.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'photo-delete-confirm' }}
          onConfirm={onDelete}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('photos.delete')}
            data-testid="photo-delete"
          />
        </Popconfirm>
      </div>
      {problems && problems.length > 0 && (
        <Select
          size="small"
          allowClear
          value={photo.problemId ?? undefined}
          placeholder={t('photos.noProblem')}
          onChange={(id: string | undefined) => onEdit({ problemId: id ?? null })}
          options={problems.map((p) => ({ value: p.id, label: p.description.slice(0, 40) }))}
          popupMatchSelectWidth={false}
          aria-label={t('photos.problem')}
          data-testid="photo-problem"
        />
      )}
    </div>
  );
}
