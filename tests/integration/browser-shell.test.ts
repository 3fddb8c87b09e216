import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/backend';
import { startBrowserShell, type BrowserShell } from '../../electron/browser-shell/server';

let dir: string;
let shell: BrowserShell;
let backend: ReturnType<typeof createBackend>;

function call(path: string, init: RequestInit & { cookie?: boolean } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.cookie !== false && !headers.has('cookie')) headers.set('cookie', `sitebook_token=${shell.token}`);
  return fetch(`http://127.0.0.1:${shell.port}${path}`, { ...init, headers });
}

function invoke(body: unknown, extra: Record<string, string> = {}): Promise<Response> {
  return call('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sitebook': '1', ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-shell-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  backend = createBackend({ encryption: 'none', shell: 'browser', dataDir: dir, version: '0.0.0-test' });
  shell = await startBrowserShell({ backend, rendererDir });
});

afterAll(async () => {
  await shell.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser shell over loopback HTTP', () => {
  it('listens on 127.0.0.1 only and prints a token URL', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses requests without the per-run token', async () => {
    expect((await call('/', { cookie: false })).status).toBe(403);
    expect((await call('/?token=wrong', { cookie: false })).status).toBe(403);
    const res = await invoke({ channel: 'app.info', input: {} }, { cookie: 'sitebook_token=nope' });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: shell.port, path: `/?token=${shell.token}`, headers: { host: 'evil.example:80' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the page with the bridge, a CSP and a token cookie', async () => {
    const res = await call(`/?token=${shell.token}`, { cookie: false });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('HttpOnly');
    expect(res.headers.get('set-cookie')).toContain('SameSite=Strict');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script src="./shell-bridge.js"></script>');
    const bridge = await call('/shell-bridge.js');
    expect(await bridge.text()).toContain('EventSource');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await call('/..%2f..%2fetc%2fpasswd');
    expect(res.status).toBe(404);
  });

  it('answers the contract: a valid call, a bad payload, an unknown channel', async () => {
    const ok = (await (await invoke({ channel: 'app.info', input: {} })).json()) as {
      ok: boolean;
      value: { shell: string; version: string };
    };
    expect(ok).toMatchObject({ ok: true, value: { shell: 'browser', version: '0.0.0-test' } });

    const bad = (await (await invoke({ channel: 'projects.get', input: { id: 42 } })).json()) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.message).toContain('id');

    const unknown = (await (await invoke({ channel: 'db.drop', input: {} })).json()) as { error: { code: string } };
    expect(unknown.error.code).toBe('unknown_channel');
  });

  it('rejects malformed and oversized bodies with a 4xx and a clear message', async () => {
    const notJson = await invoke('{"channel":');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    const noHeader = await call('/api/invoke', { method: 'POST', body: '{}' });
    expect(noHeader.status).toBe(400);
    const huge = await invoke(JSON.stringify({ channel: 'app.info', input: { pad: 'x'.repeat(65 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
  });

  it('pushes data.changed to the page after a write', async () => {
    const controller = new AbortController();
    const res = await call('/api/events', { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // the ": connected" comment
    const renamed = await invoke({ channel: 'identity.rename', input: { name: '张三' } });
    expect(((await renamed.json()) as { value: { name: string } }).value.name).toBe('张三');
    const projects = await invoke({
      channel: 'projects.create',
      input: {
        code: 'T-1',
        name: '测试项目',
        level: 'district_key',
        district: '巴彦县',
        industry: '农产品加工',
        ownerCompany: null,
        responsibleUnit: null,
        leaderInCharge: null,
        chiefOfficer: null,
        chiefOfficerPhone: null,
        groupId: null,
        totalInvestment: 100_000_000,
        annualPlannedInvestment: 20_000_000,
        stage: 'preliminary',
        isNew: true,
        plannedStart: '2020-05-01',
        actualStart: null,
        plannedCompletion: null,
        actualCompletion: null,
        plannedProduction: null,
        actualProduction: null,
        location: null,
        position: null,
      },
    });
    expect(((await projects.json()) as { ok: boolean }).ok).toBe(true);
    let text = '';
    while (!text.includes('data.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('"projects"');
  });
});
