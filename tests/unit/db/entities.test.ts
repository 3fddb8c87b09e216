import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listGroups, listUnits, saveGroup, saveUnit } from '../../../electron/backend/db/directory';
import { getHistory } from '../../../electron/backend/db/history';
import {
  DEFAULT_USER_NAME,
  ensureLocalUser,
  getLocalUser,
  renameLocalUser,
} from '../../../electron/backend/db/identity';
import { openDatabase } from '../../../electron/backend/db/open';
import { getPhoto, listPhotosByProject, listPhotosByVisit, savePhoto } from '../../../electron/backend/db/photos';
import {
  addProgressNote,
  listProblemsByProject,
  listProblemsByStatus,
  listProgressNotes,
  problemCounts,
  saveProblem,
} from '../../../electron/backend/db/problems';
import {
  createProject,
  getProject,
  getProjectDetail,
  listProjects,
  projectFacets,
  updateProject,
} from '../../../electron/backend/db/projects';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { getVisit, listVisitsByProject, saveVisit } from '../../../electron/backend/db/visits';
import { writeRecord } from '../../../electron/backend/db/writer';
import { actor, group, problem, projectInput, visit } from './fixtures';

let db: Database;
beforeEach(() => (db = openDatabase(':memory:')));
afterEach(() => db.close());

