/** Recent upload speed: bytes over a short sliding window. */
const WINDOW_MS = 3_000;

export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];

  add(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    this.trim(at);
  }

  private trim(now: number): void {
    while (this.samples.length > 0 && this.samples[0]!.at < now - WINDOW_MS) this.samples.shift();
  }

  perSecond(now: number): number {
    this.trim(now);
    if (this.samples.length === 0) return 0;
    const bytes = this.samples.reduce((sum, s) => sum + s.bytes, 0);
    const span = Math.max(1_000, now - this.samples[0]!.at);
    return Math.round((bytes * 1000) / span);
  }
}
