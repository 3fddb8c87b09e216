import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/password';

describe('password hashing', () => {
  afterEach(() => {
    delete process.env.SITEBOOK_SCRYPT_N;
  });

  it('uses scrypt with N=2^15 by default, salted, and verifies only the right password', async () => {
    const a = await hashPassword('secret123');
    const b = await hashPassword('secret123');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('$')[4]!, 'base64')).toHaveLength(16);
    expect(await verifyPassword('secret123', a)).toBe(true);
    expect(await verifyPassword('secret124', a)).toBe(false);
  });

  it('honours a cheaper N from SITEBOOK_SCRYPT_N and still verifies hashes made with another N', async () => {
    const strong = await hashPassword('密码很长的一句话');
    process.env.SITEBOOK_SCRYPT_N = '1024';
    const cheap = await hashPassword('密码很长的一句话');
    expect(cheap.split('$')[1]).toBe('1024');
    expect(await verifyPassword('密码很长的一句话', strong)).toBe(true);
    expect(await verifyPassword('密码很长的一句话', cheap)).toBe(true);
    process.env.SITEBOOK_SCRYPT_N = '1000';
    expect((await hashPassword('x')).split('$')[1]).toBe('32768');
  });

  it('never matches a malformed hash', async () => {
    expect(await verifyPassword('a', 'plain-text')).toBe(false);
    expect(await verifyPassword('a', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('a', 'scrypt$1024$8$1$$')).toBe(false);
  });
});
