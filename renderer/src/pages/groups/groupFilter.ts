import type { GroupView } from '../../../../shared/domain/plan';

/**
 * The groups page's search: a group matches by its name, a member's name or unit, or one of its
 * projects (name, code, district, leader in charge, chief officer). The user's own groups first.
 */
export function filterGroups(groups: readonly GroupView[], query: string, onlyMine: boolean): GroupView[] {
  const q = query.trim().toLowerCase();
  const hit = (s: string | null | undefined) => !!s && s.toLowerCase().includes(q);
  return groups
    .filter((g) => !onlyMine || g.mine)
    .filter(
      (g) =>
        q === '' ||
        hit(g.group.name) ||
        hit(g.leader) ||
        g.members.some((m) => hit(m.name) || hit(m.unit)) ||
        g.projects.some(
          (p) =>
            hit(p.projectName) || hit(p.projectCode) || hit(p.district) || hit(p.leaderInCharge) || hit(p.chiefOfficer),
        ),
    )
    .sort((a, b) => Number(b.mine) - Number(a.mine));
}
