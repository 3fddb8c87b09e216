/** A small HTTP client for the server tests: JSON in, status + JSON + headers out. */
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { formatHlc } from '../../../shared/hlc';
import type { RecordTable } from '../../../shared/records';
import type { SyncOp } from '../../../shared/sync/wire';

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; raw?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.json !== undefined) body = JSON.stringify(opts.json);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A non-JSON answer stays text, and the test's assertion on it fails clearly.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export function errorOf(a: Answer): { code: string; message: string; retryAfterSeconds?: number } {
  return (a.body as { error: { code: string; message: string; retryAfterSeconds?: number } }).error;
}

let counter = 0;

/** One op stamped now by `node`, with a fresh op id. */
export function op(
  node: string,
  scope: string,
  table: RecordTable,
  rowId: string,
  column: string,
  value: SyncOp['value'],
): SyncOp {
  return {
    opId: randomUUID(),
    scope,
    table,
    rowId,
    column,
    value,
    hlc: formatHlc({ millis: Date.now(), counter: counter++ % 0xffff, node }),
    baseHlc: null,
  };
}

/** All cells of a new project (its scope is itself). */
export function projectOps(node: string, id: string, name: string): SyncOp[] {
  const cells: Record<string, SyncOp['value']> = {
    code: `P-${id}`,
    name,
    level: '市级',
    district: '回民区',
    industry: '制造业',
    total_investment: 100_000,
    annual_planned_investment: 20_000,
    stage: 'under_construction',
    is_new: true,
    deleted: false,
  };
  return Object.entries(cells).map(([col, v]) => op(node, id, 'projects', id, col, v));
}

/**
 * A request that announces `declaredBytes` of body but sends only the first KiB:
 * the server must answer from the announced size without reading the rest (a
 * client still writing would get EPIPE, so the test does not write it all).
 */
export function oversizedRequest(base: string, path: string, token: string, declaredBytes: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': String(declaredBytes),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown, headers });
        req.destroy();
      });
    });
    req.on('error', (err) => reject(err));
    req.write(`{"ops":[${' '.repeat(1024)}`);
  });
}
