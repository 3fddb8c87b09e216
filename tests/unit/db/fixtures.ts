import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceGroup } from '../../../shared/domain/directory';
import type { Problem } from '../../../shared/domain/problem';
import type { Project, ProjectInput } from '../../../shared/domain/project';
import type { Visit } from '../../../shared/domain/visit';
import type { Actor } from '../../../electron/backend/db/writer';

export const actor: Actor = { userId: 'user-1', userName: '张三', deviceId: 'dev1' };

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-db-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock the test moves by hand, backwards too. */
export function fakeClock(start = Date.UTC(2020, 3, 1, 2, 0, 0)): { now: () => number; set: (ms: number) => void } {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms) };
}

export function projectInput(over: Partial<ProjectInput> = {}): ProjectInput {
  return {
    code: 'HRB-2020-001',
    name: '哈尔滨绿地国博城项目',
    level: 'provincial_top100',
    district: '巴彦县',
    industry: '现代服务业',
    ownerCompany: '绿地集团哈尔滨公司',
    responsibleUnit: '巴彦县发改局',
    leaderInCharge: '王副县长',
    chiefOfficer: '李四',
    chiefOfficerPhone: '13800000000',
    groupId: null,
    totalInvestment: 1_500_000_000,
    annualPlannedInvestment: 300_000_000,
    stage: 'continuing',
    isNew: false,
    plannedStart: '2020-04-01',
    actualStart: null,
    plannedCompletion: null,
    actualCompletion: null,
    plannedProduction: '2021-10-01',
    actualProduction: null,
    location: '巴彦县兴隆镇',
    position: { lat: 46.08, lng: 127.4 },
    ...over,
  };
}

export function project(id: string, over: Partial<ProjectInput> = {}): Project {
  return { id, ...projectInput(over) };
}

export function group(id: string, name: string): ServiceGroup {
  return {
    id,
    name,
    leader: '赵组长',
    chiefOfficer: '钱首席',
    chiefOfficerPhone: '0451-1234567',
    members: [{ name: '孙联络', role: '部门联络员', unit: '市发改委', phone: null }],
  };
}

export function visit(id: string, projectId: string, date: string, over: Partial<Visit> = {}): Visit {
  return {
    id,
    projectId,
    groupId: null,
    date,
    kind: 'monthly',
    participants: ['张三', '李四'],
    findings: '现场施工正常',
    status: 'submitted',
    isCorrection: false,
    location: null,
    position: null,
    submittedAt: Date.UTC(2020, 3, 2),
    figures: {
      completedInvestmentThisYear: 10_000_000,
      fundsInPlace: 20_000_000,
      cumulativeInvestment: 50_000_000,
      stage: 'continuing',
      workersOnSite: 120,
      visibleProgress: '主体结构施工',
    },
    ...over,
  };
}

export function problem(id: string, projectId: string, over: Partial<Problem> = {}): Problem {
  return {
    id,
    projectId,
    visitId: null,
    category: 'land',
    description: '项目用地指标尚未落实，需协调自然资源局',
    leadUnit: '市自然资源局',
    cooperatingUnits: ['巴彦县政府'],
    deadline: '2020-05-01',
    handlingLevel: 'city_department',
    status: 'open',
    raisedOn: '2020-04-02',
    resolvedOn: null,
    closedOn: null,
    closingVisitId: null,
    resolution: null,
    ...over,
  };
}
