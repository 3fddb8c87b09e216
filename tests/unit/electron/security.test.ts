import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../../shared/api';
import {
  BRIDGE_EVENT_NAMES,
  contentSecurityPolicy,
  isBridgeEvent,
  isSafeExternalUrl,
  isTrustedSender,
  navigationDecision,
  permissionDecision,
  windowOpenDecision,
  windowWebPreferences,
  type TrustedOrigins,
} from '../../../electron/security';

const rendererFileUrl = pathToFileURL('/opt/Sitebook/resources/app.asar/out/renderer/index.html').href;
const packaged: TrustedOrigins = { rendererFileUrl };
const dev: TrustedOrigins = { devServerUrl: 'http://localhost:5173' };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
}

describe('windowWebPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = windowWebPreferences('/app/out/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts only from our own files in a build', () => {
    const csp = contentSecurityPolicy({ dev: false });
    const d = directives(csp);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('*');
  });

  it('adds only the dev server and its websocket in development', () => {
    const csp = contentSecurityPolicy({ dev: true, devServerUrl: 'http://localhost:5173/' });
    const d = directives(csp);
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(csp).not.toContain('unsafe-eval');
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('ignores a dev server URL that is not http(s), and dev settings outside dev', () => {
    expect(
      directives(contentSecurityPolicy({ dev: true, devServerUrl: 'javascript:alert(1)' })).get('connect-src'),
    ).toEqual(["'self'"]);
    expect(contentSecurityPolicy({ dev: false, devServerUrl: 'http://localhost:5173' })).toBe(
      contentSecurityPolicy({ dev: false }),
    );
  });
});

describe('isTrustedSender', () => {
  it('trusts our built page, with any hash or query', () => {
    expect(isTrustedSender(rendererFileUrl, packaged)).toBe(true);
    expect(isTrustedSender(`${rendererFileUrl}#/projects/abc`, packaged)).toBe(true);
    expect(isTrustedSender(`${rendererFileUrl}?x=1`, packaged)).toBe(true);
  });

  it('refuses other files on disk', () => {
    for (const path of [
      '/home/user/Downloads/index.html',
      '/opt/Sitebook/resources/app.asar/out/renderer/other.html',
      '/opt/Sitebook/resources/app.asar/out/renderer/index.html/../../evil.html',
      '/opt/Sitebook/resources/app.asar/out/renderer/index.htm',
    ]) {
      expect(isTrustedSender(pathToFileURL(path).href, packaged), path).toBe(false);
    }
    expect(isTrustedSender('file://otherhost/opt/Sitebook/resources/app.asar/out/renderer/index.html', packaged)).toBe(
      false,
    );
  });

  it('trusts the dev server origin only', () => {
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/#/projects', dev)).toBe(true);
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://localhost:5173.evil.com/',
      'http://localhost.evil.com:5173/',
      'http://evil.com/?http://localhost:5173',
      'http://user:pw@localhost:5173/',
      'http://127.0.0.1:5173/',
    ]) {
      expect(isTrustedSender(url, dev), url).toBe(false);
    }
  });

  it('refuses everything when nothing is trusted, and garbage', () => {
    expect(isTrustedSender(rendererFileUrl, {})).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', packaged)).toBe(false);
    expect(isTrustedSender(rendererFileUrl, dev)).toBe(false);
    for (const url of ['', 'not a url', 'about:blank', 'data:text/html,hi', 'devtools://devtools/x', 'chrome://gpu']) {
      expect(isTrustedSender(url, { ...packaged, ...dev }), url).toBe(false);
    }
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts plain http(s) links', () => {
    expect(isSafeExternalUrl('https://www.gov.cn/zhengce/')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/a?b=1#c')).toBe(true);
  });

  it('refuses other schemes, credentials and oversized URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'file://C:/Windows/System32/calc.exe',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'sitebook://x',
      'vbscript:msgbox',
      'mailto:a@b.c',
      'https://user:secret@example.com/',
      'https://user@example.com/',
      'http://',
      'not a url',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('navigationDecision', () => {
  it('allows our own page, sends web links out, denies the rest', () => {
    expect(navigationDecision(`${rendererFileUrl}#/x`, packaged)).toBe('allow');
    expect(navigationDecision('http://localhost:5173/', dev)).toBe('allow');
    expect(navigationDecision('https://example.com/', packaged)).toBe('external');
    expect(navigationDecision('http://localhost:5173/', packaged)).toBe('external');
    expect(navigationDecision('https://user:pw@example.com/', packaged)).toBe('deny');
    expect(navigationDecision('javascript:alert(1)', packaged)).toBe('deny');
    expect(navigationDecision('data:text/html,hi', packaged)).toBe('deny');
    expect(navigationDecision('file:///etc/passwd', packaged)).toBe('deny');
    expect(navigationDecision(pathToFileURL('/tmp/evil.html').href, packaged)).toBe('deny');
    expect(navigationDecision('sitebook://open', packaged)).toBe('deny');
  });
});

describe('windowOpenDecision', () => {
  it('never opens an Electron window', () => {
    expect(windowOpenDecision('https://example.com/')).toEqual({
      response: { action: 'deny' },
      openExternal: 'https://example.com/',
    });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', rendererFileUrl, 'about:blank', '']) {
      expect(windowOpenDecision(url), url).toEqual({ response: { action: 'deny' }, openExternal: null });
    }
  });
});

describe('permissionDecision', () => {
  it('denies every permission but writing to the clipboard', () => {
    const all = [
      'clipboard-read',
      'display-capture',
      'fullscreen',
      'geolocation',
      'idle-detection',
      'media',
      'mediaKeySystem',
      'midi',
      'midiSysex',
      'notifications',
      'pointerLock',
      'keyboardLock',
      'openExternal',
      'speaker-selection',
      'storage-access',
      'top-level-storage-access',
      'window-management',
      'unknown',
      'fileSystem',
      'hid',
      'serial',
      'usb',
      '',
    ];
    for (const p of all) expect(permissionDecision(p), p).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write')).toBe(true);
  });
});

describe('bridge events', () => {
  it('forwards exactly the events of shared/api', () => {
    expect([...BRIDGE_EVENT_NAMES].sort()).toEqual([...EVENT_NAMES].sort());
    expect(isBridgeEvent('data.changed')).toBe(true);
    expect(isBridgeEvent('sitebook:invoke')).toBe(false);
    expect(isBridgeEvent(42)).toBe(false);
  });
});
