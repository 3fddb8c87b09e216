import { z } from 'zod';
import { channel, NoInput } from './define';

/**
 * The idle lock (issue 8, item 2): a PIN or password kept on this device only (as a scrypt hash),
 * enforced by the backend. While locked every channel except the ones below answers `app_locked`.
 */

/** Minutes of no keyboard, mouse or touch activity before the app locks. */
export const IDLE_MINUTES = [5, 10, 15, 30] as const;
export const IdleMinutes = z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30)]);
export type IdleMinutes = z.infer<typeof IdleMinutes>;
export const DEFAULT_IDLE_MINUTES: IdleMinutes = 10;

export const SecretKind = z.enum(['pin', 'password']);
export type SecretKind = z.infer<typeof SecretKind>;

export const PIN_PATTERN = /^\d{4,12}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** A new PIN (4–12 digits) or password (8–128 characters). */
export const LockSecret = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pin'), value: z.string().regex(PIN_PATTERN, 'a PIN is 4 to 12 digits') }).strict(),
  z
    .object({
      kind: z.literal('password'),
      value: z
        .string()
        .min(PASSWORD_MIN, `a password has at least ${PASSWORD_MIN} characters`)
        .max(PASSWORD_MAX)
        .refine((v) => v.trim().length === v.length, 'no spaces at the start or end'),
    })
    .strict(),
]);
export type LockSecret = z.infer<typeof LockSecret>;

/** What the user types to unlock or to prove they know the current secret: checked, never parsed for shape. */
const Attempt = z.string().min(1).max(PASSWORD_MAX);

/** Wrong tries allowed before each further try waits (30 s, then doubling). */
export const FREE_ATTEMPTS = 5;

export const LockState = z.object({
  locked: z.boolean(),
  /** null: no PIN or password set, so the lock is off. */
  secretKind: SecretKind.nullable(),
  idleMinutes: IdleMinutes,
  /** The idle time in force, in ms (idleMinutes, or the browser shell's test-only override). */
  idleMs: z.number().int().positive(),
  /** Wrong tries since the last success. */
  failedAttempts: z.number().int().min(0),
  /** How long until the next try is accepted (0: now), counted from when this state was read. */
  retryInMs: z.number().int().min(0),
});
export type LockState = z.infer<typeof LockState>;

export interface UnlockResult {
  unlocked: boolean;
  /** Why not: the secret was wrong, or tries are paused after too many wrong ones. */
  reason: 'wrong_secret' | 'throttled' | null;
  state: LockState;
}

/** Channels that answer while the app is locked; everything else gets `app_locked`. */
export const CHANNELS_OPEN_WHILE_LOCKED: ReadonlySet<string> = new Set([
  'lock.state',
  'lock.unlock',
  'lock.activity',
  'lock.lockNow',
]);

export const lockChannels = {
  'lock.state': channel<typeof NoInput, LockState>(NoInput),
  /** Keyboard, mouse or touch in the window (the renderer sends at most one every 30 s). Never unlocks. */
  'lock.activity': channel<typeof NoInput, LockState>(NoInput),
  'lock.lockNow': channel<typeof NoInput, LockState>(NoInput),
  'lock.unlock': channel<z.ZodObject<{ secret: typeof Attempt }>, UnlockResult>(z.object({ secret: Attempt }).strict()),
  /** Set the first secret (no `current`) or change it (`current` required). */
  'lock.setSecret': channel<
    z.ZodObject<{ current: z.ZodOptional<typeof Attempt>; secret: typeof LockSecret; idleMinutes: typeof IdleMinutes }>,
    LockState
  >(z.object({ current: Attempt.optional(), secret: LockSecret, idleMinutes: IdleMinutes }).strict()),
  /** Turn the lock off: needs the current secret. */
  'lock.removeSecret': channel<z.ZodObject<{ current: typeof Attempt }>, LockState>(
    z.object({ current: Attempt }).strict(),
  ),
  'lock.setIdleMinutes': channel<z.ZodObject<{ idleMinutes: typeof IdleMinutes }>, LockState>(
    z.object({ idleMinutes: IdleMinutes }).strict(),
  ),
} as const;
