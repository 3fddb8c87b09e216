import type { Database } from 'better-sqlite3';
import type { SearchHit } from '../../../shared/api';
import type { RecordTable } from '../../../shared/records';
import { stmt, str, strOrNull, type Row } from './cells';

/**
 * Chinese-capable full-text search on FTS5. unicode61 sees a run of Hanzi as one
 * token and trigram needs 3 characters, so we index our own tokens: each pair of
 * neighbouring characters, plus the last character of each segment on its own
 * ("巴彦县" → 巴彦 彦县 县). Every character then starts some token, so a
 * 1-character query is a prefix query; a longer one is a phrase of consecutive
 * bigrams, i.e. an exact substring. This costs one token per character, half of
 * a separate unigram column, which matters for bulk import.
 */
export type SearchKind = 'project' | 'problem';

const TOKEN_CHARS = /[\p{L}\p{N}\p{M}]+/gu;

/** NFKC, lower-case, split at everything that is not a letter or digit. */
export function segments(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN_CHARS) ?? [];
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

export function indexText(fields: readonly (string | null)[]): string {
  const tokens: string[] = [];
  for (const field of fields) {
    if (!field) continue;
    for (const seg of segments(field)) {
      const chars = Array.from(seg);
      tokens.push(...bigrams(chars), chars[chars.length - 1]!);
    }
  }
  return tokens.join(' ');
}

/**
 * The FTS5 MATCH expression for user text, or null when it has nothing to search for.
 * Only our own letter/digit tokens reach it, each inside a quoted phrase, so
 * FTS syntax typed by the user (quotes, *, NEAR, column:) is inert.
 */
export function buildMatch(q: string, kind?: SearchKind): string | null {
  const parts = segments(q).map((seg) => {
    const chars = Array.from(seg);
    return chars.length === 1 ? `bi : "${chars[0]}" *` : `bi : "${bigrams(chars).join(' ')}"`;
  });
  if (parts.length === 0) return null;
  if (kind) parts.unshift(`k : ${kind}`);
  return parts.join(' AND ');
}

export function upsertSearchDoc(
  db: Database,
  kind: SearchKind,
  refId: string,
  projectId: string,
  fields: readonly (string | null)[],
): void {
  const found = stmt(db, 'SELECT docid FROM search_docs WHERE kind = ? AND ref_id = ?').get(kind, refId) as
    { docid: number } | undefined;
  let docid: number;
  if (found) {
    docid = found.docid;
    stmt(db, 'DELETE FROM search_fts WHERE rowid = ?').run(docid);
    stmt(db, 'UPDATE search_docs SET project_id = ? WHERE docid = ?').run(projectId, docid);
  } else {
    const info = stmt(db, 'INSERT INTO search_docs (kind, ref_id, project_id) VALUES (?, ?, ?)').run(
      kind,
      refId,
      projectId,
    );
    docid = Number(info.lastInsertRowid);
  }
  stmt(db, 'INSERT INTO search_fts (rowid, k, bi) VALUES (?, ?, ?)').run(docid, kind, indexText(fields));
}

export function removeSearchDoc(db: Database, kind: SearchKind, refId: string): void {
  const found = stmt(db, 'SELECT docid FROM search_docs WHERE kind = ? AND ref_id = ?').get(kind, refId) as
    { docid: number } | undefined;
  if (!found) return;
  stmt(db, 'DELETE FROM search_fts WHERE rowid = ?').run(found.docid);
  stmt(db, 'DELETE FROM search_docs WHERE docid = ?').run(found.docid);
}

export const projectSearchFields = (r: Row): (string | null)[] =>
  ['code', 'name', 'owner_company', 'district', 'industry', 'location'].map((c) => strOrNull(r[c]));
export const problemSearchFields = (r: Row): (string | null)[] =>
  ['description', 'lead_unit'].map((c) => strOrNull(r[c]));

