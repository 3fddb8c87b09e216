/**
 * Decoding and derivatives: one decode of the original, shrunk on load to the report size, feeds
 * both the report copy (~1600 px) and the thumbnail (~320 px). Orientation is applied, so
 * derivatives are upright whatever the camera wrote.
 */
import decodeHeic from 'heic-decode';
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../../shared/errors';
import type { ImageType } from './sniff';

export const REPORT_LONG_SIDE = 1600;
export const THUMB_LONG_SIDE = 320;
const REPORT_QUALITY = 82;
const THUMB_QUALITY = 75;
/** Above the largest phone sensors (200 MP); refuses decompression bombs before they eat memory. */
export const MAX_INPUT_PIXELS = 220_000_000;
/** HEIC decodes to RGBA in WebAssembly memory (4 bytes a pixel), so its limit is lower. */
const MAX_HEIC_PIXELS = 120_000_000;

export interface Derived {
  /** Of the upright image. */
  width: number;
  height: number;
  report: Buffer;
  thumb: Buffer;
}

function refuse(why: string): AppError {
  return new AppError('invalid_photo', `cannot read the photo: ${why}`);
}

async function heicPipeline(bytes: Uint8Array): Promise<{ pipeline: Sharp; width: number; height: number }> {
  let images;
  try {
    images = await decodeHeic.all({ buffer: bytes });
  } catch (err) {
    throw refuse(`HEIC: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const first = images[0];
    if (!first) throw refuse('HEIC file without an image');
    if (first.width * first.height > MAX_HEIC_PIXELS) throw refuse(`image too large (${first.width}×${first.height})`);
    // libheif applies the HEIF rotation/mirror boxes itself, so the pixels are already upright.
    const img = await first.decode().catch((err: unknown) => {
      throw refuse(`HEIC: ${err instanceof Error ? err.message : String(err)}`);
    });
    const data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    const pipeline = sharp(data, { raw: { width: img.width, height: img.height, channels: 4 } });
    return { pipeline, width: img.width, height: img.height };
  } finally {
    images.dispose();
  }
}

async function sharpPipeline(bytes: Uint8Array): Promise<{ pipeline: Sharp; width: number; height: number }> {
  // failOn 'truncated': a cut-off upload is refused instead of stored with a grey lower half.
  const pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS }).rotate();
  let meta;
  try {
    meta = await pipeline.metadata();
  } catch (err) {
    throw refuse(err instanceof Error ? err.message : String(err));
  }
  const w = meta.autoOrient?.width ?? meta.width;
  const h = meta.autoOrient?.height ?? meta.height;
  if (!w || !h) throw refuse('no image dimensions');
  return { pipeline, width: w, height: h };
}

export async function deriveImages(bytes: Uint8Array, type: ImageType): Promise<Derived> {
  const { pipeline, width, height } = type === 'heic' ? await heicPipeline(bytes) : await sharpPipeline(bytes);
  let upright;
  try {
    upright = await pipeline
      .resize(REPORT_LONG_SIDE, REPORT_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(err instanceof Error ? err.message : String(err));
  }
  const raw = {
    raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels },
  } as const;
  const [report, thumb] = await Promise.all([
    sharp(upright.data, raw).jpeg({ quality: REPORT_QUALITY }).toBuffer(),
    sharp(upright.data, raw)
      .resize(THUMB_LONG_SIDE, THUMB_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: THUMB_QUALITY })
      .toBuffer(),
  ]);
  return { width, height, report, thumb };
}
