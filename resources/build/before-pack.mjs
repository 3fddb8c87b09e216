// electron-builder beforePack hook: refuse to package a target whose
// better-sqlite3-multiple-ciphers was not built for Electron on that OS and arch, rather than
// ship an app that fails on its first database call. Build it with
// `node scripts/setup.mjs --arch=<arch>` (see electron-builder.yml). Also refuse a build without the
// update-signing public key: such an app could never verify, so never install, an update
// (README "Updates on a closed network"); SITEBOOK_ALLOW_NO_UPDATES=1 builds one on purpose.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// builder-util's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context) {
  const publicKey = join(context.packager.projectDir, 'resources', 'update-signing-key.pub.pem');
  if (!existsSync(publicKey) && process.env.SITEBOOK_ALLOW_NO_UPDATES !== '1') {
    throw new Error(
      `The update-signing public key is missing (${publicKey}): the app could not verify updates. ` +
        'Run `npm run server -- update-keygen --out <dir>` and copy update-signing-key.pub.pem into resources/ ' +
        '(or set SITEBOOK_ALLOW_NO_UPDATES=1 to build an app that never updates).',
    );
  }
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