/** Brings the index in line with the stored row (removed when the row is deleted). */
export function reindexRecord(db: Database, table: RecordTable, rowId: string): void {
  if (table !== 'projects' && table !== 'problems') return;
  const kind: SearchKind = table === 'projects' ? 'project' : 'problem';
  const row = stmt(db, `SELECT * FROM ${table} WHERE id = ?`).get(rowId) as Row | undefined;
  if (!row || row['deleted'] === 1) {
    removeSearchDoc(db, kind, rowId);
    return;
  }
  const fields = kind === 'project' ? projectSearchFields(row) : problemSearchFields(row);
  upsertSearchDoc(db, kind, rowId, kind === 'project' ? rowId : str(row['project_id']), fields);
}

/** SQL for "project id matches the query", for the project list's `query` filter. */
export function projectQueryClause(q: string): { sql: string; params: string[] } | null {
  const match = buildMatch(q, 'project');
  if (!match) return null;
  return {
    sql: `p.id IN (SELECT d.ref_id FROM search_fts JOIN search_docs d ON d.docid = search_fts.rowid
      WHERE search_fts MATCH ?)`,
    params: [match],
  };
}

function snippetOf(fields: readonly (string | null)[], q: string): string {
  const first = segments(q)[0] ?? '';
  for (const field of fields) {
    if (!field) continue;
    const text = field.normalize('NFKC');
    const at = text.toLowerCase().indexOf(first);
    if (at < 0) continue;
    const start = Math.max(0, at - 15);
    const end = Math.min(text.length, at + first.length + 30);
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  }
  return (fields.find((f) => f) ?? '').slice(0, 60);
}

/**
 * Projects first, best match (bm25) first; then problems, newest first. Ranking problems too
 * meant scoring every match: a common 2-character query (用地) matches ~10k of a province's
 * 150k problems and took ~100 ms. Walking the problems' doclist backwards stops at `limit`.
 */
const SEARCH_PROJECTS_SQL = `SELECT d.kind AS kind, d.ref_id AS refId FROM search_fts
  JOIN search_docs d ON d.docid = search_fts.rowid WHERE search_fts MATCH ? ORDER BY search_fts.rank LIMIT ?`;
const SEARCH_PROBLEMS_SQL = `SELECT d.kind AS kind, d.ref_id AS refId FROM search_fts
  JOIN search_docs d ON d.docid = search_fts.rowid WHERE search_fts MATCH ? ORDER BY search_fts.rowid DESC LIMIT ?`;

export function searchRecords(db: Database, q: string, limit: number): SearchHit[] {
  const projectMatch = buildMatch(q, 'project');
  const problemMatch = buildMatch(q, 'problem');
  if (!projectMatch || !problemMatch) return [];
  const docs = stmt(db, SEARCH_PROJECTS_SQL).all(projectMatch, limit) as { kind: SearchKind; refId: string }[];
  if (docs.length < limit) {
    docs.push(
      ...(stmt(db, SEARCH_PROBLEMS_SQL).all(problemMatch, limit - docs.length) as {
        kind: SearchKind;
        refId: string;
      }[]),
    );
  }
  const hits: SearchHit[] = [];
  for (const d of docs) {
    if (d.kind === 'project') {
      const r = stmt(db, 'SELECT * FROM projects WHERE id = ? AND deleted = 0').get(d.refId) as Row | undefined;
      if (!r) continue;
      const title = `${str(r['code'])} ${str(r['name'])}`;
      hits.push({
        kind: 'project',
        id: d.refId,
        projectId: d.refId,
        title,
        snippet: snippetOf(projectSearchFields(r), q),
      });
    } else {
      const r = stmt(db, 'SELECT * FROM problems WHERE id = ? AND deleted = 0').get(d.refId) as Row | undefined;
      if (!r) continue;
      const description = str(r['description']);
      const title = description.length > 40 ? `${description.slice(0, 40)}…` : description;
      hits.push({
        kind: 'problem',
        id: d.refId,
        projectId: str(r['project_id']),
        title,
        snippet: snippetOf(problemSearchFields(r), q),
      });
    }
  }
  return hits;
}
