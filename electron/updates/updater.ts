/**
 * App updates from the sync server (`<server>/updates/`, electron-updater's generic
 * provider), wired so nothing unsigned is ever installed:
 *
 * 1. fetch latest*.yml and its .sig ourselves (organisation CA honoured) and verify the
 *    Ed25519 signature with the public key shipped in the app;
 * 2. let electron-updater check the same feed and refuse unless it saw the very release
 *    we verified (same version, same sha512 per file), then download (it checks sha512);
 * 3. on `update-downloaded`, hash the downloaded file against the signed sha512;
 * 4. install only then: on the user's "restart" or when the app quits.
 *
 * Checks at start and every few hours while a server is signed in.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { app, type Session } from 'electron';
import electronUpdater, { type UpdateDownloadedEvent } from 'electron-updater';
import { expectedSha512For, metadataFileName, type UpdateMetadata } from '../../shared/updates/metadata';
import { CA_FILE_ENV } from '../backend/sync/client';
import { fetchSignedMetadata } from './feed';
import { certificatesIn, chainTrustedBy } from './org-ca';
import { loadUpdatePublicKey, sameRelease, verifyDownloadedFile } from './verify';

const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

type Level = 'info' | 'warn' | 'error';

export interface UpdatesOptions {
  /** The signed-in sync server, or null (signed out: no checks). */
  serverUrl: () => string | null;
  /** resources/update-signing-key.pub.pem (extraResources in a packaged app). */
  publicKeyFile: string;
  currentVersion: string;
  log: (level: Level, message: string) => void;
  /** A verified update is ready; it installs on restart (installNow) or at quit. */
  onReady?: (version: string) => void;
}

export interface Updates {
  checkNow(): Promise<void>;
  /** Quits and installs the verified update; false when there is none. */
  installNow(): boolean;
  stop(): void;
}

/** Accept, when Chromium refused, a chain that leads to the organisation CA (SITEBOOK_CA_FILE). */
function trustOrganisationCa(netSession: Session, log: UpdatesOptions['log']): void {
  const file = process.env[CA_FILE_ENV];
  if (!file) return;
  let trusted: X509Certificate[];
  try {
    trusted = certificatesIn(readFileSync(file, 'utf8'));
  } catch (err) {
    log('warn', `updates: CA file ${file} unreadable (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  netSession.setCertificateVerifyProc((request, callback) => {
    if (request.errorCode === 0) return callback(-3); // Chromium accepted it: keep its verdict.
    const chain: X509Certificate[] = [];
    for (let c: Electron.Certificate | undefined = request.certificate; c && chain.length < 10; c = c.issuerCert) {
      chain.push(new X509Certificate(c.data));
      if (c.issuerCert === c || c.issuerCert?.data === c.data) break;
    }
    callback(chainTrustedBy(chain, trusted, request.hostname) ? 0 : -2);
  });
}

export function startUpdates(opts: UpdatesOptions): Updates {
  const { log } = opts;
  let publicKey: KeyObject;
  try {
    publicKey = loadUpdatePublicKey(readFileSync(opts.publicKeyFile));
  } catch (err) {
    // No key shipped (development builds): updates stay off rather than unverified.
    log('warn', `updates off: no update signing key (${err instanceof Error ? err.message : String(err)})`);
    return { checkNow: async () => {}, installNow: () => false, stop: () => {} };
  }

  const updater = electronUpdater.autoUpdater;
  updater.autoDownload = false;
  // Installing at quit is ours to decide, after our own check of the downloaded file.
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.logger = {
    info: (m?: unknown) => log('info', `updater: ${String(m)}`),
    warn: (m?: unknown) => log('warn', `updater: ${String(m)}`),
    error: (m?: unknown) => log('error', `updater: ${String(m)}`),
  };
  trustOrganisationCa(updater.netSession, log);

  let signed: UpdateMetadata | null = null;
  let verifiedVersion: string | null = null;
  let running = false;

  const onDownloaded = async (event: UpdateDownloadedEvent): Promise<void> => {
    const expected = signed ? expectedSha512For(signed, basename(event.downloadedFile)) : null;
    const ok = signed?.version === event.version && (await verifyDownloadedFile(event.downloadedFile, expected));
    if (!ok) {
      log('error', `updates: ${event.downloadedFile} does not match the signed metadata; deleted, not installed`);
      await rm(event.downloadedFile, { force: true });
      return;
    }
    verifiedVersion = event.version;
    log('info', `updates: version ${event.version} downloaded and verified; it installs on restart`);
    opts.onReady?.(event.version);
  };
  updater.on('update-downloaded', (event) => void onDownloaded(event));

  const checkNow = async (): Promise<void> => {
    if (running || verifiedVersion) return;
    const server = opts.serverUrl();
    if (!server) return;
    running = true;
    try {
      const feed = await fetchSignedMetadata(server, metadataFileName(process.platform, process.arch), publicKey);
      if (feed.metadata.version === opts.currentVersion) return;
      updater.setFeedURL({ provider: 'generic', url: feed.feedUrl });
      const result = await updater.checkForUpdates();
      if (!result?.isUpdateAvailable) return;
      if (!sameRelease(result.updateInfo, feed.metadata)) {
        throw new Error('the metadata the updater read differs from the signed one; not downloading');
      }
      signed = feed.metadata;
      await updater.downloadUpdate();
    } catch (err) {
      log('warn', `updates: check failed (${err instanceof Error ? err.message : String(err)})`);
    } finally {
      running = false;
    }
  };

  // The same install electron-updater does on quit, but only for a verified download.
  const onQuit = (_e: Electron.Event, exitCode: number): void => {
    if (verifiedVersion && exitCode === 0) updater.quitAndInstall(true, false);
  };
  app.once('quit', onQuit);

  const first = setTimeout(() => void checkNow(), FIRST_CHECK_MS).unref();
  const every = setInterval(() => void checkNow(), CHECK_EVERY_MS).unref();
  return {
    checkNow,
    installNow: () => {
      if (!verifiedVersion) return false;
      app.removeListener('quit', onQuit);
      updater.quitAndInstall(false, true);
      return true;
    },
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
