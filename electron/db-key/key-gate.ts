/**
 * Getting the database key at start, before the backend exists (it cannot open the database
 * without it). With the OS key store (or the browser shell's demo key) this needs no one; with a
 * passphrase the window first shows an unlock step: the renderer asks on 'dbKey.state' and sends
 * 'dbKey.unlock', and only then is the backend created (DbKeyGate). A wrong passphrase is told by
 * the wrap's tag (key-file.ts) and writes nothing.
 */
import { existsSync, statSync } from 'node:fs';
import type { EventName } from '../../shared/api';
import { DbKeyUnlockInput, type DbKeyState } from '../../shared/channels/db-key';
import { AppError, type Result } from '../../shared/errors';
import { isPlaintextDatabase } from '../backend/db/encrypt';
import { invalidInput, toAppError } from '../backend/invoke';
import {
  DEFAULT_SCRYPT,
  newDbKey,
  readKeyFile,
  unprotectedKeyFile,
  unwrapWithOs,
  unwrapWithPassphrase,
  wrapWithOs,
  wrapWithPassphrase,
  writeKeyFile,
  type OsKeyStore,
} from './key-file';

export interface KeySource {
  dataDir: string;
  /** The database file the key is for (an encrypted one is never given a new key). */
  dbFile: string;
  /** The OS key store when usable (osKeyStoreUsable), else null. */
  os: OsKeyStore | null;
  /** No OS key store and no passphrase wanted: keep the key in clear (the browser shell's demo). */
  allowUnprotected?: boolean;
  /** scrypt cost of a new passphrase wrap (tests lower it). */
  scryptCost?: { N: number; r: number; p: number };
}

export type KeyStart = { state: 'ready'; key: Buffer; created: boolean } | { state: 'unlock' } | { state: 'choose' };

/** An encrypted database exists: a missing key file then means its key is lost, not that one is needed. */
function encryptedDatabaseExists(dbFile: string): boolean {
  return existsSync(dbFile) && statSync(dbFile).size > 0 && !isPlaintextDatabase(dbFile);
}

/** What start needs to do: the key at once, or ask for a passphrase (unlock), or have one chosen (first run). */
export function startKey(src: KeySource): KeyStart {
  const file = readKeyFile(src.dataDir);
  if (file?.protection === 'os') {
    if (!src.os)
      throw new AppError(
        'database_key_unavailable',
        "the database key is protected by this computer's key store, which is not available now",
      );
    return { state: 'ready', key: unwrapWithOs(file, src.os), created: false };
  }
  if (file?.protection === 'passphrase') return { state: 'unlock' };
  if (file?.protection === 'none') return { state: 'ready', key: Buffer.from(file.key, 'hex'), created: false };
  if (encryptedDatabaseExists(src.dbFile))
    throw new AppError(
      'database_key_unavailable',
      `the database is encrypted but its key file (db-key.json) is missing`,
    );
  if (src.os) {
    const key = newDbKey();
    writeKeyFile(src.dataDir, wrapWithOs(key, src.os));
    return { state: 'ready', key, created: true };
  }
  if (src.allowUnprotected) {
    const key = newDbKey();
    writeKeyFile(src.dataDir, unprotectedKeyFile(key));
    return { state: 'ready', key, created: true };
  }
  return { state: 'choose' };
}

/** The key behind the passphrase; `passphrase_wrong` otherwise, with nothing written. */
export function unlockWithPassphrase(dataDir: string, passphrase: string): Buffer {
  const file = readKeyFile(dataDir);
  if (file?.protection !== 'passphrase') throw new AppError('database_key_unavailable', 'no passphrase-protected key');
  return unwrapWithPassphrase(file, passphrase);
}

/** First run without an OS key store: a new key, wrapped by the passphrase just chosen. */
export function chooseDbPassphrase(src: KeySource, passphrase: string): Buffer {
  if (readKeyFile(src.dataDir)) throw new AppError('conflict', 'a database key exists already');
  if (encryptedDatabaseExists(src.dbFile))
    throw new AppError(
      'database_key_unavailable',
      `the database is encrypted but its key file (db-key.json) is missing`,
    );
  const key = newDbKey();
  writeKeyFile(src.dataDir, wrapWithPassphrase(key, passphrase, src.scryptCost ?? DEFAULT_SCRYPT));
  return key;
}

/** The few calls the renderer makes before the backend exists; the rest answer `database_locked`. */
export class DbKeyGate {
  private mode: 'unlock' | 'choose';
  private busy = false;

  constructor(
    private readonly src: KeySource,
    start: 'unlock' | 'choose',
    /** Creates the backend with the key; a throw here (wrong database key, newer file) is the answer. */
    private readonly onKey: (key: Buffer) => Promise<void> | void,
  ) {
    this.mode = start;
  }

  get state(): DbKeyState {
    return { state: this.mode };
  }

  async invoke(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (channel === 'dbKey.state') return { ok: true, value: this.state };
    if (channel !== 'dbKey.unlock')
      return { ok: false, error: { code: 'database_locked', message: 'the database is locked: unlock it first' } };
    const parsed = DbKeyUnlockInput.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
    // One try at a time: scrypt takes a while and a double click must not choose twice.
    if (this.busy) return { ok: false, error: { code: 'database_locked', message: 'an unlock is in progress' } };
    this.busy = true;
    try {
      const key =
        this.mode === 'unlock'
          ? unlockWithPassphrase(this.src.dataDir, parsed.data.passphrase)
          : chooseDbPassphrase(this.src, parsed.data.passphrase);
      // Chosen and written: from here on it is an unlock, also if opening fails below.
      this.mode = 'unlock';
      await this.onKey(key);
      return { ok: true, value: { state: 'open' } satisfies DbKeyState };
    } catch (err) {
      return { ok: false, error: toAppError(err).toShape() };
    } finally {
      this.busy = false;
    }
  }
}

type Listener = (payload: unknown) => void;
interface Target {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
  on(event: EventName, listener: Listener): () => void;
}

/**
 * What the IPC border (and the browser shell) is given before the key is known: the gate's calls
 * until `open(backend)`, then the backend's. Event listeners registered early are attached to the
 * backend when it arrives.
 */
export class GatedBackend {
  private backend: Target | null = null;
  private readonly early: { event: EventName; listener: Listener; off: (() => void) | null }[] = [];

  constructor(private readonly gate: { invoke: Target['invoke'] }) {}

  open(backend: Target): void {
    this.backend = backend;
    for (const e of this.early) e.off = backend.on(e.event, e.listener);
  }

  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    return this.backend ? this.backend.invoke(channel, rawInput) : this.gate.invoke(channel, rawInput);
  }

  on(event: EventName, listener: Listener): () => void {
    if (this.backend) return this.backend.on(event, listener);
    const entry = { event, listener, off: null as (() => void) | null };
    this.early.push(entry);
    return () => {
      entry.off?.();
      this.early.splice(this.early.indexOf(entry), 1);
    };
  }
}
