/**
 * What ledger headers are called, and what their cells say about levels, stages and districts.
 * Names are compared after normalizeHeader + stripUnit (no spaces, half-width, no unit).
 */
import type { ImportField } from '../../../shared/channels/import';
import { DISTRICTS, type ProjectLevel, type ProjectStage } from '../../../shared/domain/project';
import { normalizeHeader, normalizeValue, stripUnit } from './text';

/** Header names per field, the most common first. Names of two characters match only whole. */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  code: ['项目编号', '项目编码', '项目代码', '统一项目代码', '项目赋码', '编号', '编码', '代码'],
  name: ['项目名称', '项目', '名称', '建设项目', '项目名', '建设项目名称'],
  level: ['项目级别', '级别', '项目类别', '类别', '项目层级', '项目类型'],
  district: [
    '所属区县',
    '区县',
    '县区',
    '区县市',
    '县(市)区',
    '区(县、市)',
    '区县(市)',
    '所属区县(市)',
    '所在区县',
    '属地',
    '所在地区',
    '地区',
    '县(市、区)',
    '所属地区',
    '区域',
  ],
  industry: ['所属行业', '行业', '行业类别', '产业', '产业类别', '所属产业', '产业领域', '行业领域'],
  ownerCompany: [
    '建设单位',
    '业主单位',
    '项目单位',
    '项目业主',
    '建设主体',
    '投资主体',
    '项目法人',
    '企业名称',
    '投资单位',
  ],
  responsibleUnit: ['责任单位', '牵头单位', '主管部门', '推进单位', '责任部门', '牵头部门'],
  leaderInCharge: ['包保领导', '包联领导', '责任领导', '包保市领导', '包保县领导', '分包领导', '包保责任人'],
  chiefOfficer: ['首席服务员', '首席服务官', '服务专员', '项目服务员'],
  chiefOfficerPhone: ['联系电话', '电话', '首席服务员电话', '首席服务员联系电话', '手机', '联系方式', '手机号码'],
  totalInvestment: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额', '估算总投资', '概算总投资'],
  annualPlannedInvestment: [
    '年度计划投资',
    '年度计划',
    '本年计划投资',
    '年计划投资',
    '年度投资计划',
    '当年计划投资',
    '年度计划完成投资',
    '本年度计划投资',
    '计划年度投资',
  ],
  stage: ['项目阶段', '阶段', '建设阶段', '进展阶段', '项目状态', '建设状态'],
  isNew: ['建设性质', '新建/续建', '新开工/续建', '项目性质', '开工性质', '新建续建', '新开续建'],
  plannedStart: [
    '计划开工时间',
    '开工时间',
    '计划开工',
    '计划开工日期',
    '开工日期',
    '拟开工时间',
    '预计开工时间',
    '开复工时间',
  ],
  actualStart: ['实际开工时间', '实际开工', '实际开工日期'],
  plannedCompletion: ['计划竣工时间', '竣工时间', '计划竣工', '计划竣工日期', '竣工日期', '预计竣工时间', '完工时间'],
  actualCompletion: ['实际竣工时间', '实际竣工', '实际竣工日期'],
  plannedProduction: ['计划投产时间', '投产时间', '计划投产', '计划投产日期', '投产日期', '预计投产时间', '达产时间'],
  actualProduction: ['实际投产时间', '实际投产', '实际投产日期'],
  location: ['建设地点', '项目地址', '建设地址', '项目地点', '地点', '选址', '位置', '项目位置'],
};

/** Year-prefixed plan columns: 2020年计划投资, 2021年度计划完成投资. */
const ANNUAL_PLAN_RE = /^(\d{4}年度?|本年度?|当年)(计划|投资计划)(完成)?(投资)?(额)?$/;

/** The 序号 column and other columns that are never a project field. */
const IGNORED = /^(序号|编号序号|排序|No\.?|备注|说明|存在问题|问题|进展情况|形象进度|工作进展|项目进展)$/i;

const EXACT_ONLY_LENGTH = 2;

export interface HeaderMatch {
  field: ImportField | null;
  confidence: number;
  /** Known headers that are deliberately not mapped (序号, 备注). */
  ignored: boolean;
}

const NORMALIZED: [ImportField, string][] = Object.entries(SYNONYMS).flatMap(([field, names]) =>
  names.map((n) => [field as ImportField, stripUnit(normalizeHeader(n))] as [ImportField, string]),
);

