-- The coverage of the patrols being evaluated goes, to be computed again.
DELETE FROM patrol_coverage c USING patrol_evaluating e WHERE c.patrol_id = e.id
