/**
 * `publish-update`: copies a release from electron-builder's output directory into the
 * feed (UPDATES_DIR) and signs its metadata. Checked first, then written: every file a
 * latest*.yml names must be there with the size and sha512 it states, or nothing is
 * touched. Installers and blockmaps go in first, metadata last, each through a temp file
 * and a rename, so a client never sees metadata that names a file not yet complete.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isFeedFileName,
  isMetadataFileName,
  MetadataError,
  parseUpdateMetadata,
  SIGNATURE_SUFFIX,
  type UpdateMetadata,
} from '../../shared/updates/metadata';
import { loadSigningKey, publicPemOf, signMetadata } from './signing';

export class PublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishError';
  }
}

function sha512Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}

/** The fingerprint operators compare with the key built into the app: SHA-256 of the public key (DER). */
export function keyFingerprint(publicPem: string): string {
  const der = Buffer.from(publicPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return createHash('sha256')
    .update(der)
    .digest('hex')
    .replace(/(.{4})(?!$)/g, '$1:');
}

interface Release {
  metadata: { name: string; bytes: Buffer; parsed: UpdateMetadata }[];
  /** Installers, packages and their blockmaps, by name. */
  payload: string[];
}

async function readRelease(fromDir: string): Promise<Release> {
  let names: string[];
  try {
    names = await readdir(fromDir);
  } catch (err) {
    throw new PublishError(`--from: 无法读取目录 cannot read ${fromDir} (${err instanceof Error ? err.message : err})`);
  }
  const metaNames = names.filter(isMetadataFileName).sort();
  if (metaNames.length === 0)
    throw new PublishError(`--from: ${fromDir} 中没有 latest*.yml: no update metadata (build with npm run dist first)`);
  const payload = new Set<string>();
  const metadata: Release['metadata'] = [];
  for (const name of metaNames) {
    const bytes = await readFile(join(fromDir, name));
    let parsed: UpdateMetadata;
    try {
      parsed = parseUpdateMetadata(bytes.toString('utf8'));
    } catch (err) {
      if (err instanceof MetadataError) throw new PublishError(`${name}: ${err.message}`);
      throw err;
    }
    for (const f of parsed.files) {
      const src = join(fromDir, f.url);
      const st = await stat(src).catch(() => null);
      if (!st?.isFile()) throw new PublishError(`${name} names ${f.url}, which is not in ${fromDir}`);
      if (st.size !== f.size) throw new PublishError(`${f.url}: ${st.size} bytes, but ${name} says ${f.size}`);
      if ((await sha512Of(src)) !== f.sha512) throw new PublishError(`${f.url}: sha512 differs from ${name}`);
      payload.add(f.url);
      const blockmap = `${f.url}.blockmap`;
      if (names.includes(blockmap) && isFeedFileName(blockmap)) payload.add(blockmap);
    }
    if (parsed.path !== undefined && !parsed.files.some((f) => f.url === parsed.path))
      throw new PublishError(`${name}: path ${parsed.path} is not among its files`);
    metadata.push({ name, bytes, parsed });
  }
  return { metadata, payload: [...payload].sort() };
}

/** Writes through a temp file in the same directory, flushed, then renamed over the target. */
async function placeAtomically(dir: string, name: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dir, `.${name}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    await write(tmp);
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(dir, name));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b).catch(() => null)]);
  if (!sb || sa.size !== sb.size) return false;
  return (await sha512Of(a)) === (await sha512Of(b));
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // Not every platform can fsync a directory (Windows): the renames are still atomic.
  } finally {
    await fh.close();
  }
}

export interface PublishOptions {
  fromDir: string;
  keyFile: string;
  updatesDir: string;
  print: (line: string) => void;
}

export async function publishUpdate(opts: PublishOptions): Promise<{ metadata: string[]; copied: string[] }> {
  if (!existsSync(opts.keyFile)) throw new PublishError(`--key: 文件不存在 no such file: ${opts.keyFile}`);
  let key;
  try {
    key = loadSigningKey(await readFile(opts.keyFile));
  } catch (err) {
    throw new PublishError(`--key ${opts.keyFile}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const release = await readRelease(opts.fromDir);
  const signatures = release.metadata.map((m) => signMetadata(m.bytes, key));

  await mkdir(opts.updatesDir, { recursive: true });
  const copied: string[] = [];
  for (const name of release.payload) {
    const src = join(opts.fromDir, name);
    if (await sameFile(src, join(opts.updatesDir, name))) continue;
    await placeAtomically(opts.updatesDir, name, (tmp) => copyFile(src, tmp));
    copied.push(name);
  }
  await syncDir(opts.updatesDir);
  // Metadata last: from here on clients are offered the new version, whose files are all in place.
  for (const [i, m] of release.metadata.entries()) {
    await placeAtomically(opts.updatesDir, `${m.name}${SIGNATURE_SUFFIX}`, (tmp) => writeFile(tmp, signatures[i]!));
    await placeAtomically(opts.updatesDir, m.name, (tmp) => writeFile(tmp, m.bytes));
  }
  await syncDir(opts.updatesDir);

  const versions = [...new Set(release.metadata.map((m) => m.parsed.version))].join(', ');
  opts.print(`已发布 published version ${versions} to ${opts.updatesDir}`);
  for (const m of release.metadata)
    opts.print(`  ${m.name} (+${SIGNATURE_SUFFIX}): ${m.parsed.files.map((f) => f.url).join(', ')}`);
  opts.print(`  ${copied.length} file(s) copied, ${release.payload.length - copied.length} already there`);
  opts.print(`  签名公钥指纹 signing key fingerprint: ${keyFingerprint(publicPemOf(key))}`);
  return { metadata: release.metadata.map((m) => m.name), copied };
}
