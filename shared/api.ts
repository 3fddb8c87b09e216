/**
 * The contract between the renderer and the backend: every channel's input
 * schema and output type, and every push event's payload. The Electron IPC
 * wrapper and the browser shell both parse inputs with these schemas.
 */
import { z } from 'zod';
import { ServiceGroup, Unit } from './domain/directory';
import { LocalUser } from './domain/identity';
import { Problem, ProblemStatus } from './domain/problem';
import {
  Procedure,
  Project,
  ProjectInput,
  ProjectLevel,
  ProjectPatch,
  ProjectStage,
  Resumption,
} from './domain/project';
import { Visit, type ProgressFigures } from './domain/visit';
import { Id, ShortText } from './domain/primitives';
import { ChangeLogEntry, RecordTable } from './records';
import { channel, NoInput } from './channels/define';
import { dbKeyChannels } from './channels/db-key';
import { exportChannels, ExportProgress } from './channels/exports';
import { importChannels } from './channels/import';
import { kpiChannels } from './channels/kpi';
import { LockState, lockChannels } from './channels/lock';
import { OriginalFetchProgress, PhotoSyncStatus, photoSyncChannels } from './channels/photo-sync';
import { photoChannels } from './channels/photos';
import { planChannels } from './channels/plan';
import { problemChannels } from './channels/problems';
import { SyncStatus, syncChannels } from './channels/sync';
import { visitChannels } from './channels/visits';

export const ProjectSortField = z.enum([
  'code',
  'name',
  'level',
  'district',
  'stage',
  'totalInvestment',
  'annualPlannedInvestment',
]);
export type ProjectSortField = z.infer<typeof ProjectSortField>;

export const ProjectListQuery = z
  .object({
    levels: z.array(ProjectLevel).max(10).default([]),
    districts: z.array(ShortText).max(50).default([]),
    stages: z.array(ProjectStage).max(10).default([]),
    groupIds: z.array(Id).max(100).default([]),
    industries: z.array(ShortText).max(100).default([]),
    /** Free text: name, code, owner, district … (Chinese queries of any length). */
    query: z.string().trim().max(100).default(''),
    /** No submitted visit in the current Asia/Shanghai month. */
    notVisitedThisMonth: z.boolean().default(false),
    /** An open or in-progress problem whose deadline is before today (Asia/Shanghai). */
    hasOverdueProblems: z.boolean().default(false),
    sort: z
      .object({ field: ProjectSortField, order: z.enum(['asc', 'desc']) })
      .default({ field: 'code', order: 'asc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type ProjectListQuery = z.input<typeof ProjectListQuery>;

export interface ProjectListItem extends Project {
  groupName: string | null;
  openProblems: number;
  lastVisitDate: string | null;
}
export interface ProjectPage {
  rows: ProjectListItem[];
  total: number;
}

export interface ProjectFacets {
  districts: string[];
  industries: string[];
  groups: { id: string; name: string }[];
}

export interface ProjectDetail {
  project: Project;
  group: ServiceGroup | null;
  procedures: Procedure[];
  resumptions: Resumption[];
  /** Newest first. */
  visits: Visit[];
  problems: Problem[];
  problemCounts: Record<ProblemStatus, number>;
}

/** One month of a project's figures (DOMAIN.md: the latest submitted visit of the month, else carried forward). */
export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  /** A submitted visit in this month gave these figures; false: carried forward (未报送) or none known yet. */
  reported: boolean;
  /** The visit the figures come from (this month's, or the one carried forward); null when none yet. */
  visitId: string | null;
  visitDate: string | null;
  figures: ProgressFigures | null;
}
export interface MonthlyFigures {
  projectId: string;
  year: number;
  annualPlannedInvestment: number;
  /** January up to the current month (all 12 for a past year, none for a future one). */
  months: MonthFigures[];
}

export interface SearchHit {
  kind: 'project' | 'problem';
  id: string;
  projectId: string;
  title: string;
  /** Where in the record the query matched, for display. */
  snippet: string;
}

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  dataDir: string;
  schemaVersion: number;
}

const coreChannels = {
  'app.info': channel<typeof NoInput, AppInfo>(NoInput),
  'identity.get': channel<typeof NoInput, LocalUser>(NoInput),
  'identity.rename': channel<z.ZodObject<{ name: z.ZodString }>, LocalUser>(
    z.object({ name: ShortText.min(1) }).strict(),
  ),
  'projects.list': channel<typeof ProjectListQuery, ProjectPage>(ProjectListQuery),
  'projects.facets': channel<typeof NoInput, ProjectFacets>(NoInput),
  'projects.get': channel<z.ZodObject<{ id: typeof Id }>, ProjectDetail>(z.object({ id: Id }).strict()),
  'projects.monthlyFigures': channel<z.ZodObject<{ projectId: typeof Id; year: z.ZodNumber }>, MonthlyFigures>(
    z.object({ projectId: Id, year: z.number().int().min(2000).max(2100) }).strict(),
  ),
  'projects.create': channel<typeof ProjectInput, Project>(ProjectInput),
  'projects.update': channel<z.ZodObject<{ id: typeof Id; patch: typeof ProjectPatch }>, Project>(
    z.object({ id: Id, patch: ProjectPatch }).strict(),
  ),
  'groups.list': channel<typeof NoInput, ServiceGroup[]>(NoInput),
  'units.list': channel<typeof NoInput, Unit[]>(NoInput),
  'search.query': channel<z.ZodObject<{ q: z.ZodString; limit: z.ZodDefault<z.ZodNumber> }>, SearchHit[]>(
    z.object({ q: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
  'history.get': channel<z.ZodObject<{ table: typeof RecordTable; rowId: typeof Id }>, ChangeLogEntry[]>(
    z.object({ table: RecordTable, rowId: Id }).strict(),
  ),
} as const;

/** Each feature declares its channels in shared/channels/<feature>.ts; this is the whole contract. */
export const channels = {
  ...coreChannels,
  ...visitChannels,
  ...problemChannels,
  ...photoChannels,
  ...photoSyncChannels,
  ...syncChannels,
  ...planChannels,
  ...exportChannels,
  ...kpiChannels,
  ...importChannels,
  ...dbKeyChannels,
  ...lockChannels,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = Channels[C]['output'];
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Push events from the backend to the renderer. */
export const events = {
  /** Records changed (a local write from another window, or a sync): lists re-query. */
  'data.changed': z.object({ tables: z.array(RecordTable) }),
  'sync.status': SyncStatus,
  'exports.progress': ExportProgress,
  /** The idle lock locked or unlocked (or its settings changed): the renderer shows only the lock screen while locked. */
  'lock.changed': LockState,
  'photoSync.status': PhotoSyncStatus,
  'photos.originalProgress': OriginalFetchProgress,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What the preload (or the browser shell's bridge) puts on `window.api`. */
export interface SitebookApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<import('./errors').Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Desktop shell only: reveal a file the user saved through an export's save dialog. */
  showExportInFolder?(path: string): Promise<boolean>;
}
