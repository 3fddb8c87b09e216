/**
 * The browser shell: the same backend as the desktop app, in plain Node,
 * serving the built renderer over loopback HTTP. Used by `npm run demo` on
 * machines without Electron and by the end-to-end tests.
 *
 *   tsx electron/browser-shell/main.ts [--demo] [--data-dir DIR] [--db FILE] [--port N] [--manual-sync]
 *
 * --manual-sync: no background sync, only "sync now" (tests that need a known order of syncs).
 * --unlock-page: protect the database key with a passphrase asked in the page (as the desktop app
 *   does without an OS key store); SITEBOOK_DB_PASSPHRASE gives it without asking. Neither: a demo
 *   key kept in clear, said so in the log (electron/db-key/shell-key.ts).
 * --idle-lock-ms N: test-only; the idle lock fires after N ms instead of the minutes chosen in the
 *   settings (the end-to-end test of the lock cannot wait five minutes). Never for real use.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend, type Backend } from '../backend/backend';
import { DbKeyGate, GatedBackend } from '../db-key/key-gate';
import { browserShellKey } from '../db-key/shell-key';
import { exportsDirOf } from '../backend/reports/run';
import { startBrowserShell } from './server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string', default: join(root, 'out/renderer') },
      'manual-sync': { type: 'boolean', default: false },
      'unlock-page': { type: 'boolean', default: false },
      'idle-lock-ms': { type: 'string' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? join(root, values.demo ? '.demo' : 'data/desktop'));
  mkdirSync(dataDir, { recursive: true });
  const dbFile = resolve(values.db ?? join(dataDir, 'sitebook.db'));

  if (!existsSync(join(values.renderer, 'index.html'))) {
    console.error(
      `渲染界面尚未构建 / the renderer is not built: run \`npx electron-vite build\` first (${values.renderer})`,
    );
    process.exit(1);
  }
  if (values.demo && !existsSync(dbFile)) {
    console.error('正在生成演示数据 / generating demo data …');
    const { writeDemoDatabase } = await import('../../resources/demo/load');
    await writeDemoDatabase(dbFile, { scale: 'city', seed: 20201, photosDir: join(dataDir, 'photos') });
  }

  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const { src, start } = browserShellKey(
    { dataDir, dbFile, unlockPage: values['unlock-page'], envPassphrase: process.env['SITEBOOK_DB_PASSPHRASE'] },
    (line) => console.error(line),
  );
  let backend: Backend | null = null;
  const makeBackend = (key: Buffer): Backend =>
    (backend = createBackend({
      shell: 'browser',
      dataDir,
      dbFile,
      version,
      encryption: { key },
      sync: values['manual-sync'] ? { auto: false } : undefined,
      lock: { idleMsOverride: idleLockMs(values['idle-lock-ms']) },
    }));
  let served: Backend | GatedBackend;
  if (start.state === 'ready') {
    served = makeBackend(start.key);
  } else {
    // The page shows the unlock step first; the backend is created once the passphrase is right.
    const gated: GatedBackend = new GatedBackend(
      new DbKeyGate(src, start.state, (key): void => gated.open(makeBackend(key))),
    );
    served = gated;
    console.error('数据库已锁定，请在页面中输入口令 / the database is locked: enter its passphrase in the page');
  }
  const shell = await startBrowserShell({
    backend: served,
    rendererDir: values.renderer,
    port: Number(values.port),
    exportsDir: exportsDirOf(dataDir),
  });
  console.log(`Sitebook browser shell: ${shell.url}`);

  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void shell.close().then(() => {
      backend?.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function idleLockMs(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1000) {
    console.error(`--idle-lock-ms must be a whole number of ms, at least 1000 (got ${raw})`);
    process.exit(2);
  }
  return ms;
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  if (code === 'database_newer_than_app') {
    console.error('数据库版本高于本程序，请升级 Sitebook / the database is from a newer Sitebook: please upgrade.');
  } else {
    console.error(err);
  }
  process.exit(1);
});
