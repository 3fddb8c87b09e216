import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getHistory } from '../../../electron/backend/db/history';
import { openDatabase } from '../../../electron/backend/db/open';
import {
  addProgressNote,
  createProblem,
  getProblem,
  listProgressNotes,
  updateProblem,
} from '../../../electron/backend/db/problems';
import { getProblemDetail, REOPEN_NOTE_PREFIX, transitionProblem } from '../../../electron/backend/db/problems-flow';
import type { ProblemCreateInput } from '../../../shared/channels/problems';
import { actor, fakeClock } from './fixtures';
import { addPhoto, addProject, addVisit, shanghaiMorning } from './problems-setup';

let db: Database;
const clock = fakeClock();
beforeEach(() => {
  db = openDatabase(':memory:');
  clock.set(shanghaiMorning('2020-04-02'));
  addProject(db, 'p1');
  addProject(db, 'p2', { code: 'HRB-2020-002', name: '哈电集团风电装备项目' });
  addVisit(db, 'v-raise', 'p1', '2020-04-02');
  addVisit(db, 'v-other-project', 'p2', '2020-04-02');
});
afterEach(() => db.close());

const raise = (over: Partial<ProblemCreateInput> = {}) =>
  createProblem(db, actor, clock.now(), {
    projectId: 'p1',
    visitId: 'v-raise',
    category: 'land',
    description: '项目用地指标尚未落实',
    leadUnit: '市自然资源局',
    cooperatingUnits: ['巴彦县政府', '巴彦县政府', '市发改委'],
    deadline: '2020-05-01',
    handlingLevel: 'city_department',
    ...over,
  });

const outboxCols = (rowId: string) =>
  (db.prepare('SELECT col FROM outbox WHERE row_id = ? ORDER BY col').all(rowId) as { col: string }[]).map(
    (r) => r.col,
  );

