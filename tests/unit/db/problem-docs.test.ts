import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migration008 } from '../../../electron/backend/db/migrations/008-problem-docs';
import { openDatabase } from '../../../electron/backend/db/open';
import { listProblems } from '../../../electron/backend/db/problems-list';
import { removeSearchDoc, upsertSearchDoc } from '../../../electron/backend/db/search';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { writeRecord } from '../../../electron/backend/db/writer';
import { actor, problem, project } from './fixtures';
import { shanghaiMorning } from './problems-setup';

/*
 * problem_docs (migration 008) holds, under each problem's search docid, the columns the problem
 * list filters and sorts on. It must equal a plain join of search_docs and problems after every
 * kind of write, whichever of the two rows comes first.
 */
let db: Database;
const HLC = '2020-01-01T00:00:00.000Z-0000-server';

const KEPT = `SELECT docid, id, project_id, visit_id, status, category, handling_level, lead_unit, deadline, raised_on,
  deleted FROM problem_docs ORDER BY docid`;
const JOINED = `SELECT d.docid, pr.id, pr.project_id, pr.visit_id, pr.status, pr.category, pr.handling_level,
  pr.lead_unit, pr.deadline, pr.raised_on, pr.deleted
  FROM search_docs d JOIN problems pr ON pr.id = d.ref_id WHERE d.kind = 'problem' ORDER BY d.docid`;

function expectInStep(): void {
  const kept = db.prepare(KEPT).all();
  expect(kept).toEqual(db.prepare(JOINED).all());
}

beforeAll(() => {
  db = openDatabase(':memory:');
  importSnapshot(
    db,
    [
      { table: 'projects', records: [project('p1', { code: 'A' }), project('p2', { code: 'B' })] },
      {
        table: 'problems',
        records: Array.from({ length: 6 }, (_, i) =>
          problem(`q${i}`, i % 2 ? 'p2' : 'p1', { description: i % 2 ? '施工用电容量不足' : '项目用地指标尚未落实' }),
        ),
      },
    ],
    HLC,
  );
});
afterAll(() => db.close());

describe('problem_docs', () => {
  it('is filled by the import: one row per problem, the list finds them by text', () => {
    expect(db.prepare(KEPT).all()).toHaveLength(6);
    expectInStep();
    expect(listProblems(db, { query: '用电' }, shanghaiMorning('2020-05-10')).total).toBe(3);
  });

  it('follows edits through the write path: status, deadline, lead unit, project, deletion', () => {
    const now = shanghaiMorning('2020-05-10');
    writeRecord(db, actor, now, { table: 'problems', rowId: 'q0', cells: { status: 'resolved', deadline: null } });
    writeRecord(db, actor, now, { table: 'problems', rowId: 'q1', cells: { lead_unit: '市财政局', project_id: 'p1' } });
    writeRecord(db, actor, now, { table: 'problems', rowId: 'q2', cells: { deleted: true } });
    expectInStep();
    // The deleted problem's document is gone, and so is its row here.
    expect(db.prepare(`SELECT count(*) AS n FROM problem_docs WHERE id = 'q2'`).get()).toEqual({ n: 0 });
    const page = listProblems(db, { query: '用地', statuses: ['resolved'] }, now);
    expect(page.rows.map((r) => r.id)).toEqual(['q0']);
  });

  it('follows raw SQL on either table, and a document written before its problem', () => {
    db.prepare(`UPDATE problems SET category = 'funding', handling_level = 'province' WHERE id = 'q3'`).run();
    db.prepare(`DELETE FROM problems WHERE id = 'q4'`).run();
    db.prepare(`UPDATE problems SET id = 'q5b' WHERE id = 'q5'`).run();
    removeSearchDoc(db, 'problem', 'q3');
    upsertSearchDoc(db, 'problem', 'q9', 'p2', ['道里先行']);
    importSnapshot(db, [{ table: 'problems', records: [problem('q9', 'p2', { description: '道里先行' })] }], HLC);
    db.prepare(`DELETE FROM search_docs WHERE project_id = 'p1' AND kind = 'problem'`).run();
    expectInStep();
    expect((db.prepare(KEPT).all() as { id: string }[]).map((r) => r.id).sort()).toEqual(['q9']);
  });

  it('the migration fills it from what is there', () => {
    db.exec(`DROP TABLE problem_docs;
      DROP TRIGGER problem_docs_doc_insert; DROP TRIGGER problem_docs_doc_update; DROP TRIGGER problem_docs_doc_delete;
      DROP TRIGGER problem_docs_row_insert; DROP TRIGGER problem_docs_row_update; DROP TRIGGER problem_docs_row_delete;`);
    importSnapshot(db, [{ table: 'problems', records: [problem('q1', 'p1', { status: 'in_progress' })] }], HLC);
    migration008.up(db);
    expect(db.prepare(KEPT).all()).toHaveLength(2);
    expectInStep();
  });
});
