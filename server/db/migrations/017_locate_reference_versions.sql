-- The locate index (issue 14) also reads two reference tables: basin_rules (the regimes
-- basin_governance() joins: authority, office, oversight) and chief_ranks (the order of the chiefs
-- on duty). An edit to either must move a data version, as an edit to a layer does, or an index
-- built before it would go on answering with the old rule.
SELECT track_data_version('basin_rules'::regclass);
SELECT track_data_version('chief_ranks'::regclass);
