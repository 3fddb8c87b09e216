import { Image } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PhotoView } from '../../../../shared/channels/photos';
import { loadPhotoUrl, thumbUrl } from './imageUrls';

interface Props {
  photos: PhotoView[];
  /** Index of the open photo, or null when closed. */
  current: number | null;
  onChange: (current: number | null) => void;
}

/** Report copies kept around the shown photo; the rest are revoked so browsing 500 photos stays light. */
const WINDOW = 2;

/**
 * Full-screen viewer (next/previous, zoom, rotate) on the report-size copies, never the originals.
 * Copies load for the shown photo and its neighbours; until then the thumbnail stands in.
 */
export function PhotoViewer({ photos, current, onChange }: Props) {
  const [reports, setReports] = useState<Record<string, string>>({});
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const requested = useRef(new Map<string, Promise<string>>());

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
    src: reports[p.sha256] ?? thumbs[p.sha256] ?? '',
    alt: p.caption || p.originalName,
  }));

  return (
    <Image.PreviewGroup
      items={items}
      preview={{
        open: current !== null,
        current: current ?? 0,
        onOpenChange: (open) => {
          if (!open) onChange(null);
        },
        onChange: (i) => onChange(i),
      }}
    />
  );
}
