/** Units (部门/单位) and service groups (服务组) for the demo dataset. */
import type { GroupMember, ServiceGroup, Unit } from '../../shared/domain/directory';
import { pad, type Rng } from './prng';
import { districtGovernment, type Place } from './places';
import { CITY_UNITS, GIVEN, PROVINCE_UNITS, SURNAMES } from './texts';

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['39', '36', '58', '88', '51', '86'])}${pad(rng.int(0, 99_999_999), 8)}`;
}

function landline(rng: Rng): string {
  return `0451-${rng.int(5, 8)}${pad(rng.int(0, 9_999_999), 7)}`;
}

export function buildUnits(places: readonly Place[], extraDistricts: readonly string[], province: boolean): Unit[] {
  const names: { name: string; district: string | null }[] = CITY_UNITS.map((name) => ({ name, district: null }));
  if (province) {
    for (const name of PROVINCE_UNITS) names.push({ name, district: null });
    for (const city of new Set(places.map((p) => p.city))) {
      if (city !== '哈尔滨市') names.push({ name: `${city}发改委`, district: null });
    }
  }
  const districts = new Set([...places.map((p) => p.district), ...extraDistricts]);
  for (const d of districts) names.push({ name: districtGovernment(d), district: d });
  return names.map((u, i) => ({ id: `u-${pad(i + 1, 3)}`, name: u.name, district: u.district }));
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

export interface GroupInfo {
  group: ServiceGroup;
  /** Members who write visits and progress notes: [id, name]. */
  authors: [string, string][];
}

/** Service groups: city scale numbers them 第一服务组…; province scale names one per district. */
export function buildGroups(rng: Rng, count: number, names: readonly string[] | null): GroupInfo[] {
  const out: GroupInfo[] = [];
  for (let g = 0; g < count; g++) {
    const id = `g-${pad(g + 1, 3)}`;
    const name = names ? `${names[g]}服务组` : `第${CN_NUM[g] ?? String(g + 1)}服务组`;
    const leader = personName(rng);
    const chief = personName(rng);
    const chiefPhone = landline(rng);
    const members: GroupMember[] = [
      { name: leader, role: '包保领导', unit: '市政府', phone: null },
      { name: chief, role: '首席服务员', unit: rng.pick(['市发改委', '市投资服务局']), phone: chiefPhone },
    ];
    const liaisonUnits = rng.sample(CITY_UNITS, rng.int(4, 6));
    for (const unit of liaisonUnits) {
      members.push({ name: personName(rng), role: '部门联络员', unit, phone: mobile(rng) });
    }
    members.push({ name: personName(rng), role: '统计联络员', unit: '市统计局', phone: mobile(rng) });
    out.push({
      group: { id, name, leader, chiefOfficer: chief, chiefOfficerPhone: chiefPhone, members },
      // Everyone but the leader logs visits and notes; ids are stable per group and position.
      authors: members.slice(1).map((m, i) => [`user-${pad(g + 1, 3)}-${i + 1}`, m.name]),
    });
  }
  return out;
}
