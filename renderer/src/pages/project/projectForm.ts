import { z } from 'zod';
import { ProjectInput, type Project, type ProjectPatch } from '../../../../shared/domain/project';
import { wanToYuan, YUAN_PER_WAN } from '../../../../shared/money';

/** Money is typed in 万元 (at most 4 decimals: exact to the yuan) and stored as integer yuan. */
const Wan = z
  .number()
  .min(0)
  .max(Math.floor(Number.MAX_SAFE_INTEGER / YUAN_PER_WAN));

/** The shared ProjectInput with its two money fields in 万元; the backend parses ProjectInput again. */
export const ProjectFormSchema = ProjectInput.extend({
  totalInvestment: Wan,
  annualPlannedInvestment: Wan,
}).superRefine((v, ctx) => {
  if (v.annualPlannedInvestment > v.totalInvestment) {
    ctx.addIssue({ code: 'custom', path: ['annualPlannedInvestment'], message: 'annual_exceeds_total' });
  }
});
export type ProjectFormValues = z.input<typeof ProjectFormSchema>;
export type ProjectFormOutput = z.output<typeof ProjectFormSchema>;

export const NEW_PROJECT: ProjectFormValues = {
  code: '',
  name: '',
  level: 'city_key_industrial',
  district: '',
  industry: '',
  ownerCompany: null,
  responsibleUnit: null,
  leaderInCharge: null,
  chiefOfficer: null,
  chiefOfficerPhone: null,
  groupId: null,
  totalInvestment: 0,
  annualPlannedInvestment: 0,
  stage: 'preliminary',
  isNew: true,
  plannedStart: null,
  actualStart: null,
  plannedCompletion: null,
  actualCompletion: null,
  plannedProduction: null,
  actualProduction: null,
  location: null,
  position: null,
};

export function toFormValues(p: Project): ProjectFormValues {
  const { id: _id, ...rest } = p;
  return {
    ...rest,
    totalInvestment: p.totalInvestment / YUAN_PER_WAN,
    annualPlannedInvestment: p.annualPlannedInvestment / YUAN_PER_WAN,
  };
}

/** What goes to projects.create: money back to integer yuan, empty optional text as null. */
export function toProjectInput(v: ProjectFormOutput): ProjectInput {
  const blankToNull = (s: string | null) => (s === null || s.trim() === '' ? null : s);
  return {
    ...v,
    ownerCompany: blankToNull(v.ownerCompany),
    responsibleUnit: blankToNull(v.responsibleUnit),
    leaderInCharge: blankToNull(v.leaderInCharge),
    chiefOfficer: blankToNull(v.chiefOfficer),
    chiefOfficerPhone: blankToNull(v.chiefOfficerPhone),
    location: blankToNull(v.location),
    totalInvestment: wanToYuan(v.totalInvestment),
    annualPlannedInvestment: wanToYuan(v.annualPlannedInvestment),
  };
}

/** Only the fields that differ from the stored project: an edit writes (and syncs) just those cells. */
export function changedFields(original: Project, next: ProjectInput): ProjectPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ProjectInput)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(original[key])) patch[key] = next[key];
  }
  return patch as ProjectPatch;
}

/** A zod message or issue code → the key of projectForm.errors. */
export function errorKey(type: string | undefined, message: string | undefined): ErrorKey {
  if (message === 'annual_exceeds_total') return 'annualExceedsTotal';
  if (message === 'not a phone number') return 'phone';
  if (message === 'date must be YYYY-MM-DD' || message === 'not a real calendar date') return 'date';
  switch (type) {
    case 'invalid_type':
      return 'required';
    case 'too_small':
      // Strings too short are empty required fields; numbers below 0.
      return message?.includes('string') ? 'required' : 'notNegative';
    case 'too_big':
      return message?.includes('string') ? 'tooLong' : 'tooLarge';
    default:
      return 'invalid';
  }
}
export type ErrorKey =
  'required' | 'tooLong' | 'notNegative' | 'tooLarge' | 'date' | 'phone' | 'annualExceedsTotal' | 'invalid';
