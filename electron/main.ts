/**
 * Electron entry: app lifecycle, the one window, the menu, and the wiring of
 * the backend and of the security functions (electron/security.ts). What the
 * app does lives in electron/backend; this file only connects it to Electron.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  powerMonitor,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { createBackend, type Backend } from './backend/backend';
import { osKeyStoreUsable } from './db-key/key-file';
import { DbKeyGate, GatedBackend, startKey, type KeySource } from './db-key/key-gate';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { wireUpdates } from './updates/main-updates';
import { missingBindingMessage, nativeBindingPath } from './native-binding';
import {
  contentSecurityPolicy,
  navigationDecision,
  permissionDecision,
  windowOpenDecision,
  windowWebPreferences,
  type TrustedOrigins,
} from './security';

const WINDOW_TITLE = '重点项目包保服务·走访台账';

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged app never trusts it.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererFileUrl = pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const preloadPath = join(import.meta.dirname, '../preload/preload.cjs');
const trusted: TrustedOrigins = devServerUrl ? { devServerUrl } : { rendererFileUrl };

let mainWindow: BrowserWindow | null = null;

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same SQLite file: hand over to the first one.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents));
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });

  const nativeBinding = nativeBindingPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  if (!existsSync(nativeBinding)) {
    dialog.showErrorBox('Sitebook', missingBindingMessage(nativeBinding, app.isPackaged));
    app.exit(1);
    return;
  }

  const dbFile = join(dataDir, 'sitebook.db');
  // The database key (electron/db-key/): wrapped by safeStorage where it really protects it, else by a passphrase.
  const osUsable = osKeyStoreUsable({
    platform: process.platform,
    available: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  const keySource: KeySource = { dataDir, dbFile, os: osUsable ? safeStorage : null };
  let backend: Backend | null = null;
  const makeBackend = (key: Buffer): Backend =>
    (backend = createBackend({
      shell: 'electron',
      dataDir,
      dbFile,
      version: app.getVersion(),
      nativeBinding,
      encryption: { key },
    }));
  let served: Backend | GatedBackend;
  try {
    const keyStart = startKey(keySource);
    if (keyStart.state === 'ready') {
      served = makeBackend(keyStart.key);
    } else {
      // The window shows the unlock step (passphrase, or choose one on first run); the backend comes after.
      const gated: GatedBackend = new GatedBackend(
        new DbKeyGate(keySource, keyStart.state, (key): void => gated.open(makeBackend(key))),
      );
      served = gated;
    }
  } catch (err) {
    showStartupError(err, dataDir);
    // exit, not quit: nothing was opened, and will-quit must not run cleanup on a half-started app.
    app.exit(1);
    return;
  }

  const csp = contentSecurityPolicy({ dev: !!devServerUrl, devServerUrl });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([k]) => k.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  session.defaultSession.setDevicePermissionHandler(() => false);

  const unregisterIpc = registerIpc(served, trusted);
  // The idle lock (issue 8) also locks when the OS locks its screen or the laptop sleeps.
  const lockNow = (): void => backend?.lock();
  powerMonitor.on('lock-screen', lockNow);
  powerMonitor.on('suspend', lockNow);
  Menu.setApplicationMenu(buildMenu({ dataDir, dev: !!devServerUrl }));
  // Signed updates from the sync server's /updates/ feed (electron/updates/).
  wireUpdates(() => backend);

  app.on('will-quit', () => {
    unregisterIpc();
    backend?.close();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  createWindow();
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: windowWebPreferences(preloadPath),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  // Keep our title rather than the page's <title>.
  win.on('page-title-updated', (e) => e.preventDefault());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(devServerUrl ?? rendererFileUrl);
}

/** Applied to every webContents, including any the page might manage to create. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  const onNavigate = (e: { preventDefault(): void }, url: string): void => {
    const decision = navigationDecision(url, trusted);
    if (decision === 'allow') return;
    e.preventDefault();
    if (decision === 'external') void shell.openExternal(url);
  };
  contents.on('will-navigate', (e) => onNavigate(e, e.url));
  contents.on('will-redirect', (e) => {
    if (navigationDecision(e.url, trusted) !== 'allow') e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const { response, openExternal } = windowOpenDecision(url);
    if (openExternal) void shell.openExternal(openExternal);
    return response;
  });
}

function showStartupError(err: unknown, dataDir: string): void {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'database_newer_than_app') {
    dialog.showMessageBoxSync({
      type: 'error',
      title: 'Sitebook',
      message:
        '数据库由更新版本的 Sitebook 创建，本程序无法打开。\nThe database was written by a newer Sitebook and cannot be opened by this version.',
      detail: `请安装最新版本后再打开；数据文件未作任何改动。\nPlease install the latest version; the data file has not been changed.\n\n${join(dataDir, 'sitebook.db')}`,
      buttons: ['退出 / Quit'],
    });
    return;
  }
  if (code === 'database_key_wrong' || code === 'database_key_unavailable') {
    dialog.showMessageBoxSync({
      type: 'error',
      title: 'Sitebook',
      message:
        code === 'database_key_wrong'
          ? '数据库密钥不正确，无法打开本机数据库。\nThe database key does not open the local database.'
          : '无法取得数据库密钥（密钥文件缺失，或本机系统密钥库拒绝）。\nThe database key cannot be read (key file missing, or refused by the system key store).',
      detail: `数据文件未作任何改动，不会被清除或重建。请联系管理员（见 README“Encryption at rest”）。\nThe data file has not been changed and is never wiped or recreated. Ask your administrator (README, "Encryption at rest").\n\n${join(dataDir, 'sitebook.db')}`,
      buttons: ['退出 / Quit'],
    });
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('Sitebook', `启动失败 / Sitebook could not start:\n\n${message}`);
}

function fatal(err: unknown): void {
  console.error(err);
  dialog.showErrorBox(
    'Sitebook',
    `启动失败 / Sitebook could not start:\n\n${err instanceof Error ? err.message : String(err)}`,
  );
  app.exit(1);
}
