import type { ConflictView } from '../../../shared/channels/sync';

export interface ConflictGroup {
  scope: string;
  /** null for the organisation scope or a project whose name this device does not hold. */
  projectName: string | null;
  isOrg: boolean;
  open: number;
  conflicts: ConflictView[];
}

/**
 * Conflicts grouped by project: projects with open conflicts first, then by name (Chinese
 * collation), the organisation scope last; within a group open before resolved, newest first.
 */
export function groupConflicts(list: readonly ConflictView[], orgScope = 'org'): ConflictGroup[] {
  const byScope = new Map<string, ConflictGroup>();
  for (const c of list) {
    let g = byScope.get(c.scope);
    if (!g) {
      g = { scope: c.scope, projectName: c.projectName, isOrg: c.scope === orgScope, open: 0, conflicts: [] };
      byScope.set(c.scope, g);
    }
    g.projectName ??= c.projectName;
    if (c.resolution === null) g.open += 1;
    g.conflicts.push(c);
  }
  const newest = (c: ConflictView) => Math.max(c.kept.at, c.other.at);
  const groups = [...byScope.values()];
  for (const g of groups) {
    g.conflicts.sort((a, b) => Number(a.resolution !== null) - Number(b.resolution !== null) || newest(b) - newest(a));
  }
  const collator = new Intl.Collator('zh-CN');
  return groups.sort(
    (a, b) =>
      Number(a.isOrg) - Number(b.isOrg) ||
      Number(b.open > 0) - Number(a.open > 0) ||
      collator.compare(a.projectName ?? a.scope, b.projectName ?? b.scope),
  );
}
