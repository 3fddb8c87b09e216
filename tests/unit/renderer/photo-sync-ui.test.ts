import { describe, expect, it } from 'vitest';
import { photoSyncEn, photoSyncZh } from '../../../renderer/src/i18n/features/photoSync';
import { PhotoSettingsFormSchema, toFormValues, toSettings } from '../../../renderer/src/pages/sync/photoSettingsForm';
import { networkKindOf } from '../../../renderer/src/sync/network';
import { byteSize, failureReason, photoBadge } from '../../../renderer/src/sync/photoStatus';
import type { PhotoSyncStatus } from '../../../shared/channels/photo-sync';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v as string]],
  );
}

const idle: PhotoSyncStatus = {
  state: 'idle',
  uploadsWaiting: 0,
  bytesWaiting: 0,
  downloadsWaiting: 0,
  bytesSent: 0,
  bytesPerSecond: 0,
  failures: [],
};

describe('photo sync UI', () => {
  it('has the same keys and placeholders in Chinese and English, none empty', () => {
    const zh = new Map(leaves(photoSyncZh));
    const en = new Map(leaves(photoSyncEn));
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    const ph = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const [k, v] of zh) {
      expect(v.trim(), k).not.toBe('');
      expect(en.get(k)!.trim(), k).not.toBe('');
      expect(ph(en.get(k)!), k).toEqual(ph(v));
    }
    expect(photoSyncZh.placeholder).toBe('照片尚未同步到本机');
    expect(photoSyncEn.placeholder).toBe('Photo not on this device yet');
  });

  it('reads the network kind: cellular or data saver metered, Wi-Fi or cable unmetered, else unknown', () => {
    expect(networkKindOf(undefined)).toBe('unknown');
    expect(networkKindOf({})).toBe('unknown');
    expect(networkKindOf({ type: 'cellular' })).toBe('metered');
    expect(networkKindOf({ type: 'wifi', saveData: true })).toBe('metered');
    expect(networkKindOf({ type: 'wifi' })).toBe('unmetered');
    expect(networkKindOf({ type: 'ethernet' })).toBe('unmetered');
    expect(networkKindOf({ type: 'bluetooth' })).toBe('unknown');
  });

  it('words a failure by its code: transfer codes, the app codes, anything else', () => {
    expect(failureReason('hash_mismatch')).toEqual({ ns: 'photoSync', key: 'reason.hash_mismatch' });
    expect(failureReason('server_unreachable')).toEqual({ ns: 'translation', key: 'errors.server_unreachable' });
    expect(failureReason('disk_full')).toEqual({ ns: 'translation', key: 'errors.disk_full' });
    expect(failureReason('EWHATEVER')).toEqual({ ns: 'photoSync', key: 'reason.unknown' });
  });

  it('sizes in binary units and knows when photos are worth a word in the header', () => {
    expect(byteSize(0)).toBe('0 B');
    expect(byteSize(2048)).toBe('2 KB');
    expect(byteSize(12.5 * 1024 * 1024)).toBe('12.5 MB');
    expect(byteSize(3 * 1024 ** 3)).toBe('3.00 GB');
    expect(photoBadge(null)).toBeNull();
    expect(photoBadge(idle)).toBeNull();
    expect(photoBadge({ ...idle, uploadsWaiting: 6, bytesWaiting: 9_000_000, downloadsWaiting: 2 })).toEqual({
      kind: 'up',
      count: 6,
    });
    expect(photoBadge({ ...idle, downloadsWaiting: 2 })).toEqual({ kind: 'down', count: 2 });
  });

  it('maps the settings form to the contract: eviction off keeps null, on needs a day count', () => {
    const off = { unmeteredOnly: true, sendSize: 'reduced' as const, evictAfterDays: null };
    expect(toFormValues(off)).toEqual({ unmeteredOnly: true, sendSize: 'reduced', evict: false, evictDays: 30 });
    expect(toSettings(toFormValues(off))).toEqual(off);
    expect(toSettings({ unmeteredOnly: false, sendSize: 'original', evict: true, evictDays: 14 })).toEqual({
      unmeteredOnly: false,
      sendSize: 'original',
      evictAfterDays: 14,
    });
    const noDays = PhotoSettingsFormSchema.safeParse({
      unmeteredOnly: false,
      sendSize: 'original',
      evict: true,
      evictDays: null,
    });
    expect(noDays.success).toBe(false);
    expect(noDays.error?.issues[0]?.path).toEqual(['evictDays']);
    expect(
      PhotoSettingsFormSchema.safeParse({ unmeteredOnly: false, sendSize: 'original', evict: true, evictDays: 0 })
        .success,
    ).toBe(false);
  });
});
