-- The seed's regimes (basin_rules, migration 007), which basin_governance() joins.
SELECT governance, authority, office, oversight, source FROM basin_rules
