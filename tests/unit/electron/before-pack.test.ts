import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import beforePack, { type PackContext } from '../../../resources/build/before-pack.mjs';

const dirs: string[] = [];
function project(files: string[]): PackContext {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-pack-'));
  dirs.push(dir);
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return { packager: { projectDir: dir, platform: { buildConfigurationKey: 'win' } }, arch: 1 };
}

afterEach(() => {
  delete process.env.SITEBOOK_ALLOW_NO_UPDATES;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('electron-builder beforePack', () => {
  const binary = '.native/electron/win-x64/better_sqlite3_mc.node';
  const key = 'resources/update-signing-key.pub.pem';

  it('refuses a build without the update-signing public key, since such an app could never install an update', async () => {
    await expect(beforePack(project([binary]))).rejects.toThrow(/update-signing public key is missing/);
  });

  it('builds without the key only when asked to on purpose', async () => {
    process.env.SITEBOOK_ALLOW_NO_UPDATES = '1';
    await expect(beforePack(project([binary]))).resolves.toBeUndefined();
  });

  it('refuses a target whose encrypted-SQLite binary was not built for Electron', async () => {
    await expect(beforePack(project([key]))).rejects.toThrow(/better-sqlite3-multiple-ciphers for Electron on win-x64/);
    await expect(beforePack(project([key, binary]))).resolves.toBeUndefined();
  });
});
