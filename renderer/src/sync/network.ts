/**
 * The network kind the photo engine needs for "photos only on unmetered networks", from the
 * Network Information API where the runtime has it (Chromium: navigator.connection). Desktop
 * Chromium often leaves `type` out; the kind is then 'unknown' and the engine does not wait.
 */
import type { NetworkKind } from '../../../shared/channels/photo-sync';

/** The part of NetworkInformation we read (not in TypeScript's DOM library). */
export interface ConnectionLike {
  type?: string;
  saveData?: boolean;
  addEventListener?: (type: 'change', listener: () => void) => void;
  removeEventListener?: (type: 'change', listener: () => void) => void;
}

/** cellular or data saver → metered; Wi-Fi or cable → unmetered; anything else → unknown. */
export function networkKindOf(connection: ConnectionLike | undefined): NetworkKind {
  if (!connection) return 'unknown';
  if (connection.saveData === true || connection.type === 'cellular') return 'metered';
  if (connection.type === 'wifi' || connection.type === 'ethernet') return 'unmetered';
  return 'unknown';
}

export function currentConnection(): ConnectionLike | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { connection?: ConnectionLike }).connection;
}

/** Calls `report` with the kind now and whenever the connection changes; returns the unsubscribe. */
export function watchNetworkKind(report: (kind: NetworkKind) => void): () => void {
  const connection = currentConnection();
  report(networkKindOf(connection));
  if (!connection?.addEventListener) return () => undefined;
  const onChange = () => report(networkKindOf(currentConnection()));
  connection.addEventListener('change', onChange);
  return () => connection.removeEventListener?.('change', onChange);
}
