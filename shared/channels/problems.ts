import { z } from 'zod';
import type { PhotoKind } from '../domain/photo';
import { CalendarDate, Id, LongText, ShortText } from '../domain/primitives';
import { HandlingLevel, ProblemCategory, ProblemStatus, type Problem, type ProgressNote } from '../domain/problem';
import type { VisitKind } from '../domain/visit';
import { channel, NoInput } from './define';

/** The fields a user types when raising or editing a problem. */
const editable = {
  category: ProblemCategory,
  description: LongText.trim().min(1),
  leadUnit: ShortText.nullable(),
  cooperatingUnits: z.array(ShortText.min(1)).max(30),
  deadline: CalendarDate.nullable(),
  handlingLevel: HandlingLevel,
  raisedOn: CalendarDate,
};

/** 登记问题: from a visit (visitId) or from the project page. */
export const ProblemCreateInput = z
  .object({
    projectId: Id,
    visitId: Id.nullable().default(null),
    category: editable.category,
    description: editable.description,
    leadUnit: editable.leadUnit.default(null),
    cooperatingUnits: editable.cooperatingUnits.default([]),
    deadline: editable.deadline.default(null),
    handlingLevel: editable.handlingLevel,
    /** Defaults to today in Asia/Shanghai. */
    raisedOn: editable.raisedOn.optional(),
  })
  .strict();
export type ProblemCreateInput = z.input<typeof ProblemCreateInput>;

export const ProblemPatch = z
  .object({ ...editable, resolution: LongText.nullable() })
  .partial()
  .strict();
export type ProblemPatch = z.input<typeof ProblemPatch>;

export const ProblemTransitionInput = z
  .object({
    id: Id,
    to: ProblemStatus,
    /** The verifying visit, when closing (销号). */
    visitId: Id.optional(),
    /** Why, when reopening. */
    reason: LongText.optional(),
    /** What was done, when resolving. */
    resolution: LongText.optional(),
  })
  .strict();
export type ProblemTransitionInput = z.input<typeof ProblemTransitionInput>;

export const ProblemSortField = z.enum([
  /** Overdue first (most days first), then open work by deadline, then resolved, then closed. */
  'urgency',
  'deadline',
  'raisedOn',
  'status',
  'category',
  'leadUnit',
  'handlingLevel',
  'project',
]);
export type ProblemSortField = z.infer<typeof ProblemSortField>;

export const ProblemListQuery = z
  .object({
    statuses: z.array(ProblemStatus).max(4).default([]),
    categories: z.array(ProblemCategory).max(8).default([]),
    handlingLevels: z.array(HandlingLevel).max(5).default([]),
    leadUnits: z.array(ShortText).max(100).default([]),
    districts: z.array(ShortText).max(50).default([]),
    groupIds: z.array(Id).max(100).default([]),
    overdueOnly: z.boolean().default(false),
    raisedFrom: CalendarDate.nullable().default(null),
    raisedTo: CalendarDate.nullable().default(null),
    projectId: Id.nullable().default(null),
    /** The problems a visit raised. */
    visitId: Id.nullable().default(null),
    /** Free text: description, lead unit, and the project's name, code, district … */
    query: z.string().trim().max(100).default(''),
    sort: z
      .object({ field: ProblemSortField, order: z.enum(['asc', 'desc']) })
      .default({ field: 'urgency', order: 'asc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type ProblemListQuery = z.input<typeof ProblemListQuery>;

export interface ProblemListItem extends Problem {
  projectName: string;
  projectCode: string;
  district: string;
  groupId: string | null;
  groupName: string | null;
  /** Days past the deadline (Asia/Shanghai today) while open or in progress; 0 otherwise. */
  daysOverdue: number;
}

export interface ProblemPage {
  rows: ProblemListItem[];
  total: number;
  /** The business date "overdue" was computed against. */
  today: string;
}

export interface ProblemFacets {
  /** Lead units that some problem names, sorted. */
  leadUnits: string[];
}

/** A visit in the problem's context: the one that raised it, closed it, or could verify it. */
export interface ProblemVisitRef {
  id: string;
  date: string;
  kind: VisitKind;
  status: 'draft' | 'submitted';
  /** 整改后 photos on the visit that are not tied to another problem. */
  afterPhotos: number;
}

export interface ProblemDetail {
  problem: Problem;
  projectName: string;
  projectCode: string;
  /** Oldest first. */
  notes: ProgressNote[];
  photoCounts: Record<PhotoKind, number>;
  raisedBy: ProblemVisitRef | null;
  closedBy: ProblemVisitRef | null;
  /** Submitted visits that could verify the resolution (empty unless resolved), newest first. */
  verifyingVisits: ProblemVisitRef[];
  daysOverdue: number;
  today: string;
}

const IdInput = z.object({ id: Id }).strict();

/** The problems channels of the contract (merged into shared/api.ts). */
export const problemChannels = {
  'problems.create': channel<typeof ProblemCreateInput, Problem>(ProblemCreateInput),
  'problems.update': channel<z.ZodObject<{ id: typeof Id; patch: typeof ProblemPatch }>, Problem>(
    z.object({ id: Id, patch: ProblemPatch }).strict(),
  ),
  'problems.transition': channel<typeof ProblemTransitionInput, Problem>(ProblemTransitionInput),
  'problems.addNote': channel<z.ZodObject<{ problemId: typeof Id; text: z.ZodString }>, ProgressNote>(
    z.object({ problemId: Id, text: LongText.trim().min(1) }).strict(),
  ),
  'problems.get': channel<typeof IdInput, ProblemDetail>(IdInput),
  'problems.list': channel<typeof ProblemListQuery, ProblemPage>(ProblemListQuery),
  'problems.facets': channel<typeof NoInput, ProblemFacets>(NoInput),
} as const;
