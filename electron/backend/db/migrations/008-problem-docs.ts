import type { Migration } from './types';

/**
 * The problem list with free text at province scale. A common 2-character query matches ~30k of
 * 150k problems; going from each FTS hit (a search docid) through search_docs.ref_id to the
 * problem row costs ~0.6 µs (two text-key seeks), ~20 ms for the hits alone. `problem_docs`
 * keeps, under the problem's search docid, the columns the list filters and sorts on, so a hit
 * is one integer seek on a narrow table in doclist order (~0.15 µs).
 *
 * A row exists while both the problem and its search document do, whichever is written first;
 * triggers on both tables keep it (snapshot import, sync, local edits, scope removal alike).
 */
const COLUMNS = 'id, project_id, visit_id, status, category, handling_level, lead_unit, deadline, raised_on, deleted';
const FROM_NEW = COLUMNS.split(', ')
  .map((c) => `new.${c}`)
  .join(', ');

const SQL = `
CREATE TABLE problem_docs (
  docid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  visit_id TEXT,
  status TEXT NOT NULL,
  category TEXT NOT NULL,
  handling_level TEXT NOT NULL,
  lead_unit TEXT,
  deadline TEXT,
  raised_on TEXT NOT NULL,
  deleted INTEGER NOT NULL
) STRICT;
INSERT INTO problem_docs (docid, ${COLUMNS})
  SELECT d.docid, ${COLUMNS.split(', ')
    .map((c) => `pr.${c}`)
    .join(', ')}
  FROM search_docs d JOIN problems pr ON pr.id = d.ref_id WHERE d.kind = 'problem';

CREATE TRIGGER problem_docs_doc_insert AFTER INSERT ON search_docs WHEN new.kind = 'problem' BEGIN
  INSERT OR REPLACE INTO problem_docs (docid, ${COLUMNS})
    SELECT new.docid, ${COLUMNS} FROM problems WHERE id = new.ref_id;
END;
CREATE TRIGGER problem_docs_doc_update AFTER UPDATE OF docid, kind, ref_id ON search_docs BEGIN
  DELETE FROM problem_docs WHERE docid = old.docid;
  INSERT OR REPLACE INTO problem_docs (docid, ${COLUMNS})
    SELECT new.docid, ${COLUMNS} FROM problems WHERE new.kind = 'problem' AND id = new.ref_id;
END;
CREATE TRIGGER problem_docs_doc_delete AFTER DELETE ON search_docs WHEN old.kind = 'problem' BEGIN
  DELETE FROM problem_docs WHERE docid = old.docid;
END;

CREATE TRIGGER problem_docs_row_insert AFTER INSERT ON problems BEGIN
  INSERT OR REPLACE INTO problem_docs (docid, ${COLUMNS})
    SELECT d.docid, ${FROM_NEW} FROM search_docs d WHERE d.kind = 'problem' AND d.ref_id = new.id;
END;
CREATE TRIGGER problem_docs_row_update AFTER UPDATE OF ${COLUMNS} ON problems BEGIN
  DELETE FROM problem_docs WHERE old.id IS NOT new.id
    AND docid IN (SELECT docid FROM search_docs WHERE kind = 'problem' AND ref_id = old.id);
  INSERT OR REPLACE INTO problem_docs (docid, ${COLUMNS})
    SELECT d.docid, ${FROM_NEW} FROM search_docs d WHERE d.kind = 'problem' AND d.ref_id = new.id;
END;
CREATE TRIGGER problem_docs_row_delete AFTER DELETE ON problems BEGIN
  DELETE FROM problem_docs WHERE docid IN (SELECT docid FROM search_docs WHERE kind = 'problem' AND ref_id = old.id);
END;
`;

export const migration008: Migration = {
  version: 8,
  name: 'problem-docs',
  up(db) {
    db.exec(SQL);
  },
};
