/**
 * Blobs as files: `<dataDir>/blobs/<first two hex>/<key>`, written under a temp name and
 * renamed (put), or a finished upload's file hard-linked to its name (putFinished).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobMissingError,
  parseBlobKey,
  shardOf,
  type BlobStat,
  type BlobStore,
  type ByteRange,
  type FinishedUpload,
} from './blob-store';

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

/** Flushes a file's bytes to the disk, so a rename never publishes a name before its content. */
async function syncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Gives `source` the name `target` unless a blob has that name already: a hard link fails
 * rather than replaces, so a concurrent upload of the same key (a derivative may differ
 * byte for byte) never writes over a stored blob. The caller removes `source`. Where the
 * file system has no hard links, a check and a rename (finishes of one key are serialized
 * in the process, see finish.ts).
 */
async function publish(source: string, target: string): Promise<'stored' | 'existed'> {
  try {
    await link(source, target);
    return 'stored';
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return 'existed';
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].some((code) => isErrno(err, code))) throw err;
  }
  try {
    await stat(target);
    return 'existed';
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  await rename(source, target);
  return 'stored';
}

/** Temp files start with a dot, so a listing never takes one for a blob. */
const TEMP_PREFIX = '.tmp-';

export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk';
  readonly description: string;

  constructor(readonly root: string) {
    this.description = `disk: ${root}`;
  }

  /** The file of a key; a name that is no blob key never reaches the file system. */
  pathOf(key: string): string {
    if (!parseBlobKey(key)) throw new Error(`not a blob key: ${key}`);
    return join(this.root, shardOf(key), key);
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const s = await stat(this.pathOf(key));
      return { size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return null;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    try {
      // Opened first, so a missing blob is an error here rather than on the stream.
      const fh = await open(this.pathOf(key), 'r');
      return fh.createReadStream(range ? { start: range.start, end: range.end } : {});
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new BlobMissingError(key);
      throw err;
    }
  }

  /** Shard folders this process made or found: asked of the file system once each. */
  private readonly shardsMade = new Set<string>();

  private async tempIn(key: string): Promise<{ dir: string; temp: string }> {
    const dir = join(this.root, shardOf(key));
    if (!this.shardsMade.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.shardsMade.add(dir);
    }
    return { dir, temp: join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`) };
  }

  async put(key: string, bytes: Readable, _size: number): Promise<void> {
    const target = this.pathOf(key);
    const { temp } = await this.tempIn(key);
    try {
      await pipeline(bytes, createWriteStream(temp, { flags: 'wx' }));
      await syncFile(temp);
      await rename(temp, target);
    } catch (err) {
      this.shardsMade.clear(); // a folder removed behind our back is made again next time
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async putFinished(key: string, upload: FinishedUpload): Promise<'stored' | 'existed'> {
    if (upload.kind !== 'file') throw new Error('the disk blob store takes uploads from the disk upload area');
    const target = this.pathOf(key);
    const { temp } = await this.tempIn(key);
    // The upload's bytes may still be in the page cache: flushed before the name makes them a blob.
    if (!upload.synced) await syncFile(upload.path);
    try {
      return await publish(upload.path, target);
    } catch (err) {
      if (!isErrno(err, 'EXDEV')) {
        this.shardsMade.clear(); // a folder removed behind our back is made again next time
        throw err;
      }
      // Uploads on another file system: copied beside the target, then published.
      try {
        await copyFile(upload.path, temp);
        await syncFile(temp);
        return await publish(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<{ key: string } & BlobStat> {
    let shards: string[];
    try {
      shards = await readdir(this.root);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return;
      throw err;
    }
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of (await readdir(join(this.root, shard))).sort()) {
        if (!parseBlobKey(name) || shardOf(name) !== shard) continue;
        const s = await this.stat(name);
        if (s) yield { key: name, ...s };
      }
    }
  }
}
