import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingBindingMessage, NATIVE_BINDING_FILE, nativeBindingPath } from '../../../electron/native-binding';

describe('nativeBindingPath', () => {
  it('uses the Electron build under .native/ in development', () => {
    expect(nativeBindingPath({ isPackaged: false, resourcesPath: '/unused', appPath: '/src/sitebook' })).toBe(
      join('/src/sitebook', '.native', 'electron', 'better_sqlite3_mc.node'),
    );
  });

  it('uses the extra resource electron-builder ships when packaged', () => {
    expect(
      nativeBindingPath({
        isPackaged: true,
        resourcesPath: '/opt/Sitebook/resources',
        appPath: '/opt/Sitebook/resources/app.asar',
      }),
    ).toBe(join('/opt/Sitebook/resources', 'native', 'better_sqlite3_mc.node'));
  });

  it('explains a missing binary in both languages', () => {
    expect(missingBindingMessage('/x', false)).toMatch(/npm run setup/);
    expect(missingBindingMessage('/x', true)).toMatch(/reinstall/);
    expect(missingBindingMessage('/x', true)).toMatch(/重新安装/);
  });
});

describe('scripts/setup.mjs', () => {
  it('builds for Electron the encrypted SQLite, under the name native-binding.ts loads', () => {
    const setup = readFileSync(join(import.meta.dirname, '../../../scripts/setup.mjs'), 'utf8');
    expect(setup).toContain(`export const ELECTRON_BINDING_FILE = '${NATIVE_BINDING_FILE}';`);
    expect(setup).toContain("export const ELECTRON_SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';");
  });
});
