-- Public reports (举报, seed §6(五)): one set of statuses (received → assigned → resolved), a category from a fixed list, where each report was routed (chief, office, oversight body), and the history of every status change.

-- The statuses before this migration map one to one: open → received, in_progress → assigned,
-- closed → resolved. A report stored without a status has been received all the same. Each
-- report's history (below) starts with the status it was migrated to, naming the old one.
ALTER TABLE reports DROP CONSTRAINT reports_status_check;

-- Every status a report has taken, with who set it and when. No foreign key to reports: a layer
-- replaced by an import must not cascade into other tables (migration 002), nor be slowed into
-- a copy (server/load/layer-swap.sql).
CREATE TABLE report_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'assigned', 'resolved')),
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  note text
);
CREATE INDEX report_history_report_idx ON report_history (report_id, at, id);

WITH old AS (SELECT id, status FROM reports),
moved AS (
  UPDATE reports r
     SET status = CASE old.status WHEN 'in_progress' THEN 'assigned' WHEN 'closed' THEN 'resolved' ELSE 'received' END
    FROM old WHERE old.id = r.id
  RETURNING r.id, r.status, old.status AS was
)
INSERT INTO report_history (report_id, status, actor, note)
SELECT id, status, 'migration 015', 'status before migration 015: ' || coalesce(was, 'none') FROM moved ORDER BY id;

ALTER TABLE reports ADD CONSTRAINT reports_status_check CHECK (status IN ('received', 'assigned', 'resolved'));
ALTER TABLE reports ALTER COLUMN status SET DEFAULT 'received';

-- The categories of the public's complaints (the 乱占、乱采、乱堆、乱建 and pollution of the seed's
-- tasks §4(二)-(四)); their Chinese titles are server/reports/categories.ts.
ALTER TABLE reports
  ADD COLUMN category text CHECK (category IN ('pollution', 'dumping', 'encroachment', 'sand_mining', 'outfall', 'other'));

-- Where the report was routed when it was made (server/reports/route-report.ts): the chief's
-- level and the scope they hold it by, the office's code (its name is the existing `office`) and
-- the oversight body. Kept as routed: a later change of chief does not move an old report.
ALTER TABLE reports
  ADD COLUMN chief_level text CHECK (chief_level IN ('city', 'county', 'township', 'village', 'village_group')),
  ADD COLUMN chief_scope_kind text CHECK (chief_scope_kind IN ('reach', 'area', 'lake')),
  ADD COLUMN chief_scope_code text,
  ADD COLUMN office_code text,
  ADD COLUMN oversight text;

-- GET /api/reports filters by time.
CREATE INDEX reports_reported_at_idx ON reports (reported_at);

-- A stable code for each office of basin_rules (migration 007), for clients that route by code.
ALTER TABLE basin_rules ADD COLUMN office_code text;
UPDATE basin_rules SET office_code = CASE governance WHEN 'dianchi' THEN 'dianchi' ELSE 'city' END;
ALTER TABLE basin_rules ALTER COLUMN office_code SET NOT NULL;

