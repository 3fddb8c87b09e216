/**
 * One fresh desktop device in a process of its own (so its peak RSS is the desktop's):
 * a real backend on its own SQLite file signs in and does its first sync.
 *
 *   node --import tsx bench/sync-device.ts --server URL --login L --password P --dir DIR
 *
 * Prints one JSON line: {"syncMs","cpuMs","counts","maxRssMb","state","lastError"}.
 */
import { parseArgs } from 'node:util';
import { createBackend } from '../electron/backend/backend';
import type { SyncStatus } from '../shared/channels/sync';
import { COUNTED_TABLES, type DeviceResult } from './sync-common';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      login: { type: 'string' },
      password: { type: 'string' },
      dir: { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  if (!values.server || !values.login || !values.password || !values.dir) throw new Error('missing arguments');
  const pageSize = values['page-size'] ? Number(values['page-size']) : undefined;
  const backend = createBackend({
    encryption: 'none',
    dataDir: values.dir,
    shell: 'browser',
    sync: { auto: false, ...(pageSize ? { pageSize } : {}) },
  });
  try {
    const signIn = await backend.invoke('sync.signIn', {
      serverUrl: values.server,
      login: values.login,
      password: values.password,
    });
    if (!signIn.ok) throw new Error(`sign-in: ${signIn.error.message}`);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const res = await backend.invoke('sync.now', {});
    const syncMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (!res.ok) throw new Error(`sync: ${res.error.message}`);
    const status = res.value as SyncStatus;
    const counts: Record<string, number> = {};
    for (const t of COUNTED_TABLES) {
      counts[t] = (backend.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted = 0`).get() as { n: number }).n;
    }
    const result: DeviceResult = {
      syncMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      counts,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      state: status.state,
      lastError: status.lastError?.message ?? null,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await backend.shutdown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`sync-device: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
