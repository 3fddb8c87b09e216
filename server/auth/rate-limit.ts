/**
 * In-memory login rate limit: failed attempts per login and per client IP in a
 * sliding window. While a key is limited every attempt is refused, even with the
 * right password, so guessing cannot continue behind a lucky success. State is per
 * process: a restart forgets it, which is acceptable for one office server.
 */

export interface RateLimitOptions {
  now?: () => number;
  windowMs?: number;
  maxPerLogin?: number;
  maxPerIp?: number;
  /** Above this many tracked keys, expired ones are swept (bounds memory under a spray). */
  sweepAbove?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_LOGIN = 5;
export const MAX_FAILURES_PER_IP = 20;

export class LoginRateLimiter {
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly maxPerLogin: number;
  private readonly maxPerIp: number;
  private readonly sweepAbove: number;
  /** Key → times of failed attempts inside the window, oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(opts: RateLimitOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.windowMs = opts.windowMs ?? LOGIN_WINDOW_MS;
    this.maxPerLogin = opts.maxPerLogin ?? MAX_FAILURES_PER_LOGIN;
    this.maxPerIp = opts.maxPerIp ?? MAX_FAILURES_PER_IP;
    this.sweepAbove = opts.sweepAbove ?? 10_000;
  }

  /** May this login be tried from this IP now? */
  check(login: string, ip: string): RateDecision {
    const now = this.now();
    const waits = [this.waitMs(loginKey(login), this.maxPerLogin, now), this.waitMs(ipKey(ip), this.maxPerIp, now)];
    const wait = Math.max(...waits);
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
  }

  recordFailure(login: string, ip: string): void {
    const now = this.now();
    for (const key of [loginKey(login), ipKey(ip)]) {
      const list = this.live(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
    if (this.failures.size > this.sweepAbove) this.sweep(now);
  }

  /** A right password clears the login's failures (not the IP's: one success must not reset a spray). */
  recordSuccess(login: string): void {
    this.failures.delete(loginKey(login));
  }

  /** How many keys are tracked (for tests of the sweep). */
  get size(): number {
    return this.failures.size;
  }

  private waitMs(key: string, max: number, now: number): number {
    const list = this.live(key, now);
    if (list.length < max) return 0;
    // Limited until enough failures age out of the window to fall below the limit.
    return list[list.length - max]! + this.windowMs - now;
  }

  private live(key: string, now: number): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const cutoff = now - this.windowMs;
    let i = 0;
    while (i < list.length && list[i]! <= cutoff) i++;
    if (i > 0) list.splice(0, i);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.live(key, now);
  }
}

function loginKey(login: string): string {
  return `login:${login.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}
