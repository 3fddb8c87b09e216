import { describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS, LoginRateLimiter } from '../../../server/auth/rate-limit';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('login rate limit', () => {
  it('refuses the 6th attempt on a login within 15 minutes, then lets it through once the window passes', () => {
    const c = clock();
    const rl = new LoginRateLimiter({ now: c.now });
    for (let i = 0; i < 5; i++) {
      expect(rl.check('li', '10.0.0.1').allowed).toBe(true);
      rl.recordFailure('li', '10.0.0.1');
      c.advance(1000);
    }
    const refused = rl.check('li', '10.0.0.2');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: Math.ceil((LOGIN_WINDOW_MS - 5000) / 1000) });
    // The login key ignores case and spaces: no bypass by spelling.
    expect(rl.check(' LI ', '10.0.0.3').allowed).toBe(false);
    c.advance(LOGIN_WINDOW_MS - 5000);
    expect(rl.check('li', '10.0.0.1').allowed).toBe(true);
  });

  it('limits one IP to 20 failures across logins', () => {
    const c = clock();
    const rl = new LoginRateLimiter({ now: c.now });
    for (let i = 0; i < 20; i++) {
      expect(rl.check(`user${i}`, '10.0.0.9').allowed).toBe(true);
      rl.recordFailure(`user${i}`, '10.0.0.9');
    }
    expect(rl.check('fresh', '10.0.0.9').allowed).toBe(false);
    expect(rl.check('fresh', '10.0.0.10').allowed).toBe(true);
  });

  it('a success clears the login but not the IP', () => {
    const c = clock();
    const rl = new LoginRateLimiter({ now: c.now, maxPerIp: 6 });
    for (let i = 0; i < 4; i++) rl.recordFailure('li', '1.1.1.1');
    rl.recordSuccess('li');
    for (let i = 0; i < 4; i++) {
      expect(rl.check('li', '2.2.2.2').allowed).toBe(true);
      rl.recordFailure('li', '2.2.2.2');
    }
    expect(rl.check('li', '2.2.2.2').allowed).toBe(true);
    rl.recordFailure('zhang', '1.1.1.1');
    rl.recordFailure('zhang', '1.1.1.1');
    expect(rl.check('wang', '1.1.1.1').allowed).toBe(false);
  });

  it('sliding window: the wait is until the oldest counted failure ages out', () => {
    const c = clock();
    const rl = new LoginRateLimiter({ now: c.now });
    rl.recordFailure('li', 'a');
    c.advance(10 * 60 * 1000);
    for (let i = 0; i < 4; i++) rl.recordFailure('li', 'a');
    const d = rl.check('li', 'a');
    expect(d).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 });
    c.advance(5 * 60 * 1000);
    expect(rl.check('li', 'a').allowed).toBe(true);
  });

  it('sweeps expired keys so a spray of logins does not grow memory without bound', () => {
    const c = clock();
    const rl = new LoginRateLimiter({ now: c.now, sweepAbove: 100, maxPerIp: 1_000_000 });
    for (let i = 0; i < 100; i++) rl.recordFailure(`u${i}`, 'x');
    expect(rl.size).toBe(101);
    c.advance(LOGIN_WINDOW_MS + 1);
    rl.recordFailure('late', 'y');
    expect(rl.size).toBe(2);
  });
});
