/**
 * The sync wire format between the desktop and the server (HTTP + JSON).
 * Both sides parse every body with these schemas; see ARCHITECTURE.md "Sync".
 */
import { z } from 'zod';
import { isHlc } from '../hlc';
import { CellValue, RecordTable } from '../records';
import { Role } from './roles';

/** Per request: pushes are batched by the device to stay under the body limit. */
export const MAX_OPS_PER_PUSH = 1000;
export const MAX_PULL_ROWS = 5000;
export const DEFAULT_PULL_ROWS = 2000;
/** The server refuses bodies larger than this (413) before parsing them. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A cell's text can be long (findings), but not unbounded. */
export const MAX_CELL_CHARS = 100_000;

export const HlcText = z.string().max(80).refine(isHlc, 'not an HLC');
export const ScopeId = z.string().min(1).max(64);
export const WireId = z.string().min(1).max(64);

export const WireCellValue = z.union([z.string().max(MAX_CELL_CHARS), z.number(), z.boolean(), z.null()]);

/** One changed cell, as the device's outbox holds it. */
export const SyncOp = z
  .object({
    opId: WireId,
    scope: ScopeId,
    table: RecordTable,
    rowId: WireId,
    column: z.string().min(1).max(64),
    value: WireCellValue,
    hlc: HlcText,
    baseHlc: HlcText.nullable(),
  })
  .strict();
export type SyncOp = z.infer<typeof SyncOp>;

export const PushRequest = z.object({ ops: z.array(SyncOp).min(1).max(MAX_OPS_PER_PUSH) }).strict();
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why the server did not take an op:
 * - clock_ahead: the HLC is too far ahead of the server clock; re-stamp and push again.
 * - no_access: the user may not see this project (any more); set aside and report.
 * - forbidden: the user's role may not write this table or column; set aside and report.
 * - invalid: unknown column, wrong kind of value, row moved to another scope; set aside and report.
 */
export const RefusalReason = z.enum(['clock_ahead', 'no_access', 'forbidden', 'invalid']);
export type RefusalReason = z.infer<typeof RefusalReason>;

