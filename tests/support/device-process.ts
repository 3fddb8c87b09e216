/**
 * Runs a desktop backend in a child process (`node --import tsx`, so a signal ends the
 * backend itself, not a wrapper): open a data dir, optionally sign in, sync once. With
 * `crashAt`, the engine's test crash point (SITEBOOK_TEST_CRASH_AT) kills it mid-sync.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'tests/support/device-child.ts';
const TIMEOUT_MS = 60_000;

export interface DeviceJob {
  dataDir: string;
  signIn?: { serverUrl: string; login: string; password: string };
  pageSize?: number;
}

export interface DeviceRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last sync status the child printed (JSON), when it got that far. */
  stdout: string;
  stderr: string;
}

export function runDeviceProcess(job: DeviceJob, crashAt?: 'after-pull-apply'): Promise<DeviceRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SITEBOOK_TEST_CRASH_AT;
  if (crashAt) env.SITEBOOK_TEST_CRASH_AT = crashAt;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(job)], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`device process did not finish in ${TIMEOUT_MS} ms:\n${stdout}\n${stderr}`));
    }, TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
