import { describe, expect, it } from 'vitest';
import { LoginRequest, SERVER_NODE } from '../../../shared/sync/wire';

const login = (deviceId: string) => LoginRequest.safeParse({ login: 'li', password: 'pw', deviceId });

describe('LoginRequest', () => {
  it('accepts a lower-case alphanumeric device id', () => {
    expect(login('a1b2c3').success).toBe(true);
  });

  it("refuses the server's own node id, so no device can stamp ops as the server", () => {
    const r = login(SERVER_NODE);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('reserved');
  });

  it('refuses ids that would not sort or split as an HLC node', () => {
    for (const id of ['', 'A1', 'a-b', 'x'.repeat(33)]) expect(login(id).success, id).toBe(false);
  });
});
