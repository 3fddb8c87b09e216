/**
 * The tus file datastore with the upload's SHA-256 taken as its bytes are written, so a
 * finished upload need not be read back to be checked (issue 5, bench/photo-upload.ts),
 * and with fewer file operations per request: each upload's info (JSON) is kept in memory
 * as this process wrote or read it, and the folder is made once, not on every creation.
 * A running hash is kept in memory per upload and only continued by a write that starts
 * exactly where it stopped; anything else (a server restart, a failed write, a write at
 * another offset) drops it, and the finish reads the file back instead. Correctness never
 * depends on the running hash being there.
 */
import { FileConfigstore, FileStore, type Configstore } from '@tus/file-store';
import { ERRORS, type Upload } from '@tus/server';
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

interface RunningHash {
  hash: Hash;
  /** The bytes hashed so far: the upload's file has exactly these at its start. */
  offset: number;
}

/** Uploads with a running hash at most; past it the oldest falls back to a read-back (abandoned uploads cost nothing). */
const MAX_RUNNING = 4096;
/** Bytes gathered before one write to the file: fewer, larger writes than the request's 64 KB pieces. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Upload infos kept in memory at most (the oldest are read from their file again). */
const MAX_CACHED_INFOS = 4096;

/**
 * Upload infos through to their files, remembered as JSON text (so no caller can change a
 * kept one). Only this process writes them while it runs; a file removed behind its back
 * (the gc-blobs command) is still noticed, since FileStore.getUpload stats the bytes' file.
 */
class CachedConfigstore implements Configstore {
  private readonly kept = new Map<string, string>();

  constructor(private readonly files: FileConfigstore) {}

  async get(key: string): Promise<Upload | undefined> {
    const text = this.kept.get(key);
    if (text !== undefined) return JSON.parse(text) as Upload;
    const value = await this.files.get(key);
    if (value) this.keep(key, value);
    return value;
  }

  async set(key: string, value: Upload): Promise<void> {
    this.kept.delete(key);
    await this.files.set(key, value);
    this.keep(key, value);
  }

  async delete(key: string): Promise<void> {
    this.kept.delete(key);
    await this.files.delete(key);
  }

  list(): Promise<string[]> {
    return this.files.list();
  }

  forget(key: string): void {
    this.kept.delete(key);
  }

  private keep(key: string, value: Upload): void {
    this.kept.set(key, JSON.stringify(value));
    if (this.kept.size > MAX_CACHED_INFOS) {
      const oldest = this.kept.keys().next().value;
      if (oldest !== undefined) this.kept.delete(oldest);
    }
  }
}

export class HashingFileStore extends FileStore {
  private readonly running = new Map<string, RunningHash>();
  /** Uploads whose last write flushed them to the disk (see write()). */
  private readonly synced = new Set<string>();
  private readonly infos: CachedConfigstore;
  private folderMade: Promise<unknown> | null = null;

  constructor(options: { directory: string; expirationPeriodInMilliseconds: number }) {
    const infos = new CachedConfigstore(new FileConfigstore(options.directory));
    super({ ...options, configstore: infos });
    this.infos = infos;
  }

