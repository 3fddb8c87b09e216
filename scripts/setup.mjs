#!/usr/bin/env node
/**
 * `npm run setup`: everything a fresh clone needs, with Node built-ins only
 * (it runs before node_modules exists).
 *
 *  1. npm ci, unless node_modules already matches package-lock.json. Electron's
 *     binary download is skipped here so a blocked download never fails the
 *     install; better-sqlite3 (the server) and better-sqlite3-multiple-ciphers
 *     (the desktop's encrypted database) are compiled for Node (tests, server,
 *     browser shell) by their install scripts.
 *  2. Download Electron's binary (bounded time).
 *  3. Build better-sqlite3-multiple-ciphers for Electron in a copy under .native/,
 *     beside the Node binary rather than over it: a prebuilt binary if one
 *     downloads, node-gyp otherwise. Only the desktop's database runs inside
 *     Electron, so plain better-sqlite3 is not built for it.
 *  4. If 2 or 3 fails: one message that the desktop window cannot start here and
 *     that `npm run demo` serves the same app in a browser. Exit 0 either way.
 *
 *   node scripts/setup.mjs [--arch=arm64 ...]   extra target arches for packaging
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nm = join(root, 'node_modules');
const isWindows = process.platform === 'win32';
const ELECTRON_INSTALL_TIMEOUT_MS = 3 * 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;
/** The SQLite the desktop opens in Electron (electron/backend/db/sqlite.ts) and its binary's name under .native/. */
export const ELECTRON_SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';
export const ELECTRON_BINDING_FILE = 'better_sqlite3_mc.node';
/** Native SQLite packages whose Node build must load here. */
const NODE_SQLITE_PACKAGES = ['better-sqlite3', ELECTRON_SQLITE_PACKAGE];

export const DESKTOP_UNAVAILABLE_MESSAGE = [
  '本机无法启动桌面窗口：未能下载 Electron 程序文件（或未能为其编译数据库组件）。',
  '运行 `npm run demo`（`npm start` 也会自动改用它）即可在浏览器中使用同一个应用。',
  '（国内网络可先设置 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ 再运行 npm run setup。）',
  'The desktop window cannot start on this machine: Electron’s binary could not be downloaded (or its SQLite, better-sqlite3-multiple-ciphers, could not be built for it).',
  '`npm run demo` (and `npm start`, which falls back to it) serves the same app in a browser.',
].join('\n');

function log(msg) {
  console.log(`[setup] ${msg}`);
}

function run(cmd, args, opts = {}) {
  // npm is npm.cmd on Windows, which Node only spawns through a shell.
  const shell = isWindows && /^(npm|npx)$/.test(cmd);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell, ...opts });
  return r.status === 0 && !r.error;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every package of package-lock.json is in node_modules at its locked version. */
export function nodeModulesUpToDate() {
  if (!existsSync(nm)) return false;
  const lock = readJson(join(root, 'package-lock.json'));
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    // Optional packages are platform-specific (esbuild, sharp's @img/…): absence is normal.
    if (!path.startsWith('node_modules/') || entry.optional || entry.link) continue;
    const pkgFile = join(root, path, 'package.json');
    if (!existsSync(pkgFile)) return false;
    if (entry.version && readJson(pkgFile).version !== entry.version) return false;
  }
  return true;
}

/** The node_modules copies of both SQLite packages load in this Node (they will not after a Node upgrade). */
export function nodeBindingLoads() {
  const code = NODE_SQLITE_PACKAGES.map((p) => `new (require(${JSON.stringify(p)}))(':memory:').close();`).join('');
  const probe = spawnSync(process.execPath, ['-e', code], { cwd: root, stdio: 'ignore' });
  return probe.status === 0;
}

function electronVersion() {
  return readJson(join(nm, 'electron', 'package.json')).version;
}

/** The Electron binary is unpacked (node_modules/electron/path.txt points at an existing executable). */
export function electronInstalled() {
  try {
    const dir = join(nm, 'electron');
    const exe = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const version = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    return version === electronVersion() && existsSync(join(dir, 'dist', exe));
  } catch {
    return false;
  }
}

/** electron-builder's name for this OS: its ${os} macro in electron-builder.yml's extraResources. */
const builderOs = { darwin: 'mac', win32: 'win' }[process.platform] ?? process.platform;

/** .native/electron/<os>-<arch>/ is what electron-builder packs; .native/electron/ is what `npm start` loads. */
function nativeDir(arch) {
  return join(root, '.native', 'electron', `${builderOs}-${arch}`);
}

function stampOf(arch) {
  return {
    electron: electronVersion(),
    sqlite: `${ELECTRON_SQLITE_PACKAGE}@${readJson(join(nm, ELECTRON_SQLITE_PACKAGE, 'package.json')).version}`,
    platform: process.platform,
    arch,
  };
}

