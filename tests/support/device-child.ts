/**
 * The child of device-process.ts: one desktop backend on a data dir that signs in (if
 * asked) and syncs once, then prints the sync status as JSON. Exit code 0 when the
 * sync ran; a crash point in the engine may kill the process before that.
 */
import { createBackend } from '../../electron/backend/backend';
import type { DeviceJob } from './device-process';

async function main(): Promise<number> {
  const job = JSON.parse(process.argv[2] ?? '{}') as DeviceJob;
  const backend = createBackend({
    encryption: 'none',
    dataDir: job.dataDir,
    shell: 'browser',
    sync: { auto: false, pageSize: job.pageSize },
  });
  try {
    if (job.signIn) {
      const signedIn = await backend.invoke('sync.signIn', job.signIn);
      if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.message}`);
    }
    const synced = await backend.invoke('sync.now', {});
    if (!synced.ok) throw new Error(`sync: ${synced.error.message}`);
    process.stdout.write(`${JSON.stringify(synced.value)}\n`);
    return 0;
  } finally {
    await backend.shutdown();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
