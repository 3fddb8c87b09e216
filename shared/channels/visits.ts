/** The visits channels of the contract (merged into shared/api.ts). */
import { z } from 'zod';
import type { ServiceGroup } from '../domain/directory';
import { Id, ShortText } from '../domain/primitives';
import type { Project } from '../domain/project';
import { Visit, type ProgressFigures, type VisitKind } from '../domain/visit';
import type { PreviousFigures } from '../figures';
import { channel, NoInput } from './define';

/**
 * What the form autosaves: the visit without the fields the backend owns (status, submittedAt).
 * No id creates a new draft; the backend assigns it.
 */
export const VisitDraftInput = Visit.omit({ id: true, status: true, submittedAt: true })
  .extend({ id: Id.optional() })
  .strict();
export type VisitDraftInput = z.input<typeof VisitDraftInput>;

export const VisitReopenInput = z.object({ id: Id, reason: ShortText.min(1) }).strict();

/** The project facts a visit form shows and checks figures against. */
export type VisitProjectSummary = Pick<
  Project,
  'id' | 'code' | 'name' | 'district' | 'stage' | 'groupId' | 'location' | 'totalInvestment' | 'annualPlannedInvestment'
>;

export interface VisitView {
  visit: Visit;
  project: VisitProjectSummary;
  groupName: string | null;
  /** The figures the visit's are checked against (latest submitted visit before it). */
  previous: PreviousFigures;
  /** Why the visit was last reopened for correction; its history is in the change log. */
  correctionReason: string | null;
  /** Epoch ms of the last local write to the visit. */
  lastSavedAt: number | null;
}

export interface VisitPrefill {
  project: VisitProjectSummary;
  group: ServiceGroup | null;
  /** The group's leader, chief officer and members, to start the participants list. */
  participants: string[];
  /** Today in Asia/Shanghai. */
  date: string;
  previous: PreviousFigures;
  /** The latest submitted visit's figures (stage, workers, visible progress too), or null. */
  lastFigures: ProgressFigures | null;
  lastVisitDate: string | null;
}

export interface VisitDraftItem {
  id: string;
  projectId: string;
  projectName: string;
  date: string;
  kind: VisitKind;
  /** Epoch ms of the last write by this user. */
  updatedAt: number;
}

export const visitChannels = {
  'visits.get': channel<z.ZodObject<{ id: typeof Id }>, VisitView>(z.object({ id: Id }).strict()),
  'visits.saveDraft': channel<typeof VisitDraftInput, Visit>(VisitDraftInput),
  'visits.submit': channel<z.ZodObject<{ id: typeof Id }>, Visit>(z.object({ id: Id }).strict()),
  'visits.reopen': channel<typeof VisitReopenInput, Visit>(VisitReopenInput),
  'visits.drafts': channel<typeof NoInput, VisitDraftItem[]>(NoInput),
  'visits.prefill': channel<z.ZodObject<{ projectId: typeof Id }>, VisitPrefill>(z.object({ projectId: Id }).strict()),
} as const;
