/**
 * The update feed's contract, shared by the server (publish, serve) and the app
 * (verify): electron-builder's `latest*.yml` metadata, its Ed25519 signature file,
 * and which file names the feed may hold at all.
 *
 * js-yaml is only a transitive dependency (of electron-updater), so the few fields
 * we rely on are read by a small parser for the flat layout electron-builder writes;
 * anything else in the file is skipped, never guessed at.
 */
import { z } from 'zod';

/** The feed lives under the sync server's address: `<server>/updates/`. */
export const UPDATES_PATH = '/updates/';
/** `latest.yml` → `latest.yml.sig`: base64 of the Ed25519 signature over the metadata file's exact bytes. */
export const SIGNATURE_SUFFIX = '.sig';

/**
 * A name the feed may serve: one path segment, no leading dot (temp files while publishing),
 * no separators, so joining it to the feed directory can never leave it.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;
/** What electron-builder produces for updates; anything else in the directory is not served. */
const FEED_EXTENSIONS = ['.yml', '.sig', '.exe', '.blockmap', '.AppImage', '.deb', '.rpm', '.dmg', '.zip', '.7z'];

export function isFeedFileName(name: string): boolean {
  return SAFE_NAME.test(name) && FEED_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** latest.yml (Windows), latest-mac.yml, latest-linux.yml, latest-linux-arm64.yml … (and other channels). */
export function isMetadataFileName(name: string): boolean {
  return /^[a-z]+(-mac|-linux(-[a-z0-9]+)?)?\.yml$/.test(name);
}

/** The file electron-updater's generic provider asks for on this platform (channel "latest"). */
export function metadataFileName(platform: string, arch: string): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
  return 'latest.yml';
}

/** sha512 as electron-builder writes it: base64 of the 64-byte digest. */
export const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'not a base64 sha512 digest');

export const UpdateFile = z.object({
  url: z.string().refine(isFeedFileName, 'not a plain file name the feed can serve'),
  sha512: Sha512Base64,
  size: z.coerce.number().int().nonnegative(),
});
export type UpdateFile = z.infer<typeof UpdateFile>;

export const UpdateMetadata = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/, 'not a semantic version'),
  files: z.array(UpdateFile).min(1),
  path: z.string().optional(),
  sha512: Sha512Base64.optional(),
  releaseDate: z.string().optional(),
});
export type UpdateMetadata = z.infer<typeof UpdateMetadata>;

export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataError';
  }
}

const TOP_LEVEL_KEYS = new Set(['version', 'files', 'path', 'sha512', 'releaseDate']);
const FILE_KEYS = new Set(['url', 'sha512', 'size']);

/** A YAML plain or quoted scalar on one line. */
function scalar(raw: string, line: number): string {
  const v = raw.trim();
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2) throw new MetadataError(`line ${line}: unterminated quoted value`);
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (v.startsWith('"')) {
    if (!v.endsWith('"') || v.length < 2) throw new MetadataError(`line ${line}: unterminated quoted value`);
    const inner = v.slice(1, -1);
    if (/\\[^"\\]/.test(inner)) throw new MetadataError(`line ${line}: escape sequences are not supported`);
    return inner.replace(/\\(["\\])/g, '$1');
  }
  // A comment after a plain value; base64 and versions never contain " #".
  const hash = v.indexOf(' #');
  return hash === -1 ? v : v.slice(0, hash).trimEnd();
}

function keyValue(text: string, line: number): [string, string] {
  const m = /^([A-Za-z0-9_]+):(?:\s+(.*))?$/.exec(text);
  if (!m) throw new MetadataError(`line ${line}: expected "key: value", got "${text}"`);
  return [m[1]!, m[2] ?? ''];
}

/**
 * Reads version, files[{url, sha512, size}], path, sha512 and releaseDate from a
 * latest*.yml; other keys (releaseNotes, blockMapSize, …) are skipped with their
 * indented continuation lines. Throws MetadataError on what it cannot read.
 */
export function parseUpdateMetadata(text: string): UpdateMetadata {
  const top: Record<string, unknown> = {};
  const files: Record<string, string>[] = [];
  let section: 'files' | 'skip' | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const n = i + 1;
    if (rawLine.trim() === '' || rawLine.trimStart().startsWith('#')) return;
    const indented = /^\s/.test(rawLine);
    if (!indented) {
      const [key, value] = keyValue(rawLine, n);
      if (key in top) throw new MetadataError(`line ${n}: "${key}" appears twice`);
      section = null;
      if (key === 'files') {
        if (value.trim() !== '') throw new MetadataError(`line ${n}: "files" must be a list`);
        top.files = files;
        section = 'files';
      } else if (TOP_LEVEL_KEYS.has(key)) {
        if (value.trim() === '' || /^[|>]/.test(value.trim()))
          throw new MetadataError(`line ${n}: "${key}" must be a one-line value`);
        top[key] = scalar(value, n);
      } else {
        top[key] = null;
        section = 'skip';
      }
      return;
    }
    if (section === 'skip') return;
    if (section !== 'files') throw new MetadataError(`line ${n}: unexpected indentation`);
    const item = /^\s*-\s+(.*)$/.exec(rawLine);
    if (item) files.push({});
    const current = files[files.length - 1];
    if (!current) throw new MetadataError(`line ${n}: a file entry must start with "- "`);
    const [key, value] = keyValue((item ? item[1]! : rawLine).trim(), n);
    if (!FILE_KEYS.has(key)) return;
    if (key in current) throw new MetadataError(`line ${n}: "${key}" appears twice in one file entry`);
    current[key] = scalar(value, n);
  });
  const parsed = UpdateMetadata.safeParse(top);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MetadataError(`${issue?.path.map(String).join('.') || 'metadata'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The signed sha512 for a file the updater downloaded, by its name (electron-updater
 * names the download after the url's last segment); null when the signed metadata does
 * not list it, which must count as a failed check.
 */
export function expectedSha512For(meta: UpdateMetadata, fileName: string): string | null {
  return meta.files.find((f) => f.url === fileName)?.sha512 ?? null;
}
