/**
 * Sync benchmarks on loopback against the real server process, seeded from the province
 * demo cache (bench/province-db.ts):
 *
 *   npx tsx bench/sync.ts [--only name] [--pg] [--devices 200 --seconds 60 --think-ms 3000]
 *
 * - city_initial_sync_s: a fresh device's first sync of a city year (the cache's first 300
 *   projects and their rows, ~90k records);
 * - province_initial_sync_s, province_sync_rss_mb: the same for the whole province (~890k);
 *   the device is a real backend on its own SQLite file, in a child process
 *   (bench/sync-device.ts), so its peak RSS is the desktop's;
 * - visit_roundtrip_ms: one visit, 5 problems, 20 photo records from device A to device B;
 * - load_p99_ms: 200 light HTTP clients with tokens of their own, over 300 projects, pushing and
 *   pulling for a minute (bench/sync-load.ts).
 * Each device checks it received every row, the load that every accepted op was stored.
 * With --pg the server runs on PostgreSQL and every name ends in `_pg`. Prints one JSON line per
 * figure (the format of bench/run.ts, which runs this too) and exits non-zero when a figure misses
 * its target or a check fails. Figures are wall-clock: note the machine's load (`uptime`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WRITE_DEBOUNCE_MS } from '../electron/backend/sync/engine';
import { openServerDatabase } from '../server/db/connect';
import { startServer, type ServerProcess } from '../tests/support/server-process';
import { provinceDb } from './province-db';
import { COUNTED_TABLES, processCpuSeconds, round, type DeviceResult, type Line } from './sync-common';
import { runLoad } from './sync-load';
import { visitRoundtrip } from './sync-roundtrip';
import { BENCH_PASSWORD, COORDINATOR_LOGIN, seedServer, type SeededServer } from './sync-seed';

const HERE = dirname(fileURLToPath(import.meta.url));
const CITY_PROJECTS = 300;

// Cheap password hashes for the bench accounts, as in tests (the server reads each hash's own cost).
process.env.SITEBOOK_SCRYPT_N ??= '1024';

const log = (m: string) => process.stderr.write(`bench/sync: ${m}\n`);
/** Wall-clock figures on a shared machine: the load they were taken under goes in the log. */
const logLoad = (when: string) =>
  log(
    `${when}: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
let suffix = '';
let failed = false;
function emit(line: Line): void {
  const named = { ...line, name: line.name + suffix };
  process.stdout.write(`${JSON.stringify(named)}\n`);
  if (line.target !== undefined && line.value > line.target) {
    log(`${named.name} = ${line.value} ${line.unit} misses its target ${line.target}`);
    failed = true;
  }
}
function check(ok: boolean, what: string): void {
  if (!ok) {
    log(`CHECK FAILED: ${what}`);
    failed = true;
  }
}

/** The seeded server's process, disposed of with its database. */
async function withServer<T>(seeded: SeededServer, work: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await startServer({
    dataDir: seeded.dataDir,
    ...(seeded.databaseUrl ? { databaseUrl: seeded.databaseUrl } : {}),
  });
  try {
    return await work(server);
  } finally {
    await server.dispose();
  }
}

async function countOps(seeded: SeededServer): Promise<number> {
  const sdb = await openServerDatabase(
    seeded.databaseUrl
      ? { databaseUrl: seeded.databaseUrl }
      : { sqliteFile: join(seeded.dataDir, 'sitebook-server.db') },
  );
  try {
    const row = await sdb.db
      .selectFrom('ops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await sdb.close();
  }
}

/** bench/sync-device.ts in a child process: a fresh device's first sync. */
function deviceChild(serverUrl: string, dir: string): Promise<DeviceResult> {
  const args = [
    '--import',
    'tsx',
    join(HERE, 'sync-device.ts'),
    ...['--server', serverUrl, '--login', COORDINATOR_LOGIN, '--password', BENCH_PASSWORD, '--dir', dir],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`sync-device exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as DeviceResult);
    });
  });
}

