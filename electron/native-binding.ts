/**
 * Where the better-sqlite3-multiple-ciphers binary compiled for Electron lives
 * (the desktop's encrypted database, electron/backend/db/sqlite.ts). The copy in
 * node_modules is compiled for Node (tests, browser shell); Electron has another
 * ABI, so `npm run setup` builds a second binary beside it and electron-builder
 * ships that one as an extra resource. Its own name (not better_sqlite3.node), so
 * an old plain better-sqlite3 build left in .native/ is never loaded instead: it
 * would ignore the key and write an unencrypted database (sqlite.ts refuses that too).
 * Plain Node: no 'electron' import, so it is unit-tested.
 */
import { join } from 'node:path';

export interface NativeBindingPlaces {
  isPackaged: boolean;
  /** process.resourcesPath of the packaged app. */
  resourcesPath: string;
  /** The project root in development (app.getAppPath()). */
  appPath: string;
}

export const NATIVE_BINDING_FILE = 'better_sqlite3_mc.node';

export function nativeBindingPath(p: NativeBindingPlaces): string {
  return p.isPackaged
    ? join(p.resourcesPath, 'native', NATIVE_BINDING_FILE)
    : join(p.appPath, '.native', 'electron', NATIVE_BINDING_FILE);
}

/** Shown when the binary is missing (a clone where `npm run setup` did not finish). */
export function missingBindingMessage(path: string, isPackaged: boolean): string {
  return isPackaged
    ? `安装不完整：缺少数据库组件，请重新安装 Sitebook。\nThe installation is incomplete (database component missing): please reinstall Sitebook.\n\n${path}`
    : `缺少为 Electron 编译的 better-sqlite3-multiple-ciphers，请先运行 npm run setup。\nbetter-sqlite3-multiple-ciphers built for Electron is missing: run \`npm run setup\` first.\n\n${path}`;
}
