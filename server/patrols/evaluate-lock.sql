-- One evaluation of stale patrols at a time (held to the end of the transaction): two at once
-- would both replace the same patrols' coverage, and the second insert would collide with the
-- first's rows. The one that waits then finds nothing stale. The key is arbitrary and fixed.
SELECT pg_advisory_xact_lock(7213013001)
