/**
 * electron-updater downloads through Chromium's network stack, which trusts only the
 * operating system's roots. For a sync server whose certificate comes from the
 * organisation's own CA (SITEBOOK_CA_FILE), the updater's session asks this check
 * when Chromium refused: the chain must lead to that CA, be in date and name the host.
 * Plain node:crypto, so it is unit-tested without Electron.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** Every certificate in a PEM text (a CA file may hold several). */
export function certificatesIn(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

function inDate(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate, now: Date): boolean {
  return issuer.ca && inDate(issuer, now) && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/**
 * True when `chain` (leaf first, as the server sent it) is for `hostname` and leads to one
 * of `trusted` (the organisation CA certificates). Nothing is accepted by default.
 */
export function chainTrustedBy(
  chain: X509Certificate[],
  trusted: X509Certificate[],
  hostname: string,
  now = new Date(),
): boolean {
  const leaf = chain[0];
  if (!leaf || trusted.length === 0 || !inDate(leaf, now)) return false;
  const host = hostname.replace(/^\[|\]$/g, '');
  const named = isIP(host) ? leaf.checkIP(host) !== undefined : leaf.checkHost(host) !== undefined;
  if (!named) return false;
  let current = leaf;
  for (let i = 1; i <= chain.length; i++) {
    if (trusted.some((ca) => issuedBy(current, ca, now))) return true;
    const next = chain[i];
    if (!next || !issuedBy(current, next, now)) return false;
    current = next;
  }
  return false;
}
