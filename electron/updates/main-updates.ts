/**
 * What electron/main.ts calls: updates from the signed-in sync server, with the public
 * key shipped in the app. A verified update is announced in a native message box with a
 * restart button (no renderer channel needed); otherwise it installs when the app quits
 * (README "Updates on a closed network").
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import type { Backend } from '../backend/backend';
import { getSession } from '../backend/db/sync-state';
import { startUpdates, type Updates } from './updater';

export const PUBLIC_KEY_RESOURCE = 'update-signing-key.pub.pem';

/** Packaged: `resources/update-signing-key.pub.pem` (extraResources); development: the repo's resources/. */
export function updateKeyPath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, PUBLIC_KEY_RESOURCE)
    : join(app.getAppPath(), 'resources', PUBLIC_KEY_RESOURCE);
}

/** "新版本已下载，重启后安装" with a restart button; "later" leaves it to the next quit. */
async function offerRestart(version: string, updates: Updates): Promise<void> {
  const options: MessageBoxOptions = {
    type: 'info',
    title: 'Sitebook',
    message: '新版本已下载，重启后安装\nA new version has been downloaded; it installs on restart.',
    detail: `版本 Version ${version}\n\n稍后：退出 Sitebook 时自动安装。\nLater: it installs when you quit Sitebook.`,
    buttons: ['立即重启 / Restart now', '稍后 / Later'],
    defaultId: 1,
    cancelId: 1,
  };
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response === 0) updates.installNow();
}

export function wireUpdates(backend: () => Backend | null): Updates {
  const updates: Updates = startUpdates({
    serverUrl: () => {
      const b = backend();
      if (!b) return null; // locked / not opened yet: check later
      try {
        const s = getSession(b.db);
        return s && s.revokedAt === null ? s.serverUrl : null;
      } catch {
        return null;
      }
    },
    publicKeyFile: updateKeyPath(),
    currentVersion: app.getVersion(),
    log: (level, message) => console[level](`[updates] ${message}`),
    onReady: (version) => void offerRestart(version, updates),
  });
  return updates;
}