/**
 * The field a header names: exact synonym (1), a year-prefixed plan column (0.9), or the longest
 * synonym the header contains (0.5–0.8, more for a closer fit). Two-character names such as 项目
 * or 电话 only count whole, or every header containing 项目 would be a name.
 */
export function matchHeader(text: string): HeaderMatch {
  const h = stripUnit(normalizeHeader(text));
  if (h === '') return { field: null, confidence: 0, ignored: false };
  if (IGNORED.test(h)) return { field: null, confidence: 0, ignored: true };
  for (const [field, name] of NORMALIZED) if (name === h) return { field, confidence: 1, ignored: false };
  if (ANNUAL_PLAN_RE.test(h)) return { field: 'annualPlannedInvestment', confidence: 0.9, ignored: false };
  let best: { field: ImportField; len: number } | null = null;
  for (const [field, name] of NORMALIZED) {
    if (name.length <= EXACT_ONLY_LENGTH || !h.includes(name)) continue;
    if (!best || name.length > best.len) best = { field, len: name.length };
  }
  if (!best) return { field: null, confidence: 0, ignored: false };
  return { field: best.field, confidence: Math.round((0.5 + 0.3 * (best.len / h.length)) * 100) / 100, ignored: false };
}

export const MONEY_FIELDS: ReadonlySet<ImportField> = new Set(['totalInvestment', 'annualPlannedInvestment']);
export const DATE_FIELDS: ReadonlySet<ImportField> = new Set([
  'plannedStart',
  'actualStart',
  'plannedCompletion',
  'actualCompletion',
  'plannedProduction',
  'actualProduction',
]);

const LEVELS: [RegExp, ProjectLevel][] = [
  [
    /^(provincial_top100|省百大|省百大项目|省级百大项目|省重点|省重点项目|省级重点项目|省百大工程)$/,
    'provincial_top100',
  ],
  [/^(city_key_industrial|市重点产业|市重点|市重点项目|市级重点项目|市重点产业项目|市级重点)$/, 'city_key_industrial'],
  [/^(district_key|区县重点|县区重点|区重点|县重点|区县级重点项目|区县重点项目|区级重点|县级重点)$/, 'district_key'],
  [/^(government_funded|政府投资|政府投资项目|政府性投资)$/, 'government_funded'],
];

export function parseLevel(text: string): ProjectLevel | null {
  const t = normalizeHeader(text);
  for (const [re, level] of LEVELS) if (re.test(t)) return level;
  return null;
}

const STAGES: [RegExp, ProjectStage][] = [
  [/^(reserve|储备|储备项目|谋划|谋划储备)$/, 'reserve'],
  [/^(preliminary|前期|前期阶段|前期手续办理|前期工作|拟开工|待开工)$/, 'preliminary'],
  [/^(new_start|新开工|已开工|开工)$/, 'new_start'],
  [/^(continuing|续建|在建|复工|已复工)$/, 'continuing'],
  [/^(completed|竣工|已竣工|完工|已完工)$/, 'completed'],
  [/^(in_production|投产|已投产|投用|已投用|运营)$/, 'in_production'],
];

export function parseStage(text: string): ProjectStage | null {
  const t = normalizeHeader(text);
  for (const [re, stage] of STAGES) if (re.test(t)) return stage;
  return null;
}

/** 建设性质: 新开工/新建 → new this year; 续建 → continuing. */
export function parseNature(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const t = normalizeHeader(String(value));
  if (/^(新开工|新建|新开|新开工项目|新建项目|是|true|new)$/i.test(t)) return true;
  if (/^(续建|续建项目|复工|在建|否|false|continuing)$/i.test(t)) return false;
  return null;
}

/** 道里 → 道里区, 巴彦 → 巴彦县: the short names ledgers use for Harbin's districts. */
export function canonicalDistrict(text: string): string {
  const t = normalizeValue(text).replace(/\s+/g, '');
  if ((DISTRICTS as readonly string[]).includes(t)) return t;
  const full = DISTRICTS.find((d) => d.slice(0, -1) === t);
  return full ?? t;
}

/** Names compared for matching an existing project: no spaces, half-width. */
export function matchKey(text: string): string {
  return normalizeHeader(text).toLowerCase();
}
