import type { Handler } from '../registry';
import { actorOf, ensureLocalUser } from '../db/identity';
import { monthlyFigures } from '../db/monthly-figures';
import { createProject, getProjectDetail, listProjects, projectFacets, updateProject } from '../db/projects';

export const projectsList: Handler<'projects.list'> = (input, ctx) => listProjects(ctx.db, input, ctx.now());

export const projectsFacets: Handler<'projects.facets'> = (_input, ctx) => projectFacets(ctx.db);

export const projectsGet: Handler<'projects.get'> = (input, ctx) => getProjectDetail(ctx.db, input.id);

export const projectsMonthlyFigures: Handler<'projects.monthlyFigures'> = (input, ctx) =>
  monthlyFigures(ctx.db, input.projectId, input.year, ctx.now());

export const projectsCreate: Handler<'projects.create'> = (input, ctx) => {
  const now = ctx.now();
  const project = createProject(ctx.db, actorOf(ensureLocalUser(ctx.db, now)), now, input);
  ctx.emit('data.changed', { tables: ['projects'] });
  return project;
};

export const projectsUpdate: Handler<'projects.update'> = (input, ctx) => {
  const now = ctx.now();
  const project = updateProject(ctx.db, actorOf(ensureLocalUser(ctx.db, now)), now, input.id, input.patch);
  ctx.emit('data.changed', { tables: ['projects'] });
  return project;
};
