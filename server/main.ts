/**
 * `npm run server`: with no arguments, starts the sync server (SQLite under
 * ./data by default, PostgreSQL when DATABASE_URL is set); with arguments, runs
 * an admin command (see server/cli) on the same database and exits.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { buildServer } from './app';
import { CLI_COMMANDS, CLI_USAGE, runCommand } from './cli/index';
import { UsageError } from './cli/args';
import { AccountError } from './accounts/errors';
import { openServerDatabase, type ServerDb } from './db/connect';
import { openPhotoStorage, readPhotoStorageConfig, type PhotoStorageConfig } from './photos/storage';
import { runUpdateCommand, UPDATE_COMMANDS, updatesDirFrom } from './updates/cli';

/** In-flight requests get this long to finish on shutdown before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 30_000;

interface Config {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  sqliteFile: string;
  logLevel: string;
  testRoutes: boolean;
  /** PEM files; both set: HTTPS, neither: HTTP (e.g. behind a TLS reverse proxy). */
  tls: { certFile: string; keyFile: string } | null;
  /** Photo bytes: `<data dir>/blobs`, or S3 when S3_BUCKET is set; uploads in flight in UPLOADS_DIR (`<data dir>/uploads`). */
  photos: PhotoStorageConfig;
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT is not a port number: ${env.PORT}`);
  const dataDir = env.SITEBOOK_DATA_DIR ?? './data';
  const certFile = env.TLS_CERT_FILE || undefined;
  const keyFile = env.TLS_KEY_FILE || undefined;
  // Half a TLS set-up would silently serve plain HTTP: refuse to start instead.
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new UsageError('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteFile: resolve(dataDir, 'sitebook-server.db'),
    logLevel: env.LOG_LEVEL ?? 'info',
    testRoutes: env.SITEBOOK_TEST_ROUTES === '1',
    tls: certFile && keyFile ? { certFile: resolve(certFile), keyFile: resolve(keyFile) } : null,
    photos: readPhotoStorageConfig(env, resolve(dataDir)),
  };
}

/** Where the data lives, for the startup line; a PostgreSQL password is never printed. */
function describeDatabase(cfg: Config): string {
  if (cfg.databaseUrl) {
    try {
      const u = new URL(cfg.databaseUrl);
      return `postgres: ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
    } catch {
      return 'postgres';
    }
  }
  const rel = relative(process.cwd(), cfg.sqliteFile);
  return `sqlite: ${rel.startsWith('..') ? cfg.sqliteFile : rel}`;
}

function openDb(cfg: Config): Promise<ServerDb> {
  return openServerDatabase(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : { sqliteFile: cfg.sqliteFile });
}

async function serve(cfg: Config): Promise<void> {
  // Read the certificate before opening the database: a wrong path fails fast and touches nothing.
  const https = cfg.tls ? { cert: readFileSync(cfg.tls.certFile), key: readFileSync(cfg.tls.keyFile) } : undefined;
  const sdb = await openDb(cfg);
  const photos = openPhotoStorage(cfg.photos);
  const app = buildServer({
    sdb,
    logger: { level: cfg.logLevel },
    testRoutes: cfg.testRoutes,
    https,
    updatesDir: updatesDirFrom(process.env),
    photos,
  });
  const address = await app.listen({ host: cfg.host, port: cfg.port });
  const port = new URL(address).port;
  const scheme = https ? 'https' : 'http';
  process.stdout.write(`Sitebook server listening on ${scheme}://${cfg.host}:${port} (${describeDatabase(cfg)})\n`);
  app.log.info(photos.describe());

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      app.log.error('requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app
      .close()
      .then(() => sdb.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

async function admin(cfg: Config, argv: string[]): Promise<number> {
  const sdb = await openDb(cfg);
  try {
    await runCommand(sdb, argv, (line) => process.stdout.write(`${line}\n`), { photos: cfg.photos });
    return 0;
  } finally {
    await sdb.close();
  }
}

async function main(argv: string[]): Promise<number | null> {
  const cfg = readConfig(process.env);
  if (argv.length === 0) {
    await serve(cfg);
    return null;
  }
  if (UPDATE_COMMANDS.has(argv[0]!)) {
    // No database needed: signing a release on a build machine creates no data/ there.
    await runUpdateCommand(argv, (line) => process.stdout.write(`${line}\n`));
    return 0;
  }
  if (!CLI_COMMANDS.has(argv[0]!)) throw new UsageError(`未知命令 unknown command: ${argv[0]}`);
  return admin(cfg, argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${CLI_USAGE}\n`);
      process.exit(2);
    }
    if (err instanceof AccountError) {
      process.stderr.write(`错误 error (${err.code}): ${err.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`错误 error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
