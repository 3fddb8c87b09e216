import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../../../shared/calendar';
import type { PhotoView } from '../../../../shared/channels/photos';
import type { Lang } from '../../i18n';
import { date } from '../../format';

/** Proof-of-presence warnings as tags: far from the site, not on the visit day, no location, file time. */
export function PhotoFlagTags({ photo }: { photo: PhotoView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const f = photo.flags;
  const tags: { key: string; color: string; label: string; help: string }[] = [];
  if (f.far && f.distanceM !== null) {
    const label =
      f.distanceM >= 1000
        ? t('photos.flags.far', { km: (f.distanceM / 1000).toFixed(1) })
        : t('photos.flags.farMetres', { m: f.distanceM });
    tags.push({ key: 'far', color: 'error', label, help: t('photos.flagHelp.far') });
  }
  if (f.otherDay && photo.takenAt !== null) {
    const help = t('photos.flagHelp.otherDay', { date: date(shanghaiDate(photo.takenAt), lang) });
    tags.push({ key: 'otherDay', color: 'warning', label: t('photos.flags.otherDay'), help });
  }
  if (f.noLocation) {
    tags.push({
      key: 'noLocation',
      color: 'default',
      label: t('photos.flags.noLocation'),
      help: t('photos.flagHelp.noLocation'),
    });
  }
  if (f.fileTime) {
    tags.push({
      key: 'fileTime',
      color: 'default',
      label: t('photos.flags.fileTime'),
      help: t('photos.flagHelp.fileTime'),
    });
  }
  if (tags.length === 0) return null;
  return (
    <div className="photo-flags">
      {tags.map((x) => (
        <Tooltip key={x.key} title={x.help}>
          <Tag color={x.color} data-testid="photo-flag" data-flag={x.key}>
            {x.label}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}
