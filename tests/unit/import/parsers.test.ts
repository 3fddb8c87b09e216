import { describe, expect, it } from 'vitest';
import {
  canonicalDistrict,
  matchHeader,
  parseLevel,
  parseNature,
  parseStage,
} from '../../../electron/backend/import/fields';
import {
  columnLetter,
  detectUnit,
  normalizeHeader,
  parseAmount,
  parseDate,
  serialToDate,
  shiftDecimal,
} from '../../../electron/backend/import/text';
import { sniff } from '../../../electron/backend/import/workbook';

describe('header text', () => {
  it('folds spaces, line breaks and full-width forms', () => {
    expect(normalizeHeader('项 目 名 称')).toBe('项目名称');
    expect(normalizeHeader('项目\n名称')).toBe('项目名称');
    expect(normalizeHeader('总投资\u3000（亿元）')).toBe('总投资(亿元)');
    expect(normalizeHeader('２０２０年计划投资：')).toBe('2020年计划投资');
  });

  it('matches headers to fields by synonym, exactly or partly', () => {
    expect(matchHeader('项 目 名 称')).toEqual({ field: 'name', confidence: 1, ignored: false });
    expect(matchHeader('项目')).toMatchObject({ field: 'name', confidence: 1 });
    expect(matchHeader('计划总投资（万元）')).toMatchObject({ field: 'totalInvestment', confidence: 1 });
    expect(matchHeader('县区')).toMatchObject({ field: 'district', confidence: 1 });
    expect(matchHeader('业主单位')).toMatchObject({ field: 'ownerCompany', confidence: 1 });
    expect(matchHeader('计划开工')).toMatchObject({ field: 'plannedStart', confidence: 1 });
    expect(matchHeader('实际开工时间')).toMatchObject({ field: 'actualStart', confidence: 1 });
    expect(matchHeader('2020年计划投资(亿元)')).toMatchObject({ field: 'annualPlannedInvestment', confidence: 0.9 });
    const partial = matchHeader('项目建设单位名称');
    expect(partial.field).toBe('ownerCompany');
    expect(partial.confidence).toBeGreaterThan(0.5);
    expect(partial.confidence).toBeLessThan(1);
    // 项目 alone names the project, but a header merely containing it does not.
    expect(matchHeader('项目推进情况').field).toBeNull();
    expect(matchHeader('序号')).toEqual({ field: null, confidence: 0, ignored: true });
    expect(matchHeader('')).toMatchObject({ field: null, ignored: false });
  });

  it('reads the unit a header or title states, and nothing from unrelated words', () => {
    expect(detectUnit('总投资（亿元）')).toBe('yi');
    expect(detectUnit('总投资(万元)')).toBe('wan');
    expect(detectUnit('单位：万元')).toBe('wan');
    expect(detectUnit('金额单位：元')).toBe('yuan');
    expect(detectUnit('投资/亿元')).toBe('yi');
    expect(detectUnit('总投资亿元')).toBe('yi');
    expect(detectUnit('2020年哈尔滨市百亿元级重点产业项目推进情况统计表')).toBeNull();
    expect(detectUnit('项目名称')).toBeNull();
  });
});

describe('amounts', () => {
  it('converts to integer yuan exactly from each unit', () => {
    expect(parseAmount(3.5, 'yi')).toEqual({ ok: true, yuan: 350_000_000 });
    expect(parseAmount(12345.6789, 'wan')).toEqual({ ok: true, yuan: 123_456_789 });
    expect(parseAmount(1.23, 'yi')).toEqual({ ok: true, yuan: 123_000_000 });
    expect(parseAmount(0.1 + 0.2, 'yi')).toEqual({ ok: true, yuan: 30_000_000 });
    expect(parseAmount(1500, 'yuan')).toEqual({ ok: true, yuan: 1500 });
    expect(parseAmount(0.00005, 'wan')).toEqual({ ok: true, yuan: 1 }); // 0.5 yuan rounds half up
  });

  it('reads numbers stored as text: commas, full-width digits, currency signs, units in the cell', () => {
    expect(parseAmount('1,234.5', 'wan')).toEqual({ ok: true, yuan: 12_345_000 });
    expect(parseAmount('１２，０００', 'wan')).toEqual({ ok: true, yuan: 120_000_000 });
    expect(parseAmount(' ￥3.5 ', 'yi')).toEqual({ ok: true, yuan: 350_000_000 });
    expect(parseAmount('3.5亿元', 'wan')).toEqual({ ok: true, yuan: 350_000_000 });
    expect(parseAmount('800万', 'yi')).toEqual({ ok: true, yuan: 8_000_000 });
    expect(parseAmount('1.5E+3', 'wan')).toEqual({ ok: true, yuan: 15_000_000 });
    expect(parseAmount('—', 'wan')).toEqual({ ok: true, yuan: null });
    expect(parseAmount('无', 'wan')).toEqual({ ok: true, yuan: null });
    expect(parseAmount(null, 'wan')).toEqual({ ok: true, yuan: null });
  });

  it('refuses what is not an amount', () => {
    expect(parseAmount('约3亿', 'wan')).toEqual({ ok: false, code: 'not_a_number' });
    expect(parseAmount('待定', 'wan')).toEqual({ ok: false, code: 'not_a_number' });
    expect(parseAmount('1.2.3', 'wan')).toEqual({ ok: false, code: 'not_a_number' });
    expect(parseAmount('-5', 'wan')).toEqual({ ok: false, code: 'negative' });
    expect(parseAmount(-5, 'wan')).toEqual({ ok: false, code: 'negative' });
    expect(parseAmount('9'.repeat(20), 'wan')).toEqual({ ok: false, code: 'too_large' });
    expect(parseAmount(true, 'wan')).toEqual({ ok: false, code: 'not_a_number' });
  });

  it('shifts decimals without binary floating point', () => {
    expect(shiftDecimal('0.07', 8)).toBe(7_000_000n);
    expect(shiftDecimal('123.45678', 4)).toBe(1_234_568n);
    expect(shiftDecimal('.5', 0)).toBe(1n);
    expect(shiftDecimal('.', 0)).toBeNull();
  });
});

