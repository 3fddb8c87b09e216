import { z } from 'zod';
import { channel, NoInput } from './define';

/**
 * The database key's passphrase (issue 8, encryption at rest). Where the operating system cannot
 * protect the key, the app starts locked: the renderer asks 'dbKey.state' and shows the unlock
 * step ('unlock': enter the passphrase; 'choose': first run, choose one, typed twice) and sends
 * 'dbKey.unlock'. Until then every other channel answers `database_locked`. Once open, both
 * channels answer `{ state: 'open' }`.
 */
export const DbKeyState = z.object({ state: z.enum(['open', 'unlock', 'choose']) });
export type DbKeyState = z.infer<typeof DbKeyState>;

export const DB_PASSPHRASE_MIN = 8;
export const DB_PASSPHRASE_MAX = 256;

/** Checked by the key wrap (a wrong one is `passphrase_wrong`); a new one needs DB_PASSPHRASE_MIN characters. */
export const DbKeyUnlockInput = z.object({ passphrase: z.string().min(1).max(DB_PASSPHRASE_MAX) }).strict();

export const dbKeyChannels = {
  'dbKey.state': channel<typeof NoInput, DbKeyState>(NoInput),
  'dbKey.unlock': channel<typeof DbKeyUnlockInput, DbKeyState>(DbKeyUnlockInput),
} as const;
