import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../../../electron/backend/lock/secret';

describe('lock secret hashing', () => {
  it('stores scrypt parameters, a random salt and the hash, never the secret', async () => {
    const a = await hashSecret('482913');
    const b = await hashSecret('482913');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toContain('482913');
    // A fresh salt each time: the same PIN never gives the same string.
    expect(a).not.toBe(b);
  });

  it('accepts the right secret and refuses a wrong one', async () => {
    const stored = await hashSecret('工地 password 1');
    expect(await verifySecret('工地 password 1', stored)).toBe(true);
    expect(await verifySecret('工地 password 2', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('verifies with the parameters stored beside the hash', async () => {
    const light = await hashSecret('1234', { N: 1024, r: 8, p: 1 });
    expect(light.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifySecret('1234', light)).toBe(true);
    expect(await verifySecret('1235', light)).toBe(false);
  });

  it('refuses a damaged or foreign stored string without throwing', async () => {
    const stored = await hashSecret('1234', { N: 1024, r: 8, p: 1 });
    const parts = stored.split('$');
    for (const bad of [
      '',
      'plain-1234',
      ['bcrypt', ...parts.slice(1)].join('$'),
      [...parts.slice(0, 5), 'AAAA'].join('$'),
      ['scrypt', '1000', ...parts.slice(2)].join('$'),
      ['scrypt', String(2 ** 24), ...parts.slice(2)].join('$'),
    ]) {
      expect(await verifySecret('1234', bad), bad).toBe(false);
    }
  });
});
