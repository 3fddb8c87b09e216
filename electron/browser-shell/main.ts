/**
 * The browser shell: the same backend as the desktop app, in plain Node,
 * serving the built renderer over loopback HTTP. Used by `npm run demo` on
 * machines without Electron and by the end-to-end tests.
 *
 *   tsx electron/browser-shell/main.ts [--demo] [--data-dir DIR] [--db FILE] [--port N] [--manual-sync]
 *
 * --manual-sync: no background sync, only "sync now" (tests that need a known order of syncs).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/backend';
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
  const backend = createBackend({
    shell: 'browser',
    dataDir,
    dbFile,
    version,
    sync: values['manual-sync'] ? { auto: false } : undefined,
  });
  const shell = await startBrowserShell({
    backend,
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
      backend.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
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
