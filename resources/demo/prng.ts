/**
 * Seeded PRNG (mulberry32) and small helpers. The demo generator must be reproducible,
 * so nothing here touches Math.random or the clock.
 */
const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_CODES: number[] = new Array<number>(64).fill(48);

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn according to non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** k distinct items (k clipped to the list size), in list order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    const n = Math.min(k, items.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx
      .slice(0, n)
      .sort((a, b) => a - b)
      .map((i) => items[i]!);
  }

  /** 64 hex digits: a fake but well-formed SHA-256 for photo records without bytes. */
  hex64(): string {
    // Char codes then one fromCharCode: a flat string, and fast enough for 400k photo records.
    for (let w = 0; w < 8; w++) {
      let x = (this.next() * 4294967296) >>> 0;
      for (let k = 7; k >= 0; k--) {
        HEX_CODES[w * 8 + k] = HEX_DIGITS[x & 15]!;
        x >>>= 4;
      }
    }
    return String.fromCharCode(...HEX_CODES);
  }

  /** A child generator, so one part of the dataset does not shift another's draws. */
  fork(salt: number): Rng {
    return new Rng((this.next() * 4294967296) ^ Math.imul(salt + 1, 0x9e3779b1));
  }
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
