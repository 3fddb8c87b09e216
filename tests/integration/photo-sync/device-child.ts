/**
 * A desktop backend in its own process for the restart test (restart.test.ts): signs in and adds a
 * photo when asked, syncs, waits for the photo uploads to finish, prints the photo status, exits.
 * The test kills it mid-upload and starts it again on the same data dir.
 */
import { readFileSync } from 'node:fs';
import { call, newProject, openDevice, PASSWORD, putPhoto, settled, waitForPhotos } from './support';

export interface PhotoDeviceJob {
  dataDir: string;
  serverUrl: string;
  login: string;
  /** First run: sign in, make a project and add this file as a photo. */
  addPhotoFrom?: string;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as PhotoDeviceJob;
  const b = openDevice(job.dataDir);
  try {
    if (job.addPhotoFrom) {
      await call(b, 'sync.signIn', { serverUrl: job.serverUrl, login: job.login, password: PASSWORD });
      const project = await newProject(b, 'RESTART-1');
      await putPhoto(b, job.dataDir, project.id, readFileSync(job.addPhotoFrom));
    }
    await call(b, 'sync.now');
    const status = await waitForPhotos(b, settled, 120_000);
    process.stdout.write(`${JSON.stringify(status)}\n`);
  } finally {
    await b.shutdown();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