  /** As FileStore.create (an empty file, then its info), with the folder made once per process. */
  override async create(file: Upload): Promise<Upload> {
    const path = this.resolvePath(file.id);
    const makeFolder = (): Promise<unknown> =>
      (this.folderMade ??= mkdir(this.directory, { recursive: true }).catch((err: unknown) => {
        this.folderMade = null;
        throw err;
      }));
    await makeFolder();
    try {
      await (await open(path, 'w')).close();
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code !== 'ENOENT') throw err;
      // The folder was removed behind our back: made again.
      this.folderMade = null;
      await makeFolder();
      await (await open(path, 'w')).close();
    }
    await this.configstore.set(file.id, file);
    file.storage = { type: 'file', path };
    return file;
  }

  /**
   * Appends the stream at `offset` (as FileStore.write: the new offset, FILE_WRITE_ERROR when
   * the file cannot be written), hashing on when the running hash ends at `offset`.
   */
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const known = this.running.get(id);
    this.running.delete(id);
    this.synced.delete(id);
    const size = (await this.configstore.get(id))?.size;
    const state = offset === 0 ? { hash: createHash('sha256'), offset: 0 } : known?.offset === offset ? known : null;
    const path = this.resolvePath(id);
    let fh;
    try {
      fh = await open(path, 'r+');
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    let position = offset;
    let batch: Buffer[] = [];
    let batched = 0;
    const flush = async (): Promise<void> => {
      if (batched === 0) return;
      const pieces = batch;
      const total = batched;
      batch = [];
      batched = 0;
      let written = (await fh.writev(pieces, position)).bytesWritten;
      if (written < total) {
        // A short write is possible in principle: the rest goes on until it is all in the file.
        const rest = Buffer.concat(pieces).subarray(written);
        for (let done = 0; done < rest.length;) {
          done += (await fh.write(rest, done, rest.length - done, position + written + done)).bytesWritten;
        }
        written = total;
      }
      for (const piece of pieces) state?.hash.update(piece);
      position += written;
    };
    let fileFailed = false;
    const flushOrFail = async (): Promise<void> => {
      try {
        await flush();
      } catch (err) {
        fileFailed = true;
        throw err;
      }
    };
    try {
      for await (const chunk of readable) {
        const piece = chunk as Buffer;
        batch.push(piece);
        batched += piece.length;
        if (batched >= WRITE_BATCH_BYTES) await flushOrFail();
      }
      await flushOrFail();
      // The write that completes the upload flushes it on its own handle: the blob store need not open it again to.
      if (position === size) {
        await fh.sync();
        this.synced.add(id);
      }
    } catch {
      // A cut request: what arrived before the cut is kept (as FileStore would have written it), so a
      // resume sends only the rest, and the running hash goes on with it. A failed file write loses both.
      const kept =
        !fileFailed &&
        (await flush().then(
          () => true,
          () => false,
        ));
      if (kept && state) this.keep(id, { hash: state.hash, offset: position });
      throw ERRORS.FILE_WRITE_ERROR;
    } finally {
      await fh.close().catch(() => undefined);
    }
    if (state) this.keep(id, { hash: state.hash, offset: position });
    return position;
  }

  /** The hash of the upload's `size` bytes when they were all hashed as they arrived; null otherwise. */
  takeHash(id: string, size: number): { sha256: string; size: number } | null {
    const state = this.running.get(id);
    this.running.delete(id);
    return state && state.offset === size ? { sha256: state.hash.digest('hex'), size } : null;
  }

  /** As FileStore.getUpload; an upload whose bytes are gone (removed by another process) is not kept in memory. */
  override async getUpload(id: string): Promise<Upload> {
    try {
      return await super.getUpload(id);
    } catch (err) {
      this.forget(id);
      throw err;
    }
  }

  /** Whether the upload's bytes were flushed to the disk by the write that completed them. */
  isSynced(id: string): boolean {
    return this.synced.has(id);
  }

  override async remove(id: string): Promise<void> {
    this.running.delete(id);
    this.synced.delete(id);
    await super.remove(id);
  }

  /** Drops what is kept in memory of an upload whose files are being removed. */
  forget(id: string): void {
    this.running.delete(id);
    this.synced.delete(id);
    this.infos.forget(id);
  }

  private keep(id: string, state: RunningHash): void {
    this.running.set(id, state);
    if (this.running.size > MAX_RUNNING) {
      const oldest = this.running.keys().next().value;
      if (oldest !== undefined) this.running.delete(oldest);
    }
  }

  private resolvePath(id: string): string {
    // tus ids are random hex (Uid.rand); anything else never names a file here.
    if (!/^[0-9a-f]{16,64}$/.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return join(this.directory, id);
  }
}
