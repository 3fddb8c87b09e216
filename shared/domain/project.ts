import { z } from 'zod';
import { CalendarDate, Id, LatLng, Phone, ShortText, Yuan } from './primitives';

/** 项目级别 */
export const ProjectLevel = z.enum(['provincial_top100', 'city_key_industrial', 'district_key', 'government_funded']);
export type ProjectLevel = z.infer<typeof ProjectLevel>;

/** 项目阶段: 储备 → 前期 → 新开工/续建 → 竣工 → 投产 */
export const ProjectStage = z.enum(['reserve', 'preliminary', 'new_start', 'continuing', 'completed', 'in_production']);
export type ProjectStage = z.infer<typeof ProjectStage>;

/** The 18 districts, counties and cities of Harbin plus 'other' for projects elsewhere (e.g. Jiamusi). */
export const DISTRICTS = [
  '道里区',
  '南岗区',
  '道外区',
  '香坊区',
  '平房区',
  '松北区',
  '呼兰区',
  '阿城区',
  '双城区',
  '宾县',
  '巴彦县',
  '尚志市',
  '五常市',
  '延寿县',
  '通河县',
  '木兰县',
  '依兰县',
  '方正县',
] as const;
export const District = ShortText.min(1);

/** 前期手续 kinds. */
export const ProcedureKind = z.enum([
  'approval_filing', // 立项(审批/核准/备案)
  'land', // 用地
  'planning_permit', // 规划许可
  'environmental', // 环评
  'energy', // 能评
  'construction_permit', // 施工许可
]);
export type ProcedureKind = z.infer<typeof ProcedureKind>;

export const ProcedureStatus = z.enum(['not_started', 'in_progress', 'done', 'not_required']);
export type ProcedureStatus = z.infer<typeof ProcedureStatus>;

/** One item of a project's preliminary-procedures checklist; a row of its own so items sync independently. */
export const Procedure = z.object({
  id: Id,
  projectId: Id,
  kind: ProcedureKind,
  status: ProcedureStatus,
  doneOn: CalendarDate.nullable(),
  note: ShortText.nullable(),
});
export type Procedure = z.infer<typeof Procedure>;

/** A continuing project's spring resumption (复工) in a given year. */
export const Resumption = z.object({
  id: Id,
  projectId: Id,
  year: z.number().int().min(2000).max(2100),
  resumedOn: CalendarDate.nullable(),
  plannedOn: CalendarDate.nullable(),
});
export type Resumption = z.infer<typeof Resumption>;

/** 项目 */
export const Project = z.object({
  id: Id,
  code: ShortText.min(1),
  name: ShortText.min(1),
  level: ProjectLevel,
  district: District,
  industry: ShortText.min(1),
  ownerCompany: ShortText.nullable(),
  responsibleUnit: ShortText.nullable(),
  leaderInCharge: ShortText.nullable(),
  chiefOfficer: ShortText.nullable(),
  chiefOfficerPhone: Phone.nullable(),
  groupId: Id.nullable(),
  totalInvestment: Yuan,
  annualPlannedInvestment: Yuan,
  stage: ProjectStage,
  /** true for a project that is new this year (新开工), false for continuing (续建). */
  isNew: z.boolean(),
  plannedStart: CalendarDate.nullable(),
  actualStart: CalendarDate.nullable(),
  plannedCompletion: CalendarDate.nullable(),
  actualCompletion: CalendarDate.nullable(),
  plannedProduction: CalendarDate.nullable(),
  actualProduction: CalendarDate.nullable(),
  location: ShortText.nullable(),
  /** GCJ-02, as picked on a Chinese map app. */
  position: LatLng.nullable(),
});
export type Project = z.infer<typeof Project>;

/** What a coordinator may type to create a project: the id is assigned by the backend. */
export const ProjectInput = Project.omit({ id: true });
export type ProjectInput = z.infer<typeof ProjectInput>;
export const ProjectPatch = ProjectInput.partial();
export type ProjectPatch = z.infer<typeof ProjectPatch>;
