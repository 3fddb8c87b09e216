import type { Handler } from '../registry';
import { listGroups, listUnits } from '../db/directory';
import { getHistory } from '../db/history';
import { searchRecords } from '../db/search';

export const groupsList: Handler<'groups.list'> = (_input, ctx) => listGroups(ctx.db);

export const unitsList: Handler<'units.list'> = (_input, ctx) => listUnits(ctx.db);

export const searchQuery: Handler<'search.query'> = (input, ctx) => searchRecords(ctx.db, input.q, input.limit);

export const historyGet: Handler<'history.get'> = (input, ctx) => getHistory(ctx.db, input.table, input.rowId);
