/**
 * Real JPEG bytes for demo photos: a simple generated site scene (sky, ground, a building
 * under construction, the caption) with EXIF DateTimeOriginal and WGS-84 GPS, as a phone writes.
 */
import { existsSync, readdirSync } from 'node:fs';
import piexif from 'piexifjs';
import sharp from 'sharp';
import { sha256Hex } from '../../electron/backend/photos/layout';
import { shanghaiDate } from '../../shared/calendar';
import { Rng } from './prng';

export interface DemoPhotoSpec {
  caption: string;
  /** Epoch ms; written as Asia/Shanghai local time. Null: no EXIF at all (as after WeChat). */
  takenAt: number | null;
  /** WGS-84; null: no GPS tags. */
  position: { lat: number; lng: number } | null;
  /** Varies colours and shapes so photos differ. */
  seed: number;
  width?: number;
  height?: number;
}

export interface DemoPhoto {
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
}

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', 'C:\\Windows\\Fonts'];
const CJK_FONT_RE =
  /(NotoSansCJK|NotoSerifCJK|NotoSansSC|SourceHanSans|wqy|msyh|simsun|simhei|PingFang|DroidSansFallback)/i;
let cjkFont: boolean | undefined;

/** Whether a CJK font is installed; without one the caption would render as boxes, so we skip it. */
export function hasCjkFont(): boolean {
  if (cjkFont !== undefined) return cjkFont;
  cjkFont = false;
  for (const dir of FONT_DIRS) {
    if (!existsSync(dir)) continue;
    try {
      const files = readdirSync(dir, { recursive: true }) as string[];
      if (files.some((f) => CJK_FONT_RE.test(String(f)))) cjkFont = true;
    } catch {
      // unreadable font directory: treat as absent
    }
    if (cjkFont) break;
  }
  return cjkFont;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Asia/Shanghai wall-clock time of an instant, as EXIF writes it: 2020:04:01 10:35:12. */
export function exifDateTime(instantMs: number): string {
  const d = new Date(instantMs + 8 * 3_600_000);
  const date = shanghaiDate(instantMs).replaceAll('-', ':');
  return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function sceneSvg(spec: DemoPhotoSpec, w: number, h: number): string {
  const rng = new Rng(spec.seed);
  const horizon = Math.round(h * rng.range(0.55, 0.68));
  const skyTop = rng.pick(['#5b8fd6', '#7aa7e0', '#9fb8cf', '#c9d6e3']);
  const ground = rng.pick(['#8a7456', '#6f6a5c', '#9a8a6a', '#e8ecef']);
  const bx = Math.round(w * rng.range(0.15, 0.45));
  const bw = Math.round(w * rng.range(0.25, 0.4));
  const floors = rng.int(3, 9);
  const fh = Math.round((horizon * 0.6) / floors);
  const top = horizon - floors * fh;
  let frame = '';
  for (let f = 0; f <= floors; f++)
    frame += `<line x1="${bx}" y1="${horizon - f * fh}" x2="${bx + bw}" y2="${horizon - f * fh}"/>`;
  for (let c = 0; c <= 5; c++) {
    const x = bx + Math.round((bw * c) / 5);
    frame += `<line x1="${x}" y1="${top}" x2="${x}" y2="${horizon}"/>`;
  }
  const cx = bx + bw + Math.round(w * 0.08);
  const crane =
    `<line x1="${cx}" y1="${horizon}" x2="${cx}" y2="${top - 60}"/>` +
    `<line x1="${cx - 180}" y1="${top - 50}" x2="${cx + 120}" y2="${top - 50}"/>` +
    `<line x1="${cx + 90}" y1="${top - 50}" x2="${cx + 90}" y2="${top + 40}"/>`;
  const when = spec.takenAt !== null ? exifDateTime(spec.takenAt).replace(/^(\d+):(\d+):(\d+)/, '$1-$2-$3') : '';
  const where = spec.position ? `${spec.position.lat.toFixed(5)}N ${spec.position.lng.toFixed(5)}E` : '';
  const fs = Math.round(h / 24);
  const caption = hasCjkFont()
    ? `<text x="24" y="${h - fs * 2.2}" font-size="${fs}" font-family="Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif" fill="#fff">${escapeXml(spec.caption.slice(0, 40))}</text>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="#eef3f8"/></linearGradient>
<linearGradient id="gr" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${ground}"/><stop offset="1" stop-color="#3d3a33"/></linearGradient></defs>
<rect width="${w}" height="${horizon}" fill="url(#sky)"/><rect y="${horizon}" width="${w}" height="${h - horizon}" fill="url(#gr)"/>
<rect x="${bx}" y="${top}" width="${bw}" height="${floors * fh}" fill="#b9b4a8" fill-opacity="0.55"/>
<g stroke="#4a4a4a" stroke-width="4">${frame}</g><g stroke="#e0a800" stroke-width="7">${crane}</g>
<rect y="${h - fs * 3.6}" width="${w}" height="${fs * 3.6}" fill="#000" fill-opacity="0.45"/>${caption}
<text x="24" y="${h - fs * 0.8}" font-size="${Math.round(fs * 0.8)}" font-family="DejaVu Sans, Arial, sans-serif" fill="#ffd666">${escapeXml(`${when}  ${where}`)}</text>
</svg>`;
}

function exifFor(spec: DemoPhotoSpec): string {
  const zeroth = { [piexif.ImageIFD.Make!]: 'Sitebook', [piexif.ImageIFD.Model!]: 'Demo Camera' };
  const exif: Record<number, string> = {};
  // EXIF local time without zone, as phones write it (piexifjs predates OffsetTimeOriginal).
  if (spec.takenAt !== null) {
    exif[piexif.ExifIFD.DateTimeOriginal!] = exifDateTime(spec.takenAt);
    exif[piexif.ExifIFD.DateTimeDigitized!] = exifDateTime(spec.takenAt);
  }
  const gps: Record<number, string | number[] | [number, number][]> = {};
  if (spec.position) {
    const { lat, lng } = spec.position;
    gps[piexif.GPSIFD.GPSVersionID!] = [2, 3, 0, 0];
    gps[piexif.GPSIFD.GPSLatitudeRef!] = lat >= 0 ? 'N' : 'S';
    gps[piexif.GPSIFD.GPSLatitude!] = piexif.GPSHelper.degToDmsRational(lat);
    gps[piexif.GPSIFD.GPSLongitudeRef!] = lng >= 0 ? 'E' : 'W';
    gps[piexif.GPSIFD.GPSLongitude!] = piexif.GPSHelper.degToDmsRational(lng);
    gps[piexif.GPSIFD.GPSMapDatum!] = 'WGS-84';
  }
  return piexif.dump({ '0th': zeroth, Exif: exif, GPS: gps });
}

/** Renders one demo JPEG. Deterministic for a given spec and libvips build. */
export async function renderDemoPhoto(spec: DemoPhotoSpec): Promise<DemoPhoto> {
  const width = spec.width ?? 1024;
  const height = spec.height ?? 768;
  const jpeg = await sharp(Buffer.from(sceneSvg(spec, width, height)))
    .jpeg({ quality: 78, mozjpeg: false })
    .toBuffer();
  // No time and no position means "came through WeChat": such files carry no EXIF at all.
  const bytes =
    spec.takenAt === null && spec.position === null
      ? jpeg
      : Buffer.from(piexif.insert(exifFor(spec), jpeg.toString('binary')), 'binary');
  return { bytes, sha256: sha256Hex(bytes), width, height };
}
