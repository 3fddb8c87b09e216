/**
 * The database key's protection (electron/db-key/): the OS key store where it really protects,
 * else a passphrase (scrypt + AES-256-GCM: a wrong one is told by the tag, before the database is
 * touched), and the unlock gate the renderer talks to before the backend exists.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import {
  DEFAULT_SCRYPT,
  keyFilePath,
  osKeyStoreUsable,
  readKeyFile,
  unwrapWithOs,
  unwrapWithPassphrase,
  wrapWithOs,
  wrapWithPassphrase,
  type KeyFile,
  type OsKeyStore,
} from '../../../electron/db-key/key-file';
import {
  DbKeyGate,
  GatedBackend,
  startKey,
  unlockWithPassphrase,
  type KeySource,
} from '../../../electron/db-key/key-gate';
import { browserShellKey, demoKeyOf } from '../../../electron/db-key/shell-key';
import { tempDir } from '../db/fixtures';

const FAST = { N: 2 ** 12, r: 8, p: 1 };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Stands in for safeStorage: a real AES key of its own, as DPAPI or the Keychain would hold. */
function fakeOsStore(): OsKeyStore & { broken: boolean } {
  const own = randomBytes(32);
  const store = {
    broken: false,
    encryptString(s: string): Buffer {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', own, iv);
      const body = Buffer.concat([c.update(s, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(b: Buffer): string {
      if (store.broken) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const d = createDecipheriv('aes-256-gcm', own, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
  return store;
}

let tmp: ReturnType<typeof tempDir>;
let src: KeySource;
beforeEach(() => {
  tmp = tempDir();
  src = { dataDir: tmp.dir, dbFile: join(tmp.dir, 'sitebook.db'), os: null, scryptCost: FAST };
});
afterEach(() => tmp.cleanup());

describe('passphrase wrap', () => {
  const key = randomBytes(32);
  const asPass = (f: KeyFile) => f as Extract<KeyFile, { protection: 'passphrase' }>;

  it('unwraps with the right passphrase, refuses a wrong one with passphrase_wrong', () => {
    const file = asPass(wrapWithPassphrase(key, '正确的口令 correct horse', FAST));
    expect(unwrapWithPassphrase(file, '正确的口令 correct horse').equals(key)).toBe(true);
    for (const wrong of ['正确的口令 correct hors', '', '正确的口令 correct horse ', 'x'.repeat(200)]) {
      expect(() => unwrapWithPassphrase(file, wrong)).toThrow(expect.objectContaining({ code: 'passphrase_wrong' }));
    }
  });

  it('stores scrypt parameters and a random salt and IV: two wraps of one key differ', () => {
    const a = asPass(wrapWithPassphrase(key, 'same passphrase', FAST));
    const b = asPass(wrapWithPassphrase(key, 'same passphrase', FAST));
    expect(a.kdf).toMatchObject({ name: 'scrypt', N: FAST.N, r: 8, p: 1 });
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.wrapped).not.toBe(b.wrapped);
    expect(JSON.stringify(a)).not.toContain(key.toString('hex'));
  });

  it('uses the OWASP scrypt cost by default', () => {
    const f = asPass(wrapWithPassphrase(key, 'default cost phrase'));
    expect(f.kdf).toMatchObject({ N: DEFAULT_SCRYPT.N, r: DEFAULT_SCRYPT.r, p: DEFAULT_SCRYPT.p });
    expect(unwrapWithPassphrase(f, 'default cost phrase').equals(key)).toBe(true);
  });

  it('a tampered wrap is refused, not turned into another key', () => {
    const f = asPass(wrapWithPassphrase(key, 'tamper test phrase', FAST));
    const bytes = Buffer.from(f.wrapped, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(() => unwrapWithPassphrase({ ...f, wrapped: bytes.toString('base64') }, 'tamper test phrase')).toThrow(
      expect.objectContaining({ code: 'passphrase_wrong' }),
    );
  });

  it('refuses a passphrase shorter than 8 characters', () => {
    expect(() => wrapWithPassphrase(key, 'short', FAST)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('NFC and NFD spellings of the same passphrase unlock alike', () => {
    const f = asPass(wrapWithPassphrase(key, 'café au lait', FAST));
    expect(unwrapWithPassphrase(f, 'cafe\u0301 au lait').equals(key)).toBe(true);
  });
});

describe('OS key store', () => {
  it('is used only where it really protects (not Linux basic_text)', () => {
    expect(osKeyStoreUsable({ platform: 'win32', available: true })).toBe(true);
    expect(osKeyStoreUsable({ platform: 'darwin', available: false })).toBe(false);
    expect(osKeyStoreUsable({ platform: 'linux', available: true, linuxBackend: 'gnome_libsecret' })).toBe(true);
    expect(osKeyStoreUsable({ platform: 'linux', available: true, linuxBackend: 'kwallet5' })).toBe(true);
    expect(osKeyStoreUsable({ platform: 'linux', available: true, linuxBackend: 'basic_text' })).toBe(false);
    expect(osKeyStoreUsable({ platform: 'linux', available: true, linuxBackend: 'unknown' })).toBe(false);
  });

  it('wraps and unwraps; a refusing key store gives database_key_unavailable', () => {
    const os = fakeOsStore();
    const key = randomBytes(32);
    const f = wrapWithOs(key, os) as Extract<KeyFile, { protection: 'os' }>;
    expect(f.wrapped).not.toContain(key.toString('hex'));
    expect(unwrapWithOs(f, os).equals(key)).toBe(true);
    os.broken = true;
    expect(() => unwrapWithOs(f, os)).toThrow(expect.objectContaining({ code: 'database_key_unavailable' }));
  });
});

describe('startKey and the unlock gate', () => {
  it('with the OS key store: a new key at first start, the same key after', () => {
    const os = fakeOsStore();
    const first = startKey({ ...src, os });
    expect(first).toMatchObject({ state: 'ready', created: true });
    expect(readKeyFile(tmp.dir)?.protection).toBe('os');
    const again = startKey({ ...src, os });
    expect(again.state === 'ready' && first.state === 'ready' && again.key.equals(first.key)).toBe(true);
    expect(again).toMatchObject({ created: false });
  });

  it('without one: choose a passphrase first, then unlock with it; a wrong one writes nothing', () => {
    expect(startKey(src)).toEqual({ state: 'choose' });
    expect(existsSync(keyFilePath(tmp.dir))).toBe(false);
    const gate = new DbKeyGate(src, 'choose', () => undefined);
    return (async () => {
      expect(await gate.invoke('projects.list', {})).toMatchObject({ ok: false, error: { code: 'database_locked' } });
      expect(await gate.invoke('dbKey.unlock', { passphrase: 'short' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(existsSync(keyFilePath(tmp.dir))).toBe(false);
      expect(await gate.invoke('dbKey.unlock', { passphrase: '我的口令 long enough' })).toEqual({
        ok: true,
        value: { state: 'open' },
      });
      expect(startKey(src)).toEqual({ state: 'unlock' });
      const keyFileBefore = sha(keyFilePath(tmp.dir));
      expect(() => unlockWithPassphrase(tmp.dir, '我的口令 long enougH')).toThrow(
        expect.objectContaining({ code: 'passphrase_wrong' }),
      );
      expect(sha(keyFilePath(tmp.dir))).toBe(keyFileBefore);
      expect(unlockWithPassphrase(tmp.dir, '我的口令 long enough')).toHaveLength(32);
    })();
  });

  it('the gate: a wrong passphrase says so and retries; the right one creates the backend with the key', async () => {
    startKey({ ...src, os: null });
    const chooser = new DbKeyGate(src, 'choose', () => undefined);
    await chooser.invoke('dbKey.unlock', { passphrase: 'the right passphrase' });
    const opened: Buffer[] = [];
    const gate = new DbKeyGate(src, 'unlock', (key) => {
      opened.push(key);
    });
    const gated = new GatedBackend(gate);
    const seen: unknown[] = [];
    gated.on('sync.status', (p) => seen.push(p));
    expect(await gated.invoke('dbKey.state', {})).toEqual({ ok: true, value: { state: 'unlock' } });
    expect(await gated.invoke('dbKey.unlock', { passphrase: 'the wrong passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'passphrase_wrong' },
    });
    expect(opened).toHaveLength(0);
    expect(await gated.invoke('dbKey.unlock', { passphrase: 'the right passphrase' })).toMatchObject({ ok: true });
    expect(opened).toHaveLength(1);
    // After open the calls go to the backend, and early listeners were handed over.
    let backendListener: ((p: unknown) => void) | null = null;
    gated.open({
      invoke: (channel) => Promise.resolve({ ok: true, value: channel }),
      on: (_e, l) => {
        backendListener = l;
        return () => undefined;
      },
    });
    expect(await gated.invoke('projects.list', {})).toEqual({ ok: true, value: 'projects.list' });
    backendListener!('status');
    expect(seen).toEqual(['status']);
  });

  it('an encrypted database whose key file is gone is never given a new key', () => {
    const os = fakeOsStore();
    const start = startKey({ ...src, os });
    if (start.state !== 'ready') throw new Error('expected a key');
    openDatabase(src.dbFile, { encryption: { key: start.key } }).close();
    const dbBefore = sha(src.dbFile);
    writeFileSync(keyFilePath(tmp.dir) + '.moved', readFileSync(keyFilePath(tmp.dir)));
    rmSync(keyFilePath(tmp.dir));
    expect(() => startKey({ ...src, os })).toThrow(expect.objectContaining({ code: 'database_key_unavailable' }));
    expect(() => startKey(src)).toThrow(expect.objectContaining({ code: 'database_key_unavailable' }));
    expect(existsSync(keyFilePath(tmp.dir))).toBe(false);
    expect(sha(src.dbFile)).toBe(dbBefore);
  });

  it('a damaged key file is an error, never replaced', () => {
    writeFileSync(keyFilePath(tmp.dir), '{"version":1,"protection":"os"');
    expect(() => startKey({ ...src, os: fakeOsStore() })).toThrow(
      expect.objectContaining({ code: 'database_key_unavailable' }),
    );
    expect(readFileSync(keyFilePath(tmp.dir), 'utf8')).toBe('{"version":1,"protection":"os"');
  });
});

describe('browser shell key', () => {
  const opts = () => ({
    dataDir: tmp.dir,
    dbFile: src.dbFile,
    unlockPage: false,
    envPassphrase: undefined,
    scryptCost: FAST,
  });

  it('demo: an unprotected key, and the log says so', () => {
    const lines: string[] = [];
    const { start } = browserShellKey(opts(), (l) => lines.push(l));
    expect(start.state).toBe('ready');
    expect(lines.join('\n')).toMatch(/未受操作系统保护[\s\S]*not by the OS/);
    expect(start.state === 'ready' && start.key.equals(demoKeyOf(tmp.dir))).toBe(true);
  });

  it('SITEBOOK_DB_PASSPHRASE: chosen on first start, checked after; --unlock-page asks in the page', () => {
    const quiet = () => undefined;
    const first = browserShellKey({ ...opts(), envPassphrase: 'env passphrase 1' }, quiet);
    expect(first.start).toMatchObject({ state: 'ready', created: true });
    expect(readKeyFile(tmp.dir)?.protection).toBe('passphrase');
    expect(() => browserShellKey({ ...opts(), envPassphrase: 'env passphrase 2' }, quiet)).toThrow(
      expect.objectContaining({ code: 'passphrase_wrong' }),
    );
    expect(browserShellKey(opts(), quiet).start).toEqual({ state: 'unlock' });
  });
});