/** The Electron-built better-sqlite3-multiple-ciphers for this machine is present and matches the installed versions. */
export function electronBindingReady(arch = process.arch) {
  try {
    const stamp = readJson(join(nativeDir(arch), 'build.json'));
    const want = stampOf(arch);
    return (
      Object.keys(want).every((k) => stamp[k] === want[k]) &&
      existsSync(join(nativeDir(arch), ELECTRON_BINDING_FILE)) &&
      (arch !== process.arch || existsSync(join(root, '.native', 'electron', ELECTRON_BINDING_FILE)))
    );
  } catch {
    return false;
  }
}

export function desktopReady() {
  return existsSync(nm) && electronInstalled() && electronBindingReady();
}

function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not hoisted into node_modules: try npm's own copy */
  }
  if (process.env.npm_execpath)
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const nodeDir = dirname(realpathSync(process.execPath));
  candidates.push(join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Environment for building against Electron: drop npm settings that would point the build at Node's headers. */
function electronBuildEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(key),
    ),
  );
}

function buildBindingFor(arch) {
  const version = electronVersion();
  const work = join(root, '.native', 'build', `${ELECTRON_SQLITE_PACKAGE}-${process.platform}-${arch}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  // A copy, so the Node-built binary in node_modules is never touched.
  const nodeBuild = join(nm, ELECTRON_SQLITE_PACKAGE, 'build');
  cpSync(join(nm, ELECTRON_SQLITE_PACKAGE), work, {
    recursive: true,
    filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + sep),
  });
  const env = electronBuildEnv();
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');

  const prebuild = join(nm, 'prebuild-install', 'bin.js');
  if (existsSync(prebuild)) {
    log(`fetching a prebuilt ${ELECTRON_SQLITE_PACKAGE} for Electron ${version} (${process.platform}-${arch}) …`);
    run(
      process.execPath,
      [prebuild, '--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--platform=${process.platform}`],
      {
        cwd: work,
        env,
        timeout: ELECTRON_INSTALL_TIMEOUT_MS,
      },
    );
  }
  if (!existsSync(built)) {
    const gyp = findNodeGyp();
    if (!gyp) {
      log('node-gyp not found');
      return false;
    }
    log(`compiling ${ELECTRON_SQLITE_PACKAGE} for Electron ${version} (${arch}) with node-gyp …`);
    const distUrl = process.env.SITEBOOK_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
    const ok = run(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${version}`,
        `--arch=${arch}`,
        `--dist-url=${distUrl}`,
      ],
      { cwd: work, env, timeout: BUILD_TIMEOUT_MS },
    );
    if (!ok || !existsSync(built)) return false;
  }
  const out = nativeDir(arch);
  mkdirSync(out, { recursive: true });
  cpSync(built, join(out, ELECTRON_BINDING_FILE));
  if (arch === process.arch) cpSync(built, join(root, '.native', 'electron', ELECTRON_BINDING_FILE));
  writeFileSync(join(out, 'build.json'), `${JSON.stringify(stampOf(arch), null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  return true;
}

function main() {
  const extraArches = process.argv
    .slice(2)
    .filter((a) => a.startsWith('--arch='))
    .map((a) => a.slice('--arch='.length));

  if (nodeModulesUpToDate()) {
    log('node_modules is up to date with package-lock.json');
  } else {
    log('installing dependencies (npm ci) …');
    if (!run('npm', ['ci'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })) {
      console.error('[setup] npm ci failed / 依赖安装失败');
      process.exit(1);
    }
  }
  if (!nodeBindingLoads()) {
    log('rebuilding better-sqlite3 and better-sqlite3-multiple-ciphers for this Node …');
    if (!run('npm', ['rebuild', ...NODE_SQLITE_PACKAGES])) {
      console.error('[setup] better-sqlite3 could not be built for Node / 数据库组件编译失败');
      process.exit(1);
    }
  }

  let desktop = electronInstalled();
  if (!desktop) {
    log('downloading the Electron binary …');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'ELECTRON_SKIP_BINARY_DOWNLOAD'));
    // Quiet: on a blocked network @electron/get prints a long stack; one line says enough.
    const r = spawnSync(process.execPath, [join(nm, 'electron', 'install.js')], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: ELECTRON_INSTALL_TIMEOUT_MS,
    });
    desktop = electronInstalled();
    if (!desktop) {
      const why = r.error?.message ?? `${r.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? `exit ${r.status}`;
      log(`Electron download failed: ${why.trim()}`);
    }
  }
  for (const arch of [process.arch, ...extraArches.filter((a) => a !== process.arch)]) {
    // Other arches are for packaging only: their failure does not stop the desktop app here.
    if (!desktop && arch === process.arch) continue;
    if (electronBindingReady(arch)) continue;
    const ok = buildBindingFor(arch);
    if (!ok && arch === process.arch) desktop = false;
    if (!ok && arch !== process.arch)
      log(`could not build ${ELECTRON_SQLITE_PACKAGE} for Electron on ${arch}: that package would not start`);
  }

  if (desktop) {
    log('ready: `npm start` opens the desktop app / 已就绪：npm start 启动桌面程序');
  } else {
    console.log(`\n${DESKTOP_UNAVAILABLE_MESSAGE}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
