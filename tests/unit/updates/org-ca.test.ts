import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificatesIn, chainTrustedBy } from '../../../electron/updates/org-ca';

/** The updater session's fallback check for the organisation CA, on certificates made with openssl. */
const dir = mkdtempSync(join(tmpdir(), 'sitebook-orgca-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(name: string): void {
  openssl([
    'req',
    '-x509',
    ...EC,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
  ]);
}

function makeLeaf(name: string, ca: string, san: string): void {
  openssl(['req', ...EC, '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`]);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  ]);
}

makeCa('orgca');
makeCa('otherca');
makeLeaf('server', 'orgca', 'DNS:sitebook.example.gov.cn,IP:10.0.0.5');
const pem = (name: string) => readFileSync(join(dir, `${name}.pem`), 'utf8');
const leaf = certificatesIn(pem('server'));
const orgCa = certificatesIn(pem('orgca'));
const otherCa = certificatesIn(pem('otherca'));

describe('chainTrustedBy', () => {
  it('accepts a server certificate issued by the organisation CA, by name and by IP', () => {
    expect(chainTrustedBy(leaf, orgCa, 'sitebook.example.gov.cn')).toBe(true);
    expect(chainTrustedBy(leaf, orgCa, '10.0.0.5')).toBe(true);
    // A CA file with several certificates: any of them may be the issuer.
    expect(chainTrustedBy(leaf, certificatesIn(pem('otherca') + pem('orgca')), 'sitebook.example.gov.cn')).toBe(true);
  });

  it('refuses another CA, no CA, another host name, and a date outside the validity', () => {
    expect(chainTrustedBy(leaf, otherCa, 'sitebook.example.gov.cn')).toBe(false);
    expect(chainTrustedBy(leaf, [], 'sitebook.example.gov.cn')).toBe(false);
    expect(chainTrustedBy(leaf, orgCa, 'evil.example.com')).toBe(false);
    expect(chainTrustedBy(leaf, orgCa, '10.0.0.6')).toBe(false);
    expect(chainTrustedBy(leaf, orgCa, 'sitebook.example.gov.cn', new Date(Date.now() + 10 * 86_400_000))).toBe(false);
  });

  it('refuses a CA certificate presented as the server (not issued by the trusted CA)', () => {
    expect(chainTrustedBy(otherCa, orgCa, 'otherca')).toBe(false);
    expect(chainTrustedBy([], orgCa, 'sitebook.example.gov.cn')).toBe(false);
  });
});
