import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { NATIVE_BINDING_FILE } from '../../../electron/native-binding';

const root = resolve(import.meta.dirname, '../../..');
// js-yaml comes with electron-builder and has no types of its own here.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface FileSet {
  from?: string;
  to?: string;
}
interface TargetConfig {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  npmRebuild?: boolean;
  asarUnpack?: string[];
  extraResources?: FileSet[];
  files?: string[];
  beforePack?: string;
  directories?: { output?: string; buildResources?: string };
  linux?: { target?: TargetConfig[]; category?: string; maintainer?: string; icon?: string };
  win?: { target?: TargetConfig[]; icon?: string };
  mac?: { target?: TargetConfig[]; icon?: string };
  deb?: { depends?: string[] };
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function arches(targets: TargetConfig[] | undefined, name: string): string[] {
  return targets?.find((t) => t.target === name)?.arch ?? [];
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('names the app and packs the built output', () => {
    expect(config.appId).toBe('cn.gov.sitebook');
    expect(config.productName).toBe('Sitebook');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'resources/build' });
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('package.json');
  });

  it('unpacks native code from the asar', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.asarUnpack).toContain('**/node_modules/@img/**');
  });

  it('ships the Electron-built better-sqlite3-multiple-ciphers where native-binding.ts looks, and does not rebuild node_modules', () => {
    expect(config.extraResources).toContainEqual({
      from: `.native/electron/\${os}-\${arch}/${NATIVE_BINDING_FILE}`,
      to: `native/${NATIVE_BINDING_FILE}`,
    });
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./resources/build/before-pack.mjs');
    expect(readFileSync(join(root, config.beforePack!), 'utf8')).toContain(NATIVE_BINDING_FILE);
  });

  it('targets x64 and arm64 on every OS', () => {
    expect(arches(config.linux?.target, 'AppImage')).toEqual(['x64', 'arm64']);
    expect(arches(config.linux?.target, 'deb')).toEqual(['x64', 'arm64']);
    expect(arches(config.mac?.target, 'dmg')).toEqual(['x64', 'arm64']);
    expect(arches(config.win?.target, 'nsis')).toContain('x64');
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.deb?.depends).toContain('libnss3');
  });

  it('points at icons that exist and are large enough', () => {
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
      const png = readFileSync(join(root, icon!));
      // PNG header: width and height are big-endian at bytes 16 and 20.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1024);
      expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
    }
  });
});

describe('packaged node_modules', () => {
  it('leaves out only packages the main process never imports', () => {
    const pattern = config.files?.find((f) => f.includes('{antd,'));
    const excluded = /\{([^}]+)\}/.exec(pattern ?? '')?.[1]?.split(',') ?? [];
    expect(excluded).toContain('antd');
    const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'electron', 'shared'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|mts|cts)$/.test(f) && !f.startsWith('electron/browser-shell/'));
    const offenders: string[] = [];
    for (const file of sources) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // listed by git but removed since
      }
      for (const m of text.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)) {
        const spec = m[1]!;
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (excluded.some((e) => e === pkg || (e.startsWith('@') && !e.includes('/') && pkg.startsWith(`${e}/`)))) {
          offenders.push(`${file}: ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
