/**
 * Files that cannot be imported are refused with a message that says what to do, and nothing
 * changes. The .xls and the password-protected .xlsx are real files written by LibreOffice Calc
 * (fixtures/make-fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreviewResult } from '../../../shared/channels/import';
import { importWorld, put, xlsx, type ImportWorld } from './world';

const FIXTURES = join(import.meta.dirname, 'fixtures');

let w: ImportWorld;
beforeEach(async () => {
  w = await importWorld();
});
afterEach(() => w.cleanup());

async function refused(bytes: Uint8Array, name: string) {
  const before = w.footprint();
  const r = await w.call<ImportPreviewResult>('import.preview', { name, bytes });
  expect(w.footprint()).toEqual(before);
  if (r.status !== 'refused') throw new Error(`${name} was not refused`);
  return r;
}

const goodLedger = () =>
  xlsx((wb) =>
    put(wb.addWorksheet('台账'), 1, [
      ['项目名称', '所属区县', '总投资'],
      ['道里区食品产业园', '道里区', 100],
    ]),
  );

describe('files that are not importable', () => {
  it('an old .xls: says exactly how to convert it', async () => {
    const r = await refused(readFileSync(join(FIXTURES, 'ledger-97-2003.xls')), '2020年项目台账.xls');
    expect(r.reason).toBe('xls');
    expect(r.message.zh).toContain('Excel 97-2003');
    expect(r.message.zh).toContain('“文件 → 另存为”');
    expect(r.message.zh).toContain('Excel 工作簿 (*.xlsx)');
    expect(r.message.zh).toContain('WPS');
    expect(r.message.en).toContain('File → Save As');
    expect(r.message.en).toContain('Excel Workbook (*.xlsx)');
    // Named .xlsx but still the old format inside: the bytes decide.
    expect((await refused(readFileSync(join(FIXTURES, 'ledger-97-2003.xls')), 'renamed.xlsx')).reason).toBe('xls');
  });

  it('an HTML table saved as .xls gets the same advice', async () => {
    const html = Buffer.from('<html><body><table><tr><td>项目名称</td></tr></table></body></html>');
    expect((await refused(html, 'export.xls')).reason).toBe('xls');
  });

  it('a password-protected workbook', async () => {
    const r = await refused(readFileSync(join(FIXTURES, 'ledger-password.xlsx')), '加密台账.xlsx');
    expect(r.reason).toBe('encrypted');
    expect(r.message.zh).toContain('密码');
    expect(r.message.en).toContain('password');
  });

  it('a broken file: a truncated download and a damaged zip', async () => {
    const good = await goodLedger();
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const r = await refused(truncated, 'truncated.xlsx');
    expect(r.reason).toBe('corrupt');
    expect(r.message.zh).toContain('已损坏');
    expect(r.message.en).toContain('damaged');
    const damaged = Uint8Array.from(good);
    for (let i = 200; i < damaged.length - 200; i += 7) damaged[i] = damaged[i]! ^ 0x5a;
    expect((await refused(damaged, 'damaged.xlsx')).reason).toBe('corrupt');
  });

  it('other files and empty files', async () => {
    expect((await refused(Buffer.from('项目名称,总投资\n道里区食品产业园,100\n'), 'ledger.csv')).reason).toBe(
      'not_excel',
    );
    const empty = await refused(new Uint8Array(0), 'empty.xlsx');
    expect(empty.reason).toBe('empty');
    expect(empty.message.zh).toContain('空');
  });

  it('refuses a file larger than the limit at the border', async () => {
    const err = await w.fail('import.preview', { name: 'huge.xlsx', bytes: new Uint8Array(20 * 1024 * 1024 + 1) });
    expect(err.code).toBe('invalid_input');
  });

  it('a ledger of the same kind as a proper .xlsx is read: the refusals are about the file', async () => {
    const p = await w.preview(await goodLedger());
    expect(p.sheets[0]!.rows).toHaveLength(1);
  });
});
