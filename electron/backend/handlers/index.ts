import type { HandlerRegistry } from '../registry';
import { appInfoHandler, identityGet, identityRename } from './app';
import { groupsList, historyGet, searchQuery, unitsList } from './directory';
import { exportHandlers } from './exports';
import { dbKeyHandlers } from './db-key';
import { importHandlers } from './import';
import { kpiHandlers } from './kpi';
import { lockHandlers } from './lock';
import { photoHandlers } from './photos';
import { photoSyncHandlers } from './photo-sync';
import { planHandlers } from './plan';
import { problemHandlers } from './problems';
import { syncHandlers } from './sync';
import { visitHandlers } from './visits';
import {
  projectsCreate,
  projectsFacets,
  projectsGet,
  projectsList,
  projectsMonthlyFigures,
  projectsUpdate,
} from './projects';

/** Every channel of shared/api.ts; the registry type makes a missing one a compile error. */
export function createHandlers(opts: { version?: string } = {}): HandlerRegistry {
  return {
    'app.info': appInfoHandler(opts.version ?? '0.0.0'),
    'identity.get': identityGet,
    'identity.rename': identityRename,
    'projects.list': projectsList,
    'projects.facets': projectsFacets,
    'projects.get': projectsGet,
    'projects.monthlyFigures': projectsMonthlyFigures,
    'projects.create': projectsCreate,
    'projects.update': projectsUpdate,
    'groups.list': groupsList,
    'units.list': unitsList,
    'search.query': searchQuery,
    'history.get': historyGet,
    ...visitHandlers,
    ...problemHandlers,
    ...photoHandlers,
    ...photoSyncHandlers,
    ...syncHandlers,
    ...planHandlers,
    ...kpiHandlers,
    ...importHandlers,
    ...dbKeyHandlers,
    ...exportHandlers,
    ...lockHandlers,
  };
}
