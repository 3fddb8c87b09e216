import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingBindingMessage, nativeBindingPath } from '../../../electron/native-binding';

describe('nativeBindingPath', () => {
  it('uses the Electron build under .native/ in development', () => {
    expect(nativeBindingPath({ isPackaged: false, resourcesPath: '/unused', appPath: '/src/sitebook' })).toBe(
      join('/src/sitebook', '.native', 'electron', 'better_sqlite3.node'),
    );
  });

  it('uses the extra resource electron-builder ships when packaged', () => {
    expect(
      nativeBindingPath({
        isPackaged: true,
        resourcesPath: '/opt/Sitebook/resources',
        appPath: '/opt/Sitebook/resources/app.asar',
      }),
    ).toBe(join('/opt/Sitebook/resources', 'native', 'better_sqlite3.node'));
  });

  it('explains a missing binary in both languages', () => {
    expect(missingBindingMessage('/x', false)).toMatch(/npm run setup/);
    expect(missingBindingMessage('/x', true)).toMatch(/reinstall/);
    expect(missingBindingMessage('/x', true)).toMatch(/重新安装/);
  });
});
