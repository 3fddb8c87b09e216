import { describe, expect, it } from 'vitest';
import { lockEn, lockZh } from '../../../renderer/src/i18n/features/lock';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

function entries(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? entries(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v as string]],
  );
}

const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

describe('the lock namespace', () => {
  it('has the same keys and placeholders in Chinese and English, none empty', () => {
    const zh = new Map(entries(lockZh));
    const enMap = new Map(entries(lockEn));
    expect([...enMap.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(enMap.get(key)!.trim(), key).not.toBe('');
      expect(placeholders(enMap.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it('says what the lock is for, and how a forgotten PIN is handled without a back door', () => {
    expect(lockZh.settings.purpose).toContain('笔记本丢失或离开座位时保护数据');
    expect(lockZh.screen.forgotBody).toContain('吊销本设备');
    expect(lockEn.screen.forgotBody).toContain('revoke this device');
  });

  it('translates the lock error codes in both languages', () => {
    for (const code of ['app_locked', 'lock_wrong_secret', 'lock_throttled'] as const) {
      expect(zhCN.errors[code]).toMatch(/\S/);
      expect(en.errors[code]).toMatch(/\S/);
    }
  });
});
