/**
 * The admin CLI (`npm run server -- <command>`): accounts, groups, assignments,
 * devices and the demo seed, straight on the server's database, through the
 * same account code as the admin API. Returns the process exit code.
 */
import { z } from 'zod';
import { Role } from '../../shared/sync/roles';
import { UserSave } from '../../shared/sync/wire';
import { changeAssignment, revokeDeviceAs, saveGroup, saveUser } from '../accounts/admin';
import { listDevices } from '../accounts/devices';
import { AccountError } from '../accounts/errors';
import { findGroup, listGroups } from '../accounts/groups';
import { findUserByLogin, listUsers } from '../accounts/users';
import type { ServerDb } from '../db/connect';
import { seedDemo } from '../seed/demo';
import { optional, parseFlags, required, UsageError } from './args';
import { backupCommand } from './backup';
import { gcBlobsCommand, restoreBlobsCommand } from './photos';
import type { PhotoStorageConfig } from '../photos/storage';
import { UPDATE_USAGE } from '../updates/cli';

export const CLI_USAGE = `Sitebook server admin 管理命令:
  user add --login <login> --name <名字> --role inspector|group_leader|coordinator|admin --password <password>
  user list
  user disable --login <login>        user enable --login <login>
  user password --login <login> --password <password>
  group add --name <组名> [--leader <login>]
  group member --group <name|id> --user <login> [--remove]
  group list
  assign --group <name|id> --project <projectId>
  unassign --group <name|id> --project <projectId>
  device list
  device revoke --id <id>
  seed --demo [--scale city|province] [--seed N] [--password <password>]
  backup --out <file> [--blobs-out <dir>]   (SQLite: VACUUM INTO; PostgreSQL: pg_dump -Fc; photo blobs
                                      on disk copied into <dir>, default: blobs/ beside <file>)
  restore-blobs --from <dir>          put a photo blob backup back into the store
  gc-blobs [--grace-days N]           delete photo blobs no photo row holds, stored over N days ago (7)
${UPDATE_USAGE}
With no command the server starts (HOST, PORT, DATABASE_URL, SITEBOOK_DATA_DIR, LOG_LEVEL).`;

export type Print = (line: string) => void;

export const CLI_COMMANDS = new Set([
  'user',
  'group',
  'assign',
  'unassign',
  'device',
  'seed',
  'backup',
  'restore-blobs',
  'gc-blobs',
  'help',
  '--help',
  '-h',
]);

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new UsageError(
    `参数无效 invalid value: --${issue?.path.map(String).join('.') ?? '?'}: ${issue?.message ?? ''}`,
  );
}

async function userByLogin(sdb: ServerDb, login: string) {
  const user = await findUserByLogin(sdb.db, login);
  if (!user) throw new AccountError('not_found', `没有该用户 no account with login "${login}".`);
  return user;
}

async function groupByRef(sdb: ServerDb, ref: string) {
  const group = await findGroup(sdb.db, ref);
  if (!group) throw new AccountError('not_found', `没有该服务组 no service group "${ref}".`);
  return group;
}

async function userCommand(sdb: ServerDb, sub: string | undefined, args: string[], print: Print): Promise<void> {
  const now = Date.now();
  switch (sub) {
    case 'add': {
      const f = parseFlags(args, ['login', 'name', 'role', 'password']);
      const input = parseWith(UserSave, {
        login: required(f, 'login'),
        name: required(f, 'name'),
        role: parseWith(Role, required(f, 'role')),
        password: required(f, 'password'),
      });
      const id = await saveUser(sdb, null, input, now);
      print(`已创建用户 created user ${input.login} (id ${id}, role ${input.role})`);
      return;
    }
    case 'list': {
      parseFlags(args, []);
      for (const u of await listUsers(sdb.db)) {
        print(`${u.id}\t${u.login}\t${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}`);
      }
      return;
    }
    case 'disable':
    case 'enable': {
      const f = parseFlags(args, ['login']);
      const u = await userByLogin(sdb, required(f, 'login'));
      const disabled = sub === 'disable';
      await saveUser(sdb, null, { id: u.id, login: u.login, name: u.name, role: Role.parse(u.role), disabled }, now);
      print(`${disabled ? '已停用 disabled' : '已启用 enabled'} user ${u.login}`);
      return;
    }
    case 'password': {
      const f = parseFlags(args, ['login', 'password']);
      const u = await userByLogin(sdb, required(f, 'login'));
      const input = parseWith(UserSave, {
        id: u.id,
        login: u.login,
        name: u.name,
        role: u.role,
        disabled: u.disabled !== 0,
        password: required(f, 'password'),
      });
      await saveUser(sdb, null, input, now);
      print(`已修改密码 password changed for ${u.login}`);
      return;
    }
    default:
      throw new UsageError(`未知命令 unknown command: user ${sub ?? ''}`);
  }
}

