import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { fileSafe, percent, wan, zhMonth } from '../../../electron/backend/reports/labels';
import { FONT_MISSING_MESSAGE, fontCandidates } from '../../../electron/backend/reports/pdf-fonts';
import { readZip, ZipWriter } from '../../../electron/backend/reports/zip';

/* The small parts the documents rest on: the ZIP writer, the PDF font search, the labels. */
const dir = mkdtempSync(join(tmpdir(), 'sitebook-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ZipWriter', () => {
  it('writes archives that unzip checks and reads back byte for byte, files streamed from disk', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
    writeFileSync(join(dir, 'photo.jpg'), big);
    const file = join(dir, 'a.zip');
    const out = createWriteStream(file);
    const zip = new ZipWriter(out);
    await zip.addBuffer('[Content_Types].xml', Buffer.from('<Types>中文</Types>'));
    await zip.addFile('word/media/image1.jpg', join(dir, 'photo.jpg'));
    await zip.addBuffer('empty.txt', Buffer.alloc(0));
    await zip.finish();
    await new Promise<void>((resolve) => out.end(resolve));
    execFileSync('unzip', ['-tq', file]);
    expect(
      execFileSync('unzip', ['-p', file, 'word/media/image1.jpg'], { maxBuffer: 16 * 1024 * 1024 }).equals(big),
    ).toBe(true);
    const entries = readZip(readFileSync(file));
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'word/media/image1.jpg', 'empty.txt']);
    expect(entries[0]!.data.toString()).toBe('<Types>中文</Types>');
  });
});

describe('PDF fonts', () => {
  it('fails with a message naming what to install when no Chinese font is found', () => {
    let error: unknown;
    try {
      fontCandidates({}, () => false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(FONT_MISSING_MESSAGE);
    expect(FONT_MISSING_MESSAGE).toContain('fonts-noto-cjk');
    expect(FONT_MISSING_MESSAGE).toContain('simfang.ttf');
  });

  it('prefers 仿宋 on Windows, Songti on macOS, Noto CJK on Linux, and an explicit SITEBOOK_PDF_FONT first', () => {
    const only = (re: RegExp) => (p: string) => re.test(p);
    expect(fontCandidates({}, only(/simfang\.ttf$|simsun\.ttc$/)).body[0]!.path).toMatch(/simfang\.ttf$/);
    expect(fontCandidates({}, only(/Songti\.ttc$/)).body[0]).toMatchObject({ family: 'STSongti-SC-Regular' });
    expect(fontCandidates({}, only(/NotoS(erif|ans)CJK/)).body[0]).toMatchObject({ family: 'NotoSerifCJKsc-Regular' });
    const forced = fontCandidates({ SITEBOOK_PDF_FONT: '/opt/fonts/x.ttc', SITEBOOK_PDF_FONT_FAMILY: 'X' }, () => true);
    expect(forced.body[0]).toEqual({ path: '/opt/fonts/x.ttc', family: 'X' });
    expect(forced.heading).toEqual([{ path: '/opt/fonts/x.ttc', family: 'X' }]);
  });

  it('finds a font on this machine (fonts-noto-cjk in CI)', () => {
    expect(fontCandidates().body.length).toBeGreaterThan(0);
  });
});

describe('labels', () => {
  it('writes money, rates, months and file names as the documents need', () => {
    expect(wan(1_234_567_800)).toBe('123,456.78');
    expect(wan(null)).toBe('');
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(null)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
    expect(zhMonth('2020-04')).toBe('2020年4月');
    expect(fileSafe('哈尔滨/新区:智能*制造? 产业园\n')).toBe('哈尔滨新区智能制造产业园');
    expect(fileSafe('<>')).toBe('导出');
  });
});
