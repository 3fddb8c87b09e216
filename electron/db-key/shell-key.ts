/**
 * The browser shell's database key (demo and end-to-end tests; it has no OS key store):
 *  - SITEBOOK_DB_PASSPHRASE set: the key is wrapped by that passphrase (chosen on first run);
 *  - `--unlock-page`, or a key file already protected by a passphrase: the page asks for it;
 *  - otherwise a demo key kept in clear in db-key.json, and the log says so at every start.
 */
import { AppError } from '../../shared/errors';
import { chooseDbPassphrase, startKey, unlockWithPassphrase, type KeySource, type KeyStart } from './key-gate';
import { keyFilePath, readKeyFile } from './key-file';

export function unprotectedKeyNotice(dataDir: string): string {
  return (
    `数据库已加密，但演示用的密钥以明文保存在 ${keyFilePath(dataDir)}，未受操作系统保护（浏览器外壳仅供演示和测试）。\n` +
    `The database is encrypted, but this demo key is stored unprotected in ${keyFilePath(dataDir)}, not by the OS ` +
    `(the browser shell is for demos and tests; set SITEBOOK_DB_PASSPHRASE to protect it with a passphrase).`
  );
}

export function browserShellKey(
  opts: {
    dataDir: string;
    dbFile: string;
    unlockPage: boolean;
    envPassphrase: string | undefined;
    scryptCost?: KeySource['scryptCost'];
  },
  log: (line: string) => void,
): { src: KeySource; start: KeyStart } {
  const passphrase = opts.envPassphrase === '' ? undefined : opts.envPassphrase;
  const src: KeySource = {
    dataDir: opts.dataDir,
    dbFile: opts.dbFile,
    os: null,
    allowUnprotected: passphrase === undefined && !opts.unlockPage,
    ...(opts.scryptCost ? { scryptCost: opts.scryptCost } : {}),
  };
  if (readKeyFile(opts.dataDir)?.protection === 'os')
    throw new AppError(
      'database_key_unavailable',
      'this data folder belongs to the desktop app: its key is protected by the OS key store, which the browser shell cannot use',
    );
  const start = startKey(src);
  if (start.state === 'ready') {
    if (readKeyFile(opts.dataDir)?.protection === 'none') log(unprotectedKeyNotice(opts.dataDir));
    return { src, start };
  }
  if (passphrase === undefined) return { src, start };
  const key =
    start.state === 'unlock' ? unlockWithPassphrase(opts.dataDir, passphrase) : chooseDbPassphrase(src, passphrase);
  return { src, start: { state: 'ready', key, created: start.state === 'choose' } };
}

/** The browser shell's demo key of `dataDir` (tests read the database the shell serves with it). */
export function demoKeyOf(dataDir: string): Buffer {
  const file = readKeyFile(dataDir);
  if (file?.protection !== 'none') throw new Error(`no demo key in ${keyFilePath(dataDir)}`);
  return Buffer.from(file.key, 'hex');
}
