import { describe, expect, it } from 'vitest';
import { CalendarDate, Month, Yuan } from '../../../shared/domain/primitives';
import { Project } from '../../../shared/domain/project';
import { Visit } from '../../../shared/domain/visit';
import { Problem, ProgressNote } from '../../../shared/domain/problem';
import { Photo } from '../../../shared/domain/photo';
import { ServiceGroup, Unit } from '../../../shared/domain/directory';
import { channels, isChannel, ProjectListQuery } from '../../../shared/api';

const project = {
  id: 'p-0001',
  code: 'HRB-2020-001',
  name: '绿地国博城',
  level: 'provincial_top100',
  district: '道里区',
  industry: '现代服务业',
  ownerCompany: '绿地集团哈尔滨置业有限公司',
  responsibleUnit: '道里区人民政府',
  leaderInCharge: '王副市长',
  chiefOfficer: '李明',
  chiefOfficerPhone: '0451-86661234',
  groupId: 'g-01',
  totalInvestment: 12_000_000_000,
  annualPlannedInvestment: 1_500_000_000,
  stage: 'continuing',
  isNew: false,
  plannedStart: '2019-04-01',
  actualStart: '2019-04-15',
  plannedCompletion: null,
  actualCompletion: null,
  plannedProduction: null,
  actualProduction: null,
  location: '哈尔滨市道里区群力新区',
  position: { lat: 45.75, lng: 126.55 },
};

const visit = {
  id: 'v-1',
  projectId: 'p-0001',
  groupId: 'g-01',
  date: '2020-04-01',
  kind: 'monthly',
  participants: ['李明', '张华'],
  findings: '主体施工中',
  status: 'submitted',
  isCorrection: false,
  location: null,
  position: null,
  submittedAt: Date.UTC(2020, 3, 1),
  figures: {
    completedInvestmentThisYear: 200_000_000,
    fundsInPlace: 250_000_000,
    cumulativeInvestment: 3_000_000_000,
    stage: 'continuing',
    workersOnSite: 320,
    visibleProgress: '3号楼封顶',
  },
};

describe('domain schemas', () => {
  it('accept a realistic project, visit, problem, note, photo, group and unit', () => {
    expect(Project.parse(project).name).toBe('绿地国博城');
    expect(Visit.parse(visit).figures.workersOnSite).toBe(320);
    expect(
      Problem.parse({
        id: 'q-1',
        projectId: 'p-0001',
        visitId: 'v-1',
        category: 'land',
        description: '用地指标未落实',
        leadUnit: '市自然资源和规划局',
        cooperatingUnits: ['道里区人民政府'],
        deadline: '2020-05-01',
        handlingLevel: 'city_department',
        status: 'open',
        raisedOn: '2020-04-01',
        resolvedOn: null,
        closedOn: null,
        closingVisitId: null,
        resolution: null,
      }).status,
    ).toBe('open');
    expect(
      ProgressNote.safeParse({
        id: 'n',
        problemId: 'q-1',
        projectId: 'p',
        text: '已协调',
        authorId: 'u',
        authorName: '李明',
        at: 1,
      }).success,
    ).toBe(true);
    expect(
      Photo.safeParse({
        id: 'ph',
        sha256: 'a'.repeat(64),
        projectId: 'p-0001',
        visitId: 'v-1',
        problemId: null,
        kind: 'progress',
        caption: '3号楼',
        takenAt: null,
        takenAtSource: 'file',
        position: null,
        width: 100,
        height: 80,
        mime: 'image/jpeg',
        byteSize: 1234,
        originalName: 'IMG_0001.HEIC',
      }).success,
    ).toBe(true);
    expect(
      ServiceGroup.safeParse({
        id: 'g',
        name: '第一服务组',
        leader: null,
        chiefOfficer: null,
        chiefOfficerPhone: null,
        members: [],
      }).success,
    ).toBe(true);
    expect(Unit.safeParse({ id: 'u', name: '市发改委', district: null }).success).toBe(true);
  });

  it('keep money integral and non-negative', () => {
    expect(Yuan.safeParse(1.5).success).toBe(false);
    expect(Yuan.safeParse(-1).success).toBe(false);
    expect(Project.safeParse({ ...project, totalInvestment: 1e3 + 0.1 }).success).toBe(false);
  });

  it('take only real calendar dates and months', () => {
    expect(CalendarDate.safeParse('2020-02-29').success).toBe(true);
    expect(CalendarDate.safeParse('2021-02-29').success).toBe(false);
    expect(CalendarDate.safeParse('2020-4-1').success).toBe(false);
    expect(CalendarDate.safeParse('2020-04-01T00:00:00Z').success).toBe(false);
    expect(Month.safeParse('2020-13').success).toBe(false);
  });

  it('refuse unknown enum values', () => {
    expect(Project.safeParse({ ...project, level: 'national' }).success).toBe(false);
    expect(Visit.safeParse({ ...visit, kind: 'party' }).success).toBe(false);
    expect(Visit.safeParse({ ...visit, figures: { ...visit.figures, workersOnSite: -1 } }).success).toBe(false);
  });
});

describe('the API contract', () => {
  it('knows its channels and fills defaults for a list query', () => {
    expect(isChannel('projects.list')).toBe(true);
    expect(isChannel('projects.drop')).toBe(false);
    const q = channels['projects.list'].input.parse({});
    expect(q).toMatchObject({ levels: [], query: '', offset: 0, limit: 100, sort: { field: 'code', order: 'asc' } });
    expect(ProjectListQuery.safeParse({ limit: 5000 }).success).toBe(false);
    expect(ProjectListQuery.safeParse({ unexpected: 1 }).success).toBe(false);
  });
});
