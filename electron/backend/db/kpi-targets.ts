import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { CampaignTarget, TargetSaveInput, type TargetRate } from '../../../shared/kpi/targets';
import type { ProjectLevel } from '../../../shared/domain/project';
import { num, numOrNull, parseJson, str, strOrNull, stmt, type Row } from './cells';
import { writeRecord, type Actor } from './writer';

/** Campaign targets (organisation scope): coordinators set them, the dashboard measures against them. */

function rowToTarget(r: Row): CampaignTarget {
  return {
    id: str(r['id']),
    campaign: str(r['campaign']),
    rate: str(r['rate']) as TargetRate,
    targetBp: num(r['target_bp']),
    dueOn: strOrNull(r['due_on']),
    levels: parseJson<ProjectLevel[]>(r['levels'], []),
    setByName: strOrNull(r['set_by_name']),
    at: numOrNull(r['at']),
  };
}

/** Every live target, by rate then due date (undated last). */
export function listTargets(db: Database): CampaignTarget[] {
  const rows = stmt(
    db,
    'SELECT * FROM campaign_targets WHERE deleted = 0 ORDER BY rate, due_on IS NULL, due_on, campaign, id',
  ).all() as Row[];
  // Rows come from sync: one that does not parse (a newer app's rate) is left out, not fatal.
  return rows.flatMap((r) => {
    const t = CampaignTarget.safeParse(rowToTarget(r));
    return t.success ? [t.data] : [];
  });
}

function getTarget(db: Database, id: string): CampaignTarget | null {
  const r = stmt(db, 'SELECT * FROM campaign_targets WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToTarget(r) : null;
}

export function saveTarget(db: Database, actor: Actor, now: number, raw: TargetSaveInput): CampaignTarget {
  const input = TargetSaveInput.parse(raw);
  if (input.id && !getTarget(db, input.id)) throw new AppError('not_found', `no target ${input.id}`);
  const id = input.id ?? randomUUID();
  writeRecord(db, actor, now, {
    table: 'campaign_targets',
    rowId: id,
    cells: {
      campaign: input.campaign,
      rate: input.rate,
      target_bp: input.targetBp,
      due_on: input.dueOn,
      levels: JSON.stringify([...new Set(input.levels)].sort()),
      set_by: actor.userId,
      set_by_name: actor.userName,
      at: now,
      deleted: false,
    },
  });
  return getTarget(db, id)!;
}

export function deleteTarget(db: Database, actor: Actor, now: number, id: string): { id: string } {
  if (!getTarget(db, id)) throw new AppError('not_found', `no target ${id}`);
  writeRecord(db, actor, now, { table: 'campaign_targets', rowId: id, cells: { deleted: true } });
  return { id };
}