describe('raising a problem', () => {
  it('is open, raised today in Asia/Shanghai, and written through the one write path', () => {
    // 23:30 UTC on 1 April is already 2 April in Harbin.
    clock.set(Date.UTC(2020, 3, 1, 23, 30));
    const p = raise();
    expect(p).toMatchObject({
      projectId: 'p1',
      visitId: 'v-raise',
      status: 'open',
      raisedOn: '2020-04-02',
      resolvedOn: null,
      closedOn: null,
      cooperatingUnits: ['巴彦县政府', '市发改委'],
    });
    expect(outboxCols(p.id)).toContain('status');
    expect(getHistory(db, 'problems', p.id).map((e) => e.column)).toContain('description');
  });

  it('from the project page (no visit), with a given date', () => {
    expect(raise({ visitId: null, raisedOn: '2020-03-30' })).toMatchObject({ visitId: null, raisedOn: '2020-03-30' });
  });

  it('refuses an unknown project, a visit of another project, and a deadline before the date raised', () => {
    expect(() => raise({ projectId: 'nope', visitId: null })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => raise({ visitId: 'v-other-project' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => raise({ deadline: '2020-04-01' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => raise({ description: '   ' })).toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM problems').get()).toEqual({ n: 0 });
  });
});

describe('editing a problem', () => {
  it('writes only the changed editable cells', () => {
    const p = raise();
    clock.set(shanghaiMorning('2020-04-03'));
    const q = updateProblem(db, actor, clock.now(), p.id, { leadUnit: '市住建局', deadline: '2020-06-01' });
    expect(q).toMatchObject({ leadUnit: '市住建局', deadline: '2020-06-01', status: 'open' });
    const later = getHistory(db, 'problems', p.id).filter((e) => e.at === clock.now());
    expect(later.map((e) => e.column).sort()).toEqual(['deadline', 'lead_unit']);
  });

  it('refuses status through an edit and an unknown problem', () => {
    const p = raise();
    expect(() => updateProblem(db, actor, 2, p.id, { status: 'closed' } as never)).toThrow();
    expect(() => updateProblem(db, actor, 2, 'nope', { description: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});

describe('the status flow in the store', () => {
  function resolved() {
    const p = raise();
    clock.set(shanghaiMorning('2020-04-10'));
    transitionProblem(db, actor, clock.now(), { id: p.id, to: 'in_progress' });
    clock.set(shanghaiMorning('2020-04-20'));
    const r = transitionProblem(db, actor, clock.now(), { id: p.id, to: 'resolved', resolution: '已调整用地指标' });
    expect(r).toMatchObject({ status: 'resolved', resolvedOn: '2020-04-20', resolution: '已调整用地指标' });
    return r;
  }

  it('closing needs a later submitted visit other than the raising one', () => {
    const p = resolved();
    clock.set(shanghaiMorning('2020-05-06'));
    const close = (visitId?: string) => transitionProblem(db, actor, clock.now(), { id: p.id, to: 'closed', visitId });
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => close()).toThrow(code('problem_verifying_visit_required'));
    expect(() => close('v-missing')).toThrow(code('problem_verifying_visit_required'));
    expect(() => close('v-raise')).toThrow(code('problem_verifying_visit_required'));
    addVisit(db, 'v-early', 'p1', '2020-04-15');
    expect(() => close('v-early')).toThrow(code('problem_verifying_visit_required'));
    addVisit(db, 'v-draft', 'p1', '2020-05-05', 'draft');
    expect(() => close('v-draft')).toThrow(code('problem_verifying_visit_required'));
    expect(getProblem(db, p.id)?.status).toBe('resolved');

    addVisit(db, 'v-may', 'p1', '2020-05-05');
    expect(getProblemDetail(db, p.id, clock.now()).verifyingVisits.map((v) => v.id)).toEqual(['v-may']);
    expect(close('v-may')).toMatchObject({ status: 'closed', closedOn: '2020-05-06', closingVisitId: 'v-may' });
  });

  it('a before photo asks for an after photo on the verifying visit or the problem', () => {
    const p = resolved();
    addPhoto(db, 'ph-before', 'p1', 'before', { visitId: 'v-raise', problemId: p.id });
    addVisit(db, 'v-may', 'p1', '2020-05-05');
    const close = () => transitionProblem(db, actor, clock.now(), { id: p.id, to: 'closed', visitId: 'v-may' });
    expect(close).toThrow(expect.objectContaining({ code: 'problem_after_photo_required' }));
    addPhoto(db, 'ph-after', 'p1', 'after', { visitId: 'v-may' });
    expect(getProblemDetail(db, p.id, clock.now()).verifyingVisits[0]?.afterPhotos).toBe(1);
    expect(close().status).toBe('closed');
    expect(getProblemDetail(db, p.id, clock.now()).photoCounts).toMatchObject({ before: 1, after: 0 });
  });

  it('refuses illegal moves without writing', () => {
    const p = raise();
    const before = getHistory(db, 'problems', p.id).length;
    expect(() => transitionProblem(db, actor, 5, { id: p.id, to: 'closed', visitId: 'v-raise' })).toThrow(
      expect.objectContaining({ code: 'problem_transition_not_allowed' }),
    );
    expect(() => transitionProblem(db, actor, 5, { id: p.id, to: 'open' })).toThrow(
      expect.objectContaining({ code: 'problem_transition_not_allowed' }),
    );
    expect(getHistory(db, 'problems', p.id)).toHaveLength(before);
  });

  it('reopening needs a reason, leaves a progress note and a logged status change', () => {
    const p = resolved();
    addVisit(db, 'v-may', 'p1', '2020-05-05');
    clock.set(shanghaiMorning('2020-05-06'));
    transitionProblem(db, actor, clock.now(), { id: p.id, to: 'closed', visitId: 'v-may' });
    expect(() => transitionProblem(db, actor, clock.now(), { id: p.id, to: 'in_progress', reason: ' ' })).toThrow(
      expect.objectContaining({ code: 'problem_reason_required' }),
    );
    expect(listProgressNotes(db, p.id)).toEqual([]);

    clock.set(shanghaiMorning('2020-06-03'));
    const r = transitionProblem(db, actor, clock.now(), { id: p.id, to: 'in_progress', reason: '复查发现仍未供地' });
    expect(r).toMatchObject({ status: 'in_progress', resolvedOn: null, closedOn: null, closingVisitId: null });
    const notes = listProgressNotes(db, p.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ text: `${REOPEN_NOTE_PREFIX}复查发现仍未供地`, authorName: '张三' });
    const status = getHistory(db, 'problems', p.id).find((e) => e.column === 'status' && e.at === clock.now());
    expect(status).toMatchObject({ oldValue: 'closed', newValue: 'in_progress' });
  });
});

describe('progress notes', () => {
  it('append in order with the local user and time; never updated', () => {
    const p = raise();
    clock.set(shanghaiMorning('2020-04-05'));
    const a = addProgressNote(db, actor, clock.now(), p.id, '已与自然资源局对接');
    clock.set(shanghaiMorning('2020-04-08'));
    addProgressNote(db, actor, clock.now(), p.id, '已提交市级会办');
    const detail = getProblemDetail(db, p.id, clock.now());
    expect(detail.notes.map((n) => n.text)).toEqual(['已与自然资源局对接', '已提交市级会办']);
    expect(detail.notes[0]).toMatchObject({ authorId: 'user-1', at: shanghaiMorning('2020-04-05') });
    // Each note is its own row created once: its cells are logged exactly once.
    const cols = getHistory(db, 'progress_notes', a.id).map((e) => e.column);
    expect(new Set(cols).size).toBe(cols.length);
    expect(() => addProgressNote(db, actor, 9, 'nope', 'x')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('problem detail', () => {
  it('has the project, the raising visit, and days overdue from the given clock', () => {
    const p = raise({ deadline: '2020-04-30' });
    const d = getProblemDetail(db, p.id, shanghaiMorning('2020-05-03'));
    expect(d).toMatchObject({
      projectName: '哈尔滨绿地国博城项目',
      raisedBy: { id: 'v-raise', date: '2020-04-02', status: 'submitted' },
      closedBy: null,
      verifyingVisits: [],
      daysOverdue: 3,
      today: '2020-05-03',
    });
    expect(() => getProblemDetail(db, 'nope', 1)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
