import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { applyPulledRows, parkedCount, replayParked } from '../../../electron/backend/db/sync-apply';
import { writeRecord } from '../../../electron/backend/db/writer';
import { getHistory } from '../../../electron/backend/db/history';
import { searchRecords } from '../../../electron/backend/db/search';
import { actor } from '../db/fixtures';
import { T0, applyOpts, count, hlcAt, outboxOf, projectCells, pulled, visitCells } from './helpers';

let db: Database;
beforeEach(() => (db = openDatabase(':memory:')));
afterEach(() => db.close());

const project = (id: string) => db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as Record<string, unknown>;

describe('applying pulled rows', () => {
  it('a snapshot row is one row with row_hlc: no versions, no change log, no outbox', () => {
    const res = applyPulledRows(
      db,
      [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())],
      applyOpts({ isSnapshot: () => true }),
    );
    expect(res.applied).toBe(1);
    expect(project('p1')).toMatchObject({ name: '松北新区项目', row_hlc: hlcAt(T0), deleted: 0 });
    expect(count(db, 'cell_versions')).toBe(0);
    expect(count(db, 'change_log')).toBe(0);
    expect(count(db, 'outbox')).toBe(0);
    expect(searchRecords(db, '松北', 10).map((h) => h.id)).toContain('p1');
    expect(res.maxHlc).toBe(hlcAt(T0));
  });

  it('each cell follows last-writer-wins: newer remote cells win, older ones do not', () => {
    applyPulledRows(db, [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())], applyOpts());
    const row = pulled('projects', 'p1', 'p1', hlcAt(T0 - 5000), projectCells({ name: '新名称', district: '道里区' }), {
      versions: { name: hlcAt(T0 + 1000) },
      authors: { name: 'u-remote' },
    });
    applyPulledRows(db, [row], applyOpts());
    expect(project('p1')).toMatchObject({ name: '新名称', district: '松北区' });
    const history = getHistory(db, 'projects', 'p1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      column: 'name',
      oldValue: '松北新区项目',
      newValue: '新名称',
      authorId: 'u-remote',
      authorName: '王五',
      deviceId: 'remote',
      at: T0 + 1000,
    });
    expect(db.prepare("SELECT hlc FROM cell_versions WHERE col = 'name'").get()).toEqual({ hlc: hlcAt(T0 + 1000) });
    expect(count(db, 'outbox')).toBe(0);
  });

  it('a pending local edit newer than the remote one survives and is still pushed', () => {
    applyPulledRows(db, [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())], applyOpts());
    writeRecord(db, actor, T0 + 10_000, { table: 'projects', rowId: 'p1', cells: { name: '本机改名' } });
    const remote = pulled(
      'projects',
      'p1',
      'p1',
      hlcAt(T0 + 5000),
      projectCells({ name: '远程改名', stage: 'completed' }),
    );
    applyPulledRows(db, [remote], applyOpts());
    expect(project('p1')).toMatchObject({ name: '本机改名', stage: 'completed' });
    const box = outboxOf(db);
    expect(box.map((o) => [o.col, o.value, o.base_hlc])).toEqual([['name', '"本机改名"', hlcAt(T0)]]);

    // A later remote write wins the cell; the local op still goes (the server keeps both as a conflict).
    applyPulledRows(
      db,
      [pulled('projects', 'p1', 'p1', hlcAt(T0 + 20_000), projectCells({ name: '更晚的' }))],
      applyOpts(),
    );
    expect(project('p1')).toMatchObject({ name: '更晚的' });
    expect(outboxOf(db)).toHaveLength(1);
  });

  it('a child whose parent has not arrived is parked and applied when the parent comes', () => {
    const visit = pulled('visits', 'v1', 'p1', hlcAt(T0 + 1), visitCells('p1'));
    const first = applyPulledRows(db, [visit], applyOpts());
    expect(first.parked).toBe(1);
    expect(count(db, 'visits')).toBe(0);
    expect(db.prepare('SELECT reason FROM parked_rows').get()).toEqual({ reason: 'parent_missing' });

    applyPulledRows(db, [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())], applyOpts());
    const replay = replayParked(db, applyOpts(), false);
    expect(replay.applied).toBe(1);
    expect(db.prepare('SELECT project_id, date FROM visits WHERE id = ?').get('v1')).toEqual({
      project_id: 'p1',
      date: '2026-03-30',
    });
    expect(parkedCount(db)).toBe(0);
  });

  it('a partial new row waits until its missing cells arrive, merged per cell', () => {
    const part = pulled('projects', 'p2', 'p2', hlcAt(T0), { name: '只有名字' });
    applyPulledRows(db, [part], applyOpts());
    expect(db.prepare('SELECT reason FROM parked_rows').get()).toEqual({ reason: 'partial_row' });
    const older = pulled('projects', 'p2', 'p2', hlcAt(T0 - 1000), projectCells({ name: '旧名字' }));
    applyPulledRows(db, [older], applyOpts());
    replayParked(db, applyOpts(), false);
    expect(project('p2')).toMatchObject({ name: '只有名字', code: 'HRB-001' });
  });

  it('a table or column this version does not know is parked, the rest applies', () => {
    const rows = [
      { scope: 'org', table: 'meeting_agendas', id: 'm1', seq: 9, hlc: hlcAt(T0), cells: { title: '例会' } },
      pulled('projects', 'p3', 'p3', hlcAt(T0), { ...projectCells(), future_col: 'x' }),
    ];
    const res = applyPulledRows(db, rows, applyOpts());
    expect(res.parked).toBe(1);
    expect(project('p3')).toMatchObject({ name: '松北新区项目' });
    const parked = db.prepare('SELECT tbl, reason, payload FROM parked_rows ORDER BY tbl').all() as {
      tbl: string;
      reason: string;
      payload: string;
    }[];
    expect(parked.map((p) => [p.tbl, p.reason])).toEqual([
      ['meeting_agendas', 'unknown_table'],
      ['projects', 'unknown_column'],
    ]);
    expect(JSON.parse(parked[1]!.payload)).toMatchObject({ cells: { future_col: 'x' } });
    // Replayed after an upgrade; still unknown here, so still kept.
    replayParked(db, applyOpts(), true);
    expect(parkedCount(db)).toBe(2);
  });

  it('a deletion removes the record from search', () => {
    applyPulledRows(db, [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())], applyOpts());
    applyPulledRows(db, [pulled('projects', 'p1', 'p1', hlcAt(T0 + 1), projectCells({ deleted: true }))], applyOpts());
    expect(project('p1')['deleted']).toBe(1);
    expect(searchRecords(db, '松北', 10)).toEqual([]);
  });
});
