/** The assignment changes that turn `before` into `after` (group ids of one project). */
export function assignmentDiff(before: readonly string[], after: readonly string[]) {
  return [
    ...after.filter((g) => !before.includes(g)).map((groupId) => ({ groupId, assigned: true })),
    ...before.filter((g) => !after.includes(g)).map((groupId) => ({ groupId, assigned: false })),
  ];
}
