-- Whether any patrol is stale: never evaluated, or with other versions and rules than $1 (jsonb).
SELECT EXISTS (SELECT 1 FROM patrols WHERE evaluated_with IS DISTINCT FROM $1::jsonb) AS stale
