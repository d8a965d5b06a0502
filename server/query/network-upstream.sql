-- Upstream trace: every reach draining into the start reach (to_node = from_node, recursively). UNION, not UNION ALL, keeps each reach once, so loops through canals end.
WITH RECURSIVE net(id, from_node, to_node) AS (
  SELECT id, from_node, to_node FROM reaches WHERE id = $1::bigint
  UNION
  SELECT r.id, r.from_node, r.to_node FROM net n JOIN reaches r ON r.to_node = n.from_node
)
SELECT r.id, r.code, r.name, r.river_code, r.from_node, r.to_node, ST_Length(r.geom::geography) AS length_m
  FROM net JOIN reaches r ON r.id = net.id
