import { Image } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PhotoView } from '../../../../shared/channels/photos';
import { loadPhotoUrl, thumbUrl } from './imageUrls';
import { OriginalAction } from './OriginalAction';

interface Props {
  photos: PhotoView[];
  /** Index of the open photo, or null when closed. */
  current: number | null;
  onChange: (current: number | null) => void;
}

/** Report copies kept around the shown photo; the rest are revoked so browsing 500 photos stays light. */
const WINDOW = 2;

/**
 * Full-screen viewer (next/previous, zoom, rotate) on the report-size copies. Copies load for the
 * shown photo and its neighbours; until then the thumbnail stands in. The original is shown only
 * on request ("view original", fetched from the server when not here), one at a time.
 */
export function PhotoViewer({ photos, current, onChange }: Props) {
  const [reports, setReports] = useState<Record<string, string>>({});
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const requested = useRef(new Map<string, Promise<string>>());
  const [original, setOriginal] = useState<{ sha: string; url: string } | null>(null);
  const originalRef = useRef(original);
  useEffect(() => {
    originalRef.current = original;
  }, [original]);
  useEffect(
    () => () => {
      if (originalRef.current) URL.revokeObjectURL(originalRef.current.url);
    },
    [],
  );
  /** An original is large: it goes when the viewer moves to another photo or closes. */
  const showOriginal = (next: { sha: string; url: string } | null) =>
    setOriginal((prev) => {
      if (prev && prev.url !== next?.url) URL.revokeObjectURL(prev.url);
      return next;
    });

  useEffect(() => {
    const wanted = new Set<string>();
    if (current !== null) {
      for (let i = current - WINDOW; i <= current + WINDOW; i++) {
        const p = photos[i];
        if (p) wanted.add(p.sha256);
      }
    }
    // Revoke what left the window.
    for (const [sha, p] of requested.current) {
      if (wanted.has(sha)) continue;
      requested.current.delete(sha);
      void p.then(
        (u) => URL.revokeObjectURL(u),
        () => undefined,
      );
      setReports((prev) => {
        const { [sha]: _gone, ...rest } = prev;
        return rest;
      });
    }
    for (const p of photos) {
      if (!wanted.has(p.sha256) || requested.current.has(p.sha256)) continue;
      const sha = p.sha256;
      void thumbUrl(p).then(
        (u) => setThumbs((prev) => ({ ...prev, [sha]: u })),
        () => undefined,
      );
      const req = loadPhotoUrl(p, 'report');
      requested.current.set(sha, req);
      req.then(
        (u) => {
          if (requested.current.get(sha) === req) setReports((prev) => ({ ...prev, [sha]: u }));
          else URL.revokeObjectURL(u);
        },
        () => requested.current.delete(sha),
      );
    }
  }, [current, photos]);

  useEffect(() => {
    const all = requested.current;
    return () => {
      for (const p of all.values())
        void p.then(
          (u) => URL.revokeObjectURL(u),
          () => undefined,
        );
      all.clear();
    };
  }, []);

  const items = photos.map((p) => ({
    src: (original?.sha === p.sha256 ? original.url : undefined) ?? reports[p.sha256] ?? thumbs[p.sha256] ?? '',
    alt: p.caption || p.originalName,
  }));

  return (
    <Image.PreviewGroup
      items={items}
      preview={{
        open: current !== null,
        current: current ?? 0,
        onOpenChange: (open) => {
          if (!open) {
            showOriginal(null);
            onChange(null);
          }
        },
        onChange: (i) => {
          showOriginal(null);
          onChange(i);
        },
        actionsRender: (node, info) => {
          const photo = photos[info.current];
          return (
            <div className="photo-viewer-actions">
              {node}
              {photo && (
                <OriginalAction
                  photo={photo}
                  showing={original?.sha === photo.sha256}
                  onLoaded={(url) => showOriginal(url ? { sha: photo.sha256, url } : null)}
                />
              )}
            </div>
          );
        },
      }}
    />
  );
}
