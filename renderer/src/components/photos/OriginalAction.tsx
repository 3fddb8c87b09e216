import { CloseOutlined, ExpandOutlined } from '@ant-design/icons';
import { Button, Progress } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoView } from '../../../../shared/channels/photos';
import { onEvent, toApiError, type ApiError } from '../../api/client';
import { usePhotoSyncT } from '../../i18n/usePhotoSyncT';
import { byteSize } from '../../sync/photoStatus';
import { loadOriginalUrl } from './imageUrls';

type Fetching = { received: number; total: number | null };

interface Props {
  photo: PhotoView;
  /** The original's URL once it is here, or null when the user closes it. */
  showing: boolean;
  onLoaded: (url: string | null) => void;
}

/**
 * "View original" in the viewer's toolbar: the original is fetched from the server when this
 * device does not have it (evicted, or taken on another device), with progress, then shown.
 */
export function OriginalAction({ photo, showing, onLoaded }: Props) {
  const t = usePhotoSyncT();
  const { t: tApp } = useTranslation();
  const [fetching, setFetching] = useState<Fetching | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const current = useRef(photo.id);
  useEffect(() => {
    current.current = photo.id;
  }, [photo.id]);

  // Another photo in the viewer: what was going on for the last one no longer shows.
  const [shownFor, setShownFor] = useState(photo.id);
  if (shownFor !== photo.id) {
    setShownFor(photo.id);
    setFetching(null);
    setError(null);
  }

  const open = async () => {
    const id = photo.id;
    setError(null);
    setFetching({ received: 0, total: photo.byteSize || null });
    const off = onEvent('photos.originalProgress', (p) => {
      if (p.photoId === id && current.current === id) setFetching({ received: p.received, total: p.total });
    });
    try {
      const url = await loadOriginalUrl(photo);
      if (current.current === id) onLoaded(url);
      else URL.revokeObjectURL(url);
    } catch (e) {
      if (current.current === id) setError(toApiError(e));
    } finally {
      off();
      if (current.current === id) setFetching(null);
    }
  };

  if (showing)
    return (
      <div className="photo-original-bar" data-testid="photo-original" data-state="showing">
        <span>{t('original.showing')}</span>
        <Button size="small" icon={<CloseOutlined />} onClick={() => onLoaded(null)} data-testid="photo-original-close">
          {t('original.close')}
        </Button>
      </div>
    );
  if (fetching)
    return (
      <div className="photo-original-bar" data-testid="photo-original" data-state="fetching">
        <span>{t('original.fetching')}</span>
        {fetching.total ? (
          <>
            <Progress
              percent={Math.min(100, Math.round((100 * fetching.received) / fetching.total))}
              size="small"
              showInfo={false}
              style={{ width: 160, margin: 0 }}
            />
            <span>
              {t('original.progress', {
                received: byteSize(fetching.received),
                total: byteSize(fetching.total),
              })}
            </span>
          </>
        ) : (
          <span>{t('original.progressOpen', { received: byteSize(fetching.received) })}</span>
        )}
      </div>
    );
  return (
    <div className="photo-original-bar" data-testid="photo-original" data-state={error ? 'error' : 'idle'}>
      <Button size="small" icon={<ExpandOutlined />} onClick={() => void open()} data-testid="photo-original-open">
        {t('original.view')}
      </Button>
      {error && (
        <span className="photo-original-error" data-testid="photo-original-error" title={error.message}>
          {t('original.failed')}: {tApp(`errors.${error.code}`)}
          {error.message ? ` (${error.message})` : ''}
        </span>
      )}
    </div>
  );
}
