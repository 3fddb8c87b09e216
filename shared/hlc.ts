/**
 * Hybrid logical clock (wall-clock ms, counter, node id). Its text form sorts
 * in causal order: `2026-11-22T02:29:12.000Z-0000-<node>`, so the database and
 * the server compare HLCs as plain strings.
 */

export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

export const HLC_MAX_COUNTER = 0xffff;
/** A remote HLC further ahead of our wall clock than this is refused (clock is wrong). */
export const HLC_MAX_DRIFT_MS = 5 * 60 * 1000;

const NODE_RE = /^[0-9a-z]{1,32}$/;
const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-z]{1,32})$/;

export class HlcError extends Error {
  constructor(
    readonly code: 'clock_drift' | 'counter_overflow' | 'malformed' | 'duplicate_node',
    message: string,
  ) {
    super(message);
    this.name = 'HlcError';
  }
}

export function formatHlc(h: Hlc): string {
  return `${new Date(h.millis).toISOString()}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

export function parseHlc(text: string): Hlc {
  const m = HLC_RE.exec(text);
  if (!m) throw new HlcError('malformed', `not an HLC: ${text}`);
  return { millis: Date.parse(m[1]!), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export function isHlc(text: string): boolean {
  return HLC_RE.test(text);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function assertNodeId(node: string): string {
  if (!NODE_RE.test(node)) throw new HlcError('malformed', `bad HLC node id: ${node}`);
  return node;
}

/** The first HLC of a node: before any real event. */
export function zeroHlc(node: string): Hlc {
  return { millis: 0, counter: 0, node: assertNodeId(node) };
}

/** Stamp a local event: strictly after `last` and not before the wall clock. */
export function tick(last: Hlc, nowMs: number): Hlc {
  const millis = Math.max(last.millis, nowMs);
  const counter = millis === last.millis ? last.counter + 1 : 0;
  if (counter > HLC_MAX_COUNTER) throw new HlcError('counter_overflow', 'HLC counter overflow');
  return { millis, counter, node: last.node };
}

/** Merge a remote HLC into ours on receipt, so later local events sort after it. */
export function receive(last: Hlc, remote: Hlc, nowMs: number, maxDriftMs = HLC_MAX_DRIFT_MS): Hlc {
  if (remote.millis - nowMs > maxDriftMs) {
    throw new HlcError('clock_drift', `remote clock is ${remote.millis - nowMs} ms ahead of ours`);
  }
  if (remote.node === last.node && remote.millis > last.millis) {
    throw new HlcError('duplicate_node', 'remote event carries our own node id from our future');
  }
  const millis = Math.max(last.millis, remote.millis, nowMs);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > HLC_MAX_COUNTER) throw new HlcError('counter_overflow', 'HLC counter overflow');
  return { millis, counter, node: last.node };
}
