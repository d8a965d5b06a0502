-- The patrols to evaluate, into the transaction's temp table patrol_evaluating: $1 their ids, or
-- NULL for every stale one, i.e. evaluated with other versions and rules than $2 (jsonb) or never.
-- day: the patrol date, the Kunming calendar day the patrol started on (UTC+8).
INSERT INTO patrol_evaluating (id, chief_id, day, geom, times, started_at, ended_at)
SELECT p.id, p.chief_id, (p.started_at AT TIME ZONE 'Asia/Shanghai')::date, p.geom, p.times, p.started_at, p.ended_at
  FROM patrols p
 WHERE CASE WHEN $1::bigint[] IS NULL THEN p.evaluated_with IS DISTINCT FROM $2::jsonb ELSE p.id = ANY ($1::bigint[]) END
