// electron-builder beforePack hook: refuse to package a target whose
// better-sqlite3-multiple-ciphers was not built for Electron on that OS and arch, rather than
// ship an app that fails on its first database call. Build it with
// `node scripts/setup.mjs --arch=<arch>` (see electron-builder.yml).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// builder-util's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context) {
  const os = context.packager.platform.buildConfigurationKey;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const binary = join(context.packager.projectDir, '.native', 'electron', `${os}-${arch}`, 'better_sqlite3_mc.node');
  if (!existsSync(binary)) {
    throw new Error(
      `better-sqlite3-multiple-ciphers for Electron on ${os}-${arch} is missing (${binary}). ` +
        `Run \`node scripts/setup.mjs --arch=${arch}\` on a ${os} machine first.`,
    );
  }
}
