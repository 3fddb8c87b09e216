/**
 * Demo database generator.
 *
 *   npx tsx resources/demo/generate.ts --out <file.db> [--scale city|province] [--seed 20201]
 *     [--today YYYY-MM-DD] [--photos <dir>|none] [--force]
 *
 * --today defaults to the current Asia/Shanghai date (the app computes "this month" and
 * "overdue" from the real date); --photos defaults to a `photos` directory beside the database.
 * Progress goes to stderr; nothing is written but the database and the photo files.
 */
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CalendarDate } from '../../shared/domain/primitives';
import { shanghaiDate } from '../../shared/calendar';
import { writeDemoDatabase } from './load';

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      scale: { type: 'string', default: 'city' },
      seed: { type: 'string', default: '20201' },
      today: { type: 'string' },
      photos: { type: 'string' },
      'max-photo-files': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  if (!values.out) fail('--out <file.db> is required');
  const scale = values.scale;
  if (scale !== 'city' && scale !== 'province') fail(`--scale must be city or province, not ${scale}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, not ${values.seed}`);
  const today = values.today ?? shanghaiDate(Date.now());
  if (!CalendarDate.safeParse(today).success) fail(`--today must be YYYY-MM-DD, not ${today}`);
  const out = resolve(values.out);
  const photosDir = values.photos === 'none' ? null : resolve(values.photos ?? join(dirname(out), 'photos'));
  const maxPhotoFiles = values['max-photo-files'] !== undefined ? Number(values['max-photo-files']) : undefined;

  const t0 = performance.now();
  await writeDemoDatabase(out, { seed, scale, today, photosDir, maxPhotoFiles, overwrite: values.force });
  process.stderr.write(`generate: done in ${Math.round(performance.now() - t0)} ms\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
