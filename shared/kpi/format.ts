/** How figures read: a rate as a percentage with one decimal, "—" when it has no denominator. */
export const NO_VALUE = '—';

export function formatRate(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  // toPrecision first: 0.2875 × 100 is 28.749999… in binary, and reads 28.8 % by hand.
  const scale = 10 ** digits;
  const percent = Math.round(Number((value * 100).toPrecision(12)) * scale) / scale;
  return `${percent.toFixed(digits)}%`;
}

/** A target in basis points as a percentage (6000 → 60%, 6050 → 60.5%). */
export function formatTargetBp(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** Average days with one decimal, "—" when nothing was resolved. */
export function formatDays(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return value.toFixed(1);
}
