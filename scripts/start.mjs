#!/usr/bin/env node
/**
 * `npm start`: the desktop app when this machine has Electron's binary and
 * better-sqlite3 built for it (see scripts/setup.mjs); otherwise the same app
 * in a browser through `npm run demo`, after saying so once.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP_UNAVAILABLE_MESSAGE, desktopReady, root } from './setup.mjs';

function runNode(script, args) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; mirror its exit status.
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const args = process.argv.slice(2);

if (!existsSync(join(root, 'node_modules'))) {
  console.error('请先运行 npm run setup / run `npm run setup` first.');
  process.exit(1);
}

if (desktopReady()) {
  // preview = build main, preload and renderer, then start Electron on the built app.
  runNode(join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['preview', ...args]);
} else {
  console.log(`\n${DESKTOP_UNAVAILABLE_MESSAGE}\n`);
  runNode(join(root, 'scripts', 'demo.mjs'), args);
}
