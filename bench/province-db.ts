/**
 * The province-scale demo database the benchmarks read, built once and cached under
 * bench/.cache/ (gitignored): the build takes about a minute, a benchmark run should not.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoDatabase } from '../resources/demo/load';

const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');
const SEED = 20201;

export interface BenchDb {
  file: string;
  /** The demo's "today" (Asia/Shanghai), which the data's overdue and this-month figures hang on. */
  today: string;
  built: boolean;
}

interface Meta {
  seed: number;
  scale: 'province';
  today: string;
}

export async function provinceDb(log: (m: string) => void): Promise<BenchDb> {
  const file = join(CACHE_DIR, `province-${SEED}.db`);
  const metaFile = `${file}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.seed === SEED && meta.scale === 'province') return { file, today: meta.today, built: false };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const res = await writeDemoDatabase(file, { seed: SEED, scale: 'province', photosDir: null, overwrite: true, log });
  const meta: Meta = { seed: SEED, scale: 'province', today: res.today };
  writeFileSync(metaFile, JSON.stringify(meta));
  return { file, today: res.today, built: true };
}
