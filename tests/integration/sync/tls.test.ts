import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import type { AppErrorShape } from '../../../shared/errors';
import { projectInput, tempDir } from '../../unit/db/fixtures';
import { startServer, type ServerProcess } from '../../support/server-process';
import { makeTestCertificates } from '../../support/test-ca';

/**
 * The real server on HTTPS with a certificate from a test CA (made with openssl), and
 * desktop backends over real TLS: refused without the organisation CA, accepted with it
 * (SITEBOOK_CA_FILE), and a sync goes through from one device to another.
 */
const PASSWORD = 'correct-horse-1';

async function invoke(b: Backend, channel: string, input: unknown = {}) {
  return b.invoke(channel, input);
}

async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await invoke(b, channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), res.error);
  return res.value as T;
}

describe('HTTPS with an organisation CA', () => {
  let server: ServerProcess;
  let tmp: ReturnType<typeof tempDir>;
  let certs: { ca: string; cert: string; key: string };
  const backends: Backend[] = [];
  const savedCaEnv = process.env.SITEBOOK_CA_FILE;

  function device(name: string): Backend {
    const b = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, name),
      shell: 'browser',
      sync: { auto: false },
    });
    backends.push(b);
    return b;
  }

  const signIn = (b: Backend, login: string) =>
    invoke(b, 'sync.signIn', { serverUrl: server.url, login, password: PASSWORD });

  beforeAll(async () => {
    tmp = tempDir();
    certs = makeTestCertificates(tmp.dir);
    server = await startServer({ env: { TLS_CERT_FILE: certs.cert, TLS_KEY_FILE: certs.key } });
    for (const login of ['coord_a', 'coord_b']) {
      const res = await server.cli([
        'user',
        'add',
        '--login',
        login,
        '--name',
        login,
        '--role',
        'coordinator',
        '--password',
        PASSWORD,
      ]);
      expect(res.code, res.stderr).toBe(0);
    }
  });

  afterAll(async () => {
    if (savedCaEnv === undefined) delete process.env.SITEBOOK_CA_FILE;
    else process.env.SITEBOOK_CA_FILE = savedCaEnv;
    for (const b of backends) await b.shutdown();
    await server?.dispose();
    tmp?.cleanup();
  });

  it('the server announces an https address', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('without the CA, sign-in is refused as tls_untrusted and nothing is saved', async () => {
    delete process.env.SITEBOOK_CA_FILE;
    const b = device('untrusted');
    const res = await signIn(b, 'coord_a');
    expect(res.ok).toBe(false);
    const error = (res as { error: AppErrorShape }).error;
    expect(error.code).toBe('tls_untrusted');
    expect(error.message).toContain('SITEBOOK_CA_FILE');
    expect(await call<SyncStatus>(b, 'sync.status')).toMatchObject({ state: 'signed_out', user: null });
  });

  it('with the CA, two devices sign in and a project travels from one to the other', async () => {
    process.env.SITEBOOK_CA_FILE = certs.ca;
    const a = device('a');
    const b = device('b');
    expect((await signIn(a, 'coord_a')).ok).toBe(true);
    expect((await signIn(b, 'coord_b')).ok).toBe(true);
    const project = await call<Project>(a, 'projects.create', projectInput({ code: 'TLS-1', name: '加密同步项目' }));
    expect(await call<SyncStatus>(a, 'sync.now')).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(await call<SyncStatus>(b, 'sync.now')).toMatchObject({ state: 'idle', lastError: null });
    const onB = await call<{ project: Project }>(b, 'projects.get', { id: project.id });
    expect(onB.project.name).toBe('加密同步项目');
  });

  it('a CA file that cannot be read is reported as tls_untrusted, not as an unreachable server', async () => {
    process.env.SITEBOOK_CA_FILE = join(tmp.dir, 'missing-ca.pem');
    const res = await signIn(device('missing-ca'), 'coord_a');
    expect(res.ok).toBe(false);
    expect((res as { error: AppErrorShape }).error).toMatchObject({ code: 'tls_untrusted' });
  });

  it('a server with only one of TLS_CERT_FILE / TLS_KEY_FILE refuses to start', async () => {
    await expect(startServer({ env: { TLS_CERT_FILE: certs.cert } })).rejects.toThrow(/must be set together/);
  });
});
