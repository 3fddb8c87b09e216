import { describe, expect, it } from 'vitest';
import {
  isFeedFileName,
  isMetadataFileName,
  metadataFileName,
  parseUpdateMetadata,
} from '../../../shared/updates/metadata';
import { multipartPlan, parseRange } from '../../../server/updates/ranges';
import { latestYml } from './fixtures';

const SHA = `${'A'.repeat(85)}Q==`;
const SHA2 = `${'B'.repeat(85)}Q==`;

describe('parseUpdateMetadata', () => {
  it('reads electron-builder output, skipping keys it does not need', () => {
    const text =
      latestYml('1.2.3', [
        { url: 'Sitebook-Setup-1.2.3.exe', sha512: SHA, size: 1234, blockMapSize: 99 },
        { url: 'Sitebook-1.2.3-arm64.exe', sha512: SHA2, size: 5678 },
      ]) + `releaseNotes: |-\n  修复了同步问题\n  second line: with a colon\nisAdminRightsRequired: true\n`;
    const meta = parseUpdateMetadata(text);
    expect(meta).toEqual({
      version: '1.2.3',
      files: [
        { url: 'Sitebook-Setup-1.2.3.exe', sha512: SHA, size: 1234 },
        { url: 'Sitebook-1.2.3-arm64.exe', sha512: SHA2, size: 5678 },
      ],
      path: 'Sitebook-Setup-1.2.3.exe',
      sha512: SHA,
      releaseDate: '2026-12-06T07:00:00.000Z',
    });
  });

  it('accepts CRLF line ends, quoted values and comments', () => {
    const text = `# made by hand\r\nversion: "1.0.0"\r\nfiles:\r\n  - url: 'a.AppImage'\r\n    sha512: ${SHA} # digest\r\n    size: '10'\r\n`;
    expect(parseUpdateMetadata(text).files[0]).toEqual({ url: 'a.AppImage', sha512: SHA, size: 10 });
  });

  it.each([
    ['no version', `files:\n  - url: a.exe\n    sha512: ${SHA}\n    size: 1\n`, /version/],
    ['a bad digest', `version: 1.0.0\nfiles:\n  - url: a.exe\n    sha512: abc\n    size: 1\n`, /sha512/],
    ['a url leaving the feed', `version: 1.0.0\nfiles:\n  - url: ../a.exe\n    sha512: ${SHA}\n    size: 1\n`, /url/],
    ['an absolute url', `version: 1.0.0\nfiles:\n  - url: https://x/a.exe\n    sha512: ${SHA}\n    size: 1\n`, /url/],
    ['no files', `version: 1.0.0\nfiles:\n`, /files/],
    ['a duplicate key', `version: 1.0.0\nversion: 2.0.0\n`, /twice/],
    ['a multi-line version', `version: |\n  1.0.0\n`, /one-line/],
    ['a stray indented line', `version: 1.0.0\n  size: 3\n`, /indentation/],
    ['not YAML at all', `<html>`, /key: value/],
  ])('refuses %s with a reason', (_what, text, reason) => {
    expect(() => parseUpdateMetadata(text)).toThrow(reason);
  });
});

describe('feed file names', () => {
  it('knows which metadata file each platform asks for', () => {
    expect(metadataFileName('win32', 'x64')).toBe('latest.yml');
    expect(metadataFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(metadataFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(metadataFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
    for (const n of ['latest.yml', 'latest-mac.yml', 'latest-linux.yml', 'latest-linux-arm64.yml'])
      expect(isMetadataFileName(n)).toBe(true);
    expect(isMetadataFileName('builder-debug.yml')).toBe(false);
  });

  it('serves installer names and nothing that could leave the directory or is not a release file', () => {
    for (const ok of [
      'Sitebook-Setup-0.1.0.exe',
      'Sitebook-Setup-0.1.0.exe.blockmap',
      'latest.yml.sig',
      'sitebook_0.1.0_amd64.deb',
    ])
      expect(isFeedFileName(ok)).toBe(true);
    for (const bad of [
      '../x.exe',
      '..',
      'a/b.exe',
      'a\\b.exe',
      '.latest.yml.tmp-1',
      'key.pem',
      'sitebook-server.db',
      '',
    ])
      expect(isFeedFileName(bad)).toBe(false);
  });
});

describe('byte ranges', () => {
  it('parses single, open, suffix and multiple ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual([{ start: 0, end: 9 }]);
    expect(parseRange('bytes=90-', 100)).toEqual([{ start: 90, end: 99 }]);
    expect(parseRange('bytes=-5', 100)).toEqual([{ start: 95, end: 99 }]);
    expect(parseRange('bytes=95-200', 100)).toEqual([{ start: 95, end: 99 }]);
    expect(parseRange('bytes=0-1, 10-19', 100)).toEqual([
      { start: 0, end: 1 },
      { start: 10, end: 19 },
    ]);
  });

  it('ignores what it cannot read and reports what is out of the file', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=5-1', 100)).toBeNull();
    expect(parseRange('bytes=x-y', 100)).toBeNull();
    expect(parseRange(`bytes=${Array.from({ length: 1001 }, (_, i) => `${i}-${i}`).join(',')}`, 5000)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
  });

  it('plans a multipart body whose length matches what is sent', () => {
    const plan = multipartPlan(
      [
        { start: 0, end: 9 },
        { start: 50, end: 59 },
      ],
      100,
      'application/octet-stream',
      'b0undary',
    );
    const sent = plan.pieces.reduce((n, p) => n + ('text' in p ? Buffer.byteLength(p.text) : p.end - p.start + 1), 0);
    expect(plan.contentLength).toBe(sent);
    expect((plan.pieces[0] as { text: string }).text).toBe(
      '--b0undary\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-9/100\r\n\r\n',
    );
  });
});