export const PushResponse = z.object({
  serverTime: z.number().int(),
  /** Stored now or before (a retried op is accepted again, never doubled). */
  accepted: z.array(WireId),
  refused: z.array(z.object({ opId: WireId, reason: RefusalReason, message: z.string() })),
  /** This device was revoked by an administrator: this push was its last; it wipes its data now. */
  revoked: z.literal(true).optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * A row as the server holds it now (row-oriented: a new device starts from these).
 * `hlc` is the version of every cell not listed in `versions`.
 */
export const PulledRow = z.object({
  scope: ScopeId,
  table: RecordTable,
  id: WireId,
  seq: z.number().int().min(1),
  hlc: HlcText,
  cells: z.record(z.string(), CellValue),
  versions: z.record(z.string(), HlcText).optional(),
  /** Who wrote each cell, where the server knows it (user id). */
  authors: z.record(z.string(), z.string()).optional(),
});
export type PulledRow = z.infer<typeof PulledRow>;

export const PullRequest = z
  .object({
    /** Scope → the last sequence number the device has applied (0 or absent: from the start). */
    cursors: z.record(ScopeId, z.number().int().min(0)),
    limit: z.number().int().min(1).max(MAX_PULL_ROWS).default(DEFAULT_PULL_ROWS),
    /** The directory version the device holds; the response carries the directory when it changed. */
    directoryVersion: z.number().int().min(0).default(0),
  })
  .strict();
export type PullRequest = z.input<typeof PullRequest>;

export const DirectoryUser = z.object({
  id: WireId,
  login: z.string(),
  name: z.string(),
  role: Role,
  disabled: z.boolean(),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;

export const DirectoryGroup = z.object({
  id: WireId,
  name: z.string(),
  leaderId: WireId.nullable(),
  memberIds: z.array(WireId),
  projectIds: z.array(WireId),
});
export type DirectoryGroup = z.infer<typeof DirectoryGroup>;

/** Accounts, service groups and assignments: owned by the server, read by devices. */
export const Directory = z.object({
  version: z.number().int().min(0),
  users: z.array(DirectoryUser),
  groups: z.array(DirectoryGroup),
});
export type Directory = z.infer<typeof Directory>;

export const PullResponse = z.object({
  serverTime: z.number().int(),
  rows: z.array(PulledRow),
  /** The cursor to store for every scope this page touched or finished. */
  cursors: z.record(ScopeId, z.number().int().min(0)),
  /** Every scope the user may see now; a scope missing here was lost. */
  scopes: z.array(ScopeId),
  /** More rows are waiting: pull again with the new cursors. */
  more: z.boolean(),
  directory: Directory.optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const SessionUser = z.object({ id: WireId, login: z.string(), name: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

/** The HLC node id (and user and device id) of cells the server writes itself; no device may take it. */
export const SERVER_NODE = 'server';

export const LoginRequest = z
  .object({
    login: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
    /** The device's id (also its HLC node id). */
    deviceId: z
      .string()
      .regex(/^[0-9a-z]{1,32}$/)
      .refine((id) => id !== SERVER_NODE, { message: `the device id "${SERVER_NODE}" is reserved` }),
    deviceName: z.string().max(200).default(''),
  })
  .strict();
export type LoginRequest = z.input<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), user: SessionUser, serverTime: z.number().int() });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Every 4xx/5xx body. */
export const WireErrorCode = z.enum([
  'invalid_payload',
  'payload_too_large',
  'unauthorized',
  'token_revoked',
  /** An administrator revoked this device: it wipes its local data (after its last push). */
  'device_revoked',
  'bad_credentials',
  'rate_limited',
  'forbidden',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
]);
export type WireErrorCode = z.infer<typeof WireErrorCode>;
export const WireError = z.object({
  error: z.object({ code: WireErrorCode, message: z.string(), retryAfterSeconds: z.number().optional() }),
});
export type WireError = z.infer<typeof WireError>;

export const Health = z.object({ ok: z.boolean(), version: z.string(), database: z.enum(['sqlite', 'postgres']) });
export type Health = z.infer<typeof Health>;

/** Admin API (coordinators and admins, online only). */
export const UserSave = z
  .object({
    id: WireId.optional(),
    login: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(100),
    role: Role,
    password: z.string().min(8).max(200).optional(),
    disabled: z.boolean().default(false),
  })
  .strict();
export type UserSave = z.input<typeof UserSave>;

export const GroupSave = z
  .object({
    id: WireId.optional(),
    name: z.string().trim().min(1).max(100),
    leaderId: WireId.nullable().default(null),
    memberIds: z.array(WireId).max(200).default([]),
  })
  .strict();
export type GroupSave = z.input<typeof GroupSave>;

export const AssignmentChange = z.object({ groupId: WireId, projectId: WireId, assigned: z.boolean() }).strict();
export type AssignmentChange = z.infer<typeof AssignmentChange>;

export const DeviceInfo = z.object({
  id: WireId,
  userId: WireId,
  userName: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/**
 * HTTP routes. All but health and login need `Authorization: Bearer <token>`.
 * Every JSON response carries the server clock in the `x-server-time` header.
 */
export const ROUTES = {
  health: 'GET /health',
  login: 'POST /auth/login',
  logout: 'POST /auth/logout',
  me: 'GET /auth/me',
  push: 'POST /sync/push',
  pull: 'POST /sync/pull',
  directory: 'GET /directory',
  adminUsers: 'POST /admin/users',
  adminGroups: 'POST /admin/groups',
  adminAssignments: 'POST /admin/assignments',
  adminDevices: 'GET /admin/devices',
  adminRevoke: 'POST /admin/devices/:id/revoke',
} as const;
