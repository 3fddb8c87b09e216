import { readFileSync } from 'node:fs';

/** What the sync benchmark scripts share: result lines, the device child's report, timing helpers. */

export interface Line {
  name: string;
  value: number;
  unit: string;
  target?: number;
}

/** What bench/sync-device.ts prints (one JSON line). */
export interface DeviceResult {
  syncMs: number;
  /** CPU time (user + system) the device spent in the sync. */
  cpuMs: number;
  /** Live rows per table in the device's database after the sync. */
  counts: Record<string, number>;
  maxRssMb: number;
  state: string;
  lastError: string | null;
}

/** The tables whose live rows a device counts after its first sync, to check it has them all. */
export const COUNTED_TABLES = ['units', 'projects', 'visits', 'problems', 'progress_notes', 'photos'] as const;

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux build we run on. */
const CLOCK_TICKS_PER_SECOND = 100;
