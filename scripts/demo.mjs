// `npm run demo`: build the renderer if needed and serve the app through the browser shell on demo data.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';

if (!existsSync('node_modules/.package-lock.json')) {
  console.error('依赖尚未安装，请先运行 npm run setup / dependencies are not installed: run `npm run setup` first.');
  process.exit(1);
}
if (!existsSync('out/renderer/index.html') || process.argv.includes('--rebuild')) {
  console.log('正在构建界面 / building the renderer …');
  const r = spawnSync('npx electron-vite build', { shell: true, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const args = [
  'tsx',
  'electron/browser-shell/main.ts',
  '--demo',
  ...process.argv.slice(2).filter((a) => a !== '--rebuild'),
];
const child = spawn('npx', args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
