/**
 * Campaign targets (e.g. Acheng's 百日攻坚: start 100 %, completion ≥ 60 %, production ≥ 50 %
 * by the end of August), set by coordinators in the organisation scope. A target is stored in
 * basis points (10,000 = 100 %) so it stays an integer.
 */
import { z } from 'zod';
import { CalendarDate, Id, Instant, ShortText } from '../domain/primitives';
import { ProjectLevel } from '../domain/project';

export const TargetRate = z.enum(['start', 'investment', 'funding', 'production', 'coverage']);
export type TargetRate = z.infer<typeof TargetRate>;

/** Up to 200 %: completion can run ahead of the annual plan (佳木斯: 投资完成率 111 %). */
export const TargetBp = z.number().int().min(0).max(20_000);

export const CampaignTarget = z.object({
  id: Id,
  /** The campaign's name, e.g. 百日攻坚. */
  campaign: ShortText,
  rate: TargetRate,
  targetBp: TargetBp,
  /** The date the target is to be met by; null: for the whole year. */
  dueOn: CalendarDate.nullable(),
  /** The project levels it applies to; empty: all. */
  levels: z.array(ProjectLevel).max(10),
  setByName: ShortText.nullable(),
  at: Instant.nullable(),
});
export type CampaignTarget = z.infer<typeof CampaignTarget>;

export const TargetSaveInput = z
  .object({
    /** No id creates a target. */
    id: Id.optional(),
    campaign: ShortText.default(''),
    rate: TargetRate,
    targetBp: TargetBp,
    dueOn: CalendarDate.nullable().default(null),
    levels: z.array(ProjectLevel).max(10).default([]),
  })
  .strict();
export type TargetSaveInput = z.input<typeof TargetSaveInput>;

/** Does a target speak about these levels? A target for all levels always does. */
function appliesTo(t: CampaignTarget, levels: readonly string[]): boolean {
  if (t.levels.length === 0) return true;
  return levels.length > 0 && levels.every((l) => (t.levels as readonly string[]).includes(l));
}

/**
 * The target a rate is measured against on `asOf`: of those for the rate and the slice's levels,
 * the one due soonest on or after asOf (the next deadline is the one that matters now); once all
 * have passed, the latest. Without a date a target holds for the year and comes after dated ones.
 * Among equals, a target for named levels beats one for all, then the higher target.
 */
export function targetFor(
  targets: readonly CampaignTarget[],
  rate: TargetRate,
  asOf: string,
  levels: readonly string[] = [],
): CampaignTarget | null {
  const fit = targets.filter((t) => t.rate === rate && appliesTo(t, levels));
  if (fit.length === 0) return null;
  const specific = (t: CampaignTarget) => (t.levels.length > 0 ? 0 : 1);
  const tie = (a: CampaignTarget, b: CampaignTarget) =>
    specific(a) - specific(b) || b.targetBp - a.targetBp || a.id.localeCompare(b.id);
  const ahead = fit.filter((t) => t.dueOn === null || t.dueOn >= asOf);
  if (ahead.length > 0) {
    return [...ahead].sort((a, b) => {
      if (a.dueOn !== b.dueOn) {
        if (a.dueOn === null) return 1;
        if (b.dueOn === null) return -1;
        return a.dueOn < b.dueOn ? -1 : 1;
      }
      return tie(a, b);
    })[0]!;
  }
  return [...fit].sort((a, b) => (a.dueOn! > b.dueOn! ? -1 : a.dueOn! < b.dueOn! ? 1 : tie(a, b)))[0]!;
}

/** Whether a rate meets its target; null when either is unknown. */
export function meetsTarget(value: number | null, target: CampaignTarget | null): boolean | null {
  if (value === null || target === null) return null;
  // Compared in whole basis points, so a rate of 59.996 % (shown 60.0 %) meets a 60 % target.
  return Math.round(value * 10_000) >= target.targetBp;
}
