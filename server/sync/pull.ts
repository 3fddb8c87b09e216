import { ORG_SCOPE } from '../../shared/sync/roles';
import { PullRequest, type PulledRow, type PullResponse } from '../../shared/sync/wire';
import type { ServerDb } from '../db/connect';
import type { Executor } from '../db/executor';
import { directoryVersion } from '../db/meta';
import { readRowsOfScopes, readRowsPastCursors, readRowsSince, readScopeSeqs } from '../db/records-store';
import type { RecordsTable } from '../db/schema';
import { visibleProjectIds, type SyncActor } from './access';
import { toPulledRow } from './cells';
import { readDirectory } from './directory';

export { readDirectory } from './directory';

/** Scopes read from the start share one query (a new device's first sync), as do scopes read past a cursor. */
const FRESH_SCOPES_PER_QUERY = 200;
const MOVED_SCOPES_PER_QUERY = 200;

interface PageState {
  rows: PulledRow[];
  cursors: Record<string, number>;
  more: boolean;
  remaining: number;
}

/** Records what a read of one scope gave: its cursor, and whether rows are left. */
function takeScope(
  page: PageState,
  scope: string,
  scopeSeq: number,
  rows: readonly RecordsTable[],
  cut: boolean,
): void {
  for (const r of rows) page.rows.push(toPulledRow(r));
  page.remaining -= rows.length;
  const last = rows[rows.length - 1];
  if (!cut || last?.seq === scopeSeq) {
    page.cursors[scope] = scopeSeq;
  } else {
    if (last) page.cursors[scope] = last.seq;
    page.more = true;
  }
}

async function readPage(ex: Executor, actor: SyncActor, req: PullRequest, now: number): Promise<PullResponse> {
  const parsed = PullRequest.parse(req);
  const visible = await visibleProjectIds(ex, actor);
  const seqs = await readScopeSeqs(ex, visible === 'all' ? 'all' : [ORG_SCOPE, ...visible]);
  // A scope row with seq 0 has no rows (a lock taken for a write that changed nothing).
  const known = [...seqs].filter(([, seq]) => seq > 0).map(([scope]) => scope);
  const scopes = new Set<string>([ORG_SCOPE, ...(visible === 'all' ? known : visible)]);
  const page: PageState = { rows: [], cursors: {}, more: false, remaining: parsed.limit };

  const moved = [...seqs].filter(([scope, seq]) => scopes.has(scope) && seq > (parsed.cursors[scope] ?? 0));
  moved.sort(([a], [b]) => (a === ORG_SCOPE ? -1 : b === ORG_SCOPE ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const fresh: [string, number][] = [];
  const since: [string, number, number][] = [];
  for (const [scope, seq] of moved) {
    const cursor = parsed.cursors[scope] ?? 0;
    if (cursor === 0) fresh.push([scope, seq]);
    else since.push([scope, seq, cursor]);
  }
  for (let i = 0; i < since.length;) {
    if (page.remaining === 0) {
      page.more = true;
      break;
    }
    // A scope has at most seq − cursor rows past its cursor: scopes that surely fit what is
    // left of the page are read together, whole; a scope that may not is read alone, cut.
    const group: [string, number, number][] = [];
    let bound = 0;
    while (i < since.length && group.length < MOVED_SCOPES_PER_QUERY) {
      const [, seq, cursor] = since[i]!;
      if (bound + seq - cursor > page.remaining) break;
      bound += seq - cursor;
      group.push(since[i++]!);
    }
    if (group.length === 0) {
      const [scope, seq, cursor] = since[i++]!;
      const limit = page.remaining;
      const rows = await readRowsSince(ex, scope, cursor, limit);
      takeScope(page, scope, seq, rows, rows.length >= limit);
      continue;
    }
    const rows = await readRowsPastCursors(
      ex,
      group.map(([scope, , cursor]) => [scope, cursor] as const),
    );
    const byScope = new Map<string, RecordsTable[]>(group.map(([scope]) => [scope, []]));
    for (const r of rows) byScope.get(r.scope)?.push(r);
    for (const [scope, seq] of group) takeScope(page, scope, seq, byScope.get(scope)!, false);
  }
  for (let i = 0; i < fresh.length; i += FRESH_SCOPES_PER_QUERY) {
    if (page.remaining === 0) {
      page.more = true;
      break;
    }
    const group = fresh.slice(i, i + FRESH_SCOPES_PER_QUERY);
    const limit = page.remaining;
    const rows = await readRowsOfScopes(
      ex,
      group.map(([s]) => s),
      limit,
    );
    const full = rows.length >= limit;
    const lastScope = rows[rows.length - 1]?.scope;
    // Walk the scopes in the order the database sorted them (its collation, not ours).
    const byScope = new Map<string, RecordsTable[]>();
    for (const r of rows) {
      const list = byScope.get(r.scope);
      if (list) list.push(r);
      else byScope.set(r.scope, [r]);
    }
    const seqOf = new Map(group);
    for (const [scope, own] of byScope) takeScope(page, scope, seqOf.get(scope) ?? 0, own, full && scope === lastScope);
    for (const [scope, seq] of group) {
      if (byScope.has(scope)) continue;
      if (full) page.more = true;
      else page.cursors[scope] = seq;
    }
  }

  const response: PullResponse = {
    serverTime: now,
    rows: page.rows,
    cursors: page.cursors,
    scopes: [...scopes].sort(),
    more: page.more,
  };
  if ((await directoryVersion(ex)) !== parsed.directoryVersion) response.directory = await readDirectory(ex);
  return response;
}

/**
 * The rows changed since the device's cursors, for every scope it may see, read in
 * one consistent snapshot: a cursor handed out never passes a row not yet sent.
 */
export async function pullChanges(
  sdb: ServerDb,
  actor: SyncActor,
  req: PullRequest,
  now: number,
): Promise<PullResponse> {
  if (sdb.dialect === 'postgres') {
    return sdb.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((tx) => readPage(tx, actor, req, now));
  }
  return sdb.db.transaction().execute((tx) => readPage(tx, actor, req, now));
}