describe('dates', () => {
  const ok = (date: string) => ({ ok: true, date });
  it('reads the spellings ledgers use', () => {
    expect(parseDate('2020-04-01')).toEqual(ok('2020-04-01'));
    expect(parseDate('2020/4/1')).toEqual(ok('2020-04-01'));
    expect(parseDate('2020.4.1')).toEqual(ok('2020-04-01'));
    expect(parseDate('2020年4月1日')).toEqual(ok('2020-04-01'));
    expect(parseDate('２０２０年４月')).toEqual(ok('2020-04-01'));
    expect(parseDate('2020.4')).toEqual(ok('2020-04-01'));
    expect(parseDate('2020.10')).toEqual(ok('2020-10-01'));
    expect(parseDate('2020-04')).toEqual(ok('2020-04-01'));
    expect(parseDate('202004')).toEqual(ok('2020-04-01'));
    expect(parseDate('20200415')).toEqual(ok('2020-04-15'));
    expect(parseDate('2020年4月下旬')).toEqual(ok('2020-04-21'));
    expect(parseDate('2020年2月底')).toEqual(ok('2020-02-29'));
    expect(parseDate('2021年底')).toEqual(ok('2021-12-31'));
    expect(parseDate('2020-04-01 00:00:00')).toEqual(ok('2020-04-01'));
    expect(parseDate('')).toEqual({ ok: true, date: null });
  });

  it('reads Date cells, Excel serials and year.month numbers', () => {
    expect(parseDate(new Date(Date.UTC(2020, 3, 1)))).toEqual(ok('2020-04-01'));
    expect(parseDate(43922)).toEqual(ok('2020-04-01'));
    expect(serialToDate(43922.75)).toBe('2020-04-01');
    expect(parseDate(2020.4)).toEqual(ok('2020-04-01'));
    expect(parseDate(2020.12)).toEqual(ok('2020-12-01'));
  });

  it('refuses impossible and vague dates', () => {
    expect(parseDate('2020-02-30')).toEqual({ ok: false, code: 'impossible_date' });
    expect(parseDate('2020.13')).toEqual({ ok: false, code: 'impossible_date' });
    expect(parseDate('2021年13月')).toEqual({ ok: false, code: 'impossible_date' });
    expect(parseDate('2020年')).toEqual({ ok: false, code: 'year_only' });
    expect(parseDate(2020)).toEqual({ ok: false, code: 'year_only' });
    expect(parseDate('明年春天')).toEqual({ ok: false, code: 'bad_date' });
    expect(parseDate(12)).toEqual({ ok: false, code: 'bad_date' });
  });
});

describe('cell vocabularies', () => {
  it('levels, stages, nature and district short names', () => {
    expect(parseLevel('省百大')).toBe('provincial_top100');
    expect(parseLevel('市 重点')).toBe('city_key_industrial');
    expect(parseLevel('县区重点')).toBe('district_key');
    expect(parseLevel('重要')).toBeNull();
    expect(parseStage('在建')).toBe('continuing');
    expect(parseStage('已投产')).toBe('in_production');
    expect(parseStage('未知')).toBeNull();
    expect(parseNature('新开工')).toBe(true);
    expect(parseNature('续建')).toBe(false);
    expect(parseNature('其他')).toBeNull();
    expect(canonicalDistrict('道里')).toBe('道里区');
    expect(canonicalDistrict('巴彦')).toBe('巴彦县');
    expect(canonicalDistrict('尚志市')).toBe('尚志市');
    expect(canonicalDistrict('佳木斯市')).toBe('佳木斯市');
  });

  it('column letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('file kinds', () => {
  it('sniffs the format from the bytes', () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(sniff(ole)).toBe('xls');
    const encrypted = Buffer.concat([Buffer.from(ole), Buffer.alloc(64), Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(sniff(encrypted)).toBe('encrypted');
    expect(sniff(Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(sniff(Buffer.from('<html><table><tr><td>1</td></tr></table>'))).toBe('xls');
    expect(sniff(Buffer.from('项目名称,总投资\n'))).toBe('not_excel');
    expect(sniff(new Uint8Array(0))).toBe('empty');
  });
});
