import { z } from 'zod';

/** Stable row id (UUID v4 or other opaque string of ours). */
export const Id = z.string().min(1).max(64);
export type Id = z.infer<typeof Id>;

/**
 * Money is an integer number of yuan (元), never a binary float.
 * Shown to users in 万元 / 亿元 by the formatting helpers in shared/money.ts.
 */
export const Yuan = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export type Yuan = z.infer<typeof Yuan>;

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A business calendar date in Asia/Shanghai, written YYYY-MM-DD. */
export const CalendarDate = z
  .string()
  .regex(DATE_RE, 'date must be YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'not a real calendar date');
export type CalendarDate = z.infer<typeof CalendarDate>;

/** A business month in Asia/Shanghai, written YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');
export type Month = z.infer<typeof Month>;

/** An instant, as epoch milliseconds (UTC). */
export const Instant = z.number().int().nonnegative();
export type Instant = z.infer<typeof Instant>;

/** A coordinate pair. Project locations are GCJ-02 (Chinese map apps), photo GPS is WGS-84. */
export const LatLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

export const Phone = z.string().regex(/^[0-9+\-() ]{3,32}$/, 'not a phone number');

/** Text a user typed: trimmed, bounded. */
export const ShortText = z.string().trim().max(200);
export const LongText = z.string().max(20_000);
