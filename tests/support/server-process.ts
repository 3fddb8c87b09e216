/**
 * Starts the real sync server (`server/main.ts`) as a child process on a free
 * port, with a temp data dir (SQLite) or a PostgreSQL URL, and runs admin CLI
 * commands against the same database. The process is `node --import tsx` itself
 * (not npx), so signals reach the server and its exit code is the server's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /Sitebook server listening on (https?:\/\/[^\s]+) \(/;
const START_TIMEOUT_MS = 30_000;

export interface StartServerOptions {
  /** postgres://… : the server runs on PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl?: string;
  /** Reuse a data dir (restart on the same SQLite file); a temp dir otherwise. */
  dataDir?: string;
  /** A fixed port (restart at the same URL); 0 (a free port) by default. */
  port?: number;
  env?: Record<string, string>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  /** Sends a signal (SIGTERM by default) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: no graceful anything. */
  kill(): Promise<void>;
  /** Runs `npm run server -- <args>` on the same database. */
  cli(args: string[]): Promise<CliResult>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Stops the process if running and removes a data dir this helper made. */
  dispose(): Promise<void>;
}

function childEnv(opts: StartServerOptions, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(opts.port ?? 0),
    SITEBOOK_DATA_DIR: dataDir,
    SITEBOOK_SCRYPT_N: '1024',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return env;
}

function spawnServer(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export function runCli(args: string[], opts: StartServerOptions & { dataDir: string }): Promise<CliResult> {
  const child = spawnServer(args, childEnv(opts, opts.dataDir));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function startServer(opts: StartServerOptions = {}): Promise<ServerProcess> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sitebook-server-'));
  const child = spawnServer([], childEnv(opts, dataDir));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${out}`));
    }, START_TIMEOUT_MS);
    const onData = (d: Buffer): void => {
      out += d.toString('utf8');
      const m = LISTENING.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
  const exited = exitOf(child);
  const server: ServerProcess = {
    url,
    port: Number(new URL(url).port),
    dataDir,
    pid: child.pid!,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    cli: (args) => runCli(args, { ...opts, dataDir }),
    output: () => out,
    async dispose() {
      await server.kill();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