/** A fresh device syncs everything the server holds; checks it got every row. */
async function initialSync(server: ServerProcess, seeded: SeededServer, name: string, target: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-bench-device-'));
  try {
    logLoad(name);
    const serverCpu0 = processCpuSeconds(server.pid);
    const res = await deviceChild(server.url, dir);
    const serverCpu1 = processCpuSeconds(server.pid);
    log(`${name}: ${JSON.stringify(res)}`);
    check(res.state === 'idle', `${name}: device ended ${res.state} (${res.lastError ?? ''})`);
    for (const t of COUNTED_TABLES) {
      check(res.counts[t] === (seeded.counts[t] ?? 0), `${name}: ${t} ${res.counts[t]} of ${seeded.counts[t]}`);
    }
    emit({ name: `${name}_initial_sync_s`, value: round(res.syncMs / 1000), unit: 's', target });
    // CPU seconds of each side: what the figure would shrink to on a machine of its own.
    emit({ name: `${name}_device_cpu_s`, value: round(res.cpuMs / 1000), unit: 's' });
    if (serverCpu0 !== null && serverCpu1 !== null) {
      emit({ name: `${name}_server_cpu_s`, value: round(serverCpu1 - serverCpu0), unit: 's' });
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      pg: { type: 'boolean', default: false },
      devices: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      // The engine syncs 3 s after the last local write (WRITE_DEBOUNCE_MS): every device here
      // syncs as often as one whose user never stops typing.
      'think-ms': { type: 'string', default: String(WRITE_DEBOUNCE_MS) },
    },
  });
  const wants = (...names: string[]) => values.only === undefined || names.some((n) => values.only!.startsWith(n));
  suffix = values.pg ? '_pg' : '';
  const source = await provinceDb(log);
  const pg = values.pg;

  logLoad('start');
  if (wants('city', 'visit_roundtrip')) {
    const seeded = await seedServer({ source: source.file, projects: CITY_PROJECTS, pg, log });
    try {
      emit({ name: 'city_seed_s', value: round(seeded.seedMs / 1000), unit: 's' });
      await withServer(seeded, async (server) => {
        if (wants('city')) {
          const res = await initialSync(server, seeded, 'city', 5);
          emit({ name: 'city_sync_rss_mb', value: round(res.maxRssMb, 0), unit: 'MB' });
        }
        if (wants('visit_roundtrip')) {
          const rt = await visitRoundtrip(server.url, seeded.projectIds, log, check);
          emit({ name: 'visit_roundtrip_ms', value: round(rt.median, 1), unit: 'ms', target: 300 });
          emit({ name: 'visit_roundtrip_max_ms', value: round(rt.max, 1), unit: 'ms' });
        }
      });
    } finally {
      await seeded.drop();
    }
  }

  if (wants('province')) {
    const seeded = await seedServer({ source: source.file, pg, log });
    try {
      emit({ name: 'province_seed_s', value: round(seeded.seedMs / 1000), unit: 's' });
      await withServer(seeded, async (server) => {
        const res = await initialSync(server, seeded, 'province', 60);
        emit({ name: 'province_sync_rss_mb', value: round(res.maxRssMb, 0), unit: 'MB', target: 500 });
      });
    } finally {
      await seeded.drop();
    }
  }

  if (wants('load')) {
    const devices = Number(values.devices);
    const seeded = await seedServer({ source: source.file, projects: CITY_PROJECTS, pg, devices, log });
    try {
      await withServer(seeded, async (server) => {
        logLoad('load');
        const res = await runLoad({
          url: server.url,
          devices: seeded.devices,
          seconds: Number(values.seconds),
          thinkMs: Number(values['think-ms']),
          directoryVersion: seeded.directoryVersion,
          log,
        });
        const projects = new Set(seeded.devices.flatMap((d) => d.projects)).size;
        log(`load: ${res.requests} requests over ${projects} projects, ${res.pulledRows} rows pulled`);
        check(projects >= CITY_PROJECTS, `load: devices cover ${projects} projects`);
        check(res.errors === 0, `load: ${res.errors} errors (${res.firstError ?? ''})`);
        // Every accepted op is stored once: the seeded rows have none of their own.
        const stored = await countOps(seeded);
        check(stored === res.acceptedOps, `load: ${res.acceptedOps} ops accepted, ${stored} stored`);
        emit({ name: 'load_p50_ms', value: round(res.p50), unit: 'ms' });
        emit({ name: 'load_p99_ms', value: round(res.p99), unit: 'ms', target: 1000 });
        emit({ name: 'load_max_ms', value: round(res.max), unit: 'ms' });
        emit({ name: 'load_push_p99_ms', value: round(res.pushP99), unit: 'ms' });
        emit({ name: 'load_pull_p99_ms', value: round(res.pullP99), unit: 'ms' });
        emit({ name: 'load_requests_per_s', value: round(res.requestsPerSecond, 1), unit: '/s' });
        emit({ name: 'load_ops_per_s', value: round(res.opsPerSecond, 1), unit: '/s' });
        emit({ name: 'load_errors', value: res.errors, unit: 'count', target: 0 });
      });
    } finally {
      await seeded.drop();
    }
  }
  logLoad('end');
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/sync: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
