import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, HlcError, parseHlc, receive, tick, zeroHlc } from '../../../shared/hlc';

const T = Date.UTC(2026, 10, 22, 2, 0, 0);

describe('hybrid logical clock', () => {
  it('formats as text that sorts like the clock and parses back', () => {
    const a = { millis: T, counter: 1, node: 'abc' };
    const b = { millis: T, counter: 10, node: 'abc' };
    const c = { millis: T + 1, counter: 0, node: 'aaa' };
    expect(formatHlc(a)).toBe('2026-11-22T02:00:00.000Z-0001-abc');
    expect([formatHlc(c), formatHlc(b), formatHlc(a)].sort()).toEqual([formatHlc(a), formatHlc(b), formatHlc(c)]);
    expect(parseHlc(formatHlc(b))).toEqual(b);
    expect(() => parseHlc('2026-11-22-0001')).toThrow(HlcError);
  });

  it('ticks strictly forward even when the wall clock goes backwards', () => {
    let h = tick(zeroHlc('dev1'), T);
    const seen = [formatHlc(h)];
    for (const now of [T, T - 5000, T - 10, T + 3, T + 3]) {
      h = tick(h, now);
      seen.push(formatHlc(h));
    }
    for (let i = 1; i < seen.length; i++) expect(compareHlc(seen[i - 1]!, seen[i]!)).toBe(-1);
    expect(h.millis).toBe(T + 3);
  });

  it('moves past a remote clock on receipt', () => {
    const local = tick(zeroHlc('a'), T);
    const remote = { millis: T + 1000, counter: 7, node: 'b' };
    const merged = receive(local, remote, T);
    expect(merged).toEqual({ millis: T + 1000, counter: 8, node: 'a' });
    expect(compareHlc(formatHlc(tick(merged, T)), formatHlc(remote))).toBe(1);
  });

  it('refuses a remote clock too far in the future', () => {
    const local = tick(zeroHlc('a'), T);
    expect(() => receive(local, { millis: T + 60 * 60 * 1000, counter: 0, node: 'b' }, T)).toThrowError(
      expect.objectContaining({ code: 'clock_drift' }),
    );
  });

  it('refuses a counter overflow rather than wrapping', () => {
    expect(() => tick({ millis: T, counter: 0xffff, node: 'a' }, T)).toThrowError(
      expect.objectContaining({ code: 'counter_overflow' }),
    );
  });
});
