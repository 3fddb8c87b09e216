import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { renderDemoPhoto } from '../../../resources/demo/photos';

export interface PhotoFixtures {
  withExif: string[];
  heic: string;
  noExif: string;
  corrupt: string;
}

/**
 * Five files as an inspector's camera roll gives them: two phone JPEGs with time and GPS,
 * an iPhone HEIC, one passed through WeChat (no EXIF), and a broken file.
 */
export async function makePhotoFixtures(
  dir: string,
  at: { takenAt: number; position: { lat: number; lng: number } },
): Promise<PhotoFixtures> {
  const withExif: string[] = [];
  for (const [i, caption] of ['主体结构施工', '塔吊作业面'].entries()) {
    const photo = await renderDemoPhoto({
      caption,
      takenAt: at.takenAt + i * 60_000,
      position: at.position,
      seed: 11 + i,
    });
    const file = join(dir, `IMG_10${i}.jpg`);
    writeFileSync(file, photo.bytes);
    withExif.push(file);
  }

  const noExif = join(dir, 'mmexport1605000000000.jpg');
  writeFileSync(
    noExif,
    (await renderDemoPhoto({ caption: '微信转发', takenAt: null, position: null, seed: 21 })).bytes,
  );

  if (!existsSync('/usr/bin/heif-enc')) {
    throw new Error('heif-enc is missing: install the Debian package libheif-examples (.ci/run does)');
  }
  const png = join(dir, 'heic-source.png');
  await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7ab8' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="640" height="480"><rect x="200" y="140" width="240" height="260" fill="#d9d2c3"/></svg>',
        ),
      },
    ])
    .png()
    .toFile(png);
  const heic = join(dir, 'IMG_2001.HEIC');
  execFileSync('/usr/bin/heif-enc', ['-q', '60', '-o', heic, png]);

  const corrupt = join(dir, 'IMG_9999.jpg');
  writeFileSync(corrupt, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a photo')]));

  return { withExif, heic, noExif, corrupt };
}
