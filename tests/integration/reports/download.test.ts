import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportDone } from '../../../shared/channels/exports';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { exportsDirOf } from '../../../electron/backend/reports/run';
import { startBrowserShell, type BrowserShell } from '../../../electron/browser-shell/server';
import { writeDemoDatabase } from '../../../resources/demo/load';
import { NOW, TODAY } from './support';

/*
 * The browser shell's side of an export: the call runs over its HTTP API like any other, and the
 * file comes back from /api/exports/<jobId> with its Chinese name — only with the run's token,
 * only for a job id of ours, never a path of the caller's choosing.
 */
let dir: string;
let backend: Backend;
let shell: BrowserShell;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-download-'));
  await writeDemoDatabase(join(dir, 'sitebook.db'), {
    scale: 'city',
    today: TODAY,
    photosDir: null,
    log: () => undefined,
  });
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  backend = createBackend({
    encryption: 'none',
    dataDir: dir,
    shell: 'browser',
    now: () => NOW,
    sync: { auto: false },
  });
  shell = await startBrowserShell({ backend, rendererDir, exportsDir: exportsDirOf(dir) });
}, 120_000);

afterAll(async () => {
  await shell?.close();
  await backend?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const origin = (): string => `http://127.0.0.1:${shell.port}`;

async function invoke(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const res = await fetch(`${origin()}/api/invoke?token=${shell.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sitebook': '1' },
    body: JSON.stringify({ channel, input }),
  });
  return (await res.json()) as { ok: boolean; value?: unknown };
}

describe('exports through the browser shell', () => {
  it('runs over HTTP and downloads with the file name, type and bytes', async () => {
    const progress: unknown[] = [];
    const off = backend.on('exports.progress', (p) => progress.push(p));
    const res = await invoke('exports.run', { jobId: 'shell-job-0001', request: { kind: 'projectLedger' } });
    off();
    expect(res.ok).toBe(true);
    const done = res.value as ExportDone;
    expect(done.downloadUrl).toBe('api/exports/shell-job-0001');
    expect(progress.at(-1)).toEqual({ jobId: 'shell-job-0001', phase: 'done', done: 1, total: 1 });

    const dl = await fetch(`${origin()}/${done.downloadUrl}?token=${shell.token}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = dl.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment;/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(done.fileName);
    const bytes = Buffer.from(await dl.arrayBuffer());
    expect(bytes.equals(readFileSync(done.filePath))).toBe(true);
    expect(Number(dl.headers.get('content-length'))).toBe(bytes.length);
  });

  it('refuses a download without the token, for an unknown job, or a path', async () => {
    expect((await fetch(`${origin()}/api/exports/shell-job-0001`)).status).toBe(403);
    expect((await fetch(`${origin()}/api/exports/no-such-job-0001?token=${shell.token}`)).status).toBe(404);
    expect((await fetch(`${origin()}/api/exports/..%2F..%2Fsitebook.db?token=${shell.token}`)).status).toBe(404);
    expect(
      (await fetch(`${origin()}/api/exports/shell-job-0001?token=${shell.token}`, { method: 'POST' })).status,
    ).toBe(405);
  });

  it('refuses a malformed job id before any work', async () => {
    const res = await invoke('exports.run', { jobId: '../../x', request: { kind: 'projectLedger' } });
    expect(res.ok).toBe(false);
  });
});
