import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VisitDraftInput } from '../../../shared/channels/visits';
import { saveGroup } from '../../../electron/backend/db/directory';
import { openDatabase } from '../../../electron/backend/db/open';
import { createProject } from '../../../electron/backend/db/projects';
import {
  DRAFTS_SQL,
  getVisitView,
  listDrafts,
  prefillVisit,
  reopenVisit,
  saveDraft,
  saveVisit,
  submitVisit,
} from '../../../electron/backend/db/visits';
import { actor, fakeClock, group, projectInput, visit } from './fixtures';

let db: Database;
beforeEach(() => (db = openDatabase(':memory:')));
afterEach(() => db.close());

const W = 10_000;
const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

function draftOf(projectId: string, over: Partial<VisitDraftInput> = {}): VisitDraftInput {
  const { id: _id, status: _s, submittedAt: _t, ...rest } = visit('x', projectId, '2020-05-12');
  return { ...rest, ...over };
}

describe('visit drafts', () => {
  it('a first save creates the draft row, its change log and its outbox entries', () => {
    const clock = fakeClock(Date.UTC(2020, 4, 12, 2));
    const p = createProject(db, actor, clock.now(), projectInput());
    const before = count('SELECT count(*) AS n FROM outbox');
    const v = saveDraft(db, actor, clock.now(), draftOf(p.id));
    expect(v).toMatchObject({ status: 'draft', submittedAt: null, projectId: p.id });
    expect(count("SELECT count(*) AS n FROM visits WHERE status = 'draft'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM change_log WHERE tbl = 'visits' AND row_id = ?", v.id)).toBeGreaterThan(10);
    expect(count('SELECT count(*) AS n FROM outbox') - before).toBeGreaterThan(10);
    expect(count("SELECT count(*) AS n FROM outbox WHERE tbl = 'visits' AND scope = ?", p.id)).toBe(
      count("SELECT count(*) AS n FROM outbox WHERE tbl = 'visits'"),
    );
  });

  it('autosaves while typing coalesce to one outbox entry per cell, each logged', () => {
    const clock = fakeClock(Date.UTC(2020, 4, 12, 2));
    const p = createProject(db, actor, clock.now(), projectInput());
    const v = saveDraft(db, actor, clock.now(), draftOf(p.id, { findings: '' }));
    const outboxBefore = count("SELECT count(*) AS n FROM outbox WHERE tbl = 'visits'");
    const typed = '现场主体结构施工，塔吊三台';
    for (let i = 1; i <= typed.length; i++) {
      clock.set(clock.now() + 700);
      saveDraft(db, actor, clock.now(), draftOf(p.id, { id: v.id, findings: typed.slice(0, i) }));
    }
    expect(count("SELECT count(*) AS n FROM outbox WHERE tbl = 'visits'")).toBe(outboxBefore);
    const box = db
      .prepare("SELECT value FROM outbox WHERE tbl = 'visits' AND row_id = ? AND col = 'findings'")
      .get(v.id);
    expect(box).toEqual({ value: JSON.stringify(typed) });
    expect(
      count("SELECT count(*) AS n FROM change_log WHERE tbl = 'visits' AND row_id = ? AND col = 'findings'", v.id),
    ).toBe(typed.length + 1);
    // An unchanged save writes nothing.
    const logged = count('SELECT count(*) AS n FROM change_log');
    saveDraft(db, actor, clock.now() + 1, draftOf(p.id, { id: v.id, findings: typed }));
    expect(count('SELECT count(*) AS n FROM change_log')).toBe(logged);
    expect(getVisitView(db, v.id).lastSavedAt).toBe(clock.now());
  });

  it('refuses to edit a submitted visit or to move a draft to another project', () => {
    const clock = fakeClock(Date.UTC(2020, 4, 12, 2));
    const p = createProject(db, actor, clock.now(), projectInput());
    const q = createProject(db, actor, clock.now(), projectInput({ code: 'B' }));
    const v = saveDraft(db, actor, clock.now(), draftOf(p.id));
    expect(() => saveDraft(db, actor, clock.now(), draftOf(q.id, { id: v.id }))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    submitVisit(db, actor, clock.now(), v.id);
    expect(() => saveDraft(db, actor, clock.now(), draftOf(p.id, { id: v.id, findings: 'x' }))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => saveDraft(db, actor, clock.now(), draftOf('nope'))).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('lists this user’s drafts, newest edit first, with the project name', () => {
    const clock = fakeClock(Date.UTC(2020, 4, 12, 2));
    const p = createProject(db, actor, clock.now(), projectInput());
    const a = saveDraft(db, actor, clock.now(), draftOf(p.id));
    clock.set(clock.now() + 1000);
    const b = saveDraft(db, actor, clock.now(), draftOf(p.id, { date: '2020-05-10' }));
    const other = { ...actor, userId: 'user-2', userName: '李四' };
    saveDraft(db, other, clock.now(), draftOf(p.id));
    clock.set(clock.now() + 1000);
    saveDraft(db, actor, clock.now(), draftOf(p.id, { id: a.id, findings: '补充' }));
    const drafts = listDrafts(db, actor.userId);
    expect(drafts.map((d) => d.id)).toEqual([a.id, b.id]);
    expect(drafts[0]).toMatchObject({
      projectName: '哈尔滨绿地国博城项目',
      date: '2020-05-12',
      updatedAt: clock.now(),
    });
    submitVisit(db, actor, clock.now(), b.id);
    expect(listDrafts(db, actor.userId).map((d) => d.id)).toEqual([a.id]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${DRAFTS_SQL}`).all('u') as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/idx_visits_drafts/);
  });
});

describe('submit and reopen', () => {
  function setup() {
    const clock = fakeClock(Date.UTC(2020, 4, 12, 2));
    const p = createProject(db, actor, clock.now(), projectInput({ totalInvestment: 10_000 * W }));
    saveVisit(
      db,
      actor,
      clock.now(),
      visit('v-apr', p.id, '2020-04-10', {
        figures: {
          completedInvestmentThisYear: 100 * W,
          fundsInPlace: 150 * W,
          cumulativeInvestment: 3_000 * W,
          stage: 'continuing',
          workersOnSite: 80,
          visibleProgress: null,
        },
      }),
    );
    return { clock, p };
  }
  const figures = (thisYear: number, funds: number, cumulative: number) => ({
    completedInvestmentThisYear: thisYear * W,
    fundsInPlace: funds * W,
    cumulativeInvestment: cumulative * W,
    stage: 'continuing' as const,
    workersOnSite: 90,
    visibleProgress: '主体封顶',
  });

  it('refuses broken invariants and missing fields with field details, and leaves the draft as it was', () => {
    const { clock, p } = setup();
    const v = saveDraft(db, actor, clock.now(), draftOf(p.id, { findings: ' ', figures: figures(90, 150, 20_000) }));
    let error: unknown;
    try {
      submitVisit(db, actor, clock.now(), v.id);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_input' });
    const details = (error as { details: { path: string[]; message: string }[] }).details;
    expect(details.map((d) => `${d.path.join('.')}:${d.message}`)).toEqual([
      'findings:findings_required',
      'figures.cumulativeInvestment:exceeds_total',
      'figures.completedInvestmentThisYear:decreased',
    ]);
    expect(getVisitView(db, v.id).visit.status).toBe('draft');
  });

  it('accepts a decrease marked as a correction and stamps the submission', () => {
    const { clock, p } = setup();
    const v = saveDraft(db, actor, clock.now(), draftOf(p.id, { figures: figures(90, 150, 3_100) }));
    expect(() => submitVisit(db, actor, clock.now(), v.id)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    saveDraft(
      db,
      actor,
      clock.now(),
      draftOf(p.id, { id: v.id, isCorrection: true, figures: figures(90, 150, 3_100) }),
    );
    clock.set(clock.now() + 5000);
    const done = submitVisit(db, actor, clock.now(), v.id);
    expect(done).toMatchObject({ status: 'submitted', submittedAt: clock.now(), isCorrection: true });
    // Twice is harmless.
    expect(submitVisit(db, actor, clock.now() + 1, v.id).submittedAt).toBe(clock.now());
  });

  it('compares with the previous submitted visit, never with itself or a later one', () => {
    const { clock, p } = setup();
    saveVisit(db, actor, clock.now(), visit('v-jun', p.id, '2020-06-10', { figures: figures(500, 500, 4_000) }));
    const may = saveDraft(db, actor, clock.now(), draftOf(p.id, { figures: figures(200, 200, 3_200) }));
    expect(getVisitView(db, may.id).previous.cumulativeInvestment).toEqual({
      value: 3_000 * W,
      date: '2020-04-10',
      visitId: 'v-apr',
    });
    expect(submitVisit(db, actor, clock.now(), may.id).status).toBe('submitted');
  });

  it('a reopen returns the visit to draft and records the reason and the change', () => {
    const { clock, p } = setup();
    const v = saveDraft(db, actor, clock.now(), draftOf(p.id, { figures: figures(200, 200, 3_200) }));
    submitVisit(db, actor, clock.now(), v.id);
    expect(() => reopenVisit(db, actor, clock.now(), 'nope', '录入错误')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    clock.set(clock.now() + 60_000);
    const reopened = reopenVisit(db, actor, clock.now(), v.id, ' 累计投资录入错误 ');
    expect(reopened).toMatchObject({ status: 'draft', submittedAt: null });
    expect(getVisitView(db, v.id).correctionReason).toBe('累计投资录入错误');
    const log = db
      .prepare('SELECT col, old_value, new_value, at FROM change_log WHERE row_id = ? AND at = ? ORDER BY col')
      .all(v.id, clock.now());
    expect(log).toEqual([
      { col: 'correction_reason', old_value: 'null', new_value: '"累计投资录入错误"', at: clock.now() },
      { col: 'status', old_value: '"submitted"', new_value: '"draft"', at: clock.now() },
      { col: 'submitted_at', old_value: String(Date.UTC(2020, 4, 12, 2)), new_value: 'null', at: clock.now() },
    ]);
    expect(() => reopenVisit(db, actor, clock.now(), v.id, '再次')).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(listDrafts(db, actor.userId).map((d) => d.id)).toEqual([v.id]);
  });
});

describe('prefill', () => {
  it('starts from the group, its people, the last submitted figures and today in Shanghai', () => {
    // 2020-05-31 17:30 UTC is already 1 June in Harbin.
    const clock = fakeClock(Date.UTC(2020, 4, 31, 17, 30));
    const g = saveGroup(db, actor, clock.now(), group('g1', '第一服务组'));
    const p = createProject(db, actor, clock.now(), projectInput({ groupId: g.id }));
    saveVisit(db, actor, clock.now(), visit('v1', p.id, '2020-05-20'));
    saveVisit(db, actor, clock.now(), visit('v2', p.id, '2020-05-28', { status: 'draft', submittedAt: null }));
    const pre = prefillVisit(db, p.id, clock.now());
    expect(pre.date).toBe('2020-06-01');
    expect(pre.group?.id).toBe('g1');
    expect(pre.participants).toEqual(['赵组长', '钱首席', '孙联络']);
    expect(pre.lastVisitDate).toBe('2020-05-20');
    expect(pre.lastFigures?.cumulativeInvestment).toBe(50_000_000);
    expect(pre.previous.completedInvestmentThisYear).toEqual({ value: 10_000_000, date: '2020-05-20', visitId: 'v1' });
    expect(pre.project).toMatchObject({ id: p.id, totalInvestment: 1_500_000_000 });
    expect(() => prefillVisit(db, 'nope', clock.now())).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
