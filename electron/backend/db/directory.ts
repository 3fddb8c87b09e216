import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ServiceGroup, Unit, type GroupMember } from '../../../shared/domain/directory';
import type { CellValue } from '../../../shared/records';
import { jsonCell, parseJson, str, strOrNull, stmt, type Row } from './cells';
import { writeRecord, type Actor } from './writer';

/** Service groups (服务组) and units (部门): the organisation-scoped directories. */
export function rowToGroup(r: Row): ServiceGroup {
  return {
    id: str(r['id']),
    name: str(r['name']),
    leader: strOrNull(r['leader']),
    chiefOfficer: strOrNull(r['chief_officer']),
    chiefOfficerPhone: strOrNull(r['chief_officer_phone']),
    members: parseJson<GroupMember[]>(r['members'], []),
  };
}

export function groupToCells(g: Omit<ServiceGroup, 'id'>): Record<string, CellValue> {
  return {
    name: g.name,
    leader: g.leader,
    chief_officer: g.chiefOfficer,
    chief_officer_phone: g.chiefOfficerPhone,
    members: jsonCell(g.members),
  };
}

export function rowToUnit(r: Row): Unit {
  return { id: str(r['id']), name: str(r['name']), district: strOrNull(r['district']) };
}

export function unitToCells(u: Omit<Unit, 'id'>): Record<string, CellValue> {
  return { name: u.name, district: u.district };
}

export function listGroups(db: Database): ServiceGroup[] {
  return (stmt(db, 'SELECT * FROM service_groups WHERE deleted = 0 ORDER BY name, id').all() as Row[]).map(rowToGroup);
}

export function getGroup(db: Database, id: string): ServiceGroup | null {
  const r = stmt(db, 'SELECT * FROM service_groups WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToGroup(r) : null;
}

export function listUnits(db: Database): Unit[] {
  return (stmt(db, 'SELECT * FROM units WHERE deleted = 0 ORDER BY name, id').all() as Row[]).map(rowToUnit);
}

/** Creates (no id) or updates a group through the write path. */
export function saveGroup(
  db: Database,
  actor: Actor,
  now: number,
  group: Omit<ServiceGroup, 'id'> & { id?: string },
): ServiceGroup {
  const g = ServiceGroup.parse({ ...group, id: group.id ?? randomUUID() });
  writeRecord(db, actor, now, { table: 'service_groups', rowId: g.id, cells: groupToCells(g) });
  return getGroup(db, g.id)!;
}

export function saveUnit(db: Database, actor: Actor, now: number, unit: Omit<Unit, 'id'> & { id?: string }): Unit {
  const u = Unit.parse({ ...unit, id: unit.id ?? randomUUID() });
  writeRecord(db, actor, now, { table: 'units', rowId: u.id, cells: unitToCells(u) });
  return rowToUnit(stmt(db, 'SELECT * FROM units WHERE id = ?').get(u.id) as Row);
}
