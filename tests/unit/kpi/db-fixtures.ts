import { writeRecord } from '../../../electron/backend/db/writer';
import { writer, type World } from '../plan/setup';

/** 一万元: the figures are in 元, the cases are worked in 万元. */
export const W = 10_000;

/** A submitted monthly visit carrying the two money figures the rates read, written now. */
export function addFiguresVisit(
  w: World,
  id: string,
  projectId: string,
  date: string,
  completed: number,
  funds = completed,
): void {
  writeRecord(w.db, writer, w.now(), {
    table: 'visits',
    rowId: id,
    cells: {
      project_id: projectId,
      date,
      kind: 'monthly',
      status: 'submitted',
      participants: '[]',
      findings: '',
      submitted_at: w.now(),
      completed_investment_this_year: completed,
      funds_in_place: funds,
      deleted: false,
    },
  });
}
