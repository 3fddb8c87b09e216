/**
 * The update commands of `npm run server -- …`. They need no database, so server/main.ts
 * runs them before opening one (a build machine gets no stray data/ directory).
 *
 *   update-keygen --out <dir>                          Ed25519 key pair (PEM)
 *   publish-update --from <dist dir> --key <private.pem>  into UPDATES_DIR, signed
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseFlags, required, UsageError } from '../cli/args';
import { keyFingerprint, publishUpdate } from './publish';
import { generateUpdateKeyPair } from './signing';

export const UPDATE_COMMANDS = new Set(['update-keygen', 'publish-update']);

export const UPDATE_USAGE = `  update-keygen --out <dir>           (Ed25519 update signing key pair, PEM)
  publish-update --from <dist dir> --key <private.pem>   (into UPDATES_DIR, default <SITEBOOK_DATA_DIR>/updates)`;

export const PRIVATE_KEY_FILE = 'update-signing-key.pem';
export const PUBLIC_KEY_FILE = 'update-signing-key.pub.pem';

/** UPDATES_DIR, or `updates` beside the server's SQLite file (SITEBOOK_DATA_DIR, ./data). */
export function updatesDirFrom(env: NodeJS.ProcessEnv): string {
  return env.UPDATES_DIR ? resolve(env.UPDATES_DIR) : resolve(env.SITEBOOK_DATA_DIR ?? './data', 'updates');
}

async function keygen(args: string[], print: (line: string) => void): Promise<void> {
  const out = resolve(required(parseFlags(args, ['out']), 'out'));
  await mkdir(out, { recursive: true });
  const { privatePem, publicPem } = generateUpdateKeyPair();
  const privateFile = join(out, PRIVATE_KEY_FILE);
  const publicFile = join(out, PUBLIC_KEY_FILE);
  // 'wx': an existing key is never replaced (the installed apps trust it).
  try {
    await writeFile(privateFile, privatePem, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`--out: 密钥已存在 a key already exists: ${privateFile}`);
    throw err;
  }
  await writeFile(publicFile, publicPem, { flag: 'w', mode: 0o644 });
  print(`私钥 private key: ${privateFile} (keep offline; it signs every release)`);
  print(`公钥 public key:  ${publicFile} (copy to resources/update-signing-key.pub.pem before npm run dist)`);
  print(`指纹 fingerprint: ${keyFingerprint(publicPem)}`);
}

export async function runUpdateCommand(
  argv: string[],
  print: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'update-keygen') return keygen(args, print);
  if (command === 'publish-update') {
    const f = parseFlags(args, ['from', 'key']);
    await publishUpdate({
      fromDir: resolve(required(f, 'from')),
      keyFile: resolve(required(f, 'key')),
      updatesDir: updatesDirFrom(env),
      print,
    });
    return;
  }
  throw new UsageError(`未知命令 unknown command: ${command ?? ''}`);
}
