import { describe, expect, it } from 'vitest';
import { en, planNsEn } from '../../../renderer/src/i18n/en';
import { planNsZh, zhCN } from '../../../renderer/src/i18n/zh-CN';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
  );
}

const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

describe('the plan namespace (issue 6 pages)', () => {
  const zh = new Map(leaves(planNsZh));
  const english = new Map(leaves(planNsEn));

  it('has the same keys in Chinese and English, none empty', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const v of [...zh.values(), ...english.values()]) expect(v.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [k, v] of zh) expect(placeholders(english.get(k) ?? ''), k).toEqual(placeholders(v));
  });

  it('English messages carry no Chinese characters, the Chinese ones some', () => {
    for (const [k, v] of english) expect(/[\u4e00-\u9fff]/.test(v), k).toBe(false);
    expect([...zh.values()].every((v) => /[\u4e00-\u9fff]/.test(v) || /^[\d\s{}\w→·-]+$/.test(v))).toBe(true);
  });

  it('names the escalation refusals in both languages', () => {
    for (const code of ['escalation_not_upward', 'escalation_not_downward', 'escalation_reason_required'] as const) {
      expect(zhCN.errors[code]).toMatch(/[\u4e00-\u9fff]/);
      expect(en.errors[code]).toMatch(/[a-z]/);
    }
  });
});
