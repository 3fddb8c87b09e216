/** Differences under this are network delay and ordinary drift, not a wrong clock. */
export const CLOCK_TOLERANCE_MS = 2_000;

/**
 * The device's clock corrected by the server's: `now() + offset`. HLCs are stamped
 * from it, so a device whose clock is a day ahead neither wins unfairly nor gets stuck.
 */
export class CorrectedClock {
  constructor(
    private readonly wall: () => number,
    private offsetMs = 0,
    private readonly onChange?: (offsetMs: number) => void,
  ) {}

  now = (): number => this.wall() + this.offsetMs;

  get offset(): number {
    return this.offsetMs;
  }

  /** Learns from a server time observed at local wall time `localTime`; true if the offset moved. */
  observe(serverTime: number, localTime: number = this.wall()): boolean {
    const offset = serverTime - localTime;
    if (Math.abs(offset - this.offsetMs) < CLOCK_TOLERANCE_MS) return false;
    this.offsetMs = Math.abs(offset) < CLOCK_TOLERANCE_MS ? 0 : offset;
    this.onChange?.(this.offsetMs);
    return true;
  }
}
