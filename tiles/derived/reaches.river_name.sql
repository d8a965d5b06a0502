-- A reach's river name for its label: a reach holds only its river's code, the rivers table the name.
SELECT r.name FROM rivers r WHERE r.code = f.river_code
