import type { Database } from 'better-sqlite3';
import type { LocalUser } from '../../../shared/domain/identity';
import type { ProjectPatch } from '../../../shared/domain/project';
import { AppError } from '../../../shared/errors';
import { mayWrite } from '../../../shared/sync/roles';
import type { Handler } from '../registry';
import { actorOf, ensureLocalUser } from '../db/identity';
import { monthlyFigures } from '../db/monthly-figures';
import {
  createProject,
  getProjectDetail,
  listProjects,
  projectFacets,
  projectToCells,
  updateProject,
} from '../db/projects';

export const projectsList: Handler<'projects.list'> = (input, ctx) => listProjects(ctx.db, input, ctx.now());

export const projectsFacets: Handler<'projects.facets'> = (_input, ctx) => projectFacets(ctx.db);

export const projectsGet: Handler<'projects.get'> = (input, ctx) => getProjectDetail(ctx.db, input.id);

export const projectsMonthlyFigures: Handler<'projects.monthlyFigures'> = (input, ctx) =>
  monthlyFigures(ctx.db, input.projectId, input.year, ctx.now());

/**
 * Coordinators and admins create and edit projects (issue 3); a local user who never
 * signed in may do everything on this device. The server checks again on push.
 */
function projectWriter(db: Database, now: number, scope: string, patch: ProjectPatch): LocalUser {
  const user = ensureLocalUser(db, now);
  if (user.role === null) return user;
  const role = user.role;
  // group_id is the server's (assignments); the form carries it unchanged, so it is not the user's edit.
  const edited = Object.keys(projectToCells(patch)).filter((column) => column !== 'group_id');
  if (edited.some((column) => !mayWrite(role, { scope, table: 'projects', column }))) {
    throw new AppError('forbidden', 'only coordinators and administrators edit projects');
  }
  return user;
}

export const projectsCreate: Handler<'projects.create'> = (input, ctx) => {
  const now = ctx.now();
  const user = projectWriter(ctx.db, now, 'new', input);
  const project = createProject(ctx.db, actorOf(user), now, input);
  ctx.emit('data.changed', { tables: ['projects'] });
  return project;
};

export const projectsUpdate: Handler<'projects.update'> = (input, ctx) => {
  const now = ctx.now();
  const user = projectWriter(ctx.db, now, input.id, input.patch);
  const project = updateProject(ctx.db, actorOf(user), now, input.id, input.patch);
  ctx.emit('data.changed', { tables: ['projects'] });
  return project;
};
