import { z } from 'zod';
import { CellValue, RecordTable } from '../records';
import type { ConflictKind } from '../sync/merge';
import { Role } from '../sync/roles';
import {
  AssignmentChange,
  GroupSave,
  UserSave,
  type DeviceInfo,
  type Directory,
  type RefusalReason,
} from '../sync/wire';
import { channel, NoInput } from './define';

/** What the always-visible sync indicator shows. */
export const SyncStatus = z.object({
  state: z.enum(['signed_out', 'offline', 'idle', 'syncing', 'error']),
  serverUrl: z.string().nullable(),
  user: z.object({ id: z.string(), login: z.string(), name: z.string(), role: Role }).nullable(),
  /** Epoch ms of the last sync that finished without error. */
  lastSyncAt: z.number().int().nullable(),
  /** Changed cells waiting to be pushed. */
  pending: z.number().int().min(0),
  /** Changes the server refused and that were set aside (see sync.setAside). */
  setAside: z.number().int().min(0),
  /** Unresolved conflicts in the scopes this device holds. */
  conflicts: z.number().int().min(0),
  progress: z
    .object({
      phase: z.enum(['push', 'pull']),
      done: z.number().int().min(0),
      total: z.number().int().min(0).nullable(),
    })
    .nullable(),
  /** The last error, in words the UI translates by code. */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** When the engine tries again after a failure (backoff). */
  nextAttemptAt: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SignInInput = z
  .object({
    serverUrl: z
      .string()
      .trim()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'http or https'),
    login: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();
export type SignInInput = z.input<typeof SignInInput>;

/** A change the server refused (lost access, role, invalid): kept here, never dropped. */
export interface SetAsideChange {
  opId: string;
  table: RecordTable;
  rowId: string;
  column: string;
  scope: string;
  value: CellValue;
  hlc: string;
  reason: RefusalReason;
  message: string;
  /** Epoch ms when it was set aside. */
  at: number;
  /** A human label of the record (project name, problem description …) where known. */
  label: string | null;
  /** The project the change belongs to, named when it was set aside. */
  projectName: string | null;
}

/** One collision, with both values, who and when (ARCHITECTURE.md "what counts as lost"). */
export interface ConflictView {
  id: string;
  scope: string;
  projectName: string | null;
  table: RecordTable;
  rowId: string;
  /** A human label of the record. */
  label: string | null;
  column: string;
  kind: ConflictKind;
  kept: { value: CellValue; hlc: string; byName: string | null; deviceId: string | null; at: number };
  other: { value: CellValue; hlc: string; byName: string | null; deviceId: string | null; at: number };
  /** The value the record shows now. */
  current: CellValue;
  resolution: ConflictChoice | null;
  resolvedByName: string | null;
  resolvedAt: number | null;
}

/**
 * keep: the value the record shows stays; other: take the other value;
 * restore: undelete a row another device deleted (edit_deleted); keep_deleted: leave it deleted.
 */
export const ConflictChoice = z.enum(['keep', 'other', 'restore', 'keep_deleted']);
export type ConflictChoice = z.infer<typeof ConflictChoice>;

export const syncChannels = {
  'sync.status': channel<typeof NoInput, SyncStatus>(NoInput),
  /** Sync now (also what the engine does by itself when the server is reachable). */
  'sync.now': channel<typeof NoInput, SyncStatus>(NoInput),
  /** Sign in: the local user becomes the account, keeping everything made before. */
  'sync.signIn': channel<typeof SignInInput, SyncStatus>(SignInInput),
  /** Sign out: stops syncing; local data and unsynced changes stay. */
  'sync.signOut': channel<typeof NoInput, SyncStatus>(NoInput),
  'sync.setAside': channel<typeof NoInput, SetAsideChange[]>(NoInput),
  'conflicts.list': channel<z.ZodObject<{ includeResolved: z.ZodDefault<z.ZodBoolean> }>, ConflictView[]>(
    z.object({ includeResolved: z.boolean().default(false) }).strict(),
  ),
  'conflicts.resolve': channel<z.ZodObject<{ id: z.ZodString; choice: typeof ConflictChoice }>, ConflictView>(
    z.object({ id: z.string().min(1).max(64), choice: ConflictChoice }).strict(),
  ),
  /** Admin page (coordinators and admins; needs the server). */
  'admin.directory': channel<typeof NoInput, Directory>(NoInput),
  'admin.saveUser': channel<typeof UserSave, Directory>(UserSave),
  'admin.saveGroup': channel<typeof GroupSave, Directory>(GroupSave),
  'admin.assign': channel<typeof AssignmentChange, Directory>(AssignmentChange),
  'admin.devices': channel<typeof NoInput, DeviceInfo[]>(NoInput),
  'admin.revokeDevice': channel<z.ZodObject<{ id: z.ZodString }>, DeviceInfo[]>(
    z.object({ id: z.string().min(1).max(64) }).strict(),
  ),
} as const;
