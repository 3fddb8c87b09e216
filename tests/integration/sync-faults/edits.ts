/**
 * The edits the fault tests sync: a project with a problem both devices hold, then
 * concurrent changes on two devices that collide (a field and a status) and that do not.
 */
import type { Backend } from '../../../electron/backend/backend';
import type { Problem } from '../../../shared/domain/problem';
import type { Project } from '../../../shared/domain/project';
import { projectInput } from '../../unit/db/fixtures';
import { call, type World } from './world';

export interface Shared {
  project: Project;
  problem: Problem;
}

export async function createProject(b: Backend, code: string, name: string): Promise<Project> {
  return call<Project>(b, 'projects.create', projectInput({ code, name }));
}

/** A creates a project with a problem; after a fault-free sync every device holds them. */
export async function sharedProject(world: World, devices: readonly Backend[], tag: string): Promise<Shared> {
  const [a] = devices as [Backend];
  const project = await createProject(a, `${tag}-1`, `${tag} 共享项目`);
  const problem = await call<Problem>(a, 'problems.create', {
    projectId: project.id,
    category: 'land',
    description: `${tag} 用地指标未落实`,
    handlingLevel: 'district',
  });
  await world.settle(devices);
  return { project, problem };
}

/**
 * Neither device has seen the other's changes: the project name collides (field),
 * the problem status collides (status); the rest merges cleanly. B also makes a project.
 */
export async function concurrentEdits(a: Backend, b: Backend, s: Shared, tag: string): Promise<Project> {
  await call(a, 'projects.update', { id: s.project.id, patch: { name: `${tag} A 改名`, location: 'A 填的地址' } });
  await call(a, 'problems.transition', { id: s.problem.id, to: 'in_progress' });
  await call(a, 'problems.addNote', { problemId: s.problem.id, text: `${tag} A 的进展` });
  // B's writes are the newer ones, so which side wins does not hang on one millisecond.
  await new Promise((r) => setTimeout(r, 5));
  await call(b, 'projects.update', { id: s.project.id, patch: { name: `${tag} B 改名`, stage: 'new_start' } });
  await call(b, 'problems.transition', { id: s.problem.id, to: 'resolved', resolution: '已协调解决' });
  await call(b, 'problems.addNote', { problemId: s.problem.id, text: `${tag} B 的进展` });
  return createProject(b, `${tag}-2`, `${tag} B 新建项目`);
}