describe('projects', () => {
  it('create and read back round-trips every field', () => {
    const input = projectInput();
    const p = createProject(db, actor, 1000, input);
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(getProject(db, p.id)).toEqual({ id: p.id, ...input });
  });

  it('update refuses an unknown project and an invalid merged value', () => {
    expect(() => updateProject(db, actor, 1, 'nope', { name: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    const p = createProject(db, actor, 1000, projectInput());
    expect(() => updateProject(db, actor, 2, p.id, { totalInvestment: -1 })).toThrow();
  });

  it('lists with filters, sort, paging, group name, open problems and last visit', () => {
    importSnapshot(
      db,
      [{ table: 'service_groups', records: [group('g1', '第一组')] }],
      '2020-01-01T00:00:00.000Z-0000-server',
    );
    const a = createProject(
      db,
      actor,
      1,
      projectInput({ code: 'A', district: '道里区', groupId: 'g1', totalInvestment: 5 }),
    );
    const b = createProject(
      db,
      actor,
      2,
      projectInput({ code: 'B', district: '南岗区', level: 'district_key', totalInvestment: 9 }),
    );
    const c = createProject(
      db,
      actor,
      3,
      projectInput({ code: 'C', district: '道里区', industry: '装备制造', totalInvestment: 1 }),
    );
    saveVisit(db, actor, 4, visit('v1', a.id, '2020-04-02'));
    saveVisit(db, actor, 5, visit('v2', a.id, '2020-05-02'));
    saveVisit(db, actor, 6, visit('v3', a.id, '2020-06-02', { status: 'draft', submittedAt: null }));
    saveProblem(db, actor, 7, problem('q1', a.id));
    saveProblem(db, actor, 8, problem('q2', a.id, { status: 'in_progress' }));
    saveProblem(db, actor, 9, problem('q3', a.id, { status: 'resolved', resolvedOn: '2020-04-20' }));
    writeRecord(db, actor, 10, { table: 'problems', rowId: 'q2', cells: { deleted: true } });

    const all = listProjects(db);
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.code)).toEqual(['A', 'B', 'C']);
    expect(all.rows[0]).toMatchObject({ groupName: '第一组', openProblems: 1, lastVisitDate: '2020-05-02' });
    expect(all.rows[1]).toMatchObject({ groupName: null, openProblems: 0, lastVisitDate: null });

    expect(listProjects(db, { districts: ['道里区'] }).rows.map((r) => r.id)).toEqual([a.id, c.id]);
    expect(listProjects(db, { levels: ['district_key'] }).rows.map((r) => r.id)).toEqual([b.id]);
    expect(listProjects(db, { groupIds: ['g1'] }).rows.map((r) => r.id)).toEqual([a.id]);
    expect(listProjects(db, { industries: ['装备制造'] }).rows.map((r) => r.id)).toEqual([c.id]);
    expect(listProjects(db, { stages: ['completed'] }).total).toBe(0);
    const sorted = listProjects(db, { sort: { field: 'totalInvestment', order: 'desc' }, limit: 1, offset: 0 });
    expect(sorted).toMatchObject({ total: 3, rows: [{ code: 'B' }] });
    expect(listProjects(db, { offset: 2 }).rows.map((r) => r.code)).toEqual(['C']);

    writeRecord(db, actor, 11, { table: 'projects', rowId: c.id, cells: { deleted: true } });
    expect(listProjects(db).total).toBe(2);
    expect(getProject(db, c.id)).toBeNull();
    expect(projectFacets(db)).toEqual({
      districts: ['南岗区', '道里区'],
      industries: ['现代服务业'],
      groups: [{ id: 'g1', name: '第一组' }],
    });
  });

  it('detail gathers group, visits newest first, problems and counts', () => {
    const g = saveGroup(db, actor, 1, group('g1', '第一组'));
    const p = createProject(db, actor, 2, projectInput({ groupId: g.id }));
    saveVisit(db, actor, 3, visit('v1', p.id, '2020-04-02'));
    saveVisit(db, actor, 4, visit('v2', p.id, '2020-05-02'));
    saveProblem(db, actor, 5, problem('q1', p.id));
    const d = getProjectDetail(db, p.id);
    expect(d.group).toEqual(g);
    expect(d.visits.map((v) => v.id)).toEqual(['v2', 'v1']);
    expect(d.problems.map((q) => q.id)).toEqual(['q1']);
    expect(d.problemCounts).toEqual({ open: 1, in_progress: 0, resolved: 0, closed: 0 });
    expect(() => getProjectDetail(db, 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('visits, problems, photos', () => {
  it('round-trip through the write path', () => {
    const p = createProject(db, actor, 1, projectInput());
    const v = visit('v1', p.id, '2020-04-02', { position: { lat: 45.7, lng: 126.6 }, isCorrection: true });
    expect(saveVisit(db, actor, 2, v)).toEqual(v);
    expect(getVisit(db, 'v1')).toEqual(v);
    expect(listVisitsByProject(db, p.id)).toEqual([v]);

    const q = problem('q1', p.id, { visitId: 'v1', cooperatingUnits: ['甲', '乙'] });
    expect(saveProblem(db, actor, 3, q)).toEqual(q);
    expect(listProblemsByProject(db, p.id)).toEqual([q]);
    saveProblem(db, actor, 4, { ...q, status: 'in_progress' });
    expect(problemCounts(db, p.id)).toMatchObject({ open: 0, in_progress: 1 });
    expect(listProblemsByStatus(db, ['in_progress']).map((x) => x.id)).toEqual(['q1']);
    expect(listProblemsByStatus(db, [])).toEqual([]);

    const n1 = addProgressNote(db, actor, 5, 'q1', '已与自然资源局对接');
    addProgressNote(db, actor, 6, 'q1', '已上会');
    expect(listProgressNotes(db, 'q1').map((n) => n.text)).toEqual(['已与自然资源局对接', '已上会']);
    expect(n1).toMatchObject({ authorId: actor.userId, authorName: actor.userName, projectId: p.id, at: 5 });

    const photo = {
      id: 'ph1',
      sha256: 'a'.repeat(64),
      projectId: p.id,
      visitId: 'v1',
      problemId: null,
      kind: 'progress' as const,
      caption: '主体施工',
      takenAt: 1000,
      takenAtSource: 'exif' as const,
      position: { lat: 45.7, lng: 126.6 },
      width: 4000,
      height: 3000,
      mime: 'image/jpeg',
      byteSize: 123456,
      originalName: 'IMG_0001.JPG',
    };
    expect(savePhoto(db, actor, 7, photo)).toEqual(photo);
    expect(getPhoto(db, 'ph1')).toEqual(photo);
    expect(listPhotosByProject(db, p.id)).toEqual([photo]);
    expect(listPhotosByVisit(db, 'v1')).toEqual([photo]);
    writeRecord(db, actor, 8, { table: 'photos', rowId: 'ph1', cells: { deleted: true } });
    expect(listPhotosByProject(db, p.id)).toEqual([]);
  });
});

describe('directory', () => {
  it('saves and lists groups and units, hiding deleted ones', () => {
    const g = saveGroup(db, actor, 1, { ...group('g1', '第二组') });
    saveGroup(db, actor, 2, group('g2', '第一组'));
    expect(listGroups(db).map((x) => x.name)).toEqual(['第一组', '第二组']);
    expect(g.members).toEqual(group('g1', '第二组').members);
    saveUnit(db, actor, 3, { name: '市发改委', district: null });
    const u = saveUnit(db, actor, 4, { id: 'u2', name: '阿城区住建局', district: '阿城区' });
    expect(listUnits(db)).toHaveLength(2);
    writeRecord(db, actor, 5, { table: 'units', rowId: u.id, cells: { deleted: true } });
    expect(listUnits(db).map((x) => x.name)).toEqual(['市发改委']);
  });
});

describe('identity', () => {
  it('creates the local user once, with a [0-9a-z] device id, and renames it', () => {
    expect(getLocalUser(db)).toBeNull();
    const u = ensureLocalUser(db, 1234);
    expect(u).toMatchObject({ name: DEFAULT_USER_NAME, kind: 'local', createdAt: 1234 });
    expect(u.deviceId).toMatch(/^[0-9a-z]{8,32}$/);
    expect(ensureLocalUser(db, 9999)).toEqual(u);
    expect(renameLocalUser(db, 1, '  王五 ')).toEqual({ ...u, name: '王五' });
    expect(getLocalUser(db)!.name).toBe('王五');
    expect(() => renameLocalUser(db, 1, '   ')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('history', () => {
  it('returns one record’s changes newest first with parsed values', () => {
    const p = createProject(db, actor, 1000, projectInput());
    updateProject(db, actor, 2000, p.id, { name: '乙', isNew: true, totalInvestment: 7 });
    const h = getHistory(db, 'projects', p.id);
    expect(h).toHaveLength(23 + 3);
    expect(h[0]!.seq).toBeGreaterThan(h[h.length - 1]!.seq);
    const byCol = Object.fromEntries(h.slice(0, 3).map((e) => [e.column, e]));
    expect(byCol['name']).toMatchObject({
      oldValue: '哈尔滨绿地国博城项目',
      newValue: '乙',
      authorName: '张三',
      at: 2000,
    });
    expect(byCol['is_new']).toMatchObject({ oldValue: false, newValue: true });
    expect(byCol['total_investment']).toMatchObject({ oldValue: 1_500_000_000, newValue: 7 });
    expect(getHistory(db, 'projects', 'other')).toEqual([]);
  });
});
