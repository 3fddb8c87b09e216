import { z } from 'zod';
import { Id, Phone, ShortText } from './primitives';

/** A department or unit (部门/单位): lead units, responsible units, cooperating units. */
export const Unit = z.object({
  id: Id,
  name: ShortText.min(1),
  /** 区县 the unit belongs to, or null for city/provincial departments. */
  district: ShortText.nullable(),
});
export type Unit = z.infer<typeof Unit>;

export const GroupMember = z.object({
  name: ShortText.min(1),
  /** 包保领导 / 首席服务员 / 部门联络员 … free text role. */
  role: ShortText,
  unit: ShortText.nullable(),
  phone: Phone.nullable(),
});
export type GroupMember = z.infer<typeof GroupMember>;

/** A service group (服务组 / 包保服务组) assigned to a set of key projects. */
export const ServiceGroup = z.object({
  id: Id,
  name: ShortText.min(1),
  leader: ShortText.nullable(),
  chiefOfficer: ShortText.nullable(),
  chiefOfficerPhone: Phone.nullable(),
  members: z.array(GroupMember),
});
export type ServiceGroup = z.infer<typeof ServiceGroup>;
