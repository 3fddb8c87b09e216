/**
 * `seed --demo`: the demo generator's data on the server, with service groups,
 * their assignments (from each project's group_id) and demo accounts: `admin`,
 * `coordinator`, and one inspector per group, all with one printed password.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoScale } from '../../resources/demo/dataset';
import { writeDemoDatabase } from '../../resources/demo/load';
import { instantAt } from '../../resources/demo/timeline';
import { formatHlc } from '../../shared/hlc';
import { AccountError } from '../accounts/errors';
import { insertUser } from '../accounts/users';
import { hashPassword } from '../auth/password';
import type { ServerDb } from '../db/connect';
import { bumpDirectoryVersion } from '../db/meta';
import { seedRecords } from '../sync/push';
import { DEMO_TABLES, DemoDatabaseReader } from './demo-db';

export interface SeedDemoOptions {
  scale: DemoScale;
  seed?: number;
  /** The demo accounts' password; a random one is made (and printed) otherwise. */
  password?: string;
  print: (line: string) => void;
}

export interface SeedDemoResult {
  password: string;
  logins: string[];
  rows: number;
}

interface DemoGroup {
  id: string;
  name: string;
}

export async function seedDemo(sdb: ServerDb, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const present = await sdb.db.selectFrom('records').select('row_id').limit(1).executeTakeFirst();
  const users = await sdb.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (present || users) {
    throw new AccountError(
      'conflict',
      '服务器已有数据 the server already holds records or accounts; seed an empty server.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-seed-'));
  const file = join(dir, 'demo.db');
  try {
    const written = await writeDemoDatabase(file, {
      scale: opts.scale,
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      photosDir: null,
      log: opts.print,
    });
    const hlc = formatHlc({ millis: instantAt(written.today, 0, 0), counter: 0, node: 'demo' });
    const reader = new DemoDatabaseReader(file);
    const groups: DemoGroup[] = [];
    const assignments: { groupId: string; projectId: string }[] = [];
    let rows = 0;
    try {
      for (const table of DEMO_TABLES) {
        for (const page of reader.pages(table)) {
          await seedRecords(sdb, page, hlc);
          rows += page.length;
          for (const r of page) {
            if (table === 'service_groups') groups.push({ id: r.rowId, name: String(r.cells['name']) });
            if (table === 'projects' && typeof r.cells['group_id'] === 'string') {
              assignments.push({ groupId: r.cells['group_id'], projectId: r.rowId });
            }
          }
        }
      }
    } finally {
      reader.close();
    }
    opts.print(`seed: ${rows} records, ${groups.length} service groups, ${assignments.length} assignments`);
    const password = opts.password ?? randomBytes(9).toString('base64url');
    const logins = await seedAccounts(sdb, groups, assignments, password);
    opts.print(`demo accounts 演示账号: ${logins.join(', ')}`);
    opts.print(`password 密码: ${password}`);
    return { password, logins, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The group records already carry the demo's names and members, so no server cells are written here. */
async function seedAccounts(
  sdb: ServerDb,
  groups: readonly DemoGroup[],
  assignments: readonly { groupId: string; projectId: string }[],
  password: string,
): Promise<string[]> {
  const passwordHash = await hashPassword(password);
  const now = Date.now();
  return sdb.db.transaction().execute(async (trx) => {
    const logins: string[] = [];
    await insertUser(trx, { login: 'admin', name: '系统管理员', role: 'admin', passwordHash }, now);
    await insertUser(trx, { login: 'coordinator', name: '协调员', role: 'coordinator', passwordHash }, now);
    logins.push('admin', 'coordinator');
    const groupIds = new Set(groups.map((g) => g.id));
    for (const [i, g] of groups.entries()) {
      const login = `inspector${String(i + 1).padStart(2, '0')}`;
      const user = await insertUser(trx, { login, name: `${g.name}组员`, role: 'inspector', passwordHash }, now);
      await trx.insertInto('service_groups').values({ id: g.id, name: g.name, leader_id: null }).execute();
      await trx.insertInto('group_members').values({ group_id: g.id, user_id: user.id }).execute();
      logins.push(login);
    }
    const valid = assignments.filter((a) => groupIds.has(a.groupId));
    for (let i = 0; i < valid.length; i += 500) {
      await trx
        .insertInto('assignments')
        .values(valid.slice(i, i + 500).map((a) => ({ group_id: a.groupId, project_id: a.projectId })))
        .execute();
    }
    await bumpDirectoryVersion(trx);
    return logins;
  });
}
