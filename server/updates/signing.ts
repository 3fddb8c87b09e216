/**
 * The signing half of the update signature (the app's half is electron/updates/verify.ts):
 * Ed25519 over the metadata file's exact bytes, base64 in `<file>.sig`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export function generateUpdateKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privatePem: privateKey, publicPem: publicKey };
}

/** An Ed25519 private key from PEM; a public key or another algorithm gets a clear refusal. */
export function loadSigningKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new Error(`not a private key in PEM (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`the update key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

export function signMetadata(ymlBytes: Buffer, key: KeyObject): string {
  return `${sign(null, ymlBytes, key).toString('base64')}\n`;
}

/** The public key matching a private one, as PEM (printed by publish so the operator can compare). */
export function publicPemOf(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}
