/** latest*.yml the way electron-builder writes it (js-yaml dump of UpdateInfo). */
export interface FixtureFile {
  url: string;
  sha512: string;
  size: number;
  blockMapSize?: number;
}

export function latestYml(version: string, files: FixtureFile[], releaseDate = '2026-12-06T07:00:00.000Z'): string {
  const entries = files
    .map(
      (f) =>
        `  - url: ${f.url}\n    sha512: ${f.sha512}\n    size: ${f.size}\n` +
        (f.blockMapSize === undefined ? '' : `    blockMapSize: ${f.blockMapSize}\n`),
    )
    .join('');
  const first = files[0]!;
  return `version: ${version}\nfiles:\n${entries}path: ${first.url}\nsha512: ${first.sha512}\nreleaseDate: '${releaseDate}'\n`;
}
