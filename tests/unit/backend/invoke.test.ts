import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { invokeChannel } from '../../../electron/backend/invoke';
import type { HandlerContext, HandlerRegistry } from '../../../electron/backend/registry';
import { CHANNEL_NAMES } from '../../../shared/api';
import { AppError } from '../../../shared/errors';

/** A registry whose every handler records its calls: proves refused input never reaches one. */
function recordingRegistry(): { registry: HandlerRegistry; calls: { channel: string; input: unknown }[] } {
  const calls: { channel: string; input: unknown }[] = [];
  const registry = Object.fromEntries(
    CHANNEL_NAMES.map((c) => [
      c,
      (input: unknown) => {
        calls.push({ channel: c, input });
        if (c === 'projects.get') throw new AppError('not_found', 'no such project');
        return { echoed: input };
      },
    ]),
  ) as unknown as HandlerRegistry;
  return { registry, calls };
}

const ctx: HandlerContext = {
  db: new BetterSqlite3(':memory:'),
  now: () => 0,
  shell: 'browser',
  dataDir: '/tmp',
  emit: () => undefined,
};

describe('invokeChannel', () => {
  it('refuses an unknown channel without calling any handler', async () => {
    const { registry, calls } = recordingRegistry();
    const r = await invokeChannel(registry, ctx, 'projects.drop', {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'unknown channel: projects.drop' } });
    expect(await invokeChannel(registry, ctx, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(calls).toEqual([]);
  });

  it('refuses a bad payload with invalid_input and field details, without calling the handler', async () => {
    const { registry, calls } = recordingRegistry();
    const r = await invokeChannel(registry, ctx, 'projects.list', { limit: 'lots' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toMatch(/at limit/);
    expect(r.error.details?.[0]?.path).toEqual(['limit']);
    const extra = await invokeChannel(registry, ctx, 'identity.rename', { name: '王', admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
  });

  it('passes parsed input (with defaults) and wraps handler errors', async () => {
    const { registry, calls } = recordingRegistry();
    const r = await invokeChannel(registry, ctx, 'search.query', { q: '  巴彦 ' });
    expect(r).toEqual({ ok: true, value: { echoed: { q: '巴彦', limit: 20 } } });
    const g = await invokeChannel(registry, ctx, 'projects.get', { id: 'x' });
    expect(g).toEqual({ ok: false, error: { code: 'not_found', message: 'no such project' } });
    expect(calls.map((c) => c.channel)).toEqual(['search.query', 'projects.get']);
  });
});
