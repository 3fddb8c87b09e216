/** The photo sync settings form: its values, the zod schema that checks them, and the mapping to the contract. */
import { z } from 'zod';
import { PhotoSendSize, PhotoSyncSettings } from '../../../../shared/channels/photo-sync';

/** A day count the user typed; InputNumber gives null when the field is empty. */
const Days = z.number().int().min(1).max(3650).nullable();

export const PhotoSettingsFormSchema = z
  .object({
    unmeteredOnly: z.boolean(),
    sendSize: PhotoSendSize,
    /** Eviction is a switch plus a day count, so turning it off keeps the number the user chose. */
    evict: z.boolean(),
    evictDays: Days,
  })
  .superRefine((v, ctx) => {
    if (v.evict && v.evictDays === null) ctx.addIssue({ code: 'custom', path: ['evictDays'], message: 'days' });
  });
export type PhotoSettingsFormValues = z.infer<typeof PhotoSettingsFormSchema>;

/** What the field shows when eviction is off and no number was chosen yet. */
export const DEFAULT_EVICT_DAYS = 30;

export function toFormValues(s: PhotoSyncSettings): PhotoSettingsFormValues {
  return {
    unmeteredOnly: s.unmeteredOnly,
    sendSize: s.sendSize,
    evict: s.evictAfterDays !== null,
    evictDays: s.evictAfterDays ?? DEFAULT_EVICT_DAYS,
  };
}

export function toSettings(v: PhotoSettingsFormValues): PhotoSyncSettings {
  return PhotoSyncSettings.parse({
    unmeteredOnly: v.unmeteredOnly,
    sendSize: v.sendSize,
    evictAfterDays: v.evict ? v.evictDays : null,
  });
}