async function groupCommand(sdb: ServerDb, sub: string | undefined, args: string[], print: Print): Promise<void> {
  const now = Date.now();
  switch (sub) {
    case 'add': {
      const f = parseFlags(args, ['name', 'leader']);
      const leaderLogin = optional(f, 'leader');
      const leader = leaderLogin ? await userByLogin(sdb, leaderLogin) : null;
      const name = required(f, 'name');
      const id = await saveGroup(sdb, null, { name, leaderId: leader?.id ?? null, memberIds: [] }, now);
      print(`已创建服务组 created group ${name} (id ${id})`);
      return;
    }
    case 'member': {
      const f = parseFlags(args, ['group', 'user'], ['remove']);
      const group = await groupByRef(sdb, required(f, 'group'));
      const user = await userByLogin(sdb, required(f, 'user'));
      const remove = f.remove === true;
      const memberIds = remove ? group.memberIds.filter((m) => m !== user.id) : [...group.memberIds, user.id];
      const leaderId = remove && group.leaderId === user.id ? null : group.leaderId;
      await saveGroup(sdb, null, { id: group.id, name: group.name, leaderId, memberIds }, now);
      print(`${remove ? '已移出 removed' : '已加入 added'} ${user.login} ${remove ? 'from' : 'to'} ${group.name}`);
      return;
    }
    case 'list': {
      parseFlags(args, []);
      const users = new Map((await listUsers(sdb.db)).map((u) => [u.id, u.login]));
      for (const g of await listGroups(sdb.db)) {
        const members = g.memberIds.map((m) => users.get(m) ?? m).join(',');
        print(
          `${g.id}\t${g.name}\tleader=${g.leaderId ? (users.get(g.leaderId) ?? g.leaderId) : '-'}\tmembers=${members}\tprojects=${g.projectIds.length}`,
        );
      }
      return;
    }
    default:
      throw new UsageError(`未知命令 unknown command: group ${sub ?? ''}`);
  }
}

async function assignCommand(sdb: ServerDb, assigned: boolean, args: string[], print: Print): Promise<void> {
  const f = parseFlags(args, ['group', 'project']);
  const group = await groupByRef(sdb, required(f, 'group'));
  const projectId = required(f, 'project');
  await changeAssignment(sdb, null, { groupId: group.id, projectId, assigned }, Date.now());
  print(
    `${assigned ? '已分配 assigned' : '已取消 unassigned'} project ${projectId} ${assigned ? 'to' : 'from'} ${group.name}`,
  );
}

async function deviceCommand(sdb: ServerDb, sub: string | undefined, args: string[], print: Print): Promise<void> {
  switch (sub) {
    case 'list': {
      parseFlags(args, []);
      for (const d of await listDevices(sdb.db)) {
        const state = d.revokedAt === null ? 'active' : `revoked ${new Date(d.revokedAt).toISOString()}`;
        print(`${d.id}\t${d.userName}\t${d.deviceId}\t${d.deviceName}\t${state}`);
      }
      return;
    }
    case 'revoke': {
      const f = parseFlags(args, ['id']);
      const id = required(f, 'id');
      await revokeDeviceAs(sdb, null, id, Date.now());
      print(`已注销设备 revoked device ${id}`);
      return;
    }
    default:
      throw new UsageError(`未知命令 unknown command: device ${sub ?? ''}`);
  }
}

async function seedCommand(sdb: ServerDb, args: string[], print: Print): Promise<void> {
  const f = parseFlags(args, ['scale', 'seed', 'password'], ['demo']);
  if (f.demo !== true) throw new UsageError('seed 需要 --demo: only the demo seed exists (seed --demo).');
  const scale = parseWith(z.enum(['city', 'province']), optional(f, 'scale') ?? 'city');
  const seedText = optional(f, 'seed');
  const seed = seedText === undefined ? undefined : parseWith(z.coerce.number().int(), seedText);
  const password = optional(f, 'password');
  if (password !== undefined && password.length < 8) throw new UsageError('--password: at least 8 characters');
  await seedDemo(sdb, { scale, ...(seed === undefined ? {} : { seed }), ...(password ? { password } : {}), print });
}

/** Runs one admin command on an open database; throws UsageError/AccountError on refusal. */
/** What the server process knows beside the database (server/main.ts). */
export interface CliContext {
  photos?: PhotoStorageConfig;
}

export async function runCommand(sdb: ServerDb, argv: string[], print: Print, ctx: CliContext = {}): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'user':
      return userCommand(sdb, rest[0], rest.slice(1), print);
    case 'group':
      return groupCommand(sdb, rest[0], rest.slice(1), print);
    case 'assign':
      return assignCommand(sdb, true, rest, print);
    case 'unassign':
      return assignCommand(sdb, false, rest, print);
    case 'device':
      return deviceCommand(sdb, rest[0], rest.slice(1), print);
    case 'seed':
      return seedCommand(sdb, rest, print);
    case 'backup':
      return backupCommand(sdb, rest, print, process.env, ctx.photos);
    case 'restore-blobs':
      return restoreBlobsCommand(rest, print, ctx.photos);
    case 'gc-blobs':
      return gcBlobsCommand(sdb, rest, print, ctx.photos);
    case 'help':
    case '--help':
    case '-h':
      print(CLI_USAGE);
      return;
    default:
      throw new UsageError(`未知命令 unknown command: ${command ?? ''}`);
  }
}
