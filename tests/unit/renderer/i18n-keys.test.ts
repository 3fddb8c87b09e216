import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function leaves(obj: object): unknown[] {
  return Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v as object) : [v]));
}

describe('renderer i18n', () => {
  it('Chinese and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('every message is a non-empty string', () => {
    for (const v of [...leaves(zhCN), ...leaves(en)]) {
      expect(typeof v).toBe('string');
      expect((v as string).trim()).not.toBe('');
    }
  });

  it('has a message for every error code of shared/errors.ts', async () => {
    const { ErrorCode } = await import('../../../shared/errors');
    for (const code of ErrorCode.options) {
      expect(zhCN.errors).toHaveProperty(code);
      expect(en.errors).toHaveProperty(code);
    }
  });

  it('uses the same interpolation placeholders in both languages', () => {
    const zhLeaves = keys(zhCN);
    const get = (o: object, path: string) =>
      path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o) as string;
    for (const k of zhLeaves) {
      const ph = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(ph(get(en, k)), k).toEqual(ph(get(zhCN, k)));
    }
  });
});
