/**
 * The database key and how it is kept (issue 8): 32 random bytes, stored in `<dataDir>/db-key.json`
 * wrapped by the operating system's key store (Electron safeStorage: DPAPI on Windows, the Keychain
 * on macOS, the Secret Service / KWallet on Linux) or, where none is usable, by a passphrase the user
 * types (scrypt with a random salt, AES-256-GCM, so a wrong passphrase is told by the tag, before the
 * database is touched). `none` is the browser shell's demo key: stored in clear, said so in its log.
 * Plain Node with no 'electron' import: main.ts passes safeStorage in.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DB_PASSPHRASE_MIN } from '../../shared/channels/db-key';
import { AppError } from '../../shared/errors';
import { DB_KEY_BYTES } from '../backend/db/sqlite';

export const KEY_FILE = 'db-key.json';
/** Binds a wrapped key to its purpose: the same ciphertext cannot be passed off as anything else. */
const AAD = Buffer.from('sitebook db-key v1', 'utf8');

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const ScryptParams = z
  .object({
    name: z.literal('scrypt'),
    /** Cost (a power of two), block size and parallelism, stored so they can be raised later. */
    N: z
      .number()
      .int()
      .min(1024)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: Base64,
  })
  .strict();
export type ScryptParams = z.infer<typeof ScryptParams>;

export const KeyFile = z.discriminatedUnion('protection', [
  z.object({ version: z.literal(1), protection: z.literal('os'), wrapped: Base64 }).strict(),
  z
    .object({
      version: z.literal(1),
      protection: z.literal('passphrase'),
      kdf: ScryptParams,
      iv: Base64,
      tag: Base64,
      wrapped: Base64,
    })
    .strict(),
  z
    .object({
      version: z.literal(1),
      protection: z.literal('none'),
      key: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
]);
export type KeyFile = z.infer<typeof KeyFile>;

/** What the key store must do: Electron's safeStorage has exactly these two. */
export interface OsKeyStore {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** OWASP's scrypt setting (N = 2^17, r = 8, p = 1): about 0.3 s and 128 MiB per try. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * Whether safeStorage really protects the key. On Linux without a keyring Electron falls back to
 * 'basic_text', a fixed key in the binary: that is no protection, so a passphrase is asked instead.
 */
export function osKeyStoreUsable(p: { platform: string; available: boolean; linuxBackend?: string }): boolean {
  if (!p.available) return false;
  if (p.platform !== 'linux') return true;
  return p.linuxBackend !== undefined && p.linuxBackend !== 'basic_text' && p.linuxBackend !== 'unknown';
}

export function newDbKey(): Buffer {
  return randomBytes(DB_KEY_BYTES);
}

function checkedKey(key: Buffer): Buffer {
  if (key.length !== DB_KEY_BYTES)
    throw new AppError('database_key_unavailable', 'the stored database key is malformed');
  return key;
}

export function wrapWithOs(key: Buffer, os: OsKeyStore): KeyFile {
  return { version: 1, protection: 'os', wrapped: os.encryptString(key.toString('hex')).toString('base64') };
}

export function unwrapWithOs(file: Extract<KeyFile, { protection: 'os' }>, os: OsKeyStore): Buffer {
  let hex: string;
  try {
    hex = os.decryptString(Buffer.from(file.wrapped, 'base64'));
  } catch (err) {
    // Another OS account, a reset keyring: the key cannot come back from here.
    const why = err instanceof Error ? err.message : String(err);
    throw new AppError('database_key_unavailable', `the operating system's key store refused the database key: ${why}`);
  }
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new AppError('database_key_unavailable', 'the stored database key is malformed');
  return checkedKey(Buffer.from(hex, 'hex'));
}

function deriveWrappingKey(passphrase: string, kdf: ScryptParams): Buffer {
  // NFC: the same passphrase typed with another input method gives the same bytes.
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r + 1024 * 1024,
  });
}

export function wrapWithPassphrase(
  key: Buffer,
  passphrase: string,
  cost: { N: number; r: number; p: number } = DEFAULT_SCRYPT,
): KeyFile {
  if (passphrase.length < DB_PASSPHRASE_MIN)
    throw new AppError('invalid_input', `a passphrase has at least ${DB_PASSPHRASE_MIN} characters`);
  const kdf: ScryptParams = { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveWrappingKey(passphrase, kdf), iv);
  cipher.setAAD(AAD);
  const wrapped = Buffer.concat([cipher.update(checkedKey(key)), cipher.final()]);
  return {
    version: 1,
    protection: 'passphrase',
    kdf,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** The key, or `passphrase_wrong` when the GCM tag does not check (nothing else is touched). */
export function unwrapWithPassphrase(file: Extract<KeyFile, { protection: 'passphrase' }>, passphrase: string): Buffer {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveWrappingKey(passphrase, file.kdf),
    Buffer.from(file.iv, 'base64'),
  );
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  try {
    return checkedKey(Buffer.concat([decipher.update(Buffer.from(file.wrapped, 'base64')), decipher.final()]));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('passphrase_wrong', 'the passphrase is not correct');
  }
}

export function unprotectedKeyFile(key: Buffer): KeyFile {
  return { version: 1, protection: 'none', key: checkedKey(key).toString('hex') };
}

export const keyFilePath = (dataDir: string): string => join(dataDir, KEY_FILE);

/** The key file of `dataDir`, or null when there is none yet. A damaged one is an error, never replaced. */
export function readKeyFile(dataDir: string): KeyFile | null {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('database_key_unavailable', `${file} is damaged (not JSON)`);
  }
  const parsed = KeyFile.safeParse(raw);
  if (!parsed.success) throw new AppError('database_key_unavailable', `${file} is damaged: ${parsed.error.message}`);
  return parsed.data;
}

/** Written whole or not at all (temp file, fsync, rename): a crash never leaves half a key. */
export function writeKeyFile(dataDir: string, keyFile: KeyFile): void {
  const file = keyFilePath(dataDir);
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(keyFile, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
