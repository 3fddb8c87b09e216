import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_KEY_FILE } from '../../../server/updates/cli';

/** What the update feed needs from the packaging: metadata written, the key shipped, names the feed can serve. */
const root = resolve(import.meta.dirname, '../../..');
// js-yaml comes with electron-builder (as in tests/unit/electron/electron-builder.test.ts).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Config {
  extraResources?: { from?: string; to?: string }[];
  publish?: { provider: string; url?: string }[];
  nsis?: { artifactName?: string };
  mac?: { target?: { target: string }[] };
}
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml for updates', () => {
  it('ships the update public key where the app looks for it', () => {
    expect(config.extraResources).toContainEqual({ from: `resources/${PUBLIC_KEY_FILE}`, to: PUBLIC_KEY_FILE });
  });

  it('writes latest*.yml through a generic provider (the app sets the real feed URL)', () => {
    expect(config.publish?.[0]?.provider).toBe('generic');
  });

  it('names the Windows installer without spaces and builds the zip macOS updates need', () => {
    expect(config.nsis?.artifactName).toBe('${productName}-Setup-${version}.${ext}');
    expect(config.mac?.target?.map((t) => t.target)).toContain('zip');
  });
});
