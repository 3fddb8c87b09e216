import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSignedMetadata, organisationCa } from '../../../electron/updates/feed';
import { startServer, type ServerProcess } from '../../support/server-process';
import { makeTestCertificates } from '../../support/test-ca';
import { tempDir } from '../../unit/db/fixtures';
import { latestYml } from '../../unit/updates/fixtures';

/**
 * The app's signed-metadata fetch against the real server on HTTPS with a certificate from
 * a test CA: refused without the organisation CA, verified with it (SITEBOOK_CA_FILE).
 */
describe('the update feed over HTTPS with an organisation CA', () => {
  let server: ServerProcess;
  let tmp: ReturnType<typeof tempDir>;
  let certs: ReturnType<typeof makeTestCertificates>;
  let publicPem: string;

  beforeAll(async () => {
    tmp = tempDir();
    certs = makeTestCertificates(tmp.dir);
    const dist = join(tmp.dir, 'dist');
    mkdirSync(dist);
    const exe = randomBytes(10_000);
    writeFileSync(join(dist, 'Sitebook-Setup-0.3.0.exe'), exe);
    const sha512 = createHash('sha512').update(exe).digest('base64');
    writeFileSync(
      join(dist, 'latest.yml'),
      latestYml('0.3.0', [{ url: 'Sitebook-Setup-0.3.0.exe', sha512, size: exe.length }]),
    );
    server = await startServer({
      env: { TLS_CERT_FILE: certs.cert, TLS_KEY_FILE: certs.key, UPDATES_DIR: join(tmp.dir, 'feed') },
    });
    expect(server.url).toMatch(/^https:/);
    expect((await server.cli(['update-keygen', '--out', join(tmp.dir, 'keys')])).code).toBe(0);
    const keyFile = join(tmp.dir, 'keys', 'update-signing-key.pem');
    const pub = await server.cli(['publish-update', '--from', dist, '--key', keyFile]);
    expect(pub.code, pub.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, 'feed', 'latest.yml.sig'), 'utf8')).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    publicPem = readFileSync(join(tmp.dir, 'keys', 'update-signing-key.pub.pem'), 'utf8');
  });

  afterAll(async () => {
    await server?.dispose();
    tmp?.cleanup();
  });

  it('is refused without the organisation CA', async () => {
    await expect(fetchSignedMetadata(server.url, 'latest.yml', publicPem, undefined)).rejects.toThrow(
      /self.signed|unable to verify|certificate/i,
    );
  });

  it('is fetched and verified with the CA from SITEBOOK_CA_FILE', async () => {
    const ca = organisationCa({ SITEBOOK_CA_FILE: certs.ca });
    expect(ca?.length).toBeGreaterThan(1); // the public roots are kept
    const feed = await fetchSignedMetadata(server.url, 'latest.yml', publicPem, ca);
    expect(feed.metadata.version).toBe('0.3.0');
    expect(feed.feedUrl).toBe(`${server.url}/updates/`);
  });
});
