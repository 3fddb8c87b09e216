/**
 * What documents call things. Reports are Chinese official documents whatever the UI language,
 * so the labels live here rather than in the renderer's i18n; the words match zh-CN.ts.
 */
import { formatChineseDate } from '../../../shared/calendar';
import type { PhotoKind } from '../../../shared/domain/photo';
import type { HandlingLevel, ProblemCategory, ProblemStatus } from '../../../shared/domain/problem';
import type { ProjectLevel, ProjectStage } from '../../../shared/domain/project';
import type { VisitKind } from '../../../shared/domain/visit';
import { YUAN_PER_WAN } from '../../../shared/money';

export const LEVEL_ZH: { readonly [K in ProjectLevel]: string } = {
  provincial_top100: '省百大',
  city_key_industrial: '市重点产业',
  district_key: '区县重点',
  government_funded: '政府投资',
};

export const STAGE_ZH: { readonly [K in ProjectStage]: string } = {
  reserve: '储备',
  preliminary: '前期',
  new_start: '新开工',
  continuing: '续建',
  completed: '竣工',
  in_production: '投产',
};

export const VISIT_KIND_ZH: { readonly [K in VisitKind]: string } = {
  monthly: '月度走访',
  special_supervision: '专项督导',
  onsite_coordination: '现场会办',
};

export const CATEGORY_ZH: { readonly [K in ProblemCategory]: string } = {
  land: '用地',
  approval: '审批',
  funding: '资金',
  utilities: '要素保障',
  infrastructure: '基础设施配套',
  expropriation: '征收拆迁',
  policy: '政策落实',
  other: '其他',
};

export const HANDLING_LEVEL_ZH: { readonly [K in HandlingLevel]: string } = {
  onsite: '现场解决',
  district: '区县',
  city_department: '市直部门',
  city_joint_meeting: '市级会办',
  province: '省级',
};

export const STATUS_ZH: { readonly [K in ProblemStatus]: string } = {
  open: '待办',
  in_progress: '办理中',
  resolved: '已解决',
  closed: '已销号',
};

export const PHOTO_KIND_ZH: { readonly [K in PhotoKind]: string } = {
  progress: '形象进度',
  problem_evidence: '问题佐证',
  before: '整改前',
  after: '整改后',
};

/** 2020-04-01 → 2020年4月1日; empty for none. */
export function zhDate(date: string | null | undefined): string {
  return date ? formatChineseDate(date) : '';
}

/** 2020-04 → 2020年4月 */
export function zhMonth(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Integer yuan → 万元 with two decimals, grouped; '' for unknown. */
export function wan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '';
  return (yuan / YUAN_PER_WAN).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A rate 0..1 as 87.5%; '—' when there is nothing to divide by (never a division by zero). */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

/** Text safe for a file name on Windows, macOS and Linux, kept short. */
export function fileSafe(text: string, max = 40): string {
  const cleaned = [...text.replace(/[\\/:*?"<>|]/g, '').replace(/\s+/g, '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20)
    .join('');
  return (cleaned || '导出').slice(0, max);
}
