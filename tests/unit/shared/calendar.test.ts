import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatChineseDate,
  monthOf,
  shanghaiDate,
  shanghaiMonth,
} from '../../../shared/calendar';
import { formatWan, formatYi, wanToYuan } from '../../../shared/money';

describe('Asia/Shanghai business calendar', () => {
  it('puts 16:00 UTC on the next Shanghai day, whatever the machine zone', () => {
    expect(shanghaiDate(Date.UTC(2020, 3, 30, 15, 59))).toBe('2020-04-30');
    expect(shanghaiDate(Date.UTC(2020, 3, 30, 16, 0))).toBe('2020-05-01');
    expect(shanghaiMonth(Date.UTC(2020, 11, 31, 16, 0))).toBe('2021-01');
  });

  it('counts days and writes dates the Chinese way', () => {
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2020-03-01', '2020-02-28')).toBe(-2);
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(monthOf('2020-04-01')).toBe('2020-04');
    expect(formatChineseDate('2020-04-01')).toBe('2020年4月1日');
  });
});

describe('money in integer yuan', () => {
  it('converts 万元 input exactly and formats for display', () => {
    expect(wanToYuan(383.5)).toBe(3_835_000);
    expect(wanToYuan(0.1 + 0.2)).toBe(3000);
    expect(formatWan(3_835_000_000)).toBe('383,500');
    expect(formatYi(38_350_000_000)).toBe('383.50');
  });
});
